/**
 * `hookbench send`: render with an environment and fire the request at the sandbox.
 * Exit 0 on a 2xx answer; 1 on a non-2xx answer, a network error, a refusal or template errors;
 * 2 bad usage; 3 aborted by abort_message.
 */
import type { SendResult } from '../shared/api/contract.js'
import { maskSecrets } from '../shared/environment/substitute.js'
import { parseTemplateFile } from '../shared/template/file.js'
import { HistoryStore } from '../electron/services/history.js'
import { EnvVarSecretStore } from '../electron/services/secrets/envVarStore.js'
import { envVarSecretHint, sendTemplate } from '../electron/services/sender.js'
import { readText } from './files.js'
import { EXIT, type Io } from './io.js'
import { printDiagnostics } from './render.js'
import { readSample } from './samples.js'
import { findWorkspace, readEnvironment, workspaceBlocks } from './workspace.js'

export interface SendCommandOptions {
  sample: string
  env: string
  workspace?: string
  dryRun?: boolean
  yesProduction?: boolean
  format: 'text' | 'json'
  timeout?: string
}

export async function sendCommand(path: string, options: SendCommandOptions, io: Io): Promise<number> {
  const workspace = await findWorkspace(options.workspace, path)
  const file = parseTemplateFile(await readText(path, 'template'), path)
  const sample = await readSample(options.sample, file.meta.dialect === 'braze' ? 'braze-user' : 'zendesk-ticket', io)
  if (!sample) return EXIT.usage
  const environment = await readEnvironment(workspace, options.env)
  const timeoutMs = options.timeout === undefined ? undefined : Number(options.timeout) * 1000
  const { result, secretValues } = await sendTemplate({
    file,
    sample: sample.data,
    environment,
    secrets: new EnvVarSecretStore(),
    confirmProduction: options.yesProduction ?? false,
    compile: { contentBlocks: await workspaceBlocks(workspace) },
    missingSecretHint: envVarSecretHint,
    ...(timeoutMs ? { exchange: { timeoutMs } } : {}),
    ...(options.dryRun ? { dryRun: true } : {}),
  })
  printDiagnostics(result.diagnostics, path, io)
  for (const warning of result.warnings) io.err(`warning: ${warning}\n`)
  let historyId: string | null = null
  if (!options.dryRun && result.failure?.kind !== 'render' && result.failure?.kind !== 'aborted') {
    const history = new HistoryStore(workspace.root, (text) => maskSecrets(text, secretValues))
    historyId = (await history.append({ template: path, sample: options.sample, environment: options.env, result: { ...result, historyId: null } })).id
    await history.close()
  }
  const full: SendResult = { ...result, historyId }
  io.out(options.format === 'json' ? `${JSON.stringify(full, null, 2)}\n` : describe(full, options.dryRun ?? false))
  return exitCode(full)
}

function exitCode(result: SendResult): number {
  if (result.failure?.kind === 'aborted') return EXIT.aborted
  if (result.failure && result.failure.kind !== 'too-large') return EXIT.errors
  const status = result.response?.status
  return status === undefined || (status >= 200 && status < 300) ? EXIT.ok : EXIT.errors
}

function describe(result: SendResult, dryRun: boolean): string {
  const { request, response, failure } = result
  const lines = [`${request.method} ${request.url}`, ...Object.entries(request.headers).map(([k, v]) => `${k}: ${v}`), '', request.body]
  if (dryRun) lines.push('', '(dry run: nothing was sent)')
  if (failure) lines.push('', `✗ ${failure.kind}: ${failure.message}`)
  if (response) {
    lines.push('', `→ ${response.status} ${response.statusText} (${result.timingMs} ms)`)
    if (response.redirectLocation) lines.push(`  redirect to ${response.redirectLocation} reported, not followed`)
    lines.push(...Object.entries(response.headers).map(([k, v]) => `${k}: ${v}`), '', response.body)
  }
  return `${lines.join('\n').trimEnd()}\n`
}
