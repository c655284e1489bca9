/**
 * Runs started in the background, for a view that shows progress over a request/response API:
 * `start` answers with the run's id at once, `progress` gives the events recorded since the last
 * call (and the run once it is done), `cancel` stops it between steps. Finished runs are kept a
 * while for a late `progress`, then forgotten (the history keeps them for good).
 */
import { randomUUID } from 'node:crypto'
import type { FlowEvent, FlowRun } from '../../../shared/api/contract.js'

export interface RunProgress {
  events: FlowEvent[]
  done: boolean
  run: FlowRun | null
  /** Set when the run broke off with an error of Hookbench's own. */
  error: string | null
}

interface Tracked {
  events: FlowEvent[]
  run: FlowRun | null
  done: boolean
  error: string | null
  controller: AbortController
  finishedAt?: number
}

export type BackgroundRun = (hooks: { id: string; onEvent: (event: FlowEvent) => void; signal: AbortSignal }) => Promise<FlowRun>

const KEEP_FINISHED_MS = 10 * 60_000

export class FlowRunRegistry {
  private readonly runs = new Map<string, Tracked>()

  constructor(private readonly now: () => number = Date.now) {}

  start(run: BackgroundRun): string {
    this.prune()
    const id = randomUUID()
    const tracked: Tracked = { events: [], run: null, done: false, error: null, controller: new AbortController() }
    this.runs.set(id, tracked)
    run({ id, onEvent: (event) => tracked.events.push(event), signal: tracked.controller.signal })
      .then((finished) => {
        tracked.run = finished
      })
      .catch((err: unknown) => {
        tracked.error = err instanceof Error ? err.message : String(err)
      })
      .finally(() => {
        tracked.done = true
        tracked.finishedAt = this.now()
      })
    return id
  }

  /** Events after the first `after`, in order; undefined for an unknown (or long finished) run. */
  progress(id: string, after = 0): RunProgress | undefined {
    const tracked = this.runs.get(id)
    if (!tracked) return undefined
    return { events: tracked.events.slice(after), done: tracked.done, run: tracked.run, error: tracked.error }
  }

  cancel(id: string): boolean {
    const tracked = this.runs.get(id)
    if (!tracked || tracked.done) return false
    tracked.controller.abort()
    return true
  }

  private prune(): void {
    for (const [id, tracked] of this.runs) {
      if (tracked.finishedAt !== undefined && this.now() - tracked.finishedAt > KEEP_FINISHED_MS) this.runs.delete(id)
    }
  }
}
