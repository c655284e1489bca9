/**
 * Base64 as Ruby's strict and URL-safe variants: no line breaks, padding kept, and strict
 * decoding that rejects anything malformed (Liquid then stops the output with an error).
 */
import { base64ToBytes, bytesToBase64, utf8Bytes } from '../bytes.js'
import { reportAtFilter, toText, type FilterScope, type FilterSet } from './filterScope.js'

const utf8 = new TextDecoder('utf-8')

const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/

/** Ruby's decoders return raw bytes; Liquid prints them as text, so they are read as UTF-8 here. */
function decodeStrict(scope: FilterScope, filter: string, encoded: string): string | undefined {
  if (STRICT_BASE64.test(encoded)) return utf8.decode(base64ToBytes(encoded))
  reportAtFilter(scope, 'error', 'liquid-base64-invalid',
    `invalid base64 provided to ${filter}: Liquid stops this output with "Liquid error: invalid base64 provided to ${filter}".`)
  return undefined
}

/** Ruby's `strict_encode64`: no line breaks. */
export const base64Encode = (input: unknown): string => bytesToBase64(utf8Bytes(toText(input)))

function base64Decode(this: FilterScope, input: unknown): string | undefined {
  return decodeStrict(this, 'base64_decode', toText(input))
}

const base64UrlSafeEncode = (input: unknown): string => base64Encode(input).replaceAll('+', '-').replaceAll('/', '_')

/** Ruby's urlsafe_decode64 adds missing padding before decoding strictly. */
function base64UrlSafeDecode(this: FilterScope, input: unknown): string | undefined {
  const text = toText(input)
  const padded = text.endsWith('=') || text.length % 4 === 0 ? text : text.padEnd(text.length + 4 - (text.length % 4), '=')
  return decodeStrict(this, 'base64_url_safe_decode', padded.replaceAll('-', '+').replaceAll('_', '/'))
}

export const BASE64_FILTERS: FilterSet = {
  base64_decode: base64Decode,
  base64_url_safe_encode: base64UrlSafeEncode,
  base64_url_safe_decode: base64UrlSafeDecode,
}
