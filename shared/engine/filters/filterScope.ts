/**
 * What a filter implementation sees as `this`, and the small conversions every filter needs.
 */
import { toValue, type FilterImplOptions } from 'liquidjs'
import { renderEnv } from '../env.js'
import type { Severity } from '../../diagnostics.js'

type FilterHandler = Extract<FilterImplOptions, (...args: never[]) => unknown>

/** `this` inside a filter: the render context, the filter's token and the Liquid instance. */
export type FilterScope = ThisParameterType<FilterHandler>

export type FilterSet = Readonly<Record<string, FilterHandler>>

/** Records a problem at the filter's position in the template. */
export function reportAtFilter(
  scope: FilterScope,
  severity: Severity,
  code: string,
  message: string,
  hint?: string,
): void {
  renderEnv(scope.context).report(scope.token, severity, code, message, hint)
}

/** The argument's source text, e.g. `2.0` for `divided_by: 2.0`; undefined for keyword arguments. */
export function argumentText(scope: FilterScope, index: number): string | undefined {
  const arg = scope.token.args[index]
  return arg === undefined || Array.isArray(arg) ? undefined : arg.getText()
}

/** Ruby's `to_s` as Liquid output shows it: nil is empty, arrays are joined. */
export function toText(value: unknown): string {
  const v = toValue(value)
  if (v === null || v === undefined) return ''
  if (typeof v === 'string') return v
  if (Array.isArray(v)) return v.map(toText).join('')
  return String(v)
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false
  const proto = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}
