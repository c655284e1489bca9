/**
 * A CSV of users → one Braze user sample per row.
 *
 * The header row names export fields (braze.md §5.3): `external_id`, `first_name`, `email` …
 * Nested fields use dots: `custom_attributes.plan`, `custom_attributes.address.city`, and the
 * same for the trigger context a send would have (`event_properties.score`, `context.x`,
 * `canvas_entry_properties.x`, `api_trigger_properties.x`). A header problem (unknown field,
 * duplicate, a column that is both a value and a folder of values) stops the import: a
 * misspelt `extrenal_id` would otherwise make every sample nameless.
 *
 * How a cell becomes a value:
 * - empty: the field is left out;
 * - `null`: null, in any column;
 * - text fields (`external_id`, `email`, `phone`, `dob` …): the text as it is, so an external_id
 *   `00123` stays "00123"; `dob` must be YYYY-MM-DD and `email_subscribe`/`push_subscribe` one of
 *   opted_in, subscribed, unsubscribed;
 * - number fields (`random_bucket`, `total_revenue`): a number;
 * - list and object fields (`user_aliases`, `devices`, `custom_attributes` …): JSON of that shape;
 * - nested columns (`custom_attributes.x` …), typed by their content: `true`/`false` (any case)
 *   → boolean; a JSON number without leading zeros that keeps its precision → number; a cell
 *   starting with `[` or `{` that is valid JSON → that list or object; anything else → text.
 *   A cell that starts with `[` or `{` but is not valid JSON stays text, with a warning.
 * A row with a cell that breaks these rules is skipped and reported with its line and column.
 */
import type { Diagnostic } from '../../diagnostics.js'
import { closest } from '../../engine/suggest.js'
import { userName } from './brazeExport.js'
import { isBlankRecord, parseCsv, type CellPosition, type CsvRecord } from './csv.js'
import { addRecord, emptyPlan, failedPlan, isObject, type ImportPlan, type SourcePlace } from './plan.js'

type FieldType = 'text' | 'number' | 'list' | 'object'

/** Top-level export fields and what their cells must hold. */
const FIELDS: Record<string, FieldType> = {
  ...fields('text', [
    'external_id', 'braze_id', 'first_name', 'last_name', 'email', 'phone', 'dob', 'country', 'home_city', 'language',
    'time_zone', 'gender', 'created_at', 'email_subscribe', 'push_subscribe', 'uninstalled_at',
    'attributed_campaign', 'attributed_source', 'attributed_adgroup', 'attributed_ad',
  ]),
  ...fields('number', ['random_bucket', 'total_revenue']),
  ...fields('list', [
    'user_aliases', 'devices', 'apps', 'push_tokens', 'custom_events', 'purchases', 'last_coordinates',
    'campaigns_received', 'canvases_received',
  ]),
  ...fields('object', [
    'custom_attributes', 'event_properties', 'canvas_entry_properties', 'context', 'api_trigger_properties',
    'campaign', 'canvas', 'subscribed_state', 'connected_content', 'catalogs',
  ]),
}

/** Objects whose members may get columns of their own (`custom_attributes.plan`). */
const NESTABLE = new Set(['custom_attributes', 'event_properties', 'canvas_entry_properties', 'context', 'api_trigger_properties'])

const IDENTIFIERS = ['external_id', 'braze_id', 'email', 'phone', 'user_aliases']
const SUBSCRIPTION_STATES = ['opted_in', 'subscribed', 'unsubscribed']

function fields(type: FieldType, names: string[]): Record<string, FieldType> {
  return Object.fromEntries(names.map((n) => [n, type]))
}

interface Column {
  name: string
  /** Position in the header row. */
  index: number
  /** `custom_attributes.a.b` → ['custom_attributes', 'a', 'b']. */
  path: string[]
  /** undefined: a nested column, typed by content. */
  type?: FieldType
}

export function planUsersCsv(text: string, source: string): ImportPlan {
  const records = parseCsv(text).records.filter((r) => !isBlankRecord(r))
  const header = records[0]
  if (!header) return failedPlan('braze-user', source, text, 'import-csv-empty', 'The CSV is empty: the first row must name the fields (external_id, email, …).')
  const columns = readHeader(header, source)
  if ('errors' in columns) return { ...emptyPlan('braze-user'), errors: columns.errors }

  const plan = emptyPlan('braze-user')
  records.slice(1).forEach((record, i) => {
    const row = readRow(record, columns.list, plan)
    if (row) addRecord(plan, row.user, userName(row.user, i), row.place)
  })
  if (records.length === 1) plan.warnings.push({ origin: 'the CSV', line: header.line, message: 'only a header row: no users to import' })
  return plan
}

// ── header ──

function readHeader(header: CsvRecord, source: string): { list: Column[] } | { errors: Diagnostic[] } {
  const errors: Diagnostic[] = []
  const error = (position: CellPosition | undefined, code: string, message: string, hint?: string) =>
    errors.push({ severity: 'error', code, message, line: position?.line ?? header.line, column: position?.column ?? 1, file: source, ...(hint ? { hint } : {}) })
  if (header.problem) error(header.positions[header.problem.cell], 'import-csv-syntax', `Header row: ${header.problem.message}.`)

  const list: Column[] = []
  header.cells.forEach((cell, i) => {
    const name = cell.trim()
    const at = header.positions[i]
    const problem = columnProblem(name, i)
    if (problem) error(at, 'import-csv-header', problem.message, problem.hint)
    else if (list.some((c) => c.name === name)) error(at, 'import-csv-header', `Column \`${name}\` appears twice.`)
    else {
      const path = name.split('.')
      list.push({ name, index: i, path, ...(path.length === 1 ? { type: FIELDS[name]! } : {}) })
    }
  })
  for (const column of list) {
    const parent = list.find((other) => other !== column && isPrefix(other.path, column.path))
    if (parent) {
      error(header.positions[column.index], 'import-csv-header', `Columns \`${parent.name}\` and \`${column.name}\` both set \`${column.name}\`: keep one of them.`)
    }
  }
  return errors.length > 0 ? { errors } : { list }
}

function columnProblem(name: string, index: number): { message: string; hint?: string } | undefined {
  if (name === '') return { message: `Column ${index + 1} has no name.`, hint: 'Name it after an export field, or delete the column.' }
  const [top, ...rest] = name.split('.')
  if (rest.length === 0) {
    if (Object.hasOwn(FIELDS, top!)) return undefined
    const suggestion = closest(top!, [...Object.keys(FIELDS), ...[...NESTABLE].map((n) => `${n}.${top}`)])
    return {
      message: `Column \`${name}\` is not a Braze export field.`,
      hint: suggestion ? `Did you mean \`${suggestion}\`? Custom attributes are written custom_attributes.${top}.` : `Custom attributes are written custom_attributes.${top}.`,
    }
  }
  if (!NESTABLE.has(top!)) {
    return { message: `Column \`${name}\`: only ${[...NESTABLE].join(', ')} can have nested columns.` }
  }
  if (rest.some((part) => part.trim() === '')) return { message: `Column \`${name}\` has an empty part between dots.` }
  return undefined
}

function isPrefix(short: string[], long: string[]): boolean {
  return short.length < long.length && short.every((part, i) => part === long[i])
}

// ── rows ──

function readRow(record: CsvRecord, columns: Column[], plan: ImportPlan): { user: Record<string, unknown>; place: SourcePlace } | undefined {
  const place = { origin: `row on line ${record.line}`, line: record.line }
  const skip = (column: string | undefined, message: string) => {
    plan.skipped.push({ ...place, ...(column ? { column } : {}), message })
    return undefined
  }
  if (record.problem) return skip(columns[record.problem.cell]?.name, record.problem.message)
  if (record.cells.length !== columns.length) {
    return skip(undefined, `has ${record.cells.length} cells but the header has ${columns.length} columns (an unquoted separator or line break in a cell?)`)
  }
  const user: Record<string, unknown> = {}
  const problems: { column: string; message: string }[] = []
  columns.forEach((column, i) => {
    const cell = record.cells[i]!
    if (cell === '') return
    const converted = column.type ? fieldValue(column.name, column.type, cell) : nestedValue(cell)
    if ('problem' in converted) problems.push({ column: column.name, message: converted.problem })
    else {
      if (converted.warning) plan.warnings.push({ ...place, column: column.name, message: converted.warning })
      setPath(user, column.path, converted.value)
    }
  })
  if (problems.length > 0) return skip(problems[0]!.column, problems.map((p) => `${p.column}: ${p.message}`).join('; '))
  if (!IDENTIFIERS.some((field) => user[field] !== undefined && user[field] !== null)) {
    return skip(undefined, `has no ${IDENTIFIERS.join(', ')}: Braze could not tell who this is`)
  }
  return { user, place }
}

type Converted = { value: unknown; warning?: string } | { problem: string }

function fieldValue(name: string, type: FieldType, cell: string): Converted {
  if (cell === 'null') return { value: null }
  switch (type) {
    case 'text':
      return textValue(name, cell)
    case 'number': {
      const number = numberValue(cell.trim())
      return number === undefined ? { problem: `${JSON.stringify(cell)} is not a number` } : { value: number }
    }
    case 'list':
    case 'object': {
      const json = jsonValue(cell)
      const fits = type === 'list' ? Array.isArray(json) : isObject(json)
      return fits ? { value: json } : { problem: `must be a JSON ${type === 'list' ? 'list [...]' : 'object {...}'}, not ${JSON.stringify(cell)}` }
    }
  }
}

function textValue(name: string, cell: string): Converted {
  if (name === 'dob' && !/^\d{4}-\d{2}-\d{2}$/.test(cell)) return { problem: `${JSON.stringify(cell)} is not a date YYYY-MM-DD` }
  if ((name === 'email_subscribe' || name === 'push_subscribe') && !SUBSCRIPTION_STATES.includes(cell)) {
    return { problem: `${JSON.stringify(cell)} is not one of ${SUBSCRIPTION_STATES.join(', ')}` }
  }
  return { value: cell }
}

function nestedValue(cell: string): Converted {
  if (cell === 'null') return { value: null }
  if (/^(?:true|false)$/i.test(cell)) return { value: cell.toLowerCase() === 'true' }
  const number = numberValue(cell)
  if (number !== undefined) return { value: number }
  if (/^\s*[[{]/.test(cell)) {
    const json = jsonValue(cell)
    if (json !== undefined) return { value: json }
    return { value: cell, warning: 'starts like JSON but is not valid JSON: kept as text' }
  }
  return { value: cell }
}

/** JSON number syntax, no leading zeros (`007` is an id, not 7), and no precision lost. */
function numberValue(cell: string): number | undefined {
  if (!/^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/.test(cell)) return undefined
  const number = Number(cell)
  if (!Number.isFinite(number)) return undefined
  if (/^-?\d+$/.test(cell) && !Number.isSafeInteger(number)) return undefined
  return number
}

function jsonValue(cell: string): unknown {
  try {
    return JSON.parse(cell) as unknown
  } catch {
    return undefined
  }
}

/** Sets a nested member. Own properties only: a column `custom_attributes.__proto__.x` is data, not a prototype. */
function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node = target
  for (const key of path.slice(0, -1)) {
    if (!Object.hasOwn(node, key) || !isObject(node[key])) define(node, key, {})
    node = node[key] as Record<string, unknown>
  }
  define(node, path.at(-1)!, value)
}

function define(node: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(node, key, { value, enumerable: true, writable: true, configurable: true })
}
