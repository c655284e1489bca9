import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, onTestFinished, vi } from 'vitest'
import { openWorkspace, type Workspace } from '../../electron/services/workspace/workspace.js'

const TEMPLATE = '---\nname: Hello\ndialect: braze\n---\n{"hello": "{{${first_name} | json_escape}}"}\n'

/** An empty workspace in a temp folder (just `templates/`, like a fresh clone). */
async function emptyWorkspace(): Promise<{ dir: string; workspace: Workspace }> {
  const dir = await mkdtemp(join(tmpdir(), 'hookbench-ws-'))
  onTestFinished(() => rm(dir, { recursive: true, force: true }))
  await mkdir(join(dir, 'templates'))
  return { dir, workspace: await openWorkspace(dir) }
}

describe('list', () => {
  it('lists a corrupt file with located errors and leaves its bytes alone', async () => {
    const { dir, workspace } = await emptyWorkspace()
    const broken = '{\n  "external_id": "u1",\n  "email": 42,\n}\n'
    await mkdir(join(dir, 'samples', 'braze-users'), { recursive: true })
    await writeFile(join(dir, 'samples/braze-users/broken.json'), broken)
    await writeFile(join(dir, 'templates/unclosed.liquid'), '---\nname: x\n{"a": 1}\n')
    await writeFile(join(dir, 'templates/good.liquid'), TEMPLATE)

    const listing = await workspace.list()
    expect(listing['braze-user']).toEqual([
      {
        kind: 'braze-user',
        name: 'broken',
        path: 'samples/braze-users/broken.json',
        hash: expect.stringMatching(/^[0-9a-f]{64}$/),
        diagnostics: [expect.objectContaining({ severity: 'error', code: 'sample-json', line: 4, file: 'samples/braze-users/broken.json' })],
      },
    ])
    expect(listing.template.map((t) => [t.name, t.diagnostics.map((d) => d.code)])).toEqual([
      ['good', []],
      ['unclosed', ['front-matter-unclosed']],
    ])
    expect(await readFile(join(dir, 'samples/braze-users/broken.json'), 'utf8')).toBe(broken)
  })

  it('reports Liquid syntax errors of templates and content blocks, and bad environments', async () => {
    const { dir, workspace } = await emptyWorkspace()
    await writeFile(join(dir, 'templates/if.liquid'), '{% if x %}open')
    await mkdir(join(dir, 'content-blocks'))
    await writeFile(join(dir, 'content-blocks/footer.liquid'), 'line one\n{% for x in y %}')
    await mkdir(join(dir, 'environments'))
    await writeFile(join(dir, 'environments/prod.json'), '{"kind": "production",\n "allowedHosts": [], "secrets": "token"}')
    const listing = await workspace.list()
    expect(listing.template[0]!.diagnostics[0]).toMatchObject({ severity: 'error', line: 1 })
    expect(listing['content-block'][0]!.diagnostics[0]).toMatchObject({ severity: 'error', line: 2, file: 'content-blocks/footer.liquid' })
    expect(listing.environment[0]!.diagnostics).toEqual([expect.objectContaining({ severity: 'error', line: 2, message: expect.stringContaining('"secrets"') })])
  })

  it('lists files that are not UTF-8 as unreadable and refuses to read or save them', async () => {
    const { dir, workspace } = await emptyWorkspace()
    const latin1 = Buffer.from([0x7b, 0x22, 0xe9, 0x22, 0x7d])
    await writeFile(join(dir, 'templates/latin1.liquid'), latin1)
    const [item] = (await workspace.list()).template
    expect(item!.diagnostics).toEqual([expect.objectContaining({ code: 'file-encoding' })])
    await expect(workspace.read('template', 'latin1')).rejects.toMatchObject({ code: 'unreadable' })
    await expect(workspace.save('template', 'latin1', 'x', item!.hash!)).rejects.toMatchObject({ code: 'unreadable' })
    expect(await readFile(join(dir, 'templates/latin1.liquid'))).toEqual(latin1)
  })

  it.skipIf(process.getuid?.() === 0 || process.platform === 'win32')('lists a file it may not read, without a hash, and never writes it', async () => {
    const { dir, workspace } = await emptyWorkspace()
    const file = join(dir, 'templates/private.liquid')
    await writeFile(file, TEMPLATE)
    await chmod(file, 0o000)
    onTestFinished(() => chmod(file, 0o644))
    const [item] = (await workspace.list()).template
    expect(item).toMatchObject({ hash: null, diagnostics: [expect.objectContaining({ code: 'file-unreadable' })] })
    await expect(workspace.save('template', 'private', 'x', 'any')).rejects.toMatchObject({ code: 'unreadable' })
  })

  it.skipIf(process.platform === 'win32')('lists an entry it cannot read as a file (a link to a folder) and never writes it', async () => {
    const { dir, workspace } = await emptyWorkspace()
    await mkdir(join(dir, 'elsewhere'))
    await symlink(join(dir, 'elsewhere'), join(dir, 'templates/linked.liquid'))
    const [item] = (await workspace.list()).template
    expect(item).toMatchObject({ name: 'linked', hash: null, diagnostics: [expect.objectContaining({ code: 'file-unreadable' })] })
    await expect(workspace.save('template', 'linked', 'x', 'any')).rejects.toMatchObject({ code: 'unreadable' })
    expect(await readdir(join(dir, 'elsewhere'))).toEqual([])
  })

  it('skips hidden files, leftovers of interrupted writes, folders and other extensions', async () => {
    const { dir, workspace } = await emptyWorkspace()
    await writeFile(join(dir, 'templates/.a.liquid.3f2a.tmp'), 'half')
    await writeFile(join(dir, 'templates/.hidden.liquid'), TEMPLATE)
    await writeFile(join(dir, 'templates/notes.txt'), 'x')
    await mkdir(join(dir, 'templates/sub.liquid'))
    await writeFile(join(dir, 'templates/t10.liquid'), TEMPLATE)
    await writeFile(join(dir, 'templates/t2.liquid'), TEMPLATE)
    expect((await workspace.list()).template.map((t) => t.name)).toEqual(['t2', 't10'])
  })
})

describe('read, create and save', () => {
  it('reads text with the hash of the bytes on disk', async () => {
    const { workspace } = await emptyWorkspace()
    const created = await workspace.create('template', 'hello', TEMPLATE)
    const read = await workspace.read('template', 'hello')
    expect(read).toEqual({ kind: 'template', name: 'hello', path: 'templates/hello.liquid', text: TEMPLATE, hash: created.hash })
    await expect(workspace.read('template', 'missing')).rejects.toMatchObject({ code: 'not-found', message: expect.stringContaining('templates/missing.liquid') })
  })

  it('creates missing folders and refuses a name already taken, in any letter case', async () => {
    const { dir, workspace } = await emptyWorkspace()
    await workspace.create('environment', 'Staging', '{}')
    expect(await readdir(join(dir, 'environments'))).toEqual(['Staging.json'])
    await expect(workspace.create('environment', 'Staging', '{"x": 1}')).rejects.toMatchObject({ code: 'exists', existingName: 'Staging' })
    await expect(workspace.create('environment', 'staging', '{}')).rejects.toMatchObject({
      code: 'exists',
      message: expect.stringContaining('letter case'),
    })
    expect(await readFile(join(dir, 'environments/Staging.json'), 'utf8')).toBe('{}')
  })

  it('saves over the version it was given and returns the new hash', async () => {
    const { dir, workspace } = await emptyWorkspace()
    const { hash } = await workspace.create('template', 'hello', TEMPLATE)
    const saved = await workspace.save('template', 'hello', `${TEMPLATE}\n`, hash)
    expect(saved.hash).not.toBe(hash)
    expect(await readFile(join(dir, 'templates/hello.liquid'), 'utf8')).toBe(`${TEMPLATE}\n`)
    expect((await workspace.read('template', 'hello')).hash).toBe(saved.hash)
  })

  it('refuses to save over a file changed on disk since it was read, naming the file', async () => {
    const { dir, workspace } = await emptyWorkspace()
    const { hash } = await workspace.create('template', 'hello', TEMPLATE)
    await writeFile(join(dir, 'templates/hello.liquid'), 'changed by git pull')
    await expect(workspace.save('template', 'hello', 'my edit', hash)).rejects.toMatchObject({
      code: 'conflict',
      path: 'templates/hello.liquid',
      message: expect.stringContaining('templates/hello.liquid changed on disk'),
    })
    expect(await readFile(join(dir, 'templates/hello.liquid'), 'utf8')).toBe('changed by git pull')
  })

  it('refuses to save a file deleted since it was read, instead of recreating it', async () => {
    const { dir, workspace } = await emptyWorkspace()
    const { hash } = await workspace.create('template', 'hello', TEMPLATE)
    await rm(join(dir, 'templates/hello.liquid'))
    await expect(workspace.save('template', 'hello', 'edit', hash)).rejects.toMatchObject({ code: 'not-found' })
    expect(await readdir(join(dir, 'templates'))).toEqual([])
  })

  it('saves text that does not parse: a half-written template is the user\'s to keep', async () => {
    const { workspace } = await emptyWorkspace()
    const { hash } = await workspace.create('template', 'hello', TEMPLATE)
    await workspace.save('template', 'hello', '{% if unfinished', hash)
    const [item] = (await workspace.list()).template
    expect(item!.diagnostics.length).toBeGreaterThan(0)
    expect((await workspace.read('template', 'hello')).text).toBe('{% if unfinished')
  })

  it('keeps the permissions of the file it replaces', async () => {
    const { dir, workspace } = await emptyWorkspace()
    const { hash } = await workspace.create('environment', 'prod', '{}')
    await chmod(join(dir, 'environments/prod.json'), 0o600)
    await workspace.save('environment', 'prod', '{"variables": {}}', hash)
    if (process.platform !== 'win32') expect((await stat(join(dir, 'environments/prod.json'))).mode & 0o777).toBe(0o600)
  })
})

describe('names', () => {
  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['../escape', 'dot'],
    ['a/b', 'path separator'],
    ['a\\b', 'path separator'],
    ['.hidden', 'dot'],
    ['trailing.', 'end with a dot'],
    [' padded', 'space'],
    ['CON', 'reserved'],
    ['lpt1', 'reserved'],
    ['what?', 'character ?'],
    ['tab\there', 'control'],
    ['x'.repeat(101), 'at most 100'],
  ])('refuses %j (%s) and writes nothing', async (name, why) => {
    const { dir, workspace } = await emptyWorkspace()
    await expect(workspace.create('template', name, TEMPLATE)).rejects.toMatchObject({ code: 'invalid-name', message: expect.stringContaining(why) })
    expect(await readdir(join(dir, 'templates'))).toEqual([])
  })

  it('refuses path tricks in every operation', async () => {
    const { workspace } = await emptyWorkspace()
    await workspace.create('template', 'ok', TEMPLATE)
    await expect(workspace.read('template', '../../etc/passwd')).rejects.toMatchObject({ code: 'invalid-name' })
    await expect(workspace.save('template', '../x', 'x', 'h')).rejects.toMatchObject({ code: 'invalid-name' })
    await expect(workspace.rename('template', 'ok', 'sub/ok')).rejects.toMatchObject({ code: 'invalid-name' })
    await expect(workspace.delete('template', '..')).rejects.toMatchObject({ code: 'invalid-name' })
  })

  it('accepts spaces, unicode and dots inside names, but content block names must suit Liquid', async () => {
    const { workspace } = await emptyWorkspace()
    await workspace.create('template', 'Ticket → Braze v1.2 (ü)', TEMPLATE)
    await workspace.create('content-block', 'order_defaults-2', '')
    await expect(workspace.create('content-block', 'order defaults', '')).rejects.toMatchObject({ code: 'invalid-name' })
  })
})

describe('rename, duplicate and delete', () => {
  it('renames, refusing a taken name, and allows a change of letter case', async () => {
    const { dir, workspace } = await emptyWorkspace()
    await workspace.create('template', 'a', TEMPLATE)
    await workspace.create('template', 'b', 'b')
    await expect(workspace.rename('template', 'a', 'b')).rejects.toMatchObject({ code: 'exists' })
    await expect(workspace.rename('template', 'a', 'B')).rejects.toMatchObject({ code: 'exists' })
    expect(await workspace.rename('template', 'a', 'c')).toEqual({ kind: 'template', name: 'c', path: 'templates/c.liquid' })
    expect(await workspace.rename('template', 'c', 'C')).toMatchObject({ name: 'C' })
    expect((await readdir(join(dir, 'templates'))).sort()).toEqual(['C.liquid', 'b.liquid'])
    expect(await readFile(join(dir, 'templates/C.liquid'), 'utf8')).toBe(TEMPLATE)
    await expect(workspace.rename('template', 'missing', 'd')).rejects.toMatchObject({ code: 'not-found' })
  })

  it('duplicates byte for byte under `name copy`, `name copy 2` …', async () => {
    const { dir, workspace } = await emptyWorkspace()
    const bytes = Buffer.from('\uFEFF{"x": "é"}\r\n', 'utf8')
    await mkdir(join(dir, 'samples/zendesk-tickets'), { recursive: true })
    await writeFile(join(dir, 'samples/zendesk-tickets/t.json'), bytes)
    expect(await workspace.duplicate('zendesk-ticket', 't')).toMatchObject({ name: 't copy' })
    expect(await workspace.duplicate('zendesk-ticket', 't')).toMatchObject({ name: 't copy 2' })
    // Duplicating a copy continues the series instead of stacking "copy copy".
    expect(await workspace.duplicate('zendesk-ticket', 't copy')).toMatchObject({ name: 't copy 3' })
    expect(await readFile(join(dir, 'samples/zendesk-tickets/t copy 3.json'))).toEqual(bytes)
    await workspace.create('content-block', 'footer', 'x')
    expect(await workspace.duplicate('content-block', 'footer')).toMatchObject({ name: 'footer_copy' })
    expect(await workspace.duplicate('content-block', 'footer')).toMatchObject({ name: 'footer_copy_2' })
  })

  it('deletes into .hookbench/trash/, keeping the file and its path', async () => {
    const { dir, workspace } = await emptyWorkspace()
    await workspace.create('template', 'gone', TEMPLATE)
    const first = await workspace.delete('template', 'gone')
    expect(first.trashPath).toMatch(/^\.hookbench\/trash\/\d{4}-\d\d-\d\dT[\d-]+Z\/templates\/gone\.liquid$/)
    expect(await readFile(join(dir, first.trashPath), 'utf8')).toBe(TEMPLATE)
    expect((await workspace.list()).template).toEqual([])
    // Deleting the same name again within the same millisecond keeps both versions.
    vi.useFakeTimers({ toFake: ['Date'], now: new Date(first.trashPath.split('/')[2]!.replace(/T(\d+)-(\d+)-(\d+)-(\d+)Z/, 'T$1:$2:$3.$4Z')) })
    onTestFinished(() => void vi.useRealTimers())
    await workspace.create('template', 'gone', 'second')
    const second = await workspace.delete('template', 'gone')
    expect(second.trashPath).toBe(first.trashPath.replace(/Z\//, 'Z-2/'))
    expect(await readFile(join(dir, second.trashPath), 'utf8')).toBe('second')
    await expect(workspace.delete('template', 'gone')).rejects.toMatchObject({ code: 'not-found' })
  })
})
