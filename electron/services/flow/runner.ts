/**
 * A flow run: the steps of `planSteps` one after the other, each recorded (its exchanges,
 * timing, status, and in plain words what it found or why it failed), with an event as each
 * step starts and finishes so a view can show progress.
 *
 * A failed step stops the run: the steps after it are listed as skipped, saying why, and what
 * was recorded so far is kept. Clean-up is the exception: a ticket the run created is deleted
 * (unless kept, or in production) even after a failure, so test tickets do not pile up.
 * Everything the run returns or emits has every secret it met masked.
 */
import { randomUUID } from 'node:crypto'
import type { FlowEvent, FlowRun, FlowStep, FlowStepId } from '../../../shared/api/contract.js'
import { planSteps } from '../../../shared/flow/plan.js'
import type { ExchangeOptions } from '../exchange.js'
import { loadSecretValues } from '../secrets/store.js'
import { ZendeskAuth, ZendeskAuthError } from '../zendeskAuth.js'
import { failed, skipped, type FlowContext, type StepOutcome, type StepRunner } from './context.js'
import { ExchangeLog, SecretMasker } from './recorder.js'
import type { FlowSetup } from './setup.js'
import { createTicket, renderBraze } from './steps/brazeToZendesk.js'
import { takeBaseline, verifyProfile } from './steps/brazeChecks.js'
import { checkDeployment, cleanUp, fetchTicket, saveSample, updateTicket } from './steps/ticket.js'
import { checkTrigger, deliverWebhook, renderZendesk } from './steps/zendeskToBraze.js'

const STEPS: Record<FlowStepId, StepRunner> = {
  'check-deployment': checkDeployment,
  'render-braze': renderBraze,
  'braze-baseline': takeBaseline,
  'create-ticket': createTicket,
  'fetch-ticket': fetchTicket,
  'update-ticket': updateTicket,
  'save-sample': saveSample,
  'evaluate-trigger': checkTrigger,
  'render-zendesk': renderZendesk,
  'deliver-webhook': deliverWebhook,
  'verify-braze': verifyProfile,
  cleanup: cleanUp,
}

const CANCELLED = 'Not run: the run was cancelled.'

/** Zendesk's part, which live mode leaves to Zendesk itself. */
const SIMULATED: ReadonlySet<FlowStepId> = new Set(['evaluate-trigger', 'render-zendesk', 'deliver-webhook'])

export interface FlowRunnerOptions {
  /** Default: the clock. Also what `'now'` means in renders and the signature's timestamp. */
  clock?: () => Date
  /** For the calls to Zendesk's API and Braze (tests may route them). */
  fetch?: typeof fetch
  /** Timeouts and limits of sends. */
  exchange?: ExchangeOptions
  missingSecretHint?: (name: string) => string
  /** Progress, step by step (already masked). */
  onEvent?: (event: FlowEvent) => void
  /** Stops the run between steps (and while waiting for Braze); clean-up still runs. */
  signal?: AbortSignal
  /** The run's id (default: a new one), e.g. the handle a caller gave out before it started. */
  id?: string
}

export interface FlowRunOutcome {
  run: FlowRun
  /** Every secret value the run met, for masking anything else derived from it (the history). */
  secretValues: string[]
}

export async function runFlow(setup: FlowSetup, options: FlowRunnerOptions = {}): Promise<FlowRunOutcome> {
  const clock = options.clock ?? (() => new Date())
  const masker = new SecretMasker()
  for (const side of [setup.zendesk, setup.braze]) {
    masker.add(...(await loadSecretValues(side.secrets, side.environment.secrets)).values())
  }
  const log = new ExchangeLog(masker, clock)
  const startedAt = clock()
  const run = pendingRun(setup, options.id ?? randomUUID(), startedAt)
  const context: FlowContext = {
    setup,
    run,
    masker,
    log,
    zendesk: new ZendeskAuth({
      environment: setup.zendesk.environment,
      secrets: setup.zendesk.secrets,
      fetch: log.fetch(options.fetch),
      ...(setup.zendesk.baseUrl ? { baseUrl: setup.zendesk.baseUrl } : {}),
      now: () => clock().getTime(),
    }),
    clock,
    fetch: options.fetch ?? fetch,
    ...(options.exchange ? { exchange: options.exchange } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.missingSecretHint ? { missingSecretHint: options.missingSecretHint } : {}),
    state: { startedAt, deliveries: [] },
  }
  const masked = <T>(value: T): T => JSON.parse(masker.mask(JSON.stringify(value))) as T
  const emit = (event: FlowEvent) => options.onEvent?.(masked(event))
  run.warnings.push(...context.zendesk.warnings())

  emit({ type: 'run-started', run })
  for (const step of run.steps) {
    const skip = skipReason(step.id, run, setup, options.signal)
    if (skip) {
      finish(step, skipped(skip), 0)
      emit({ type: 'step-finished', runId: run.id, step })
      continue
    }
    step.status = 'running'
    step.startedAt = clock().toISOString()
    emit({ type: 'step-started', runId: run.id, step })
    log.into(step.exchanges)
    const started = performance.now()
    const outcome = await STEPS[step.id](context, step).catch((err: unknown) => stepError(err, step))
    finish(step, outcome, performance.now() - started)
    emit({ type: 'step-finished', runId: run.id, step })
    if (outcome.status === 'failed' && !run.failure) run.failure = { step: step.id, reason: outcome.summary }
  }
  const cancelledAt = run.steps.find((s) => s.summary === CANCELLED)
  if (cancelledAt && !run.failure) run.failure = { step: cancelledAt.id, reason: 'The run was cancelled.' }
  const finishedAt = clock()
  run.status = run.failure ? 'failed' : 'passed'
  run.finishedAt = finishedAt.toISOString()
  run.durationMs = finishedAt.getTime() - startedAt.getTime()
  const result = masked(run)
  emit({ type: 'run-finished', run: result })
  return { run: result, secretValues: masker.known }
}

/** The run before its first step: every step of the plan pending. */
function pendingRun(setup: FlowSetup, id: string, startedAt: Date): FlowRun {
  const plan = planSteps(setup.flow, setup.options.saveSample ? { saveSample: setup.options.saveSample } : {})
  return {
    id,
    flow: setup.flow.name,
    title: setup.flow.title,
    mode: setup.flow.mode,
    options: setup.options,
    status: 'running',
    startedAt: startedAt.toISOString(),
    finishedAt: null,
    durationMs: null,
    failure: null,
    steps: plan.map(({ id: stepId, title }) => ({ id: stepId, title, status: 'pending', summary: null, startedAt: null, durationMs: null, exchanges: [], diagnostics: [], warnings: [] })),
    ticket: null,
    trigger: [],
    verification: null,
    savedSample: null,
    warnings: [],
    historyId: null,
  }
}

/** Why a step does not run: an earlier one failed, the run was cancelled, live mode, nothing to verify. */
function skipReason(id: FlowStepId, run: FlowRun, setup: FlowSetup, signal: AbortSignal | undefined): string | undefined {
  // Clean-up runs whatever happened before: a ticket the run created must not be left behind.
  if (id !== 'cleanup') {
    if (run.failure) return `Not run: the step "${titleOf(run, run.failure.step)}" failed.`
    if (signal?.aborted) return CANCELLED
  }
  if (setup.flow.mode === 'live' && SIMULATED.has(id)) return 'Live mode: Zendesk fires its own trigger and calls the webhook; Hookbench only checks that Braze got it.'
  if (id === 'verify-braze' && !setup.flow.verify) return 'The flow names nothing to verify (verify: events, attributes).'
  return undefined
}

function finish(step: FlowStep, outcome: StepOutcome, ms: number): void {
  step.status = outcome.status
  step.summary = outcome.summary
  step.durationMs = Math.round(ms * 10) / 10
}

function titleOf(run: FlowRun, id: FlowStepId): string {
  return run.steps.find((s) => s.id === id)?.title ?? id
}

/**
 * A step that threw: the services' errors are written for people (Zendesk's answer, the auth
 * problem with its place in the environment file); anything else is reported as it is.
 */
function stepError(err: unknown, step: FlowStep): StepOutcome {
  if (err instanceof ZendeskAuthError) {
    if (err.diagnostic) step.diagnostics.push(err.diagnostic)
    return failed(err.hint ? `${err.message} ${err.hint}` : err.message)
  }
  const error = err instanceof Error ? err : new Error(String(err))
  return failed(error.name === 'ServiceError' || error.name === 'WorkspaceError' ? error.message : `Hookbench could not complete this step: ${error.message}`)
}
