/**
 * JSON facts about a rendered body: the first syntax error with its exact offset, and the
 * offsets of a key or value by path (to locate payload problems).
 */
import { findNodeAtLocation, parse, parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser'

/** jsonc-parser's error codes are a const enum, unusable here: compare their printed names. */
type ErrorName = ReturnType<typeof printParseErrorCode>

export interface JsonSyntaxError {
  /** Offset of the offending character in the rendered text. */
  offset: number
  message: string
}

export type JsonParse = { ok: true; value: unknown } | { ok: false; error: JsonSyntaxError }

export function parseJson(text: string): JsonParse {
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch (err) {
    return { ok: false, error: locateSyntaxError(text, err instanceof Error ? err.message : '') }
  }
}

const V8_POSITION = /at position (\d+)/

/**
 * jsonc-parser recurses once per nesting level and overflows the stack on deeply nested input;
 * no real payload, sample or environment nests anywhere near this.
 */
export const MAX_JSON_DEPTH = 500

/** Offset of the first bracket that nests deeper than {@link MAX_JSON_DEPTH}, or -1. */
export function tooDeepAt(text: string): number {
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 0x5c /* \ */) i++
      else if (c === 0x22 /* " */) inString = false
    } else if (c === 0x22) inString = true
    else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (++depth > MAX_JSON_DEPTH) return i
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) depth--
  }
  return -1
}

/** Parses with jsonc-parser's tree, unless the text nests too deeply for it. */
export function safeParseTree(text: string): ReturnType<typeof parseTree> {
  return tooDeepAt(text) < 0 ? parseTree(text) : undefined
}

/** JSON.parse knows the exact position only for some errors; jsonc-parser knows roughly for all. */
function locateSyntaxError(text: string, nativeMessage: string): JsonSyntaxError {
  const deep = tooDeepAt(text)
  if (deep >= 0) return { offset: deep, message: `values are nested more than ${MAX_JSON_DEPTH} levels deep` }
  const errors: ParseError[] = []
  parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false })
  const first = errors[0]
  const native = V8_POSITION.exec(nativeMessage)
  let offset = native ? Number(native[1]) : first ? refine(text, first) : text.length
  if (offset > text.length) offset = text.length
  return { offset, message: describe(text, offset, first ? printParseErrorCode(first.error) : undefined) }
}

/** jsonc-parser reports string errors at the opening quote; find the character really at fault. */
function refine(text: string, error: ParseError): number {
  const stringErrors: ErrorName[] = ['UnexpectedEndOfString', 'InvalidCharacter', 'InvalidEscapeCharacter']
  if (!stringErrors.includes(printParseErrorCode(error.error))) return error.offset
  for (let i = error.offset + 1; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c < 0x20) return i
    if (c === 0x5c /* \ */) {
      if (!/["\\/bfnrtu]/.test(text[i + 1] ?? '')) return i
      i++
    } else if (c === 0x22 /* " */) break
  }
  return error.offset
}

const CONTROL_NAMES: Record<string, string> = { '\n': 'a raw line break', '\r': 'a raw carriage return', '\t': 'a raw tab' }

function describe(text: string, offset: number, code: ErrorName | undefined): string {
  if (offset >= text.trimEnd().length && text.trim().length === 0) return 'the body is empty'
  if (offset >= text.length) return 'the JSON ends too early (a closing } or ] or " is missing)'
  const ch = text[offset]!
  if (ch.charCodeAt(0) < 0x20) return `${CONTROL_NAMES[ch] ?? `control character U+${ch.charCodeAt(0).toString(16).padStart(4, '0')}`} inside a string`
  if (ch === '\\') return `an invalid escape \`${text.slice(offset, offset + 2)}\` inside a string`
  switch (code) {
    case 'ValueExpected':
      return `a value was expected but found \`${ch}\``
    case 'CommaExpected':
      return `a comma or closing bracket was expected but found \`${ch}\``
    case 'PropertyNameExpected':
      return ch === '}' ? 'a trailing comma before `}`' : `a "quoted" property name was expected but found \`${ch}\``
    case 'ColonExpected':
      return `a colon was expected but found \`${ch}\``
    case 'EndOfFileExpected':
      return `unexpected text \`${ch}\` after the end of the JSON value`
    default:
      return `unexpected \`${ch}\``
  }
}

export interface JsonSpan {
  start: number
  end: number
}

/** Offsets of the value at `path`, and of its property key when it has one. */
export function spanAtPath(text: string, path: (string | number)[]): { key?: JsonSpan; value: JsonSpan } | undefined {
  const root = safeParseTree(text)
  if (!root) return undefined
  let node = findNodeAtLocation(root, path)
  // A missing member is located at its parent object (e.g. "comment is required").
  let trimmed = path
  while (!node && trimmed.length > 0) {
    trimmed = trimmed.slice(0, -1)
    node = findNodeAtLocation(root, trimmed)
  }
  if (!node) return undefined
  const value = { start: node.offset, end: node.offset + node.length }
  const property = node.parent?.type === 'property' ? node.parent.children?.[0] : undefined
  return property ? { key: { start: property.offset, end: property.offset + property.length }, value } : { value }
}
