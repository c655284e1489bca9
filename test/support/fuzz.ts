/**
 * Fuzzing helpers: a seeded random source and mutators that damage real fixtures the way files
 * get damaged in practice (cut off, bytes flipped, Liquid half typed, junk pasted in, runaway
 * loops, YAML alias bombs, BOMs and CRLF). Each case gets its own seed, so a failure names the
 * exact input to replay.
 */
import type { Diagnostic } from '../../shared/diagnostics.js'

/** mulberry32: small, fast and plenty for choosing mutations (never for anything secret). */
export class Random {
  private state: number

  constructor(seed: number) {
    this.state = seed >>> 0
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0
    let t = this.state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }

  /** An integer in [0, max). */
  int(max: number): number {
    return Math.floor(this.next() * max)
  }

  /** An integer in [min, max]. */
  between(min: number, max: number): number {
    return min + this.int(max - min + 1)
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!
  }

  chance(probability: number): boolean {
    return this.next() < probability
  }
}

export interface Mutation {
  name: string
  apply(text: string, random: Random): string
}

/** Pieces of Liquid, JSON and YAML that typing, pasting and merging leave behind. */
const DEBRIS = [
  '{{', '}}', '{%', '%}', '{%-', '-%}', '{{-', '-}}', '{{${', '}}}', '${', '${first_name}',
  '{% if x %}', '{% elsif y %}', '{% else %}', '{% endif %}', '{% unless x %}', '{% endunless %}',
  '{% for x in y %}', '{% endfor %}', '{% break %}', '{% case x %}{% when 1 %}', '{% endcase %}',
  '{% capture c %}', '{% endcapture %}', '{% raw %}', '{% endraw %}', '{% comment %}', '{% endcomment %}',
  '{% assign a = ', '{% assign a = b | plus: %}', '| json_escape', '| default:', '| date: "%s"', '| split: ""',
  '{{content_blocks.${order_defaults}}}', '{{content_blocks.${missing}}}', '{% connected_content https://x :save r %}',
  '{% abort_message("x") %}', '{% abort_message() %}', '{% catalog_items c 1 %}', '{% promotion("p") %}',
  '{{ticket.', '{{ticket.comments}}', '{{ticket.tags}}', '{{ticket.ticket_field_1}}', '{{current_user.name}}',
  "'", '"', '\\', '|', ':', ',', '(', ')', '[', ']', '{', '}', '\u201cquoted\u201d', '<!--', '-->',
  '---\n', '...\n', '  ? [a]\n  : b\n', '%{env.', '%{secret.x}', '%{env.zendesk_subdomain}',
  '{"a": ', '"key": {{x}},', 'null', '1e999', '-0', 'true',
]

const HUGE_LOOPS = [
  '{% for i in (1..100000000) %}x{% endfor %}',
  '{% for i in (1..100000000) %}{% endfor %}',
  '{% for i in (-100000000..100000000) %}{{i}}{% endfor %}',
  '{% assign s = "xx" %}{% for i in (1..40) %}{% assign s = s | append: s %}{% endfor %}{{s}}',
]

const NESTING = [
  ['{% if a %}', '{% endif %}'],
  ['{% unless a %}', '{% endunless %}'],
  ['{% for a in b %}', '{% endfor %}'],
  ['{% capture c %}', '{% endcapture %}'],
  ['{% case a %}{% when 1 %}', '{% endcase %}'],
  ['{{ a | default: ', ' }}'],
  ['[', ']'],
  ['{"a": ', '}'],
] as const

/** Characters that make strings long without making them Liquid. */
const FILLERS = ['x', 'é', '"', '\\', ' ', '\n', '\u{1F642}', '\t', '}', '{']

function at(text: string, random: Random): number {
  return random.int(text.length + 1)
}

function insert(text: string, random: Random, piece: string): string {
  const i = at(text, random)
  return text.slice(0, i) + piece + text.slice(i)
}

const utf8 = new TextEncoder()
const lossy = new TextDecoder('utf-8')

/** Every way the fuzz tests damage a text file. */
export const TEXT_MUTATIONS: readonly Mutation[] = [
  { name: 'truncate', apply: (t, r) => t.slice(0, at(t, r)) },
  {
    name: 'delete-slice',
    apply: (t, r) => {
      const i = at(t, r)
      return t.slice(0, i) + t.slice(i + r.between(1, 80))
    },
  },
  {
    name: 'duplicate-slice',
    apply: (t, r) => {
      const i = at(t, r)
      return insert(t, r, t.slice(i, i + r.between(1, 200)))
    },
  },
  {
    name: 'swap-lines',
    apply: (t, r) => {
      const lines = t.split('\n')
      const a = r.int(lines.length)
      const b = r.int(lines.length)
      ;[lines[a], lines[b]] = [lines[b]!, lines[a]!]
      return lines.join('\n')
    },
  },
  { name: 'debris', apply: (t, r) => insert(t, r, r.pick(DEBRIS)) },
  {
    name: 'soup',
    apply: (t, r) => insert(t, r, Array.from({ length: r.between(5, 120) }, () => (r.chance(0.7) ? r.pick(DEBRIS) : r.pick(['a', 'x.y', ' ', '\n', '42', 'ticket', '${user_id}']))).join('')),
  },
  {
    name: 'flip-byte',
    apply: (t, r) => {
      const bytes = utf8.encode(t)
      if (bytes.length === 0) return t
      bytes[r.int(bytes.length)]! ^= 1 << r.int(8)
      return lossy.decode(bytes)
    },
  },
  { name: 'lone-surrogate', apply: (t, r) => insert(t, r, r.pick(['\uD800', '\uDFFF', '\uFFFD', '\uFFFE'])) },
  { name: 'control-character', apply: (t, r) => insert(t, r, r.pick(['\u0000', '\r', '\t', '\u0008', '\u2028', '\u001b[31m'])) },
  { name: 'bom', apply: (t) => `\uFEFF${t}` },
  { name: 'crlf', apply: (t) => t.replace(/\r?\n/g, '\r\n') },
  { name: 'cr-only', apply: (t) => t.replace(/\r?\n/g, '\r') },
  { name: 'huge-loop', apply: (t, r) => insert(t, r, r.pick(HUGE_LOOPS)) },
  {
    name: 'deep-nesting',
    apply: (t, r) => {
      const [open, close] = r.pick(NESTING)
      const depth = r.between(20, 400)
      const closed = r.chance(0.7) ? depth : r.int(depth)
      return insert(t, r, open.repeat(depth) + 'x' + close.repeat(closed))
    },
  },
  { name: 'enormous-string', apply: (t, r) => insert(t, r, r.pick(FILLERS).repeat(r.between(20_000, 200_000))) },
  { name: 'many-outputs', apply: (t, r) => insert(t, r, '{{a}}'.repeat(r.between(100, 2000))) },
  {
    name: 'yaml-alias-bomb',
    apply: (t) => {
      const levels = Array.from({ length: 9 }, (_, i) =>
        i === 0 ? 'l0: &l0 [x, x, x, x, x, x, x, x, x]' : `l${i}: &l${i} [${Array(9).fill(`*l${i - 1}`).join(', ')}]`,
      )
      return t.replace(/^(\uFEFF?---[^\n]*\n)?/, (opening) => `${opening || '---\n'}${levels.join('\n')}\n${opening ? '' : '---\n'}`)
    },
  },
  {
    name: 'yaml-anchors',
    apply: (t, r) =>
      t.replace(/^(\uFEFF?---[^\n]*\n)/, `$1${r.pick(['a: &a {x: 1}\nname: *a\n', 'h: &h {X: "{{x}}"}\nheaders: *h\n', 'u: &u "https://{{a}}"\nurl: *u\n', '<<: {name: x}\n', 'name: !!binary aGk=\n', 'name: *undefined\n'])}`),
  },
  { name: 'deep-json', apply: (t, r) => insert(t, r, r.chance(0.5) ? '['.repeat(r.between(100, 5000)) : `${'['.repeat(3000)}${']'.repeat(3000)}`) },
]

/** A damaged copy of `text`: one to three mutations, named so a failure says what was done. */
export function mutate(text: string, random: Random, mutations: readonly Mutation[] = TEXT_MUTATIONS): { text: string; applied: string[] } {
  const applied: string[] = []
  let out = text
  for (let n = random.between(1, 3); n > 0; n--) {
    const mutation = random.pick(mutations)
    out = mutation.apply(out, random)
    applied.push(mutation.name)
  }
  return { text: out, applied }
}

/** Bytes that are not UTF-8 at all: a stray continuation byte, a cut sequence, an overlong form. */
export function breakUtf8(bytes: Uint8Array, random: Random): Uint8Array {
  const junk = random.pick([[0xff], [0x80], [0xc3], [0xe2, 0x82], [0xc0, 0xaf], [0xed, 0xa0, 0x80]])
  const i = random.int(bytes.length + 1)
  return Uint8Array.from([...bytes.subarray(0, i), ...junk, ...bytes.subarray(i)])
}

/** A random JSON value of any type, including the awkward ones. */
export function randomJson(random: Random, depth = 0): unknown {
  switch (random.int(depth > 3 ? 6 : 9)) {
    case 0: return null
    case 1: return random.pick([0, -1, 1.5, 1e308, -1e-308, 2 ** 53 + 1, -0])
    case 2: return random.chance(0.5)
    case 3: return random.pick(['', ' ', 'x', '"\\\n\u0000', '\uD800', '{{a}}', '1'.repeat(10_000), '2024-13-45T99:99:99Z'])
    case 4: return random.pick(['user-1', 'alice@example.com', 'open', 'US-01', 'https://example.com'])
    case 5: return random.pick([[], {}])
    case 6: return Array.from({ length: random.between(1, 5) }, () => randomJson(random, depth + 1))
    case 7: return Object.fromEntries(Array.from({ length: random.between(1, 5) }, () => [random.pick(['id', 'users', 'ticket', 'custom_attributes', 'status', 'x', '']), randomJson(random, depth + 1)]))
    default: return nested(random.between(50, 500))
  }
}

function nested(depth: number): unknown {
  let value: unknown = 'bottom'
  for (let i = 0; i < depth; i++) value = [value]
  return value
}

/** The same JSON with one value somewhere inside replaced by a random one, of any type. */
export function mutateJsonValue(value: unknown, random: Random): unknown {
  if (random.chance(0.15) || value === null || typeof value !== 'object') return randomJson(random)
  if (Array.isArray(value)) {
    if (value.length === 0) return [randomJson(random)]
    const copy = [...value]
    const i = random.int(copy.length)
    copy[i] = mutateJsonValue(copy[i], random)
    return copy
  }
  const copy = { ...(value as Record<string, unknown>) }
  const keys = Object.keys(copy)
  if (keys.length === 0 || random.chance(0.1)) {
    copy[random.pick(['id', 'users', 'ticket', 'tickets', 'custom_attributes', 'kind', 'secrets', 'zendesk'])] = randomJson(random)
  } else {
    const key = random.pick(keys)
    if (random.chance(0.1)) delete copy[key]
    else copy[key] = mutateJsonValue(copy[key], random)
  }
  return copy
}

/**
 * A check that diagnostics point inside `text`: line ≥ 1, column ≥ 1, both within the text (a
 * column may be one past the line's end), and the end not before the start. The check returns
 * why a diagnostic fails it, or undefined.
 */
export function locationCheck(text: string): (d: Diagnostic) => string | undefined {
  const lineLengths = text.split('\n').map((line) => line.length)
  const inside = (line: number | undefined, column: number | undefined) =>
    Number.isInteger(line) && Number.isInteger(column) && line! >= 1 && column! >= 1 && line! <= lineLengths.length && column! <= lineLengths[line! - 1]! + 1
  return (d) => {
    const where = `${d.code} at ${d.line}:${d.column}-${d.endLine}:${d.endColumn}`
    if (!inside(d.line, d.column)) return `${where} is outside the text (${lineLengths.length} lines)`
    if (d.endLine === undefined && d.endColumn === undefined) return undefined
    if (!inside(d.endLine, d.endColumn)) return `${where} ends outside the text (${lineLengths.length} lines)`
    if (d.endLine! < d.line || (d.endLine === d.line && d.endColumn! < d.column)) return `${where} ends before it starts`
    return undefined
  }
}
