/**
 * `date` as in Liquid 5.2: Ruby strftime on whatever `Utils.to_date` makes of the input.
 * An empty format, or input that is not a time, comes back unchanged.
 */
import { currentTime } from '../env.js'
import { reportAtFilter, toText, type FilterScope, type FilterSet } from './filterScope.js'
import type { RubyTime } from './rubyTime.js'
import { strftime } from './strftime.js'
import { toRubyTime } from './timeParse.js'

/** The time `input` denotes; warns when it is text no time can be read from. */
export function readTimeOrWarn(scope: FilterScope, input: unknown, filter: string): RubyTime | undefined {
  const time = toRubyTime(input, currentTime(scope.context))
  if (!time && typeof input === 'string' && input.trim() !== '') {
    reportAtFilter(
      scope,
      'warning',
      'date-unparsed',
      `${filter} could not read "${input}" as a time, so it is left unchanged.`,
      "Use ISO 8601 (2021-06-03T17:13:41Z), '2021-06-03 17:13:41 UTC', Unix seconds or 'now'.",
    )
  }
  return time
}

function date(this: FilterScope, input: unknown, format?: unknown): unknown {
  const pattern = toText(format)
  if (pattern === '') return input
  const time = readTimeOrWarn(this, input, 'date')
  return time ? strftime(time, pattern) : input
}

export const DATE_FILTERS: FilterSet = { date }
