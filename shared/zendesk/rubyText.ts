/**
 * What a whole object or collection prints as when a template outputs it: Zendesk runs Ruby,
 * so `{{ticket.comments}}` prints Ruby inspect text (`[#<Comment id: 1, …>]`) and
 * `{{ticket.ccs}}` prints `[]` when empty (zendesk.md §1.5, §2).
 *
 * Placeholder objects stay plain JavaScript data so liquidjs can read their properties, loop
 * over them and filter them; the print forms ride along under symbols templates cannot reach.
 */
import { toValue } from 'liquidjs'

/** The text an object prints as when output whole. */
const OUTPUT_TEXT = Symbol('zendesk.outputText')
/** The object's Ruby inspect text, used when a collection holding it is printed. */
const INSPECT_TEXT = Symbol('zendesk.inspectText')
/** Marks an array that prints as Ruby's `Array#inspect` rather than joined. */
const INSPECTED_LIST = Symbol('zendesk.inspectedList')

interface Printable {
  [OUTPUT_TEXT]: string
  [INSPECT_TEXT]?: string
}

/**
 * liquidjs stringifies values some filters receive (`append`, `upcase` …) with `String()`;
 * the prototype's `toString` keeps those in line with the output form. With liquidjs's
 * `ownPropertyOnly` the prototype is invisible to templates.
 */
const PRINTABLE_PROTOTYPE = {
  toString(this: Printable): string {
    return this[OUTPUT_TEXT]
  },
}

/** A placeholder object printing as `outputText` (and as `inspectText` inside a printed collection). */
export function printable<T extends object>(fields: T, outputText: string, inspectText?: string): T {
  const object = Object.assign(Object.create(PRINTABLE_PROTOTYPE) as object, fields) as T
  Object.defineProperty(object, OUTPUT_TEXT, { value: outputText })
  if (inspectText !== undefined) Object.defineProperty(object, INSPECT_TEXT, { value: inspectText })
  return object
}

/** An array that prints as Ruby's `Array#inspect`: `[]`, `[#<Comment …>, #<Comment …>]`. */
export function inspectedList<T>(items: T[]): T[] {
  Object.defineProperty(items, INSPECTED_LIST, { value: true })
  return items
}

/**
 * The text Zendesk writes for a value a template outputs: strings as they are, nil as nothing,
 * inspected collections as Ruby inspect text, other arrays joined (Ruby Liquid renders an array
 * by concatenating its elements), hashes as Ruby's `Hash#to_s`.
 */
export function zendeskOutputText(value: unknown): string {
  const v = toValue(value)
  if (v === null || v === undefined) return ''
  if (typeof v === 'string') return v
  if (Array.isArray(v)) {
    if (INSPECTED_LIST in v) return rubyInspect(v)
    return v.map(zendeskOutputText).join('')
  }
  if (typeof v === 'object' && !(OUTPUT_TEXT in v) && Object.getPrototypeOf(v) === Object.prototype) return rubyInspect(v)
  return String(v)
}

/** Ruby's `inspect` of a value: `"text"`, `nil`, `[1, 2]`, `{"a"=>1}`, `#<Comment …>`. */
export function rubyInspect(value: unknown): string {
  const v = toValue(value)
  if (v === null || v === undefined) return 'nil'
  if (typeof v === 'string') return rubyStringInspect(v)
  if (typeof v === 'number' || typeof v === 'boolean') return String(v)
  if (Array.isArray(v)) return `[${v.map(rubyInspect).join(', ')}]`
  if (typeof v === 'object') {
    if (INSPECT_TEXT in v) return (v as Printable)[INSPECT_TEXT]!
    if (OUTPUT_TEXT in v) return rubyStringInspect((v as Printable)[OUTPUT_TEXT])
    // Ruby before 3.4 writes hashes as `{"a"=>1}`.
    const pairs = Object.entries(v).map(([k, x]) => `${rubyStringInspect(k)}=>${rubyInspect(x)}`)
    return `{${pairs.join(', ')}}`
  }
  return String(v)
}

/** An ActiveRecord-style inspect: `#<Comment id: 1, value: "hi", is_public: true>`. */
export function recordInspect(className: string, fields: [string, unknown][]): string {
  return `#<${className} ${fields.map(([name, v]) => `${name}: ${rubyInspect(v)}`).join(', ')}>`
}

const RUBY_ESCAPES: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\t': '\\t',
  '\r': '\\r',
  '\f': '\\f',
  '\v': '\\v',
  '\b': '\\b',
  '\x07': '\\a',
  '\x1b': '\\e',
}

/** Ruby's `String#inspect` for UTF-8 text. */
export function rubyStringInspect(s: string): string {
  let out = '"'
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!
    const escape = RUBY_ESCAPES[c]
    if (escape) out += escape
    // `#{`, `#$` and `#@` would interpolate in a Ruby literal, so inspect escapes the `#`.
    else if (c === '#' && /[{$@]/.test(s[i + 1] ?? '')) out += '\\#'
    else if (c < ' ') out += `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`
    else if (c === '\x7f') out += '\\x7F'
    else out += c
  }
  return `${out}"`
}
