/**
 * Importing sample files into a workspace: a Braze `/users/export/ids` response, Zendesk ticket
 * responses, or a CSV of users. The parsing is pure (`shared/workspace/imports`); this reads the
 * file and writes the samples. Every import returns a report of what it created, what it skipped
 * and why; it never overwrites an existing sample (see `writeImport`).
 */
import { readFile } from 'node:fs/promises'
import type { Diagnostic } from '../../../shared/diagnostics.js'
import { planBrazeExport } from '../../../shared/workspace/imports/brazeExport.js'
import type { ImportPlan } from '../../../shared/workspace/imports/plan.js'
import { planUsersCsv } from '../../../shared/workspace/imports/usersCsv.js'
import { planZendeskTickets } from '../../../shared/workspace/imports/zendeskTickets.js'
import { decodeUtf8 } from '../fs/content.js'
import { errnoCode } from '../fs/errors.js'
import type { Workspace } from '../workspace/workspace.js'
import { writeImport, type ImportReport } from './writeImport.js'

export type ImportFormat = 'braze-export' | 'zendesk-tickets' | 'users-csv'

const PLANNERS: Record<ImportFormat, { plan: (text: string, source: string) => ImportPlan; kind: ImportPlan['kind'] }> = {
  'braze-export': { plan: planBrazeExport, kind: 'braze-user' },
  'zendesk-tickets': { plan: planZendeskTickets, kind: 'zendesk-ticket' },
  'users-csv': { plan: planUsersCsv, kind: 'braze-user' },
}

/** Imports the file at `path` into `workspace`'s samples. */
export async function importFile(workspace: Workspace, format: ImportFormat, path: string): Promise<ImportReport> {
  const { plan, kind } = PLANNERS[format]
  const text = await readSource(path)
  if (typeof text !== 'string') return { source: path, kind, created: [], skipped: [], warnings: [], errors: [text] }
  return writeImport(workspace, plan(text, path), path)
}

/** The same import from text already in hand (pasted, or read by the UI). */
export async function importText(workspace: Workspace, format: ImportFormat, text: string, source: string): Promise<ImportReport> {
  return writeImport(workspace, PLANNERS[format].plan(text, source), source)
}

export const importBrazeExport = (workspace: Workspace, path: string) => importFile(workspace, 'braze-export', path)
export const importZendeskTickets = (workspace: Workspace, path: string) => importFile(workspace, 'zendesk-tickets', path)
export const importUsersCsv = (workspace: Workspace, path: string) => importFile(workspace, 'users-csv', path)

/**
 * The file's text, or why it has none. UTF-8 with or without BOM; UTF-16 with a BOM, which is
 * what Excel's "Unicode text" saves. Other encodings are refused rather than guessed.
 */
async function readSource(path: string): Promise<string | Diagnostic> {
  let bytes: Buffer
  try {
    bytes = await readFile(path)
  } catch (err) {
    return sourceProblem(path, 'import-unreadable', `Cannot read ${path} (${errnoCode(err) ?? String(err)}).`)
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes)
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes)
  const text = decodeUtf8(bytes)
  if (text !== undefined) return text
  return sourceProblem(path, 'import-encoding', `${path} is not UTF-8 text.`, 'Save it as UTF-8 (in Excel: "CSV UTF-8 (Comma delimited)").')
}

function sourceProblem(file: string, code: string, message: string, hint?: string): Diagnostic {
  return { severity: 'error', code, message, line: 1, column: 1, file, ...(hint ? { hint } : {}) }
}
