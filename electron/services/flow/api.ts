/**
 * The `flow.*` calls of the API contract, over the flow service: the app's services spread
 * these into their handlers. A flow that cannot start answers with an API error carrying its
 * problems, located in the flow file; a run that starts always answers with the run, its failed
 * step included.
 */
import type { FlowRunOptions } from '../../../shared/api/contract.js'
import { parseFlowFile } from '../../../shared/flow/file.js'
import type { ContentBlockSource } from '../../../shared/render/compile.js'
import { ServiceError, type ApiHandlers } from '../apiDispatch.js'
import type { ExchangeOptions } from '../exchange.js'
import type { HistoryStore } from '../history.js'
import type { SecretStore } from '../secrets/store.js'
import type { Workspace } from '../workspace/index.js'
import { flowSummary, listFlows, readFlowFile } from './flowFiles.js'
import { FlowRunRegistry } from './progress.js'
import { prepareWorkspaceFlow, runPreparedFlow, type FlowServiceDeps } from './service.js'
import { FlowSetupError } from './setup.js'

/** What the flow calls need of the open workspace. */
export interface FlowWorkspaceAccess {
  workspace: Workspace
  history: HistoryStore
  secretsFor(environment: string): SecretStore
  /** Secret values a run met: the history masks every one of them. */
  rememberSecrets(values: readonly string[]): void
  contentBlocks(): Promise<(name: string) => ContentBlockSource | undefined>
}

export interface FlowApiOptions {
  exchange?: ExchangeOptions
  /** Where the Braze REST API answers (tests: a local fake). */
  brazeBaseUrl?: string
  zendeskBaseUrl?: string
}

export type FlowApiHandlers = Pick<ApiHandlers, 'flow.list' | 'flow.read' | 'flow.run' | 'flow.start' | 'flow.progress' | 'flow.cancel' | 'flow.rerun' | 'flow.history'>

export function flowApiHandlers(access: () => Promise<FlowWorkspaceAccess>, options: FlowApiOptions = {}): FlowApiHandlers {
  const registry = new FlowRunRegistry()

  async function deps(): Promise<FlowServiceDeps> {
    const w = await access()
    return {
      workspace: w.workspace,
      secretsFor: w.secretsFor,
      contentBlocks: await w.contentBlocks(),
      record: async (run, secretValues) => {
        w.rememberSecrets(secretValues)
        return (await w.history.appendFlowRun(run)).id
      },
      ...(options.exchange ? { exchange: options.exchange } : {}),
      ...(options.brazeBaseUrl ? { brazeBaseUrl: options.brazeBaseUrl } : {}),
      ...(options.zendeskBaseUrl ? { zendeskBaseUrl: options.zendeskBaseUrl } : {}),
    }
  }

  async function prepare(name: string, runOptions: FlowRunOptions) {
    const d = await deps()
    try {
      return { deps: d, setup: await prepareWorkspaceFlow(d, { flow: name, options: runOptions }) }
    } catch (err) {
      if (err instanceof FlowSetupError) {
        throw new ServiceError(err.kind === 'refused' ? 'refused' : 'flow-invalid', err.message, err.kind === 'refused' ? 403 : 400, err.diagnostics)
      }
      throw err
    }
  }

  async function run(name: string, runOptions: FlowRunOptions) {
    const { deps: d, setup } = await prepare(name, runOptions)
    return (await runPreparedFlow(d, setup)).run
  }

  return {
    'flow.list': async () => listFlows((await access()).workspace.root),
    'flow.read': async ({ name }) => {
      const file = await readFlowFile((await access()).workspace.root, name)
      return { text: file.text, hash: file.hash, summary: flowSummary(file, parseFlowFile(file.text, file.path)) }
    },
    'flow.run': async ({ name, ...runOptions }) => run(name, runOptions),
    'flow.start': async ({ name, ...runOptions }) => {
      // Checked before answering: a flow that cannot start says so at once, with its problems.
      const { deps: d, setup } = await prepare(name, runOptions)
      return { runId: registry.start(async (hooks) => (await runPreparedFlow(d, setup, hooks)).run) }
    },
    'flow.progress': async ({ runId, after }) => {
      const progress = registry.progress(runId, after)
      if (!progress) throw new ServiceError('not-found', `No run ${runId} is in progress (finished runs are in the history: flow.history).`, 404)
      return progress
    },
    'flow.cancel': async ({ runId }) => ({ cancelled: registry.cancel(runId) }),
    'flow.rerun': async ({ historyId }) => {
      const entry = await (await access()).history.getFlowRun(historyId)
      if (!entry) throw new ServiceError('not-found', `No flow run ${historyId} in the history.`, 404)
      return run(entry.flow, entry.run.options)
    },
    'flow.history': async ({ flow, limit }) => (await (await access()).history.listFlowRuns({ ...(flow ? { flow } : {}), limit })).entries,
  }
}
