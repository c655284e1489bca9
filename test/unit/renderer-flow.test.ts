import { describe, expect, it } from 'vitest'
import type { FlowRun, FlowStep } from '../../shared/api/contract.js'
import { applyFlowEvent, applyFlowEvents, formatDuration, needsProductionConfirmation, plannedSteps, runStatusText } from '../../renderer/src/lib/flowRun.js'

const SUMMARY = {
  steps: [
    { id: 'render-braze', title: 'Render the Braze template' },
    { id: 'create-ticket', title: 'Send it to Zendesk' },
    { id: 'cleanup', title: 'Delete the test ticket' },
  ] as const,
}

const pending = plannedSteps({ steps: [...SUMMARY.steps] })

function run(overrides: Partial<FlowRun> = {}): FlowRun {
  return {
    id: 'run-1',
    flow: 'nps',
    title: 'NPS',
    mode: 'simulate',
    options: { keep: false, confirmProduction: false },
    status: 'running',
    startedAt: '2026-01-02T10:00:00Z',
    finishedAt: null,
    durationMs: null,
    failure: null,
    steps: pending,
    ticket: null,
    trigger: [],
    verification: null,
    savedSample: null,
    warnings: [],
    historyId: null,
    ...overrides,
  }
}

const withStatus = (step: FlowStep, status: FlowStep['status'], more: Partial<FlowStep> = {}): FlowStep => ({ ...step, status, ...more })

describe('following a run', () => {
  it('lists the planned steps as pending before anything runs', () => {
    expect(pending.map((s) => [s.id, s.status, s.exchanges.length])).toEqual([
      ['render-braze', 'pending', 0],
      ['create-ticket', 'pending', 0],
      ['cleanup', 'pending', 0],
    ])
  })

  it('folds the events in: the run, then each step as it starts and finishes, then the finished run', () => {
    const started = run()
    let current = applyFlowEvent(null, { type: 'run-started', run: started })
    expect(current).toBe(started)
    current = applyFlowEvent(current, { type: 'step-started', runId: 'run-1', step: withStatus(pending[0]!, 'running') })
    expect(current!.steps.map((s) => s.status)).toEqual(['running', 'pending', 'pending'])
    current = applyFlowEvents(current, [
      { type: 'step-finished', runId: 'run-1', step: withStatus(pending[0]!, 'passed', { durationMs: 12 }) },
      { type: 'step-started', runId: 'run-1', step: withStatus(pending[1]!, 'running') },
    ])
    expect(current!.steps.map((s) => s.status)).toEqual(['passed', 'running', 'pending'])
    expect(current!.steps[0]!.durationMs).toBe(12)
    const finished = run({ status: 'passed', durationMs: 1500 })
    expect(applyFlowEvent(current, { type: 'run-finished', run: finished })).toBe(finished)
  })

  it('ignores step events before the run is known', () => {
    expect(applyFlowEvent(null, { type: 'step-started', runId: 'run-1', step: pending[0]! })).toBeNull()
  })
})

describe('the run in one line', () => {
  it('says which step runs', () => {
    const running = run({ steps: [withStatus(pending[0]!, 'passed'), withStatus(pending[1]!, 'running'), pending[2]!] })
    expect(runStatusText(running)).toBe('Running step 2 of 3: Send it to Zendesk…')
  })

  it('says how a run ended, and where a failed one stopped', () => {
    expect(runStatusText(run({ status: 'passed', durationMs: 2100, steps: [withStatus(pending[0]!, 'passed'), withStatus(pending[1]!, 'passed'), withStatus(pending[2]!, 'skipped')] }))).toBe(
      'Passed in 2.1 s: 2 of 3 steps passed, 1 skipped.',
    )
    const failed = run({
      status: 'failed',
      durationMs: 800,
      failure: { step: 'create-ticket', reason: 'Zendesk answered 422.' },
      steps: [withStatus(pending[0]!, 'passed'), withStatus(pending[1]!, 'failed'), withStatus(pending[2]!, 'skipped')],
    })
    expect(runStatusText(failed)).toBe('Failed in 800 ms at “Send it to Zendesk”: Zendesk answered 422.')
  })
})

it('formats durations', () => {
  expect(formatDuration(null)).toBe('')
  expect(formatDuration(4.4)).toBe('4 ms')
  expect(formatDuration(2100)).toBe('2.1 s')
  expect(formatDuration(65_000)).toBe('1 min 5 s')
})

it('asks the user only when production is the reason for a refusal', () => {
  expect(needsProductionConfirmation({ code: 'refused', message: '"live" is a production environment: confirm to run the flow against it' })).toBe(true)
  expect(needsProductionConfirmation({ code: 'refused', message: 'Not an allowed host' })).toBe(false)
  expect(needsProductionConfirmation({ code: 'flow-invalid', message: 'production' })).toBe(false)
})
