/**
 * URL encoding as Ruby does it, byte by byte over UTF-8 with uppercase hex.
 */
import { toValue } from 'liquidjs'
import { hexToBytes, utf8Bytes } from '../bytes.js'
import { reportAtFilter, toText, type FilterScope, type FilterSet } from './filterScope.js'

/** Percent-encodes every UTF-8 byte of `text` whose character is not matched by `keep`. */
export function percentEncode(text: string, keep: RegExp, spaceAsPlus = false): string {
  let out = ''
  for (const char of text) {
    if (keep.test(char)) out += char
    else if (spaceAsPlus && char === ' ') out += '+'
    else for (const byte of utf8Bytes(char)) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`
  }
  return out
}

/** `CGI.escape` keeps only these; JS's encodeURIComponent also keeps `!'()*`. */
const CGI_UNRESERVED = /^[a-zA-Z0-9_.\-~]$/

function urlEncode(input: unknown): string | undefined {
  const value = toValue(input)
  return value === null || value === undefined ? undefined : percentEncode(toText(value), CGI_UNRESERVED, true)
}

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true })

/**
 * `CGI.unescape`: `+` is a space and a malformed `%` sequence stays as written (JS's
 * decodeURIComponent throws on it). Bytes that are not UTF-8 make Liquid raise.
 */
function urlDecode(this: FilterScope, input: unknown): string | undefined {
  const value = toValue(input)
  if (value === null || value === undefined) return undefined
  try {
    return toText(value)
      .replaceAll('+', ' ')
      .replace(/(?:%[0-9a-fA-F]{2})+/g, run => STRICT_UTF8.decode(hexToBytes(run.replaceAll('%', ''))))
  } catch {
    reportAtFilter(this, 'error', 'liquid-url-decode-invalid',
      'url_decode produced bytes that are not UTF-8: Liquid stops this output with "Liquid error: invalid byte sequence in UTF-8".')
    return undefined
  }
}

export const URL_FILTERS: FilterSet = { url_encode: urlEncode, url_decode: urlDecode }
