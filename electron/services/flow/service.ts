/**
 * Flow runs for the app and the CLI alike: read the flow file, check everything it names,
 * run it step by step, and keep the whole run as one history entry (secrets masked). A run
 * kept in the history can be run again with the options it had.
 */
import type { FlowEvent, FlowRun, FlowRunOptions } from '../../../shared/api/contract.js'
import { parseFlowFile, type FlowSpec, type ParsedFlow } from '../../../shared/flow/file.js'
import type { ContentBlockSource } from '../../../shared/render/compile.js'
import type { ExchangeOptions } from '../exchange.js'
import type { SecretStore } from '../secrets/store.js'
import type { Workspace } from '../workspace/index.js'
import { readFlowFile } from './flowFiles.js'
import { runFlow, type FlowRunOutcome } from './runner.js'
import { FlowSetupError, setUpFlow, type FlowSetup } from './setup.js'

export interface FlowServiceDeps {
  workspace: Workspace
  /** The secret store of one environment. */
  secretsFor(environment: string): SecretStore
  contentBlocks?: (name: string) => ContentBlockSource | undefined
  /**
   * Keeps the finished run (secrets masked with `secretValues`) and gives its history id;
   * absent: the run is not kept.
   */
  record?(run: FlowRun, secretValues: string[]): Promise<string>
  zendeskBaseUrl?: string
  brazeBaseUrl?: string
  fetch?: typeof fetch
  exchange?: ExchangeOptions
  clock?: () => Date
  missingSecretHint?: (name: string) => string
}

export interface FlowRunRequest {
  /** A flow of the workspace (`flows/NAME.yaml`), or a flow file read elsewhere. */
  flow: string | { path: string; text: string }
  options: FlowRunOptions
  onEvent?: (event: FlowEvent) => void
  signal?: AbortSignal
}

/** Reads the flow and checks everything it names; throws `FlowSetupError` when it cannot run. */
export async function prepareWorkspaceFlow(deps: FlowServiceDeps, request: Pick<FlowRunRequest, 'flow' | 'options'>): Promise<FlowSetup> {
  const source = typeof request.flow === 'string' ? await readFlowFile(deps.workspace.root, request.flow) : request.flow
  const parsed = parseFlowFile(source.text, source.path)
  return setUpFlow({
    workspace: deps.workspace,
    parsed: runnable(parsed),
    options: request.options,
    secretsFor: deps.secretsFor,
    ...(deps.contentBlocks ? { contentBlocks: deps.contentBlocks } : {}),
    ...(deps.zendeskBaseUrl ? { zendeskBaseUrl: deps.zendeskBaseUrl } : {}),
    ...(deps.brazeBaseUrl ? { brazeBaseUrl: deps.brazeBaseUrl } : {}),
  })
}

/** Runs a prepared flow and keeps it in the history (when `deps.record` says where). */
export async function runPreparedFlow(deps: FlowServiceDeps, setup: FlowSetup, hooks: Pick<FlowRunRequest, 'onEvent' | 'signal'> & { id?: string } = {}): Promise<FlowRunOutcome> {
  const outcome = await runFlow(setup, {
    ...(deps.clock ? { clock: deps.clock } : {}),
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
    ...(deps.exchange ? { exchange: deps.exchange } : {}),
    ...(deps.missingSecretHint ? { missingSecretHint: deps.missingSecretHint } : {}),
    ...(hooks.onEvent ? { onEvent: hooks.onEvent } : {}),
    ...(hooks.signal ? { signal: hooks.signal } : {}),
    ...(hooks.id ? { id: hooks.id } : {}),
  })
  if (!deps.record) return outcome
  const historyId = await deps.record(outcome.run, outcome.secretValues)
  return { ...outcome, run: { ...outcome.run, historyId } }
}

/** The run, and every secret value it met (to mask what else is derived from it). */
export async function runWorkspaceFlow(deps: FlowServiceDeps, request: FlowRunRequest): Promise<FlowRunOutcome> {
  return runPreparedFlow(deps, await prepareWorkspaceFlow(deps, request), request)
}

/** A flow file with errors does not run: its problems, located, are the answer. */
function runnable(parsed: ParsedFlow): ParsedFlow & { flow: FlowSpec } {
  if (parsed.flow) return parsed as ParsedFlow & { flow: FlowSpec }
  const errors = parsed.diagnostics.filter((d) => d.severity === 'error').length
  throw new FlowSetupError(`${parsed.path} has ${errors} error${errors === 1 ? '' : 's'}; fix ${errors === 1 ? 'it' : 'them'} first.`, 'invalid', parsed.diagnostics)
}
