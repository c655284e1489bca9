/**
 * `hookbench import-template braze|zendesk-trigger FILE`: a webhook that already lives in a
 * dashboard becomes `templates/NAME.liquid` in the workspace. An existing template is never
 * overwritten: a taken name gets ` (2)`, ` (3)` … Exit 0 created, 2 unreadable or invalid input.
 */
import { formatDiagnostic } from '../shared/diagnostics.js'
import { importBrazeWebhook, importZendeskTrigger, parseHeaderLine, type HeaderRow, type ImportOutcome } from '../shared/export/index.js'
import { importName, sanitizeName } from '../shared/workspace/layout.js'
import { isWorkspaceError, type SavedItem, type Workspace } from '../electron/services/workspace/index.js'
import { readText } from './files.js'
import { EXIT, UsageError, type Io } from './io.js'
import { findWorkspace, readEnvironment } from './workspace.js'

export const IMPORT_TEMPLATE_SOURCES = ['braze', 'zendesk-trigger'] as const

export interface ImportTemplateOptions {
  workspace?: string
  name?: string
  /** zendesk-trigger: the webhook's JSON. */
  webhook?: string
  /** Turn this environment's values back into %{env.…} references. */
  env?: string
  /** zendesk-trigger: record the trigger's and webhook's ids as deployed to --env, so deploy updates them. */
  adopt?: boolean
  /** braze: given separately from a pasted body. */
  url?: string
  method?: string
  header?: string[]
}

export async function importTemplateCommand(source: string, path: string, options: ImportTemplateOptions, io: Io): Promise<number> {
  if (!(IMPORT_TEMPLATE_SOURCES as readonly string[]).includes(source)) {
    throw new UsageError(`unknown template source "${source}"; use one of ${IMPORT_TEMPLATE_SOURCES.join(', ')}`)
  }
  if (options.adopt && !options.env) throw new UsageError('--adopt needs --env NAME: ids belong to the Zendesk account of one environment')
  if (source === 'braze' && (options.webhook || options.adopt)) throw new UsageError('--webhook and --adopt are for zendesk-trigger')
  if (source === 'zendesk-trigger' && (options.url || options.method || options.header)) {
    throw new UsageError('--url, --method and --header are for braze; a trigger\'s webhook comes with --webhook FILE')
  }
  const workspace = await findWorkspace(options.workspace)
  const environment = options.env ? await readEnvironment(workspace, options.env) : undefined
  const pasted = { text: await readText(path, 'file'), path }
  const common = { ...(options.name !== undefined ? { name: options.name } : {}), ...(environment ? { env: environment.variables } : {}) }
  let outcome: ImportOutcome
  if (source === 'braze') {
    outcome = importBrazeWebhook({
      pasted,
      ...common,
      ...(options.url !== undefined ? { url: options.url } : {}),
      ...(options.method !== undefined ? { method: options.method } : {}),
      ...(options.header ? { headers: options.header.map(parseHeader) } : {}),
    })
  } else {
    const webhook = options.webhook ? { text: await readText(options.webhook, 'webhook file'), path: options.webhook } : undefined
    outcome = importZendeskTrigger({
      trigger: pasted,
      ...(webhook ? { webhook } : {}),
      ...common,
      ...(options.adopt && environment ? { deployedTo: environment } : {}),
    })
  }
  if (!outcome.ok) {
    for (const d of outcome.diagnostics) io.err(`${formatDiagnostic(d, path)}\n`)
    return EXIT.usage
  }
  for (const note of outcome.notes) io.err(`${note.severity}: ${note.message}\n`)
  const saved = await createTemplate(workspace, sanitizeName('template', outcome.name, 'imported-template'), outcome.text)
  io.out(`created ${saved.item.path}${saved.wanted ? ` (${saved.wanted} was taken)` : ''}\n`)
  return EXIT.ok
}

function parseHeader(text: string): HeaderRow {
  const row = parseHeaderLine(text)
  if (!row) throw new UsageError(`--header "${text}": write it as "Name: value"`)
  return row
}

/** The first free name of `NAME`, `NAME (2)` …: an existing template is never replaced. */
async function createTemplate(workspace: Workspace, wanted: string, text: string): Promise<{ item: SavedItem; wanted?: string }> {
  for (let attempt = 1; ; attempt++) {
    const name = importName('template', wanted, attempt)
    try {
      const item = await workspace.create('template', name, text)
      return { item, ...(name !== wanted ? { wanted } : {}) }
    } catch (err) {
      if (!isWorkspaceError(err, 'exists')) throw err
    }
  }
}
