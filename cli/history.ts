/** `hookbench history`: the sends recorded in the workspace, newest first. */
import { HistoryStore } from '../electron/services/history.js'
import { EXIT, type Io } from './io.js'
import { findWorkspace } from './workspace.js'

export interface HistoryCommandOptions {
  template?: string
  workspace?: string
  limit: string
  format: 'text' | 'json'
}

export async function historyCommand(options: HistoryCommandOptions, io: Io): Promise<number> {
  const workspace = await findWorkspace(options.workspace, options.template)
  // Lines on disk are already masked; reading needs no secret.
  const history = new HistoryStore(workspace.root, (text) => text)
  const { entries, skipped } = await history.list({ ...(options.template ? { template: options.template } : {}), limit: Number(options.limit) })
  for (const s of skipped) io.err(`warning: history line ${s.line} could not be read (${s.reason}); it is kept as it is\n`)
  if (options.format === 'json') {
    io.out(`${JSON.stringify(entries, null, 2)}\n`)
    return EXIT.ok
  }
  for (const e of entries) {
    const outcome = e.result.response ? String(e.result.response.status) : (e.result.failure?.kind ?? '-')
    io.out(`${e.at}  ${outcome.padEnd(8)} ${e.result.request.method} ${e.result.request.url}  ${e.template}  ${e.sample}  env=${e.environment}  ${e.result.timingMs} ms  ${e.id}\n`)
  }
  if (entries.length === 0) io.err('no sends recorded yet\n')
  return EXIT.ok
}
