/**
 * The shared vocabulary of the payload checks: an issue list that knows which API it
 * speaks for, typed expectations on JSON values, and field tables that dispatch each
 * property of an object to its rule.
 *
 * Severity policy for a value of the wrong type:
 * - a scalar that an API could plausibly convert (`"123"` for an integer, `"true"` for a
 *   boolean, `123` for a string) is a `<vendor>-coercible-type` warning: quoting or
 *   unquoting a placeholder is the usual cause, and whether the API converts it is
 *   UNCONFIRMED for both Zendesk and Braze;
 * - anything else (an object for a string, `"abc"` for an integer, `1.5` for an id) is a
 *   `<vendor>-wrong-type` error.
 */
import { anchorOf, caseVariantOf, describeValue, formatPath, hasOwn, isJsonObject, type JsonObject } from './json.js'
import type { JsonPath, PayloadIssue } from './types.js'

export type Vendor = 'zendesk' | 'braze'

const API_NAMES: Record<Vendor, string> = { zendesk: 'Zendesk', braze: 'Braze' }

/** How an empty string is reported where a value is expected. */
export interface EmptyStringRule {
  severity: PayloadIssue['severity']
  code: string
  /** What the empty value breaks, e.g. "Braze cannot tell which user this is". */
  consequence?: string
}

/** Options of {@link PayloadChecker.oneOf}. */
export interface EnumOptions {
  /** Say that null is accepted too (when listing the accepted values). */
  alsoNull?: boolean
  /** A hint for a value that is not accepted in any letter case. */
  hintFor?: (value: string) => string | undefined
}

/** Checks one present, non-null property value. */
export type FieldRule = (check: PayloadChecker, value: unknown, path: JsonPath) => void

/** Called for a property that has no rule in a field table. */
export type UnknownFieldHandler = (key: string, path: JsonPath) => void

const INTEGER_TEXT = /^-?\d+$/
const NUMBER_TEXT = /^-?\d+(?:\.\d+)?$/

const MISSING_VALUE_HINT =
  'Give the placeholder a default (e.g. `| default: "…"`) or leave the field out when there is no value.'

export class PayloadChecker {
  readonly issues: PayloadIssue[] = []
  /** The API's name as messages use it. */
  readonly api: string
  private readonly emptyValue: EmptyStringRule

  constructor(readonly vendor: Vendor) {
    this.api = API_NAMES[vendor]
    this.emptyValue = { severity: 'warning', code: `${vendor}-empty-value` }
  }

  report(severity: PayloadIssue['severity'], code: string, path: JsonPath, at: PayloadIssue['at'], message: string, hint?: string): void {
    const issue: PayloadIssue = { severity, code, message, path, at }
    if (hint !== undefined) issue.hint = hint
    this.issues.push(issue)
  }

  error(code: string, path: JsonPath, at: PayloadIssue['at'], message: string, hint?: string): void {
    this.report('error', code, path, at, message, hint)
  }

  warning(code: string, path: JsonPath, at: PayloadIssue['at'], message: string, hint?: string): void {
    this.report('warning', code, path, at, message, hint)
  }

  // ── typed expectations: each returns the value when it has the expected type, else reports and returns undefined ──

  object(path: JsonPath, value: unknown): JsonObject | undefined {
    if (isJsonObject(value)) return value
    this.wrongType(path, value, 'an object')
    return undefined
  }

  array(path: JsonPath, value: unknown): unknown[] | undefined {
    if (Array.isArray(value)) return value
    this.wrongType(path, value, 'an array')
    return undefined
  }

  /** A non-empty string; `""` is reported by `empty` (by default a `<vendor>-empty-value` warning). */
  string(path: JsonPath, value: unknown, empty: EmptyStringRule = this.emptyValue): string | undefined {
    if (typeof value === 'string') {
      if (value !== '') return value
      this.reportEmpty(path, empty)
      return undefined
    }
    if (typeof value === 'number' || typeof value === 'boolean') {
      this.coercible(path, value, 'a string', 'Put the placeholder in quotes so it renders a JSON string.')
    } else {
      this.wrongType(path, value, 'a string')
    }
    return undefined
  }

  integer(path: JsonPath, value: unknown): number | undefined {
    if (Number.isInteger(value)) return value as number
    this.numericText(path, value, 'an integer', INTEGER_TEXT)
    return undefined
  }

  number(path: JsonPath, value: unknown): number | undefined {
    if (typeof value === 'number') return value
    this.numericText(path, value, 'a number', NUMBER_TEXT)
    return undefined
  }

  boolean(path: JsonPath, value: unknown): boolean | undefined {
    if (typeof value === 'boolean') return value
    if (value === '') this.reportEmpty(path, this.emptyValue)
    else if (value === 'true' || value === 'false') {
      this.coercible(path, value, 'a boolean', 'Remove the quotes so it renders a bare true or false.')
    } else this.wrongType(path, value, 'a boolean')
    return undefined
  }

  /**
   * One of `allowed`. A value that differs only in letter case is a `<vendor>-enum-case`
   * warning (whether the API accepts it is UNCONFIRMED); anything else is a
   * `<vendor>-enum-invalid` error.
   */
  oneOf(
    path: JsonPath,
    value: unknown,
    allowed: readonly string[],
    options: EnumOptions = {},
  ): string | undefined {
    const text = this.string(path, value)
    if (text === undefined) return undefined
    if (allowed.includes(text)) return text
    const accepted = `${this.api} accepts ${allowed.join(', ')}${options.alsoNull ? ' or null' : ''}`
    const message = `${formatPath(path)} is ${describeValue(text)}; ${accepted}`
    const sameLetters = allowed.find((candidate) => candidate.toLowerCase() === text.toLowerCase())
    if (sameLetters !== undefined) {
      const filter = sameLetters === sameLetters.toLowerCase() ? 'downcase' : 'upcase'
      this.warning(
        `${this.vendor}-enum-case`,
        path,
        'value',
        message,
        `Send "${sameLetters}": add \`| ${filter}\` to the placeholder. Whether ${this.api} accepts other casings is UNCONFIRMED.`,
      )
    } else {
      this.error(`${this.vendor}-enum-invalid`, path, 'value', message, options.hintFor?.(text))
    }
    return undefined
  }

  /** A date or date-time string in a documented format; other types are errors (a Unix time number is not coercible). */
  dateTime(
    path: JsonPath,
    value: unknown,
    isValid: (text: string) => boolean,
    formats: string,
    options: { empty?: EmptyStringRule; hint?: string } = {},
  ): string | undefined {
    if (typeof value !== 'string') {
      this.wrongType(path, value, `a date string (${formats})`)
      return undefined
    }
    if (value === '') {
      this.reportEmpty(path, options.empty ?? this.emptyValue)
      return undefined
    }
    if (isValid(value)) return value
    this.error(
      `${this.vendor}-invalid-date`,
      path,
      'value',
      `${formatPath(path)} is ${describeValue(value)}; ${this.api} expects ${formats}`,
      options.hint,
    )
    return undefined
  }

  // ── objects ──

  /** Reports each of `names` that `object` lacks (or sets to null) as an error on the object. */
  required(object: JsonObject, path: JsonPath, names: readonly string[], code: string, hint?: string): void {
    for (const name of names) {
      if (object[name] === null || !hasOwn(object, name)) {
        this.error(code, path, anchorOf(path), `${formatPath(path)} has no ${name}; ${this.api} requires it`, hint)
      }
    }
  }

  /** Runs the rule of each property present and not null; properties without a rule go to `onUnknown`. */
  fields(object: JsonObject, path: JsonPath, rules: Readonly<Record<string, FieldRule>>, onUnknown: UnknownFieldHandler): void {
    for (const [key, value] of Object.entries(object)) {
      const keyPath = [...path, key]
      if (!hasOwn(rules, key)) onUnknown(key, keyPath)
      else if (value !== null) rules[key]!(this, value, keyPath)
    }
  }

  /**
   * A `<vendor>-unknown-field` warning: the API may ignore the field, but the author meant
   * something by it. Suggests the documented name it differs from only in case.
   */
  unknownField(path: JsonPath, known: readonly string[], where: string, hint?: string): void {
    const key = String(path[path.length - 1])
    const variant = caseVariantOf(key, known)
    this.warning(
      `${this.vendor}-unknown-field`,
      path,
      'key',
      `${formatPath(path)} is not ${where}`,
      variant !== undefined ? `Did you mean ${variant}? Field names are case-sensitive.` : (hint ?? `Known fields: ${known.join(', ')}.`),
    )
  }

  // ── reports ──

  private reportEmpty(path: JsonPath, rule: EmptyStringRule): void {
    const consequence = rule.consequence === undefined ? '' : `; ${rule.consequence}`
    const message = `${formatPath(path)} is an empty string${consequence} (probably rendered from a missing attribute)`
    this.report(rule.severity, rule.code, path, 'value', message, MISSING_VALUE_HINT)
  }

  private numericText(path: JsonPath, value: unknown, expected: string, pattern: RegExp): void {
    if (value === '') this.reportEmpty(path, this.emptyValue)
    else if (typeof value === 'string' && pattern.test(value)) {
      this.coercible(path, value, expected, 'Remove the quotes around the placeholder so it renders a bare number.')
    } else this.wrongType(path, value, expected)
  }

  private coercible(path: JsonPath, value: string | number | boolean, expected: string, hint: string): void {
    const actual = typeof value === 'string' ? `the string ${describeValue(value)}` : `the ${typeof value} ${String(value)}`
    this.warning(
      `${this.vendor}-coercible-type`,
      path,
      'value',
      `${formatPath(path)} is ${actual}; ${this.api} documents ${expected}`,
      `${hint} Whether ${this.api} converts it is UNCONFIRMED.`,
    )
  }

  private wrongType(path: JsonPath, value: unknown, expected: string): void {
    this.error(
      `${this.vendor}-wrong-type`,
      path,
      'value',
      `${formatPath(path)} is ${describeValue(value)}; ${this.api} expects ${expected}`,
    )
  }
}

const expectString: FieldRule = (check, value, path) => void check.string(path, value)
const expectInteger: FieldRule = (check, value, path) => void check.integer(path, value)
const expectNumber: FieldRule = (check, value, path) => void check.number(path, value)
const expectBoolean: FieldRule = (check, value, path) => void check.boolean(path, value)
const expectObject: FieldRule = (check, value, path) => void check.object(path, value)
const expectArray: FieldRule = (check, value, path) => void check.array(path, value)

/** Field rules for the plain types, and builders for arrays, enums and dates, to build field tables from. */
export const FIELD = {
  string: expectString,
  integer: expectInteger,
  number: expectNumber,
  boolean: expectBoolean,
  object: expectObject,
  array: expectArray,
  arrayOf(itemRule: FieldRule): FieldRule {
    return (check, value, path) => check.array(path, value)?.forEach((item, index) => itemRule(check, item, [...path, index]))
  },
  oneOf(allowed: readonly string[], options?: EnumOptions): FieldRule {
    return (check, value, path) => void check.oneOf(path, value, allowed, options)
  },
  dateTime(isValid: (text: string) => boolean, formats: string): FieldRule {
    return (check, value, path) => void check.dateTime(path, value, isValid, formats)
  },
}
