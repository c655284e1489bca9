/**
 * "Forgetting json_escape in JSON webhook bodies" is among Braze's hard-to-debug mistakes
 * (braze.md §6): a quote or backslash in one user's value breaks the JSON for that user only.
 * This flags outputs written inside a JSON string whose value can hold such characters.
 */
import type { OffsetDiagnostic } from '../diagnostics.js'
import { placeOutputsInJson } from '../engine/jsonContext.js'
import { STANDARD_SCOPE } from './attributes.js'
import { preprocessBraze } from './preprocess.js'

/** Filters whose result cannot contain `"`, `\` or a control character. */
const SAFE_LAST_FILTERS = new Set([
  'json_escape', 'url_escape', 'url_param_escape', 'url_encode', 'base64_encode', 'base64_url_safe_encode', 'md5', 'sha1',
  'sha2', 'hmac_sha1', 'hmac_sha1_hex', 'hmac_sha1_base64', 'hmac_sha256', 'hmac_sha256_hex', 'hmac_sha256_base64',
  'hmac_sha512', 'plus', 'minus', 'times', 'divided_by', 'modulo', 'round', 'ceil', 'floor', 'abs', 'at_least', 'at_most',
  'size', 'number_with_delimiter', 'money', 'date',
])

/** Standard attributes that hold ids, codes and addresses, never free text. */
const SAFE_STANDARD = new Set([
  'user_id', 'braze_id', 'email_address', 'phone_number', 'date_of_birth', 'country', 'language', 'gender', 'time_zone',
  'random_bucket_number', 'most_recent_locale', 'last_used_app_date', 'most_recent_app_version',
])

const FILTER_START = /\|\s*[A-Za-z_]/y
// Greedy up to `%}`, trimmed afterwards: a lazy `([^%]*?)\s*` retries the whitespace at every
// character and takes minutes on a long whitespace run.
const ASSIGN = /\{%-?\s*assign\s+([A-Za-z_]\w*)\s*=([^%]*)%\}/g
const LITERAL = /^(?:'[^'"\\]*'|"[^'"\\]*"|-?\d+(?:\.\d+)?|true|false|nil|null|blank|empty)$/
const STANDARD = new RegExp(`^${STANDARD_SCOPE}\\["(\\w+)"\\]$`)

export function lintMissingJsonEscape(source: string): OffsetDiagnostic[] {
  const { text, map } = preprocessBraze(source)
  const safeVariables = assignedSafely(text)
  const out: OffsetDiagnostic[] = []
  for (const output of placeOutputsInJson(text)) {
    if (!output.inJsonString) continue
    const markup = text.slice(output.markupStart, output.markupEnd)
    if (isSafe(markup, safeVariables)) continue
    const { start, end } = map.rangeToSource(output.start, output.end)
    out.push({
      severity: 'warning',
      code: 'braze-missing-json-escape',
      message: 'This output is inside a JSON string without | json_escape: a quote, backslash or line break in the value breaks the JSON.',
      start,
      end,
      hint: 'Add | json_escape as the last filter.',
    })
  }
  return out
}

function isSafe(markup: string, safeVariables: Set<string>): boolean {
  const { value, filters } = splitFilters(markup)
  const names = [...filters.matchAll(/\|\s*([A-Za-z_]\w*)/g)].map((f) => f[1]!)
  const last = names[names.length - 1]
  if (last !== undefined) return SAFE_LAST_FILTERS.has(last) || (last === 'default' && isSafeValue(value, safeVariables))
  return isSafeValue(value, safeVariables)
}

/**
 * An output's value and its filter chain (`value | f: x | g`): the chain starts at the first `|`
 * from which every `|` opens a filter name. One backward pass, because the equivalent regex
 * backtracks quadratically on long markup (an unclosed `{{` before pasted text froze the lint).
 */
function splitFilters(markup: string): { value: string; filters: string } {
  let chain = markup.length
  for (let bar = markup.lastIndexOf('|'); bar >= 0; bar = bar > 0 ? markup.lastIndexOf('|', bar - 1) : -1) {
    FILTER_START.lastIndex = bar
    if (!FILTER_START.test(markup)) break
    chain = bar
  }
  return { value: markup.slice(0, chain).trim(), filters: markup.slice(chain) }
}

function isSafeValue(value: string, safeVariables: Set<string>): boolean {
  if (LITERAL.test(value) || safeVariables.has(value)) return true
  const standard = STANDARD.exec(value)
  return standard !== null && SAFE_STANDARD.has(standard[1]!)
}

/** Variables whose assigned value is itself safe (e.g. `| plus: 0`, a quoted literal). */
function assignedSafely(text: string): Set<string> {
  const safe = new Set<string>()
  for (const m of text.matchAll(ASSIGN)) {
    const [, name, raw = ''] = m
    // A `-` right before `%}` is whitespace control, not part of the expression.
    const expression = (raw.endsWith('-') ? raw.slice(0, -1) : raw).trim()
    if (isSafe(expression, safe)) safe.add(name!)
    else safe.delete(name!)
  }
  return safe
}
