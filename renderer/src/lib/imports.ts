/** The Import dialog's choices and checks: pure, so they are tested on their own. */
import type { ApiInput, ImportSummary } from '../../../shared/api/contract.js'
import { nameProblem } from '../../../shared/workspace/layout.js'

export type TextFormat = ApiInput<'import.text'>['format']
export type SandboxSource = ApiInput<'import.sandbox'>['source']
export type TemplateSource = ApiInput<'import.template'>['from']

export const TEXT_FORMATS: readonly { id: TextFormat; label: string; hint: string }[] = [
  { id: 'braze-export', label: 'Braze users (export JSON)', hint: 'The answer of POST /users/export/ids, or one user of it: one sample per user.' },
  {
    id: 'zendesk-tickets',
    label: 'Zendesk tickets (API JSON)',
    hint: 'GET /api/v2/tickets/{id}.json?include=users,organizations,groups, or a list of tickets: one sample per ticket.',
  },
  { id: 'users-csv', label: 'Braze users (CSV)', hint: 'A header row (external_id, first_name, email, custom attributes …), then one user per line.' },
]

/** The format a picked file most likely has, from its name and first characters; null when unsure. */
export function guessTextFormat(fileName: string, text: string): TextFormat | null {
  if (/\.(csv|tsv)$/i.test(fileName)) return 'users-csv'
  const start = text.replace(/^\uFEFF/, '').trimStart()
  if (!start.startsWith('{') && !start.startsWith('[')) return start === '' ? null : 'users-csv'
  const head = start.slice(0, 4000)
  if (/"tickets?"\s*:/.test(head)) return 'zendesk-tickets'
  if (/"users"\s*:|"external_id"\s*:|"braze_id"\s*:/.test(head)) return 'braze-export'
  return null
}

/** Why an id cannot be looked up in the sandbox; undefined when it can. */
export function sandboxIdProblem(source: SandboxSource, id: string): string | undefined {
  const trimmed = id.trim()
  if (trimmed === '') return undefined
  if (source === 'zendesk-ticket' && !/^\d+$/.test(trimmed)) return 'a Zendesk ticket id is a number'
  return undefined
}

/** A template name from a picked file's name (without its extension), when it makes a valid one. */
export function templateNameFromFile(fileName: string): string {
  const base = fileName.replace(/^.*[/\\]/, '').replace(/\.[^.]+$/, '').trim()
  return base !== '' && nameProblem('template', base) === undefined ? base : ''
}

/** The line that sums a report up. */
export function reportSummary(report: ImportSummary): string {
  const part = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`
  return [
    `${part(report.created.length, 'item')} created`,
    `${part(report.skipped.length, 'record')} skipped`,
    part(report.warnings.length, 'warning'),
    part(report.errors.length, 'error'),
  ].join(', ')
}

/** Sizes as people read them. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`
}
