/**
 * `hookbench export FILE --for braze|braze-api|zendesk-webhook|zendesk-trigger`: the template as
 * the dashboard or API takes it, with the environment's values put in and secrets as stand-ins
 * (`<ZENDESK_API_TOKEN>`) unless `--include-secrets` (read from HOOKBENCH_SECRET_<NAME>).
 * Problems go to stderr first. Exit 0 (warnings allowed), 1 when the template has errors (the
 * export is printed all the same), 2 bad usage.
 */
import { chmod } from 'node:fs/promises'
import { extname } from 'node:path'
import type { DialectId } from '../shared/engine/dialect.js'
import { hasErrors } from '../shared/diagnostics.js'
import { referenceValues, type Environment } from '../shared/environment/model.js'
import { exportTemplate, jsonText, type ExportDocument, type ExportTarget } from '../shared/export/index.js'
import { parseTemplateFile } from '../shared/template/file.js'
import { writeFileAtomic } from '../electron/services/fs/atomicWrite.js'
import { EnvVarSecretStore } from '../electron/services/secrets/envVarStore.js'
import { loadSecretValues } from '../electron/services/secrets/store.js'
import { envVarSecretHint } from '../electron/services/sender.js'
import { contentBlocksNear, readText } from './files.js'
import { handoffSamples, workspaceIfAny } from './handoff.js'
import { EXIT, UsageError, type Io } from './io.js'
import { printDiagnostics } from './render.js'
import { readEnvironment } from './workspace.js'

export interface ExportCommandOptions {
  for: ExportTarget
  env?: string
  workspace?: string
  includeSecrets?: boolean
  format: 'text' | 'json'
  out?: string
  samples?: string
  dialect?: DialectId
  contentBlocks?: string
}

export async function exportCommand(path: string, options: ExportCommandOptions, io: Io): Promise<number> {
  if (options.includeSecrets && !options.env) throw new UsageError('--include-secrets needs --env NAME: secrets belong to an environment')
  const outKind = options.out === undefined ? undefined : outputKind(options.out)
  const file = parseTemplateFile(await readText(path, 'template'), path, options.dialect ? { defaultDialect: options.dialect } : {})
  const workspace = await workspaceIfAny(options.workspace, path)
  if (options.env && !workspace) throw new UsageError(`--env ${options.env}: no Hookbench workspace found above ${path}; pass --workspace DIR`)
  const environment = options.env && workspace ? await readEnvironment(workspace, options.env) : undefined
  const doc = exportTemplate(options.for, file, {
    values: environment ? await environmentValues(environment, options.includeSecrets ?? false) : null,
    includeSecrets: options.includeSecrets ?? false,
    samples: await handoffSamples(options.samples, workspace, file.meta.dialect, io),
    compile: { contentBlocks: await contentBlocksNear(path, options.contentBlocks) },
  })
  printDiagnostics(doc.diagnostics, path, io)
  if (doc.containsSecrets) io.err('warning: this export holds real secret values: handle it like a password, and do not commit it.\n')
  if (options.out !== undefined && outKind) {
    await writeExport(options.out, outKind, doc)
    io.out(`wrote ${options.out} (${outKind === 'json' ? describeJson(doc.target) : 'the body, as the template has it'})\n`)
  } else {
    io.out(options.format === 'json' ? jsonText(doc.json) : doc.text)
  }
  return hasErrors(doc.diagnostics) ? EXIT.errors : EXIT.ok
}

/** Secret values are read only when they are to be exported: stand-ins need none. */
async function environmentValues(environment: Environment, includeSecrets: boolean) {
  const stored = includeSecrets ? await loadSecretValues(new EnvVarSecretStore(), environment.secrets) : new Map<string, string>()
  return referenceValues(environment, (name) => stored.get(name), envVarSecretHint)
}

/** `.json`: the API payload (or the composer's fields); `.txt`: the raw body. */
function outputKind(out: string): 'json' | 'body' {
  const ext = extname(out).toLowerCase()
  if (ext === '.json') return 'json'
  if (ext === '.txt') return 'body'
  throw new UsageError(`--out ${out}: name a .json file (the API payload) or a .txt file (the raw body)`)
}

async function writeExport(out: string, kind: 'json' | 'body', doc: ExportDocument): Promise<void> {
  await writeFileAtomic(out, kind === 'json' ? jsonText(doc.json) : doc.body)
  // A file holding credentials is for its owner's eyes only.
  if (doc.containsSecrets) await chmod(out, 0o600)
}

function describeJson(target: ExportTarget): string {
  switch (target) {
    case 'braze':
      return "the Braze webhook composer's fields"
    case 'braze-api':
      return "the webhook object of Braze's messaging API"
    case 'zendesk-webhook':
      return 'the body of POST /api/v2/webhooks'
    case 'zendesk-trigger':
      return 'the body of POST /api/v2/triggers'
  }
}
