/**
 * The workspace on disk: one folder people can put in git, with one plain file per item.
 *
 *   templates/NAME.liquid                  webhook templates (front matter + body)
 *   samples/braze-users/NAME.json          Braze users, `/users/export/ids` shape
 *   samples/zendesk-tickets/NAME.json      Zendesk tickets with sideloads
 *   content-blocks/NAME.liquid             Braze Content Blocks (`{{content_blocks.${NAME}}}`)
 *   environments/NAME.json                 per-account values; secrets by name only
 *   .hookbench/                            local state (send history, trash), ignored by git
 *
 * An item's name is its file name without the extension. Only the naming rules live here;
 * reading and writing is `electron/services/workspace`.
 */

export const ITEM_KINDS = ['template', 'braze-user', 'zendesk-ticket', 'content-block', 'environment'] as const
export type ItemKind = (typeof ITEM_KINDS)[number]

export interface KindLayout {
  /** Folder relative to the workspace root, `/`-separated. */
  folder: string
  extension: '.liquid' | '.json'
  /** What a person calls one item, for messages. */
  noun: string
}

export const KIND_LAYOUT: Readonly<Record<ItemKind, KindLayout>> = {
  template: { folder: 'templates', extension: '.liquid', noun: 'template' },
  'braze-user': { folder: 'samples/braze-users', extension: '.json', noun: 'Braze user sample' },
  'zendesk-ticket': { folder: 'samples/zendesk-tickets', extension: '.json', noun: 'Zendesk ticket sample' },
  'content-block': { folder: 'content-blocks', extension: '.liquid', noun: 'content block' },
  environment: { folder: 'environments', extension: '.json', noun: 'environment' },
}

/** Local, per-machine state. Never committed: the generated `.gitignore` lists it. */
export const LOCAL_DIR = '.hookbench'
export const HISTORY_DIR = `${LOCAL_DIR}/history`
export const TRASH_DIR = `${LOCAL_DIR}/trash`
export const GITIGNORE_FILE = '.gitignore'
export const GITIGNORE_ENTRY = `${LOCAL_DIR}/`
export const GITIGNORE_TEXT = `# Hookbench: send history and deleted items stay on this machine.\n${GITIGNORE_ENTRY}\n`

/** Every folder `hookbench init` creates. */
export const LAYOUT_FOLDERS: readonly string[] = [...ITEM_KINDS.map((k) => KIND_LAYOUT[k].folder), HISTORY_DIR, TRASH_DIR]

/**
 * A folder is a workspace when it holds one of these. `.hookbench/` alone is not enough for a
 * clone (git ignores it) and the item folders alone are not enough after git drops the empty ones.
 */
export const WORKSPACE_MARKERS: readonly string[] = ['templates', 'samples', 'content-blocks', 'environments', LOCAL_DIR]

/** Entries a folder may already hold and still count as empty for `init`, e.g. after `git init`. */
export const IGNORABLE_IN_EMPTY_FOLDER: readonly string[] = ['.git', '.gitignore', '.gitattributes', '.DS_Store', 'Thumbs.db', 'desktop.ini']

/** Braze caps Content Block names at 100 characters (braze.md §1.3); the same cap suits every item. */
export const MAX_NAME_LENGTH = 100

// Characters Windows or macOS refuse in file names, and control characters.
const FORBIDDEN_CHARACTERS = /[/\\:*?"<>|\u0000-\u001f\u007f]/
const WINDOWS_RESERVED = /^(?:con|prn|aux|nul|com[1-9]|lpt[1-9])(?:\..*)?$/i
/** Content block names end up in `{{content_blocks.${name}}}`: keep to what Braze's editor accepts. */
const CONTENT_BLOCK_NAME = /^[A-Za-z0-9_-]+$/

/**
 * Why `name` cannot name a new item of `kind`, or undefined when it can. The rules keep a
 * workspace portable: a name valid here is a valid file name on Windows, macOS and Linux.
 */
export function nameProblem(kind: ItemKind, name: string): string | undefined {
  const unsafe = unsafeNameProblem(name)
  if (unsafe) return unsafe
  if (name.trim() !== name) return 'a name cannot start or end with a space'
  if (name.endsWith('.')) return 'a name cannot end with a dot'
  if ([...name].length > MAX_NAME_LENGTH) return `a name can have at most ${MAX_NAME_LENGTH} characters`
  if (WINDOWS_RESERVED.test(name)) return `"${name}" is a reserved file name on Windows`
  if (kind === 'content-block' && !CONTENT_BLOCK_NAME.test(name)) {
    return 'a content block name can only hold letters, digits, _ and - (it is used as {{content_blocks.${name}}})'
  }
  return undefined
}

/**
 * Why `name` cannot even address an existing item. Looser than {@link nameProblem}, so files made
 * outside Hookbench stay reachable, but never a path: no separators, no `..`, no hidden files.
 */
export function unsafeNameProblem(name: string): string | undefined {
  if (name.length === 0 || name.trim().length === 0) return 'a name cannot be empty'
  if (name.startsWith('.')) return 'a name cannot start with a dot'
  const bad = FORBIDDEN_CHARACTERS.exec(name)
  if (bad) return `a name cannot contain ${describeCharacter(bad[0])}`
  return undefined
}

function describeCharacter(ch: string): string {
  if (ch === '/' || ch === '\\') return `a path separator (${ch})`
  const code = ch.charCodeAt(0)
  return code < 0x20 || code === 0x7f ? 'control characters' : `the character ${ch}`
}

/** The file of an item, relative to the workspace root, `/`-separated. */
export function itemPath(kind: ItemKind, name: string): string {
  const { folder, extension } = KIND_LAYOUT[kind]
  return `${folder}/${name}${extension}`
}

/** The item a file name in `kind`'s folder holds; undefined for files that are not items. */
export function itemNameOf(kind: ItemKind, fileName: string): string | undefined {
  const { extension } = KIND_LAYOUT[kind]
  if (!fileName.endsWith(extension) || fileName.startsWith('.')) return undefined
  const name = fileName.slice(0, -extension.length)
  return unsafeNameProblem(name) ? undefined : name
}

/** The kind and name of a file given relative to the workspace root, if it is an item. */
export function itemAt(relativePath: string): { kind: ItemKind; name: string } | undefined {
  const normalized = relativePath.replaceAll('\\', '/')
  for (const kind of ITEM_KINDS) {
    const prefix = `${KIND_LAYOUT[kind].folder}/`
    if (!normalized.startsWith(prefix)) continue
    const fileName = normalized.slice(prefix.length)
    if (fileName.includes('/')) continue
    const name = itemNameOf(kind, fileName)
    if (name !== undefined) return { kind, name }
  }
  return undefined
}

/**
 * The workspace and item of a file given by its full path (a file opened from the desktop), by
 * where it sits: `ROOT/templates/NAME.liquid`, `ROOT/samples/braze-users/NAME.json` …
 * Either separator is understood; the root keeps the path's own spelling.
 */
export function locateItemFile(path: string): { root: string; kind: ItemKind; name: string } | undefined {
  const parts = path.split(/[\\/]/)
  for (const kind of ITEM_KINDS) {
    const depth = KIND_LAYOUT[kind].folder.split('/').length + 1
    if (parts.length <= depth) continue
    const relative = parts.slice(-depth).join('/')
    const item = itemAt(relative)
    if (item?.kind !== kind) continue
    const root = path.slice(0, path.length - relative.length - 1)
    return { root: root === '' ? path[0]! : root, ...item }
  }
  return undefined
}

/**
 * Names compare the way macOS and Windows file systems do (case-insensitive, Unicode-normalised),
 * so a workspace never holds `Welcome` and `welcome`, which would clash in a clone on those systems.
 */
export function nameKey(name: string): string {
  return name.normalize('NFC').toLowerCase()
}

/** A name made from outside data (an external_id, a ticket id) that {@link nameProblem} accepts. */
export function sanitizeName(kind: ItemKind, raw: string, fallback: string): string {
  const replacement = kind === 'content-block' ? /[^A-Za-z0-9_-]+/g : new RegExp(`${FORBIDDEN_CHARACTERS.source}+`, 'g')
  let name = raw.normalize('NFC').replace(replacement, '_').replace(/\s+/g, ' ').trim()
  name = name.replace(/^[.\s]+/, '').replace(/[.\s]+$/, '')
  name = truncate(name, MAX_NAME_LENGTH).trimEnd().replace(/\.+$/, '')
  if (WINDOWS_RESERVED.test(name)) name = `_${name}`
  return name === '' || nameProblem(kind, name) ? fallback : name
}

function truncate(name: string, length: number): string {
  const chars = [...name]
  return chars.length <= length ? name : chars.slice(0, length).join('')
}

/** `base` + `tail`, shortening `base` so the result stays within the length limit. */
function withTail(base: string, tail: string): string {
  return `${truncate(base, MAX_NAME_LENGTH - [...tail].length).trimEnd()}${tail}`
}

/** Finder's rule: `name copy`, `name copy 2` …; duplicating a copy does not stack ` copy copy`. */
export function copyName(kind: ItemKind, name: string, isTaken: (name: string) => boolean): string {
  const blockNames = kind === 'content-block'
  const base = name.replace(blockNames ? /_copy(?:_\d+)?$/ : / copy(?: \d+)?$/, '')
  for (let n = 1; ; n++) {
    const tail = blockNames ? (n === 1 ? '_copy' : `_copy_${n}`) : n === 1 ? ' copy' : ` copy ${n}`
    const candidate = withTail(base, tail)
    if (!isTaken(candidate)) return candidate
  }
}

/** Attempt 1 is `base`, then `base (2)`, `base (3)` …: for imports whose natural name is taken. */
export function importName(kind: ItemKind, base: string, attempt: number): string {
  if (attempt <= 1) return base
  return withTail(base, kind === 'content-block' ? `_${attempt}` : ` (${attempt})`)
}
