/** `hookbench init` and `hookbench import`: making a workspace and filling it with samples. */
import { createWorkspace, isWorkspaceError } from '../electron/services/workspace/index.js'
import { importFile, type ImportFormat, type ImportReport } from '../electron/services/imports/index.js'
import { importBrazeUser, importZendeskTicket } from '../electron/services/sandboxImport.js'
import { EnvVarSecretStore } from '../electron/services/secrets/envVarStore.js'
import { ServiceError } from '../electron/services/apiDispatch.js'
import { formatDiagnostic } from '../shared/diagnostics.js'
import type { ImportNote } from '../shared/workspace/imports/plan.js'
import { EXIT, UsageError, type Io } from './io.js'
import { findWorkspace, readEnvironment } from './workspace.js'

export async function initCommand(dir: string, io: Io): Promise<number> {
  try {
    const created = await createWorkspace(dir)
    io.out(created.existed ? `${created.root} is already a workspace; restored ${created.created.length} missing item(s)\n` : `created workspace ${created.root}\n`)
    for (const path of created.created) io.out(`  ${path}\n`)
    return EXIT.ok
  } catch (err) {
    if (isWorkspaceError(err)) throw new UsageError(err.message)
    throw err
  }
}

const FILE_FORMATS: readonly ImportFormat[] = ['braze-export', 'zendesk-tickets', 'users-csv']
const SANDBOX_SOURCES = ['braze-user', 'zendesk-ticket'] as const

export interface ImportCommandOptions {
  workspace?: string
  env?: string
}

export async function importCommand(source: string, what: string, options: ImportCommandOptions, io: Io): Promise<number> {
  const workspace = await findWorkspace(options.workspace)
  let report: ImportReport
  if ((FILE_FORMATS as readonly string[]).includes(source)) {
    report = await importFile(workspace, source as ImportFormat, what)
  } else if ((SANDBOX_SOURCES as readonly string[]).includes(source)) {
    if (!options.env) throw new UsageError(`importing a ${source} from the sandbox needs --env NAME`)
    const environment = await readEnvironment(workspace, options.env)
    const sandbox = { workspace, environment, secrets: new EnvVarSecretStore() }
    try {
      report =
        source === 'braze-user'
          ? await importBrazeUser(what, sandbox)
          : await importZendeskTicket(ticketId(what), sandbox)
    } catch (err) {
      if (err instanceof ServiceError) {
        io.err(`hookbench: ${err.message}\n`)
        return EXIT.errors
      }
      throw err
    }
  } else {
    throw new UsageError(`unknown import source "${source}"; use one of ${[...FILE_FORMATS, ...SANDBOX_SOURCES].join(', ')}`)
  }
  return printReport(report, io)
}

function ticketId(text: string): number {
  if (!/^\d+$/.test(text)) throw new UsageError(`a Zendesk ticket id is a number, not "${text}"`)
  return Number(text)
}

function printReport(report: ImportReport, io: Io): number {
  for (const d of report.errors) io.err(`${formatDiagnostic(d, report.source)}\n`)
  for (const c of report.created) io.out(`created  ${c.path}${c.wanted ? ` (${c.wanted} was taken)` : ''}\n`)
  for (const s of report.skipped) io.out(`skipped  ${describeNote(s)}\n`)
  for (const w of report.warnings) io.err(`warning: ${describeNote(w)}\n`)
  io.out(`${report.created.length} created, ${report.skipped.length} skipped\n`)
  return report.errors.length > 0 ? EXIT.errors : EXIT.ok
}

function describeNote(note: ImportNote): string {
  const where = [note.origin, note.line ? `line ${note.line}` : '', note.column ? `column ${note.column}` : ''].filter(Boolean).join(', ')
  return `${where}: ${note.message}`
}
