/** File access for the CLI: reading inputs with clear errors, finding samples and content blocks. */
import { readdir, readFile, stat } from 'node:fs/promises'
import { basename, dirname, extname, join, resolve } from 'node:path'
import type { ContentBlockSource } from '../shared/render/compile.js'
import { UsageError } from './io.js'

export async function readText(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8')
  } catch (err) {
    throw new UsageError(`cannot read ${what} ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`)
  }
}

/** Every `.json` file of a folder (sorted), or the one file given. */
export async function listSampleFiles(path: string): Promise<string[]> {
  let info
  try {
    info = await stat(path)
  } catch (err) {
    throw new UsageError(`cannot read samples ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`)
  }
  if (!info.isDirectory()) return [path]
  const names = (await readdir(path)).filter((n) => extname(n) === '.json').sort()
  if (names.length === 0) throw new UsageError(`${path} holds no .json sample files`)
  return names.map((n) => join(path, n))
}

const BLOCK_EXTENSIONS = ['.liquid', '.txt', '.html', '']

/**
 * Content blocks live in a workspace's `content-blocks/` folder, a sibling of `templates/`.
 * `--content-blocks DIR` names the folder; otherwise the nearest one above the template is used.
 */
export async function contentBlocksNear(
  templatePath: string,
  explicit: string | undefined,
): Promise<(name: string) => ContentBlockSource | undefined> {
  const folder = explicit ?? (await findUp(dirname(resolve(templatePath)), 'content-blocks'))
  if (!folder) return () => undefined
  const blocks = new Map<string, ContentBlockSource>()
  let names: string[] = []
  try {
    names = await readdir(folder)
  } catch (err) {
    if (explicit) throw new UsageError(`cannot read content blocks ${folder}: ${(err as NodeJS.ErrnoException).code}`)
  }
  for (const name of names) {
    const ext = BLOCK_EXTENSIONS.find((e) => e !== '' && name.endsWith(e)) ?? ''
    const file = join(folder, name)
    blocks.set(basename(name, ext), { file, text: await readFile(file, 'utf8') })
  }
  return (name) => blocks.get(name)
}

async function findUp(start: string, folder: string): Promise<string | undefined> {
  let dir = start
  for (let depth = 0; depth < 4; depth++) {
    const candidate = join(dir, folder)
    if (await stat(candidate).then((s) => s.isDirectory(), () => false)) return candidate
    const parent = dirname(dir)
    if (parent === dir) break
    dir = parent
  }
  return undefined
}
