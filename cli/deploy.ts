/**
 * `hookbench deploy FILE --env NAME`: creates (or updates) the Zendesk webhook and trigger of a
 * Zendesk → Braze template in the environment's Zendesk account, and records their ids in the
 * template's front matter. Secrets from HOOKBENCH_SECRET_<NAME>. Exit 0 deployed, 1 refused or
 * failed (template errors, production without --yes-production, a Zendesk error), 2 bad usage.
 */
import { relative } from 'node:path'
import { deployTemplate, type DeployResult } from '../electron/services/deploy/index.js'
import { EnvVarSecretStore } from '../electron/services/secrets/envVarStore.js'
import { envVarSecretHint } from '../electron/services/sender.js'
import { parseTemplateFile } from '../shared/template/file.js'
import { readText } from './files.js'
import { handoffSamples } from './handoff.js'
import { EXIT, type Io } from './io.js'
import { printDiagnostics } from './render.js'
import { findWorkspace, readEnvironment, workspaceBlocks } from './workspace.js'

export interface DeployCommandOptions {
  env: string
  workspace?: string
  yesProduction?: boolean
  format: 'text' | 'json'
}

export async function deployCommand(path: string, options: DeployCommandOptions, io: Io): Promise<number> {
  const workspace = await findWorkspace(options.workspace, path)
  const environment = await readEnvironment(workspace, options.env)
  const text = await readText(path, 'template')
  const dialect = parseTemplateFile(text, path).meta.dialect
  const result = await deployTemplate({
    path,
    text,
    environment,
    secrets: new EnvVarSecretStore(),
    confirmProduction: options.yesProduction ?? false,
    samples: await handoffSamples(undefined, workspace, dialect, io),
    compile: { contentBlocks: await workspaceBlocks(workspace) },
    missingSecretHint: envVarSecretHint,
  })
  printDiagnostics(result.diagnostics, path, io)
  for (const warning of result.warnings) io.err(`warning: ${warning}\n`)
  io.out(options.format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : describe(result, relative(workspace.root, path) || path))
  return result.failure ? EXIT.errors : EXIT.ok
}

function describe(result: DeployResult, path: string): string {
  const lines: string[] = []
  if (result.webhook) lines.push(`webhook ${result.webhook.id} ${result.webhook.action}`)
  if (result.trigger) lines.push(`trigger ${result.trigger.id} ${result.trigger.action}`)
  lines.push(...result.notes.map((note) => `note: ${note}`))
  if (result.recorded && (result.webhook || result.trigger)) lines.push(`ids recorded in ${path} (zendesk.deployed.${result.environment})`)
  if (result.failure) lines.push(`✗ ${result.failure.kind}: ${result.failure.message}`)
  return `${lines.join('\n')}\n`
}
