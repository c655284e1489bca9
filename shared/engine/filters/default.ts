/**
 * `default` as in Liquid 5.2: the fallback replaces nil, false and anything empty
 * (string, array, hash). `allow_false: true` lets `false` through.
 *
 * A whitespace-only string is not empty, so it is kept; whether Braze treats it as
 * blank instead is UNCONFIRMED (braze.md §2.5).
 */
import { toValue } from 'liquidjs'
import { isPlainObject, type FilterSet } from './filterScope.js'

type KeywordArgument = [string, unknown]

/** liquidjs passes `allow_false: true` as the pair `['allow_false', true]`. */
const isKeyword = (arg: unknown): arg is KeywordArgument => Array.isArray(arg) && arg.length === 2 && typeof arg[0] === 'string'

function isEmpty(value: unknown): boolean {
  if (typeof value === 'string' || Array.isArray(value)) return value.length === 0
  return isPlainObject(value) && Object.keys(value).length === 0
}

function defaultFilter(input: unknown, fallback: unknown = '', ...options: unknown[]): unknown {
  const value = toValue(input)
  const keywords = new Map(options.filter(isKeyword))
  const missing = value === null || value === undefined || (value === false && !keywords.get('allow_false'))
  return missing || isEmpty(value) ? fallback : input
}

export const DEFAULT_FILTERS: FilterSet = { default: defaultFilter }
