/**
 * The `:headers {"Key": "Value", …}` object of `{% connected_content %}`.
 *
 * Values may hold Liquid, and Liquid may hold quotes of its own (`{{__braze["token"]}}`), so the
 * object cannot go through `JSON.parse` before rendering; it is read here with the position of
 * every value, each of which becomes a sub-template.
 */
import { skipJsonString, spanOf, type Span } from './tagArguments.js'

export interface HeaderEntry {
  name: string
  /** The text between the quotes, or a bare number or boolean. */
  value: Span
}

export type HeaderObject = { entries: HeaderEntry[] } | { error: string; at: Span }

const BARE_VALUE = /^(?:-?\d+(?:\.\d+)?|true|false)/

/** What HTTP allows in a header name (RFC 9110 `token`). */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/

export function parseHeaderObject(object: Span): HeaderObject {
  const { input, end } = object
  let p = object.begin
  const skipBlanks = (): void => {
    while (p < end && /\s/.test(input[p]!)) p++
  }
  const fail = (error: string): HeaderObject => ({ error, at: p < end ? spanOf(input, p, p + 1) : object })
  const readString = (): Span | undefined => {
    const close = skipJsonString(input, p, end)
    if (input[close - 1] !== '"' || close - 1 === p) return undefined
    const inner = spanOf(input, p + 1, close - 1)
    p = close
    return inner
  }

  skipBlanks()
  if (input[p] !== '{') return fail('expected "{"')
  p++
  const entries: HeaderEntry[] = []
  for (;;) {
    skipBlanks()
    if (input[p] === '}') break
    if (input[p] !== '"') return fail('expected a header name in double quotes')
    const name = readString()
    if (!name) return fail('header name not closed')
    const decodedName = decodeJsonString(name.text)
    if (!HEADER_NAME.test(decodedName)) return { error: `${JSON.stringify(decodedName)} is not a valid header name`, at: name }
    skipBlanks()
    if (input[p] !== ':') return fail('expected ":" after the header name')
    p++
    skipBlanks()
    let value: Span | undefined
    if (input[p] === '"') {
      value = readString()
      if (!value) return fail('header value not closed')
    } else {
      const bare = BARE_VALUE.exec(input.slice(p, end))?.[0]
      if (!bare) return fail('header values must be strings in double quotes')
      value = spanOf(input, p, (p += bare.length))
    }
    entries.push({ name: decodedName, value })
    skipBlanks()
    if (input[p] === ',') p++
    else if (input[p] === '}') break
    else return fail('expected "," or "}"')
  }
  p++
  skipBlanks()
  return p < end ? fail('unexpected text after the headers object') : { entries }
}

function decodeJsonString(raw: string): string {
  try {
    return JSON.parse(`"${raw}"`) as string
  } catch {
    return raw
  }
}
