/**
 * Atomic writes: a crash between writing the temporary file and renaming it over the target
 * must leave the original intact. node:fs/promises is wrapped so `rename` can be made to fail,
 * which is what a crash at that point looks like from the file system.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest'
import { writeFileAtomic } from '../../electron/services/fs/atomicWrite.js'
import { openWorkspace } from '../../electron/services/workspace/workspace.js'

const crash = vi.hoisted(() => ({ onRename: false }))

vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>()
  return {
    ...actual,
    rename: async (from: string, to: string) => {
      if (crash.onRename) throw Object.assign(new Error('EIO: simulated crash before rename'), { code: 'EIO' })
      return actual.rename(from, to)
    },
  }
})

afterEach(() => {
  crash.onRename = false
})

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'hookbench-atomic-'))
  onTestFinished(() => rm(dir, { recursive: true, force: true }))
  return dir
}

describe('writeFileAtomic', () => {
  it('replaces a file, leaving no temporary file behind', async () => {
    const dir = await tempDir()
    await writeFile(join(dir, 'a.json'), 'old')
    await writeFileAtomic(join(dir, 'a.json'), 'new')
    expect(await readFile(join(dir, 'a.json'), 'utf8')).toBe('new')
    expect(await readdir(dir)).toEqual(['a.json'])
  })

  it('keeps the original intact when the process dies between the temp write and the rename', async () => {
    const dir = await tempDir()
    await writeFile(join(dir, 'a.json'), 'original')
    crash.onRename = true
    await expect(writeFileAtomic(join(dir, 'a.json'), 'half of the new text')).rejects.toThrow('simulated crash')
    expect(await readFile(join(dir, 'a.json'), 'utf8')).toBe('original')
    expect(await readdir(dir)).toEqual(['a.json'])
  })

  it('in exclusive mode never replaces an existing file', async () => {
    const dir = await tempDir()
    await writeFile(join(dir, 'a.json'), 'theirs')
    await expect(writeFileAtomic(join(dir, 'a.json'), 'mine', { exclusive: true })).rejects.toMatchObject({ code: 'EEXIST' })
    expect(await readFile(join(dir, 'a.json'), 'utf8')).toBe('theirs')
    await writeFileAtomic(join(dir, 'b.json'), 'new', { exclusive: true })
    expect((await readdir(dir)).sort()).toEqual(['a.json', 'b.json'])
  })
})

describe('workspace saves', () => {
  it('a save that crashes before the rename loses nothing, and the next save works', async () => {
    const dir = await tempDir()
    await mkdir(join(dir, 'templates'))
    const workspace = await openWorkspace(dir)
    const { hash } = await workspace.create('template', 'hello', 'version 1')
    crash.onRename = true
    await expect(workspace.save('template', 'hello', 'version 2', hash)).rejects.toThrow('simulated crash')
    expect(await workspace.read('template', 'hello')).toMatchObject({ text: 'version 1', hash })
    crash.onRename = false
    await workspace.save('template', 'hello', 'version 2', hash)
    expect((await workspace.read('template', 'hello')).text).toBe('version 2')
  })

  it('ignores the hidden temporary file a real crash leaves behind', async () => {
    const dir = await tempDir()
    await mkdir(join(dir, 'templates'))
    await writeFile(join(dir, 'templates/hello.liquid'), 'version 1')
    await writeFile(join(dir, 'templates/.hello.liquid.a1b2c3d4e5f6.tmp'), 'version 2, half wri')
    const listing = await (await openWorkspace(dir)).list()
    expect(listing.template.map((t) => t.name)).toEqual(['hello'])
  })
})
