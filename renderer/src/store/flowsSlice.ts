/**
 * Flows (flows/NAME.yaml): the whole Braze ↔ Zendesk round trip tested in one run. A run starts
 * in the background (`flow.start`) and is followed step by step (`flow.progress`), here in the
 * store, so it keeps going while the user looks at something else. Runs hold only masked
 * requests and answers, as the history does.
 */
import type { FlowHistoryEntry, FlowRun, FlowRunOptions, FlowSummary } from '../../../shared/api/contract.js'
import { api } from '../api.js'
import { describeError, type ShownError } from '../lib/errors.js'
import { applyFlowEvents, needsProductionConfirmation } from '../lib/flowRun.js'
import type { SliceCreator } from './types.js'

/** How often a running flow is asked for news. */
const POLL_MS = 250

export type FlowRunChoices = Omit<FlowRunOptions, 'confirmProduction'>

export interface FlowRunState {
  runId: string | null
  status: 'starting' | 'running' | 'done'
  run: FlowRun | null
  error: ShownError | null
  cancelling: boolean
}

export interface FlowsSlice {
  flows: FlowSummary[]
  /** The flow shown instead of an editor. */
  activeFlow: string | null
  /** The latest run of each flow (by flow name), running or done. */
  flowRuns: Record<string, FlowRunState>
  flowHistory: { flow: string; entries: FlowHistoryEntry[]; loading: boolean; error: string | null } | null
  /** The history entry shown in place of the latest run. */
  shownFlowRunId: string | null
  /** A run refused because an environment is production waits for this confirmation. */
  confirmingFlow: { name: string; message: string; choices: FlowRunChoices } | null
  loadFlows(): Promise<void>
  openFlow(name: string): void
  runFlow(name: string, choices: FlowRunChoices, confirmProduction?: boolean): Promise<void>
  cancelFlow(name: string): Promise<void>
  loadFlowHistory(name: string): Promise<void>
  showFlowRun(historyId: string | null): void
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms))

export const createFlowsSlice: SliceCreator<FlowsSlice> = (set, get) => {
  const update = (name: string, changes: Partial<FlowRunState>) =>
    set((s) => {
      const current = s.flowRuns[name]
      if (!current) return {}
      return { flowRuns: { ...s.flowRuns, [name]: { ...current, ...changes } } }
    })

  return {
    flows: [],
    activeFlow: null,
    flowRuns: {},
    flowHistory: null,
    shownFlowRunId: null,
    confirmingFlow: null,

    async loadFlows() {
      try {
        set({ flows: await api['flow.list']({}) })
      } catch (err) {
        get().reportError(err, 'Could not list the flows')
      }
    },

    openFlow(name) {
      set({ activeFlow: name, activeKey: null, shownFlowRunId: null })
    },

    async runFlow(name, choices, confirmProduction = false) {
      set({ confirmingFlow: null, shownFlowRunId: null })
      const previous = get().flowRuns[name]
      if (previous && previous.status !== 'done') return
      set((s) => ({ flowRuns: { ...s.flowRuns, [name]: { runId: null, status: 'starting', run: null, error: null, cancelling: false } } }))
      let runId: string
      try {
        runId = (await api['flow.start']({ name, ...choices, confirmProduction })).runId
      } catch (err) {
        const error = describeError(err)
        if (needsProductionConfirmation(error)) {
          // Nothing ran: the last run stays on screen while the user decides.
          set((s) => {
            const { [name]: _starting, ...others } = s.flowRuns
            return { flowRuns: previous ? { ...others, [name]: previous } : others, confirmingFlow: { name, message: error.message, choices } }
          })
        } else {
          update(name, { status: 'done', error })
        }
        return
      }
      update(name, { runId, status: 'running' })
      let seen = 0
      for (;;) {
        try {
          const progress = await api['flow.progress']({ runId, after: seen })
          seen += progress.events.length
          const run = applyFlowEvents(get().flowRuns[name]?.run ?? null, progress.events)
          if (progress.done) {
            update(name, {
              status: 'done',
              run: progress.run ?? run,
              cancelling: false,
              error: progress.error ? { code: 'flow-error', message: progress.error, diagnostics: [] } : null,
            })
            break
          }
          update(name, { run })
        } catch (err) {
          update(name, { status: 'done', cancelling: false, error: describeError(err) })
          break
        }
        await sleep(POLL_MS)
      }
      if (get().activeFlow === name) await get().loadFlowHistory(name)
      // A run may have saved the ticket as a sample.
      if (choices.saveSample) await get().refreshItems()
    },

    async cancelFlow(name) {
      const state = get().flowRuns[name]
      if (!state?.runId || state.status !== 'running') return
      update(name, { cancelling: true })
      try {
        await api['flow.cancel']({ runId: state.runId })
      } catch (err) {
        update(name, { cancelling: false })
        get().reportError(err, `Could not cancel the run of ${name}`)
      }
    },

    async loadFlowHistory(name) {
      set((s) => ({ flowHistory: { flow: name, entries: s.flowHistory?.flow === name ? s.flowHistory.entries : [], loading: true, error: null } }))
      try {
        const entries = await api['flow.history']({ flow: name, limit: 20 })
        set({ flowHistory: { flow: name, entries, loading: false, error: null } })
      } catch (err) {
        set({ flowHistory: { flow: name, entries: [], loading: false, error: describeError(err).message } })
      }
    },

    showFlowRun(historyId) {
      set({ shownFlowRunId: historyId })
    },
  }
}
