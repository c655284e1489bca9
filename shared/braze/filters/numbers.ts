/**
 * Braze's number formatting, in the style of Rails' number helpers: `number_with_delimiter`
 * puts commas between thousands, `money` prints two decimals.
 */
import { toValue } from 'liquidjs'
import { toFixedHalfUp } from '../../engine/filters/decimal.js'
import { reportAtFilter, type FilterScope, type FilterSet } from '../../engine/filters/filterScope.js'

const NUMERIC_TEXT = /^[+-]?\d+(?:\.\d+)?$/

/** The number `value` holds, as a JS number or numeric text; undefined for anything else. */
function numericValue(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined
  if (typeof value === 'string' && NUMERIC_TEXT.test(value.trim())) return Number(value.trim())
  return undefined
}

function delimitThousands(numberText: string): string {
  const [whole = '', fraction] = numberText.split('.')
  const delimited = whole.replace(/\d(?=(?:\d{3})+$)/g, '$&,')
  return fraction === undefined ? delimited : `${delimited}.${fraction}`
}

/** Like Rails, text that is not a number comes back unchanged. */
function numberWithDelimiter(input: unknown): unknown {
  const value = toValue(input)
  return numericValue(value) === undefined ? value : delimitThousands(String(value).trim())
}

/**
 * Braze does not divide by 100 as Shopify does: `145 | money` is `145.00`.
 * UNCONFIRMED: the thousands delimiter (`1,234.50`, as Rails' number_to_currency and
 * Shopify's money write it) and rounding half up.
 */
function money(this: FilterScope, input: unknown): unknown {
  const value = toValue(input)
  const amount = numericValue(value)
  if (amount !== undefined) return delimitThousands(toFixedHalfUp(amount, 2))
  if (value !== null && value !== undefined) {
    reportAtFilter(this, 'warning', 'braze-money-not-number', `money needs a number; "${String(value)}" is left unchanged.`,
      'Remove commas and add | plus: 0 before | money, as Braze recommends.')
  }
  return value
}

export const NUMBER_FILTERS: FilterSet = {
  number_with_delimiter: numberWithDelimiter,
  money,
}
