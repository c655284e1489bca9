/**
 * An open workspace: list, read, create, save, rename, duplicate and delete its items.
 *
 * Files are the truth and may change under us (git pull, another editor), so every write checks
 * the disk first: a save must name the hash of the version it replaces, nothing is replaced by a
 * create, rename or duplicate, and a file that could not be read is never written over. Every
 * write is atomic, and deleting moves the file to `.hookbench/trash/` so nothing is lost.
 */
import { mkdir, readdir, readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { Diagnostic } from '../../../shared/diagnostics.js'
import { inspectItem, type ItemFacts } from '../../../shared/workspace/inspect.js'
import {
  copyName,
  ITEM_KINDS,
  itemNameOf,
  itemPath,
  KIND_LAYOUT,
  nameKey,
  nameProblem,
  TRASH_DIR,
  unsafeNameProblem,
  WORKSPACE_MARKERS,
  type ItemKind,
} from '../../../shared/workspace/layout.js'
import { writeFileAtomic } from '../fs/atomicWrite.js'
import { contentHash, decodeUtf8, encodeUtf8 } from '../fs/content.js'
import { errnoCode } from '../fs/errors.js'
import { moveNoClobber } from '../fs/move.js'
import { isWorkspaceError, WorkspaceError } from './errors.js'

export interface ItemRef {
  kind: ItemKind
  name: string
  /** Relative to the workspace root, `/`-separated (e.g. `templates/welcome.liquid`). */
  path: string
}

export interface WorkspaceItem extends ItemRef, ItemFacts {
  /** Null when the file could not be read at all. */
  hash: string | null
}

export type WorkspaceListing = Record<ItemKind, WorkspaceItem[]>

export interface ItemContent extends ItemRef {
  text: string
  /** Give it back to `save` to prove the text was edited from the file as it is on disk. */
  hash: string
}

export interface SavedItem extends ItemRef {
  hash: string
}

export interface TrashedItem extends ItemRef {
  /** Where the file went, relative to the workspace root. */
  trashPath: string
}

/** Opens `dir`, refusing a folder that is not a workspace (see {@link WORKSPACE_MARKERS}). */
export async function openWorkspace(dir: string): Promise<Workspace> {
  if (!(await isDirectory(dir))) throw new WorkspaceError('not-found', `${dir} is not a folder`)
  if (!(await isWorkspaceFolder(dir))) {
    throw new WorkspaceError(
      'not-a-workspace',
      `${dir} is not a Hookbench workspace (it has no templates/, samples/, content-blocks/ or environments/ folder); run \`hookbench init\` there to make it one`,
    )
  }
  return new Workspace(dir)
}

export async function isWorkspaceFolder(dir: string): Promise<boolean> {
  const found = await Promise.all(WORKSPACE_MARKERS.map((marker) => isDirectory(join(dir, marker))))
  return found.includes(true)
}

export class Workspace {
  /** What each file said, by path and hash: listing re-parses only files that changed. */
  private readonly checked = new Map<string, { hash: string; facts: ItemFacts }>()

  constructor(readonly root: string) {}

  /** Every item of every kind, by name. Broken files are listed with their errors, never touched. */
  async list(): Promise<WorkspaceListing> {
    const entries = await Promise.all(
      ITEM_KINDS.map(async (kind) => {
        const names = await this.names(kind)
        return [kind, await Promise.all(names.map((name) => this.inspect(kind, name)))] as const
      }),
    )
    return Object.fromEntries(entries) as WorkspaceListing
  }

  async read(kind: ItemKind, name: string): Promise<ItemContent> {
    const ref = this.existingRef(kind, name)
    const bytes = await this.readBytes(ref, 'read')
    const text = decodeUtf8(bytes)
    if (text === undefined) throw notText(ref)
    return { ...ref, text, hash: contentHash(bytes) }
  }

  /** A new item; refuses a name that is taken, in any letter case. */
  async create(kind: ItemKind, name: string, text: string): Promise<SavedItem> {
    return this.createBytes(this.newRef(kind, name), encodeUtf8(text))
  }

  /**
   * Replaces an item's text. `expectedHash` is the hash `read` (or `list`) gave: when the file
   * changed on disk since, the save is refused rather than losing the other change. Text that
   * does not parse is saved all the same: a half-written template is the user's to keep.
   * (Checking and replacing are two steps; a change landing between them, within the time of
   * one write, is the one case this cannot catch.)
   */
  async save(kind: ItemKind, name: string, text: string, expectedHash: string): Promise<SavedItem> {
    const ref = this.existingRef(kind, name)
    const current = await this.readBytes(ref, 'save')
    if (contentHash(current) !== expectedHash) {
      throw new WorkspaceError(
        'conflict',
        `${ref.path} changed on disk since it was opened; reload it (or save your version under another name) so neither change is lost`,
        ref.path,
      )
    }
    const currentText = decodeUtf8(current)
    if (currentText === undefined) throw notText(ref)
    if (currentText === text) return { ...ref, hash: expectedHash }
    const bytes = encodeUtf8(text)
    await writeFileAtomic(this.absolute(ref), bytes)
    this.checked.delete(ref.path)
    return { ...ref, hash: contentHash(bytes) }
  }

  /** Renames an item; refuses a name taken by another item. References to it are not rewritten. */
  async rename(kind: ItemKind, from: string, to: string): Promise<ItemRef> {
    const source = this.existingRef(kind, from)
    const target = this.newRef(kind, to)
    if (from === to) return source
    await this.ensureExists(source, 'rename')
    const taken = await this.takenName(kind, to)
    if (taken !== undefined && nameKey(taken) !== nameKey(from)) throw nameTaken(target, taken)
    await this.moveOrExplain(source, target)
    this.checked.delete(source.path)
    return target
  }

  /** A copy of an item under the first free name of `NAME copy`, `NAME copy 2` …, byte for byte. */
  async duplicate(kind: ItemKind, name: string): Promise<SavedItem> {
    const source = this.existingRef(kind, name)
    const bytes = await this.readBytes(source, 'duplicate')
    const taken = new Set((await this.names(kind)).map(nameKey))
    // Another process may take the chosen name first: then take the next one.
    for (;;) {
      const target = this.newRef(kind, copyName(kind, name, (n) => taken.has(nameKey(n))))
      try {
        return await this.createBytes(target, bytes)
      } catch (err) {
        if (!isWorkspaceError(err, 'exists')) throw err
        taken.add(nameKey(target.name))
      }
    }
  }

  /** Moves an item to `.hookbench/trash/<time>/<its path>`, from where it can be put back by hand. */
  async delete(kind: ItemKind, name: string): Promise<TrashedItem> {
    const ref = this.existingRef(kind, name)
    await this.ensureExists(ref, 'delete')
    const stamp = new Date().toISOString().replace(/[:.]/g, '-')
    for (let attempt = 1; ; attempt++) {
      const trashPath = `${TRASH_DIR}/${stamp}${attempt > 1 ? `-${attempt}` : ''}/${ref.path}`
      const trashFile = join(this.root, ...trashPath.split('/'))
      await mkdir(join(trashFile, '..'), { recursive: true })
      try {
        await moveNoClobber(this.absolute(ref), trashFile)
        this.checked.delete(ref.path)
        return { ...ref, trashPath }
      } catch (err) {
        if (errnoCode(err) !== 'EEXIST') throw err
      }
    }
  }

  /** Absolute path of an item's file. */
  absolute(ref: ItemRef): string {
    return join(this.root, ...ref.path.split('/'))
  }

  // ── internals ──

  private async inspect(kind: ItemKind, name: string): Promise<WorkspaceItem> {
    const ref: ItemRef = { kind, name, path: itemPath(kind, name) }
    let bytes: Uint8Array
    try {
      bytes = await readFile(this.absolute(ref))
    } catch (err) {
      return { ...ref, hash: null, diagnostics: [fileProblem(ref, 'file-unreadable', `${ref.path} cannot be read (${errnoCode(err) ?? String(err)}).`)] }
    }
    const hash = contentHash(bytes)
    const cached = this.checked.get(ref.path)
    if (cached?.hash === hash) return { ...ref, hash, ...cached.facts }
    const text = decodeUtf8(bytes)
    const facts: ItemFacts =
      text === undefined
        ? { diagnostics: [fileProblem(ref, 'file-encoding', `${ref.path} is not UTF-8 text; Hookbench will not open or overwrite it.`)] }
        : inspectItem(kind, text, ref.path)
    this.checked.set(ref.path, { hash, facts })
    return { ...ref, hash, ...facts }
  }

  /** Names of `kind`'s items, sorted the way people sort (`t2` before `t10`). */
  private async names(kind: ItemKind): Promise<string[]> {
    let entries
    try {
      entries = await readdir(join(this.root, ...KIND_LAYOUT[kind].folder.split('/')), { withFileTypes: true })
    } catch (err) {
      // Git does not keep empty folders: a missing one is an empty one.
      if (errnoCode(err) === 'ENOENT') return []
      throw err
    }
    return entries
      .filter((e) => e.isFile() || e.isSymbolicLink())
      .map((e) => itemNameOf(kind, e.name))
      .filter((name): name is string => name !== undefined)
      .sort((a, b) => a.localeCompare(b, undefined, { numeric: true, sensitivity: 'base' }))
  }

  /** The name of the item that `name` would clash with, letter case as on disk. */
  private async takenName(kind: ItemKind, name: string): Promise<string | undefined> {
    const key = nameKey(name)
    return (await this.names(kind)).find((n) => nameKey(n) === key)
  }

  private async createBytes(ref: ItemRef, bytes: Uint8Array): Promise<SavedItem> {
    const taken = await this.takenName(ref.kind, ref.name)
    if (taken !== undefined) throw nameTaken(ref, taken)
    const file = this.absolute(ref)
    await mkdir(join(file, '..'), { recursive: true })
    try {
      await writeFileAtomic(file, bytes, { exclusive: true })
    } catch (err) {
      if (errnoCode(err) === 'EEXIST') throw nameTaken(ref, (await this.takenName(ref.kind, ref.name)) ?? ref.name)
      throw err
    }
    return { ...ref, hash: contentHash(bytes) }
  }

  private async moveOrExplain(source: ItemRef, target: ItemRef): Promise<void> {
    try {
      await moveNoClobber(this.absolute(source), this.absolute(target))
    } catch (err) {
      if (errnoCode(err) === 'EEXIST') throw nameTaken(target, (await this.takenName(target.kind, target.name)) ?? target.name)
      throw err
    }
  }

  private async readBytes(ref: ItemRef, action: string): Promise<Uint8Array> {
    try {
      return await readFile(this.absolute(ref))
    } catch (err) {
      throw accessError(ref, action, err)
    }
  }

  /** Renaming and deleting need no read access, only the file. */
  private async ensureExists(ref: ItemRef, action: string): Promise<void> {
    try {
      if ((await stat(this.absolute(ref))).isFile()) return
    } catch (err) {
      throw accessError(ref, action, err)
    }
    throw new WorkspaceError('not-found', `cannot ${action} ${ref.path}: it is not a file`, ref.path)
  }

  /** A ref to an item that should exist: the name must be safe, not necessarily nice. */
  private existingRef(kind: ItemKind, name: string): ItemRef {
    const problem = unsafeNameProblem(name)
    if (problem) throw invalidName(kind, name, problem)
    return { kind, name, path: itemPath(kind, name) }
  }

  /** A ref for a new name: every naming rule applies. */
  private newRef(kind: ItemKind, name: string): ItemRef {
    const problem = nameProblem(kind, name)
    if (problem) throw invalidName(kind, name, problem)
    return { kind, name, path: itemPath(kind, name) }
  }
}

function invalidName(kind: ItemKind, name: string, problem: string): WorkspaceError {
  return new WorkspaceError('invalid-name', `${JSON.stringify(name)} cannot name a ${KIND_LAYOUT[kind].noun}: ${problem}`)
}

function nameTaken(ref: ItemRef, existing: string): WorkspaceError {
  const clash = existing === ref.name ? '' : ` (names differ only in letter case, which clashes on macOS and Windows)`
  return new WorkspaceError(
    'exists',
    `${itemPath(ref.kind, existing)} already exists${clash}; choose another name`,
    itemPath(ref.kind, existing),
    existing,
  )
}

function accessError(ref: ItemRef, action: string, err: unknown): WorkspaceError {
  const code = errnoCode(err)
  if (code === 'ENOENT') {
    return new WorkspaceError('not-found', `cannot ${action} ${ref.path}: there is no such file (was it renamed or deleted?)`, ref.path)
  }
  return new WorkspaceError('unreadable', `cannot ${action} ${ref.path}: the file cannot be read (${code ?? String(err)})`, ref.path)
}

function notText(ref: ItemRef): WorkspaceError {
  return new WorkspaceError('unreadable', `${ref.path} is not UTF-8 text; Hookbench will not open or overwrite it`, ref.path)
}

function fileProblem(ref: ItemRef, code: string, message: string): Diagnostic {
  return { severity: 'error', code, message, line: 1, column: 1, file: ref.path }
}

async function isDirectory(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  )
}
