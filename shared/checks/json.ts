/** Small helpers for inspecting parsed JSON values and naming them in messages. */
import type { JsonPath } from './types.js'

export type JsonObject = Record<string, unknown>

/** A JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Own properties only: a body key named `constructor` or `__proto__` must not hit the prototype. */
export function hasOwn(object: JsonObject, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(object, key)
}

/** A key that is present with a value other than null; JSON null means "not set" for optional fields. */
export function isSet(object: JsonObject, key: string): boolean {
  return hasOwn(object, key) && object[key] !== null && object[key] !== undefined
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/

/** `ticket.custom_fields[0].id`; keys that are not identifiers are quoted: `properties["my key"]`. */
export function formatPath(path: JsonPath): string {
  if (path.length === 0) return 'the body'
  let out = ''
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`
    else if (IDENTIFIER.test(segment)) out += out === '' ? segment : `.${segment}`
    else out += `[${JSON.stringify(segment)}]`
  }
  return out
}

/** Where to underline a node as a whole: its key when it is a property, else the value itself. */
export function anchorOf(path: JsonPath): 'key' | 'value' {
  return typeof path[path.length - 1] === 'string' ? 'key' : 'value'
}

const MAX_QUOTED_LENGTH = 40

/** A value as a message shows it: `"Open"`, `12`, `null`, `an array`, `an object`. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') {
    if (value.length <= MAX_QUOTED_LENGTH) return JSON.stringify(value)
    return `${JSON.stringify(value.slice(0, MAX_QUOTED_LENGTH - 3) + '…')} (${value.length} characters)`
  }
  if (Array.isArray(value)) return 'an array'
  if (isJsonObject(value)) return 'an object'
  return String(value)
}

/** The known name that differs from `name` only in letter case, e.g. `first_name` for `First_Name`. */
export function caseVariantOf(name: string, known: Iterable<string>): string | undefined {
  const lower = name.toLowerCase()
  for (const candidate of known) {
    if (candidate !== name && candidate.toLowerCase() === lower) return candidate
  }
  return undefined
}
