/** Moving a file without ever replacing another one (rename, delete to trash). */
import { link, rename, stat, unlink } from 'node:fs/promises'
import { alreadyExists, errnoCode, linkUnsupported } from './errors.js'

/**
 * Moves `from` to `to`, failing with `EEXIST` when `to` is another file. `rename` alone would
 * silently replace it; a hard link refuses atomically. `to` may be `from` in another letter case
 * on a case-insensitive file system, which is a rename of the file itself.
 */
export async function moveNoClobber(from: string, to: string): Promise<void> {
  try {
    await link(from, to)
  } catch (err) {
    const code = errnoCode(err)
    if (code === 'EEXIST' && (await sameFile(from, to))) return rename(from, to)
    if (!linkUnsupported(err)) throw err
    if ((await statOrUndefined(to)) && !(await sameFile(from, to))) throw alreadyExists(to)
    return rename(from, to)
  }
  await unlink(from)
}

async function sameFile(a: string, b: string): Promise<boolean> {
  const [sa, sb] = await Promise.all([statOrUndefined(a), statOrUndefined(b)])
  return sa !== undefined && sb !== undefined && sa.dev === sb.dev && sa.ino === sb.ino
}

async function statOrUndefined(path: string) {
  try {
    return await stat(path)
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') return undefined
    throw err
  }
}
