/** File contents as the workspace sees them: a hash of the exact bytes, and strict UTF-8 text. */
import { createHash } from 'node:crypto'

/** Identifies one exact version of a file: a save is refused unless the file still has it. */
export function contentHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

const utf8 = new TextDecoder('utf-8', { fatal: true })

/**
 * The text of a UTF-8 file (a leading BOM dropped), or undefined when the bytes are not UTF-8:
 * such a file is never decoded lossily, so it can never be saved back damaged.
 */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return utf8.decode(bytes)
  } catch {
    return undefined
  }
}

export function encodeUtf8(text: string): Uint8Array {
  return Buffer.from(text, 'utf8')
}
