/**
 * Bad input, verified for the services: a workspace full of damaged files (the real fixtures,
 * mutated; some not UTF-8 at all; odd names, links and folders where files should be) is listed,
 * read and saved. Nothing may throw but the refusals the API promises, every problem must point
 * inside its file, and no byte may change unless a save asked for it. Environment files get the
 * same treatment through `parseEnvironment`.
 */
import { createHash } from 'node:crypto'
import { lstat, mkdir, mkdtemp, readdir, readFile, readlink, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, onTestFinished } from 'vitest'
import { decodeUtf8 } from '../../electron/services/fs/content.js'
import { isWorkspaceError, openWorkspace, type Workspace, type WorkspaceItem } from '../../electron/services/workspace/index.js'
import { parseEnvironment } from '../../shared/environment/model.js'
import { itemPath, ITEM_KINDS, KIND_LAYOUT, type ItemKind } from '../../shared/workspace/layout.js'
import { breakUtf8, locationCheck, mutate, mutateJsonValue, Random } from '../support/fuzz.js'

const ROOT = join(import.meta.dirname, '..', '..')
const SEED = Number(process.env.HOOKBENCH_FUZZ_SEED ?? 20_251_125) + 200_000
const FILES_PER_KIND = 30
/** Real saves fsync; a handful shows they write exactly what was asked. */
const REAL_SAVES = 12
const ENVIRONMENT_CASES = 1000
const FUZZ_TIMEOUT_MS = 60_000

const EXAMPLES = 'electron/services/workspace/examples'
const FIXTURES: Record<ItemKind, string[]> = {
  template: ['test/fixtures/workspace/templates', 'test/fixtures/broken', `${EXAMPLES}/templates`],
  'braze-user': ['test/fixtures/workspace/samples/braze-users', `${EXAMPLES}/samples/braze-users`],
  'zendesk-ticket': ['test/fixtures/workspace/samples/zendesk-tickets', 'test/fixtures/zendesk', `${EXAMPLES}/samples/zendesk-tickets`],
  'content-block': ['test/fixtures/workspace/content-blocks', `${EXAMPLES}/content-blocks`],
  environment: [`${EXAMPLES}/environments`],
}

async function fixtureTexts(kind: ItemKind): Promise<string[]> {
  const { extension } = KIND_LAYOUT[kind]
  const texts = await Promise.all(
    FIXTURES[kind].map(async (dir) => {
      const names = (await readdir(join(ROOT, dir))).filter((n) => n.endsWith(extension))
      return Promise.all(names.map((n) => readFile(join(ROOT, dir, n), 'utf8')))
    }),
  )
  return texts.flat()
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')
const BOM = Uint8Array.of(0xef, 0xbb, 0xbf)
/** Names a person or another tool may give files; all address an item. */
const NAME_SHAPES = [(n: number) => `case-${n}`, (n: number) => `Ünïcødé ${n}`, (n: number) => `with  spaces ${n}`, (n: number) => `dots.in.name.${n}`, (n: number) => `${n}`]

/** A damaged version of a fixture, as bytes: mutated text, sometimes with a BOM, sometimes not UTF-8 at all. */
function damagedBytes(text: string, kind: ItemKind, random: Random): Uint8Array {
  const json = KIND_LAYOUT[kind].extension === '.json'
  const mutated = json && random.chance(0.4) ? JSON.stringify(mutateJsonValue(JSON.parse(text), random), null, 2) : mutate(text, random).text
  let bytes: Uint8Array = Buffer.from(mutated, 'utf8')
  if (random.chance(0.1)) bytes = Uint8Array.from([...BOM, ...bytes])
  if (random.chance(0.15)) bytes = breakUtf8(bytes, random)
  return bytes
}

/** Every file, link and folder under `dir`, with its bytes or link target: what "nothing changed" compares. */
async function snapshot(dir: string, prefix = ''): Promise<Map<string, string>> {
  const out = new Map<string, string>()
  for (const entry of await readdir(join(dir, prefix), { withFileTypes: true })) {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name
    const stat = await lstat(join(dir, path))
    if (stat.isSymbolicLink()) out.set(path, `link → ${await readlink(join(dir, path))}`)
    else if (stat.isDirectory()) for (const [p, v] of await snapshot(dir, path)) out.set(p, v)
    else out.set(path, sha256(await readFile(join(dir, path))))
  }
  return out
}

interface Damaged {
  kind: ItemKind
  name: string
  bytes: Uint8Array
  applied: string
}

/** A workspace of damaged copies of every fixture, plus things that are not items at all. */
async function damagedWorkspace(): Promise<{ dir: string; files: Damaged[] }> {
  const dir = await mkdtemp(join(tmpdir(), 'hookbench-fuzz-'))
  onTestFinished(() => rm(dir, { recursive: true, force: true }))
  const files: Damaged[] = []
  for (const [k, kind] of ITEM_KINDS.entries()) {
    const texts = await fixtureTexts(kind)
    await mkdir(join(dir, KIND_LAYOUT[kind].folder), { recursive: true })
    for (let n = 0; n < FILES_PER_KIND; n++) {
      const seed = SEED + k * 1000 + n
      const random = new Random(seed)
      const name = random.pick(NAME_SHAPES)(n)
      const bytes = n === 0 ? new Uint8Array() : damagedBytes(random.pick(texts), kind, random)
      files.push({ kind, name, bytes, applied: `seed ${seed}` })
      await writeFile(join(dir, itemPath(kind, name)), bytes)
    }
  }
  // Not items: hidden and temporary files, other extensions, a folder and links where files should be.
  await writeFile(join(dir, 'templates/.half-written.liquid.0a1b2c.tmp'), '{{')
  await writeFile(join(dir, 'templates/.hidden.liquid'), '{{')
  await writeFile(join(dir, 'templates/notes.txt'), Uint8Array.of(0xff, 0xfe))
  await mkdir(join(dir, 'templates/folder.liquid'))
  await symlink('nowhere.liquid', join(dir, 'templates/dangling.liquid'))
  await symlink('loop.liquid', join(dir, 'templates/loop.liquid'))
  await symlink('../samples', join(dir, 'content-blocks/a-folder.liquid'))
  return { dir, files }
}

/** Problems of one listed item: unlocated diagnostics, or diagnostics naming another file. */
function itemProblems(item: WorkspaceItem, bytes: Uint8Array | undefined): string[] {
  const text = bytes === undefined ? '' : (decodeUtf8(bytes) ?? '')
  const located = locationCheck(text)
  const problems = item.diagnostics.flatMap((d) => (d.file === item.path ? (located(d) ?? []) : [`${d.code} names ${d.file}`]))
  if (bytes !== undefined && item.hash !== sha256(bytes)) problems.push(`hash ${item.hash} is not the hash of the file`)
  return problems
}

/** Reads every item: text exactly as on disk (less a BOM) for UTF-8 files, a refusal for the others. */
async function readProblems(workspace: Workspace, item: WorkspaceItem, bytes: Uint8Array | undefined): Promise<string[]> {
  const text = bytes === undefined ? undefined : decodeUtf8(bytes)
  try {
    const content = await workspace.read(item.kind, item.name)
    if (text === undefined) return ['a file that is not UTF-8 text was read']
    if (content.text !== text || content.hash !== sha256(bytes!)) return ['read gave other text or hash than the file holds']
    return []
  } catch (err) {
    if (text === undefined && isWorkspaceError(err, 'unreadable')) return []
    if (bytes === undefined && isWorkspaceError(err)) return []
    return [`read threw ${err instanceof Error ? err.message : String(err)}`]
  }
}

describe('the workspace on damaged files', () => {
  it(`lists and reads ${FILES_PER_KIND * ITEM_KINDS.length} damaged files, each problem located, without changing a byte`, async () => {
    const { dir, files } = await damagedWorkspace()
    const before = await snapshot(dir)
    const workspace = await openWorkspace(dir)
    const listing = await workspace.list()

    const byPath = new Map(files.map((f) => [itemPath(f.kind, f.name), f]))
    const failures: string[] = []
    for (const kind of ITEM_KINDS) {
      for (const item of listing[kind]) {
        const damaged = byPath.get(item.path)
        const label = `${item.path}${damaged ? ` (${damaged.applied})` : ''}`
        failures.push(...itemProblems(item, damaged?.bytes).map((p) => `${label}: ${p}`))
        failures.push(...(await readProblems(workspace, item, damaged?.bytes)).map((p) => `${label}: ${p}`))
      }
    }
    expect(failures).toEqual([])
    // Every damaged file is listed once; of the rest, only the links that look like items are.
    const listed = ITEM_KINDS.flatMap((kind) => listing[kind].map((i) => i.path)).sort()
    expect(listed).toEqual([...byPath.keys(), 'templates/dangling.liquid', 'templates/loop.liquid', 'content-blocks/a-folder.liquid'].sort())
    for (const path of ['templates/dangling.liquid', 'templates/loop.liquid', 'content-blocks/a-folder.liquid']) {
      const item = ITEM_KINDS.flatMap((kind) => listing[kind]).find((i) => i.path === path)
      expect(item).toMatchObject({ hash: null, diagnostics: [expect.objectContaining({ code: 'file-unreadable', line: 1, column: 1 })] })
    }
    // Listing again takes the cached answers for unchanged files: the same listing.
    expect(await workspace.list()).toEqual(listing)
    expect(await snapshot(dir)).toEqual(before)
  }, FUZZ_TIMEOUT_MS)

  it('saves only what it is asked to, refuses stale and unreadable files, and leaves every other byte alone', async () => {
    const { dir, files } = await damagedWorkspace()
    const before = await snapshot(dir)
    const workspace = await openWorkspace(dir)
    const random = new Random(SEED + 99_999)
    const changed = new Map<string, string>()
    let realSaves = 0
    for (const file of files) {
      const path = itemPath(file.kind, file.name)
      const hash = sha256(file.bytes)
      const text = decodeUtf8(file.bytes)
      if (text === undefined) {
        // Never decoded lossily, so never written back damaged.
        await expect(workspace.save(file.kind, file.name, 'replacement', hash)).rejects.toMatchObject({ code: 'unreadable' })
        continue
      }
      // The same text back: nothing to write (a BOM stays where it was).
      await expect(workspace.save(file.kind, file.name, text, hash)).resolves.toMatchObject({ hash })
      // Edited from an older version: refused, whatever the new text is.
      await expect(workspace.save(file.kind, file.name, `${text}!`, sha256(Buffer.from('older')))).rejects.toMatchObject({ code: 'conflict' })
      if (realSaves < REAL_SAVES && random.chance(0.3)) {
        realSaves++
        const edited = mutate(text, random).text
        const saved = await workspace.save(file.kind, file.name, edited, hash)
        const written = await readFile(join(dir, path))
        expect(written.equals(Buffer.from(edited, 'utf8')), `${path} (${file.applied}) holds exactly the saved text`).toBe(true)
        expect(saved.hash).toBe(sha256(written))
        changed.set(path, sha256(written))
      }
    }
    expect(realSaves).toBeGreaterThan(0)
    expect(await snapshot(dir)).toEqual(new Map([...before, ...changed]))
  }, FUZZ_TIMEOUT_MS)
})

describe('environment files on damaged input', () => {
  it(`parses ${ENVIRONMENT_CASES} damaged environment files without throwing, each problem located`, async () => {
    const [base] = await fixtureTexts('environment')
    const failures: string[] = []
    for (let n = 0; n < ENVIRONMENT_CASES; n++) {
      const seed = SEED + 10_000 + n
      const random = new Random(seed)
      const structural = random.chance(0.5)
      const text = structural ? JSON.stringify(mutateJsonValue(JSON.parse(base!), random), null, random.pick([0, 2])) : mutate(base!, random).text
      const path = 'environments/fuzz.json'
      try {
        const result = parseEnvironment(text, path, { now: new Date('2025-06-01T00:00:00Z') })
        const located = locationCheck(text)
        const problems = result.diagnostics.flatMap((d) => (d.file === path ? (located(d) ?? []) : [`${d.code} names ${d.file}`]))
        if (!result.environment && !result.diagnostics.some((d) => d.severity === 'error')) problems.push('no environment and no error')
        if (problems.length > 0) failures.push(`seed ${seed}: ${problems.join('; ')}`)
      } catch (err) {
        failures.push(`seed ${seed} threw ${err instanceof Error ? err.stack : String(err)}`)
      }
    }
    expect(failures).toEqual([])
  }, FUZZ_TIMEOUT_MS)
})
