/**
 * Where the `{{ … }}` outputs of a Liquid template meant to produce JSON sit: inside a JSON
 * string of the literal text, or bare.
 *
 * Both services insert an output's text without adding quotes, so a bare output must render
 * valid JSON by itself (Zendesk: an empty `{{ticket.assignee.id}}` leaves `"x": ,`; Braze: an
 * unescaped quote breaks the string). Only the literal text decides the JSON state: tags write
 * nothing, `{% raw %}` and `{% comment %}` bodies are skipped, and outputs inside `{% if %}`
 * branches count at their textual position (each branch is read as if it were taken).
 *
 * The scanner is deliberately forgiving (unclosed tags and quotes do not throw): lints run on
 * text the user is still typing.
 */

export interface LiquidText {
  kind: 'text'
  start: number
  end: number
}

/** `{{ … }}` or `{% … %}`. */
export interface LiquidMarkup {
  kind: 'output' | 'tag'
  /** Offset of `{{` or `{%`. */
  start: number
  /** Offset just past `}}` or `%}`; the text length when unterminated. */
  end: number
  /** The markup between the delimiters, without whitespace-control dashes. */
  markupStart: number
  markupEnd: number
  terminated: boolean
  /** For tags, the tag name (`if`, `assign`, `#` …); empty for outputs. */
  name: string
}

/** The body of `{% raw %}` or `{% comment %}`: not Liquid, not JSON. */
export interface LiquidVerbatim {
  kind: 'verbatim'
  start: number
  end: number
}

export type LiquidSegment = LiquidText | LiquidMarkup | LiquidVerbatim

export interface JsonOutputPlacement {
  /** Offset of `{{`. */
  start: number
  /** Offset just past `}}`. */
  end: number
  /** The expression between the delimiters (whitespace-control dashes excluded). */
  markupStart: number
  markupEnd: number
  /** True when the output is written between two unescaped `"` of the literal text. */
  inJsonString: boolean
}

/** Splits a template into literal text, outputs, tags and verbatim bodies, in order. */
export function scanLiquid(text: string): LiquidSegment[] {
  const segments: LiquidSegment[] = []
  let i = 0
  while (i < text.length) {
    const open = nextOpening(text, i)
    if (open < 0) {
      segments.push({ kind: 'text', start: i, end: text.length })
      break
    }
    if (open > i) segments.push({ kind: 'text', start: i, end: open })
    const markup = readMarkup(text, open)
    segments.push(markup)
    i = markup.end
    if (markup.kind === 'tag' && (markup.name === 'raw' || markup.name === 'comment')) {
      const close = findBlockEnd(text, i, markup.name)
      if (close > i) segments.push({ kind: 'verbatim', start: i, end: close })
      i = close
    }
  }
  return segments
}

/** Every `{{ … }}` of the template with whether it sits inside a JSON string. */
export function placeOutputsInJson(text: string): JsonOutputPlacement[] {
  const placements: JsonOutputPlacement[] = []
  let inString = false
  let escaped = false
  for (const segment of scanLiquid(text)) {
    if (segment.kind === 'text') {
      for (let i = segment.start; i < segment.end; i++) {
        const c = text.charCodeAt(i)
        if (escaped) escaped = false
        else if (inString && c === BACKSLASH) escaped = true
        else if (c === QUOTE) inString = !inString
      }
    } else if (segment.kind === 'output') {
      placements.push({
        start: segment.start,
        end: segment.end,
        markupStart: segment.markupStart,
        markupEnd: segment.markupEnd,
        inJsonString: inString,
      })
      // A pending backslash escapes the output's first character, not the text after it.
      escaped = false
    }
  }
  return placements
}

const QUOTE = 0x22
const BACKSLASH = 0x5c

/**
 * The next `{{` or `{%`. One scan that stops at the first of either: searching for each kind
 * separately would run to the end of a text that lacks one kind on every call, which is
 * quadratic over a template with many outputs and no tags.
 */
function nextOpening(text: string, from: number): number {
  for (let i = text.indexOf('{', from); i >= 0; i = text.indexOf('{', i + 1)) {
    const next = text.charCodeAt(i + 1)
    if (next === 123 /* { */ || next === 37 /* % */) return i
  }
  return -1
}

function readMarkup(text: string, open: number): LiquidMarkup {
  const kind = text.startsWith('{{', open) ? 'output' : 'tag'
  const closer = kind === 'output' ? '}}' : '%}'
  // liquidjs skips quoted strings when looking for `}}` (so `{{ "}}" }}` is one output) but not
  // for `%}`; an unbalanced quote falls back to the first closer rather than eating the file.
  let close = kind === 'output' ? indexOutsideQuotes(text, closer, open + 2) : -1
  if (close < 0) close = text.indexOf(closer, open + 2)
  const terminated = close >= 0
  const end = terminated ? close + 2 : text.length
  let markupStart = open + 2
  if (text[markupStart] === '-') markupStart++
  let markupEnd = terminated ? close : text.length
  if (terminated && markupEnd > markupStart && text[markupEnd - 1] === '-') markupEnd--
  const name = kind === 'tag' ? tagName(text.slice(markupStart, markupEnd)) : ''
  return { kind, start: open, end, markupStart, markupEnd, terminated, name }
}

function indexOutsideQuotes(text: string, needle: string, from: number): number {
  let quote: string | null = null
  for (let i = from; i < text.length; i++) {
    const c = text[i]!
    if (quote) {
      if (c === quote) quote = null
    } else if (c === '"' || c === "'") {
      quote = c
    } else if (text.startsWith(needle, i)) {
      return i
    }
  }
  return -1
}

function tagName(markup: string): string {
  const m = /^\s*(#|[A-Za-z_]\w*)/.exec(markup)
  return m ? m[1]! : ''
}

/** Offset of the `{%` that closes a raw or comment block (comments nest), or the text length. */
function findBlockEnd(text: string, from: number, name: 'raw' | 'comment'): number {
  const pattern = new RegExp(`\\{%-?\\s*(end)?${name}\\b`, 'g')
  pattern.lastIndex = from
  let depth = 1
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    if (m[1]) depth--
    else if (name === 'comment') depth++
    if (depth === 0) return m.index
  }
  return text.length
}
