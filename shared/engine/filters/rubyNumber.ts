/**
 * Liquid's `Utils.to_number`: how Ruby Liquid reads a filter's input or argument as a number.
 *
 * Ruby keeps integers and floats apart (`15 / 2` is `7`, `15 / 2.0` is `7.5`); a JS number
 * cannot, so the float flag travels alongside the value.
 */
import { toValue } from 'liquidjs'

export interface RubyNumber {
  value: number
  float: boolean
}

/** What Ruby Liquid reads as a decimal number (BigDecimal); anything else goes through `to_i`. */
const DECIMAL_STRING = /^-?\d+\.\d+$/
/** Ruby's `String#to_i`: optional sign and leading digits (underscores between them), the rest ignored. */
const LEADING_INTEGER = /^\s*([+-]?\d+(?:_\d+)*)/

/**
 * Reads `input` as Ruby Liquid would. `sourceText` is the literal as written in the template,
 * when there is one: it is the only way to tell `2.0` from `2` once JS has parsed it.
 */
export function toRubyNumber(input: unknown, sourceText?: string): RubyNumber {
  const v = toValue(input)
  if (typeof v === 'number') {
    const writtenAsFloat = sourceText !== undefined && DECIMAL_STRING.test(sourceText.trim())
    return { value: v, float: writtenAsFloat || !Number.isInteger(v) }
  }
  if (typeof v === 'string') {
    const trimmed = v.trim()
    if (DECIMAL_STRING.test(trimmed)) return { value: Number(trimmed), float: true }
    const digits = LEADING_INTEGER.exec(v)?.[1]
    return { value: digits === undefined ? 0 : Number(digits.replaceAll('_', '')), float: false }
  }
  // nil, booleans, arrays and hashes do not respond to `to_number`: Liquid reads them as 0.
  return { value: 0, float: false }
}
