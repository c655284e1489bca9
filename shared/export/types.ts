/**
 * Hand-off to the dashboards: what every export takes and gives. Exports are pure (no I/O), so
 * the app's Export panel and the `hookbench export` command call the same functions.
 */
import type { Diagnostic } from '../diagnostics.js'
import type { ReferenceValues } from '../environment/substitute.js'
import type { CompileOptions } from '../render/compile.js'

/** Where a template is handed over, and in which shape. */
export const EXPORT_TARGETS = ['braze', 'braze-api', 'zendesk-webhook', 'zendesk-trigger'] as const
export type ExportTarget = (typeof EXPORT_TARGETS)[number]

export interface ExportSample {
  /** Shown in diagnostics: which sample a problem showed up with. */
  label: string
  data: unknown
}

export interface ExportOptions {
  /**
   * The selected environment (`referenceValues(environment, lookup)`): its variables replace
   * `%{env.…}`. Null or absent: no environment, references stay as written and are errors.
   */
  values?: ReferenceValues | null
  /**
   * Put real secret values where `%{secret.…}` is written, instead of `<SECRET_NAME>` stand-ins.
   * Only on an explicit choice: the app confirms first, the CLI needs `--include-secrets`.
   */
  includeSecrets?: boolean
  /** Samples to render the template against, to find bodies that break for some of them. */
  samples?: readonly ExportSample[]
  compile?: CompileOptions
  /** Today, for the API-token retirement warning, and what `'now'` means in sample renders. */
  now?: Date
}

/** A header as a key/value row, the way both dashboards take them. */
export interface HeaderRow {
  key: string
  value: string
}

/** `Content-Type: application/json` as typed or pasted → a row; undefined without a name before the colon. */
export function parseHeaderLine(text: string): HeaderRow | undefined {
  const colon = text.indexOf(':')
  if (colon <= 0 || text.slice(0, colon).trim() === '') return undefined
  return { key: text.slice(0, colon).trim(), value: text.slice(colon + 1).trim() }
}

/** One export, ready to show, copy or save. */
export interface ExportDocument<T = unknown> {
  target: ExportTarget
  /** The structured export: the composer's fields, an API payload … */
  value: T
  /** What `--format json` prints and a `.json` file holds: the API payload, or the fields as JSON. */
  json: unknown
  /** Field by field, for people: what goes where in the dashboard. */
  text: string
  /** The body exactly as the template has it (Liquid and placeholders untouched), for a `.txt` file. */
  body: string
  /** Problems to see before handing over, located in the template (and content blocks). */
  diagnostics: Diagnostic[]
  /** True when real secret values were put in: handle the export like a password. */
  containsSecrets: boolean
}
