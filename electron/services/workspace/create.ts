/**
 * `hookbench init`: makes a folder a workspace, with working examples of both directions
 * (Braze → Zendesk ticket, Zendesk → Braze `/users/track`), samples for them, a content block
 * and a sandbox environment.
 *
 * The examples are the files under `examples/` next to this module, laid out like a workspace;
 * a packaged app that moves them passes `examplesDir`.
 */
import { mkdir, readdir, readFile } from 'node:fs/promises'
import { join, relative, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  GITIGNORE_ENTRY,
  GITIGNORE_FILE,
  GITIGNORE_TEXT,
  IGNORABLE_IN_EMPTY_FOLDER,
  itemAt,
  LAYOUT_FOLDERS,
} from '../../../shared/workspace/layout.js'
import { writeFileAtomic } from '../fs/atomicWrite.js'
import { errnoCode } from '../fs/errors.js'
import { WorkspaceError } from './errors.js'
import { isWorkspaceFolder } from './workspace.js'

export const EXAMPLES_DIR = fileURLToPath(new URL('./examples/', import.meta.url))

export interface CreateWorkspaceOptions {
  /** Where the example files are (default: `examples/` beside this module). */
  examplesDir?: string
  /** Copy the examples (default true). */
  examples?: boolean
}

export interface CreatedWorkspace {
  root: string
  /** The folder already was a workspace: only missing folders and the ignore rule were added. */
  existed: boolean
  /** Files written, relative to the root, `/`-separated. */
  created: string[]
}

/**
 * Creates a workspace in `dir` (made if missing). An empty folder, or one holding only git's
 * files, becomes a workspace with examples. An existing workspace only gets its missing folders
 * and the `.gitignore` rule back; its files are never touched. Any other non-empty folder is
 * refused, so `init` in the wrong place cannot scatter files among someone's own.
 */
export async function createWorkspace(dir: string, options: CreateWorkspaceOptions = {}): Promise<CreatedWorkspace> {
  await mkdir(dir, { recursive: true })
  const existed = await isWorkspaceFolder(dir)
  if (!existed) await refuseNonEmpty(dir)
  const created: string[] = []
  for (const folder of LAYOUT_FOLDERS) await mkdir(join(dir, ...folder.split('/')), { recursive: true })
  if (await ensureGitignore(dir)) created.push(GITIGNORE_FILE)
  if (!existed && (options.examples ?? true)) {
    for (const example of await exampleFiles(options.examplesDir ?? EXAMPLES_DIR)) {
      await writeFileAtomic(join(dir, ...example.path.split('/')), example.bytes, { exclusive: true })
      created.push(example.path)
    }
  }
  return { root: dir, existed, created }
}

async function refuseNonEmpty(dir: string): Promise<void> {
  const others = (await readdir(dir)).filter((name) => !IGNORABLE_IN_EMPTY_FOLDER.includes(name))
  if (others.length === 0) return
  const shown = others.slice(0, 5).join(', ') + (others.length > 5 ? ` and ${others.length - 5} more` : '')
  throw new WorkspaceError(
    'not-empty',
    `${dir} is not empty (${shown}) and is not a Hookbench workspace; run init in an empty folder`,
  )
}

/** Adds `.hookbench/` to `.gitignore`, keeping whatever else it says. True when the file was written. */
async function ensureGitignore(dir: string): Promise<boolean> {
  const path = join(dir, GITIGNORE_FILE)
  let current: string
  try {
    current = await readFile(path, 'utf8')
  } catch (err) {
    if (errnoCode(err) !== 'ENOENT') throw err
    await writeFileAtomic(path, GITIGNORE_TEXT, { exclusive: true })
    return true
  }
  const lines = current.split(/\r?\n/).map((line) => line.trim())
  if (lines.some((line) => [GITIGNORE_ENTRY, '/' + GITIGNORE_ENTRY, GITIGNORE_ENTRY.slice(0, -1), '/' + GITIGNORE_ENTRY.slice(0, -1)].includes(line))) {
    return false
  }
  const separator = current === '' || current.endsWith('\n') ? '' : '\n'
  await writeFileAtomic(path, `${current}${separator}${GITIGNORE_TEXT}`)
  return true
}

/** Every workspace item under `examplesDir`, with its path inside a workspace. */
export async function exampleFiles(examplesDir: string): Promise<{ path: string; bytes: Uint8Array }[]> {
  const entries = await readdir(examplesDir, { recursive: true, withFileTypes: true })
  const files: { path: string; bytes: Uint8Array }[] = []
  for (const entry of entries) {
    if (!entry.isFile()) continue
    const absolute = join(entry.parentPath, entry.name)
    const path = relative(examplesDir, absolute).split(sep).join('/')
    if (itemAt(path)) files.push({ path, bytes: await readFile(absolute) })
  }
  return files.sort((a, b) => a.path.localeCompare(b.path))
}
