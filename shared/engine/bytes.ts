/**
 * UTF-8 and base64 without Node's Buffer: `shared/` also runs in the browser (the editor's live
 * preview renders in the renderer process).
 */
import { hexToBytes } from '@noble/hashes/utils.js'

const encoder = new TextEncoder()

export const utf8Bytes = (text: string): Uint8Array => encoder.encode(text)

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary)
}

/** Decodes well-formed base64 (callers validate the alphabet and padding first). */
export function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

export { hexToBytes }
