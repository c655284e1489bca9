/**
 * Braze's JSON filters: `json_escape` for strings placed inside a JSON body, `json_parse`
 * and `as_json_string` to go between JSON text and objects.
 */
import { toValue } from 'liquidjs'
import { reportAtFilter, toText, type FilterScope, type FilterSet } from '../../engine/filters/filterScope.js'

const SHORT_ESCAPES: Readonly<Record<string, string>> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
}

/**
 * Braze documents that `"` and `\` are escaped. Control characters (a newline in a
 * free-text attribute, say) are escaped too, because leaving them raw would make any JSON
 * body invalid and Braze calls this filter the way to personalise JSON; since that part is
 * UNCONFIRMED, an info diagnostic says when it happened.
 */
function jsonEscape(this: FilterScope, input: unknown): string {
  let escapedControl = false
  const escaped = toText(input).replace(/["\\\u0000-\u001f]/g, char => {
    if (char !== '"' && char !== '\\') escapedControl = true
    return SHORT_ESCAPES[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`
  })
  if (escapedControl) {
    reportAtFilter(this, 'info', 'braze-json-escape-control',
      'json_escape escaped a control character such as a newline; Braze documents only quotes and backslashes, '
        + 'so whether it does the same is unconfirmed.',
      'Remove line breaks first (strip_newlines) if the body must not depend on it.')
  }
  return escaped
}

function jsonParse(this: FilterScope, input: unknown): unknown {
  const value = toValue(input)
  if (value === null || value === undefined) return undefined
  if (typeof value !== 'string') {
    reportAtFilter(this, 'warning', 'braze-json-parse-not-string',
      'json_parse expects JSON text; this value is already an object, so it is left unchanged.')
    return value
  }
  try {
    return JSON.parse(value)
  } catch (err) {
    reportAtFilter(this, 'error', 'braze-json-parse-invalid', `json_parse got invalid JSON: ${(err as Error).message}`,
      'Check the string with as_json_string or build it with capture and json_escape.')
    return undefined
  }
}

/**
 * Compact JSON as Ruby's `to_json` writes it. UNCONFIRMED: whether Braze uses Rails'
 * encoder, which also writes `<`, `>` and `&` as `\u003c`, `\u003e`, `\u0026`.
 */
function asJsonString(input: unknown): string {
  return JSON.stringify(toValue(input)) ?? 'null'
}

export const JSON_FILTERS: FilterSet = {
  json_escape: jsonEscape,
  json_parse: jsonParse,
  as_json_string: asJsonString,
}
