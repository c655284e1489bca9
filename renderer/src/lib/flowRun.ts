/** A flow run as the Flow view follows it: events folded into the run, and the words it shows. Pure, so it is tested on its own. */
import type { FlowEvent, FlowRun, FlowStep, FlowStepStatus, FlowSummary } from '../../../shared/api/contract.js'

/** The run once `event` happened. Step events replace their step; run events bring the whole run. */
export function applyFlowEvent(run: FlowRun | null, event: FlowEvent): FlowRun | null {
  switch (event.type) {
    case 'run-started':
    case 'run-finished':
      return event.run
    case 'step-started':
    case 'step-finished': {
      if (!run) return run
      const known = run.steps.some((s) => s.id === event.step.id)
      return { ...run, steps: known ? run.steps.map((s) => (s.id === event.step.id ? event.step : s)) : [...run.steps, event.step] }
    }
  }
}

export function applyFlowEvents(run: FlowRun | null, events: readonly FlowEvent[]): FlowRun | null {
  return events.reduce(applyFlowEvent, run)
}

/** The steps a run will take, all pending: what the view shows before the first run. */
export function plannedSteps(summary: Pick<FlowSummary, 'steps'>): FlowStep[] {
  return summary.steps.map((s) => ({
    id: s.id,
    title: s.title,
    status: 'pending',
    summary: null,
    startedAt: null,
    durationMs: null,
    exchanges: [],
    diagnostics: [],
    warnings: [],
  }))
}

export const STEP_STATUS_TEXT: Record<FlowStepStatus, string> = {
  pending: 'Pending',
  running: 'Running',
  passed: 'Passed',
  failed: 'Failed',
  skipped: 'Skipped',
}

/** Durations as people read them. */
export function formatDuration(ms: number | null): string {
  if (ms === null) return ''
  if (ms < 1000) return `${Math.round(ms)} ms`
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`
  const minutes = Math.floor(ms / 60_000)
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`
}

/** One line for the run as a whole: where it is, or how it ended. */
export function runStatusText(run: FlowRun): string {
  const total = run.steps.length
  if (run.status === 'running') {
    const at = run.steps.findIndex((s) => s.status === 'running')
    if (at >= 0) return `Running step ${at + 1} of ${total}: ${run.steps[at]!.title}…`
    const done = run.steps.filter((s) => s.status !== 'pending').length
    return `Running: ${done} of ${total} steps done…`
  }
  const took = run.durationMs === null ? '' : ` in ${formatDuration(run.durationMs)}`
  if (run.status === 'passed') {
    const passed = run.steps.filter((s) => s.status === 'passed').length
    return `Passed${took}: ${passed} of ${total} steps passed, ${total - passed} skipped.`
  }
  const failed = run.failure ? run.steps.find((s) => s.id === run.failure!.step) : run.steps.find((s) => s.status === 'failed')
  return `Failed${took}${failed ? ` at “${failed.title}”` : ''}: ${run.failure?.reason ?? failed?.summary ?? 'see the steps below'}`
}

/** Whether Hookbench refused to start a run because an environment is production (the user may confirm). */
export function needsProductionConfirmation(error: { code: string; message: string }): boolean {
  return error.code === 'refused' && /production/i.test(error.message)
}
