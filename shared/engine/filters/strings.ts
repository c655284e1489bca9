/**
 * String filters where Ruby's String methods differ from JS: Ruby's whitespace is ASCII only
 * (a non-breaking space survives `strip`), and `split(' ')` splits on runs of whitespace.
 */
import { toValue } from 'liquidjs'
import { toText, type FilterSet } from './filterScope.js'
import { toRubyNumber } from './rubyNumber.js'

/** Ruby's whitespace for strip and awk-style split. */
const WS = '\\0\\t\\n\\v\\f\\r '
const LEADING_WS = new RegExp(`^[${WS}]+`)
const TRAILING_WS = new RegExp(`[${WS}]+$`)
const WORD = new RegExp(`[^${WS}]+`, 'g')

const lstrip = (input: unknown): string => toText(input).replace(LEADING_WS, '')
const rstrip = (input: unknown): string => toText(input).replace(TRAILING_WS, '')
const strip = (input: unknown): string => rstrip(lstrip(input))

function split(input: unknown, separator: unknown): string[] {
  const text = toText(input)
  const by = toText(separator)
  if (by === ' ') return text.match(WORD) ?? []
  const parts = by === '' ? Array.from(text) : text.split(by)
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop()
  return parts
}

/** Keeps the input as written when it has no more words than asked for. */
function truncatewords(input: unknown, count: unknown = 15, ellipsis: unknown = '...'): unknown {
  const value = toValue(input)
  if (value === null || value === undefined) return undefined
  const text = toText(value)
  const words = text.match(WORD) ?? []
  const keep = Math.max(1, Math.trunc(toRubyNumber(count).value))
  if (words.length <= keep) return text
  return words.slice(0, keep).join(' ') + toText(ellipsis)
}

export const STRING_FILTERS: FilterSet = { strip, lstrip, rstrip, split, truncatewords }
