/**
 * Writes that never leave a half-written file: the data goes to a temporary file in the same
 * folder (same file system, so the final rename is atomic), is flushed to disk, and only then
 * replaces the target. A crash at any point leaves either the old file or the new one; at worst
 * a hidden `.NAME.*.tmp` stays behind, which the workspace ignores.
 */
import { randomBytes } from 'node:crypto'
import { chmod, link, open, rename, rm, stat, unlink } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { alreadyExists, errnoCode, linkUnsupported } from './errors.js'

export interface AtomicWriteOptions {
  /** Fail with `EEXIST` instead of replacing an existing file (for creating new items). */
  exclusive?: boolean
}

export async function writeFileAtomic(path: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`)
  try {
    const handle = await open(temp, 'wx')
    try {
      await handle.writeFile(data)
      await handle.sync()
    } finally {
      await handle.close()
    }
    if (options.exclusive) await publishExclusive(temp, path)
    else await publish(temp, path)
  } catch (err) {
    await rm(temp, { force: true })
    throw err
  }
  await syncFolder(dirname(path))
}

/** Replaces `path`, keeping its permissions (a file someone made private stays private). */
async function publish(temp: string, path: string): Promise<void> {
  const mode = await stat(path).then(
    (s) => s.mode & 0o7777,
    () => undefined,
  )
  if (mode !== undefined) await chmod(temp, mode)
  await rename(temp, path)
}

/** A hard link fails atomically when the target exists, unlike rename, which replaces it. */
async function publishExclusive(temp: string, path: string): Promise<void> {
  try {
    await link(temp, path)
  } catch (err) {
    if (!linkUnsupported(err)) throw err
    // No hard links here: check then rename. A race in between is possible but harmless here.
    if (await exists(path)) throw alreadyExists(path)
    await rename(temp, path)
    return
  }
  await unlink(temp)
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path)
    return true
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') return false
    throw err
  }
}

/** Makes the rename itself durable. Folders cannot be opened for syncing on Windows: skip there. */
async function syncFolder(folder: string): Promise<void> {
  try {
    const handle = await open(folder, 'r')
    try {
      await handle.sync()
    } finally {
      await handle.close()
    }
  } catch {
    // Best effort: the data itself is already on disk.
  }
}
