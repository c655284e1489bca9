/**
 * Collection filters where Ruby differs: `uniq` compares by value (two equal hashes are
 * duplicates), `uniq` and `compact` take an optional property, and `size` follows Ruby's
 * `respond_to?(:size)`.
 */
import { toValue } from 'liquidjs'
import { isPlainObject, type FilterSet } from './filterScope.js'

/** Liquid's InputIterator: nested arrays are flattened, a hash or scalar is a one-item list. */
function toList(input: unknown): unknown[] {
  const value = toValue(input)
  if (value === null || value === undefined) return []
  return Array.isArray(value) ? value.flat(Infinity) : [value]
}

function propertyOf(item: unknown, property: unknown): unknown {
  const value = toValue(item)
  return isPlainObject(value) ? value[String(property)] : undefined
}

/** A key equal for values Ruby's `eql?` finds equal; hash key order does not matter. */
function sameness(value: unknown): string {
  const sorted = (_key: string, v: unknown): unknown =>
    isPlainObject(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v
  return JSON.stringify(toValue(value), sorted) ?? 'null'
}

function uniq(input: unknown, property?: unknown): unknown[] {
  const seen = new Set<string>()
  return toList(input).filter(item => {
    const key = sameness(property === undefined ? item : propertyOf(item, property))
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

function compact(input: unknown, property?: unknown): unknown[] {
  const isNil = (v: unknown): boolean => toValue(v) === null || toValue(v) === undefined
  return toList(input).filter(item => !isNil(property === undefined ? item : propertyOf(item, property)))
}

/** Ruby's Integer#size is its width in bytes (8); floats, nil and booleans have no size (0). */
const RUBY_INTEGER_BYTES = 8

function size(input: unknown): number {
  const value = toValue(input)
  if (typeof value === 'string') return Array.from(value).length
  if (Array.isArray(value)) return value.length
  if (isPlainObject(value)) return Object.keys(value).length
  if (typeof value === 'number' && Number.isInteger(value)) return RUBY_INTEGER_BYTES
  return 0
}

export const ARRAY_FILTERS: FilterSet = { uniq, compact, size }
