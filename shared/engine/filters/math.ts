/**
 * Math filters with Ruby Liquid's number rules: strings read with `to_i` unless they look
 * like `1.5`, integer division floors, and float math is exact in decimal (BigDecimal).
 */
import { decimalAdd, decimalModulo, decimalMultiply, decimalSubtract, roundHalfUp } from './decimal.js'
import { argumentText, reportAtFilter, type FilterScope, type FilterSet } from './filterScope.js'
import { toRubyNumber } from './rubyNumber.js'

function operands(scope: FilterScope, input: unknown, operand: unknown) {
  return { a: toRubyNumber(input), b: toRubyNumber(operand, argumentText(scope, 0)) }
}

function binary(operation: (a: number, b: number) => number) {
  return function (this: FilterScope, input: unknown, operand: unknown): number {
    const { a, b } = operands(this, input, operand)
    return operation(a.value, b.value)
  }
}

/** Ruby raises ZeroDivisionError, which stops the whole output; Hookbench reports it and prints nothing. */
function reportZeroDivision(scope: FilterScope, filter: string): undefined {
  reportAtFilter(
    scope,
    'error',
    'liquid-zero-division',
    `${filter} by 0: Liquid stops this output with "Liquid error: divided by 0".`,
    'Guard the divisor with an {% if %} or use at_least: 1 before dividing.',
  )
  return undefined
}

function dividedBy(this: FilterScope, input: unknown, divisor: unknown): number | undefined {
  const { a, b } = operands(this, input, divisor)
  if (b.value === 0) return reportZeroDivision(this, 'divided_by')
  const quotient = a.value / b.value
  return a.float || b.float ? quotient : Math.floor(quotient)
}

function modulo(this: FilterScope, input: unknown, divisor: unknown): number | undefined {
  const { a, b } = operands(this, input, divisor)
  if (b.value === 0) return reportZeroDivision(this, 'modulo')
  return decimalModulo(a.value, b.value)
}

function round(input: unknown, places: unknown = 0): number {
  return roundHalfUp(toRubyNumber(input).value, Math.trunc(toRubyNumber(places).value))
}

function unary(operation: (n: number) => number) {
  return (input: unknown): number => operation(toRubyNumber(input).value)
}

export const MATH_FILTERS: FilterSet = {
  abs: unary(Math.abs),
  ceil: unary(Math.ceil),
  floor: unary(Math.floor),
  plus: binary(decimalAdd),
  minus: binary(decimalSubtract),
  times: binary(decimalMultiply),
  at_least: binary(Math.max),
  at_most: binary(Math.min),
  divided_by: dividedBy,
  modulo,
  round,
}
