/**
 * Splits the arguments of a Braze tag into words and `:option`s, keeping absolute offsets.
 *
 * Braze tags take space-separated words, but a word may hold Liquid (`{{ wishlist[0] }}`, spaces
 * included) and `:headers` takes a JSON-like object with spaces, so a plain split on blanks would
 * cut them apart. Offsets stay those of the whole template so reports and sub-templates point at
 * the right place.
 */
import type { TagToken } from 'liquidjs'
import type { TokenLike } from '../../engine/env.js'
import { problemCollector, type AddProblem, type TagProblem } from './problems.js'

/** A piece of the template, usable wherever a token is expected. */
export interface Span extends TokenLike {
  readonly text: string
}

export function spanOf(input: string, begin: number, end: number): Span {
  return { input, begin, end, text: input.slice(begin, end) }
}

/** The arguments of a tag: everything after its name, delimiters and whitespace-control dashes excluded. */
export function argumentsOf(token: TagToken): Span {
  const end = token.contentRange[1]
  return spanOf(token.input, end - token.args.length, end)
}

const isBlank = (c: string | undefined): boolean => c !== undefined && /\s/.test(c)

/**
 * Whether an output `{{…}}` starts at `at`. (A `{%…%}` cannot occur in arguments: the first
 * `%}` ends the tag itself.)
 */
export function isLiquidAt(input: string, at: number): boolean {
  return input.startsWith('{{', at)
}

function skipQuoted(input: string, at: number, end: number): number {
  const close = input.indexOf(input[at]!, at + 1)
  return close === -1 || close >= end ? end : close + 1
}

/** Skips the `{{…}}` starting at `at`; an unclosed one runs to `end` (parsing it reports the error). */
export function skipLiquid(input: string, at: number, end: number): number {
  let p = at + 2
  while (p < end) {
    const c = input[p]
    if (c === '"' || c === "'") p = skipQuoted(input, p, end)
    else if (input.startsWith('}}', p)) return p + 2
    else p++
  }
  return end
}

/** Skips a JSON string starting at the quote `at`; Liquid inside it may hold quotes of its own. */
export function skipJsonString(input: string, at: number, end: number): number {
  let p = at + 1
  while (p < end) {
    if (isLiquidAt(input, p)) p = skipLiquid(input, p, end)
    else if (input[p] === '\\') p += 2
    else if (input[p] === '"') return p + 1
    else p++
  }
  return end
}

function skipObject(input: string, at: number, end: number): number {
  let depth = 0
  let p = at
  while (p < end) {
    if (isLiquidAt(input, p)) {
      p = skipLiquid(input, p, end)
      continue
    }
    const c = input[p]
    if (c === '"') {
      p = skipJsonString(input, p, end)
      continue
    }
    if (c === '{') depth++
    else if (c === '}' && --depth === 0) return p + 1
    p++
  }
  return end
}

function wordEnd(input: string, at: number, end: number): number {
  const c = input[at]
  if (c === '{' && !isLiquidAt(input, at)) return skipObject(input, at, end)
  if (c === '"' || c === "'") return skipQuoted(input, at, end)
  let p = at
  while (p < end && !isBlank(input[p])) p = isLiquidAt(input, p) ? skipLiquid(input, p, end) : p + 1
  return p
}

/** The blank-separated words of `args`; `{{…}}`, quoted strings and `{…}` objects count as one word. */
export function splitWords(args: Span): Span[] {
  const { input, end } = args
  const words: Span[] = []
  let p = args.begin
  while (p < end) {
    if (isBlank(input[p])) {
      p++
      continue
    }
    const stop = wordEnd(input, p, end)
    words.push(spanOf(input, p, stop))
    p = stop
  }
  return words
}

/** Offset of the first whitespace outside `{{…}}`, or -1 when there is none. */
export function firstBlankOutsideLiquid(span: Span): number {
  const { input, end } = span
  let p = span.begin
  while (p < end) {
    if (isLiquidAt(input, p)) p = skipLiquid(input, p, end)
    else if (isBlank(input[p])) return p
    else p++
  }
  return -1
}

/**
 * `flag` options stand alone (`:retry`); `value` options take the next word (`:save name`);
 * `text` options take every word up to the next option (`:value first_name | upcase`).
 */
export type OptionKind = 'flag' | 'value' | 'text'

export interface TagOption {
  name: Span
  value?: Span
}

export interface ParsedArguments {
  /** Words before, between and after the options that belong to no option. */
  positional: Span[]
  options: Map<string, TagOption>
  /** Every option written, valid or not, by name. */
  written: Set<string>
  problems: TagProblem[]
}

const OPTION = /^:[A-Za-z_]\w*$/

const isOption = (word: Span | undefined): boolean => word !== undefined && OPTION.test(word.text)

export function parseArguments(tagName: string, args: Span, spec: Readonly<Record<string, OptionKind>>): ParsedArguments {
  const words = splitWords(args)
  const parsed: ParsedArguments = { positional: [], options: new Map(), written: new Set(), problems: [] }
  const problem = problemCollector(tagName, parsed.problems)
  /** The words from `from` that an option of `kind` takes as its value. */
  const valueWords = (from: number, kind: OptionKind): Span[] => {
    const taken: Span[] = []
    while (kind !== 'flag' && from < words.length && !isOption(words[from])) {
      taken.push(words[from++]!)
      if (kind === 'value') break
    }
    return taken
  }
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!
    if (!isOption(word)) {
      parsed.positional.push(word)
      continue
    }
    const name = word.text.slice(1)
    parsed.written.add(name)
    const kind = Object.hasOwn(spec, name) ? spec[name] : undefined
    // Whatever follows an unknown option is most likely its value, not a word of its own.
    const taken = valueWords(i + 1, kind ?? 'value')
    i += taken.length
    const first = taken[0]
    const value = first && spanOf(word.input, first.begin, taken[taken.length - 1]!.end)
    if (kind === undefined) {
      problem(word, 'warning', 'unknown-option', `${word.text} is not an option of {% ${tagName} %}; it has no effect`)
    } else if (kind !== 'flag' && !value) {
      problem(word, 'error', 'option-value', `${word.text} needs a value`)
    } else {
      if (parsed.options.has(name)) {
        // UNCONFIRMED which of two equal options Braze keeps; the last one is used here.
        problem(word, 'warning', 'duplicate-option', `${word.text} is given more than once; the last one is used`)
      }
      parsed.options.set(name, value ? { name: word, value } : { name: word })
    }
  }
  return parsed
}

/** Reports words a tag has no use for. */
export function reportUnexpectedWords(tagName: string, words: readonly Span[], problem: AddProblem): void {
  for (const word of words) {
    problem(word, 'warning', 'unexpected-argument', `unexpected ${JSON.stringify(word.text)} in {% ${tagName} %}; it has no effect`)
  }
}
