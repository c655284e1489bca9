/**
 * What the steps of a flow run share: the resolved flow, the record being built, the
 * recorder, the Zendesk API of the Zendesk environment, and what earlier steps found.
 */
import type { FlowRun, FlowStep } from '../../../shared/api/contract.js'
import type { Diagnostic } from '../../../shared/diagnostics.js'
import type { ProfileBaseline } from '../../../shared/flow/expectations.js'
import type { ExchangeOptions } from '../exchange.js'
import type { ZendeskAuth } from '../zendeskAuth.js'
import type { ExchangeLog, SecretMasker } from './recorder.js'
import type { FlowSetup } from './setup.js'

/** A ticket as `fetchZendeskTicketSample` returns it: `{ticket, users, organizations, groups, comments, account}`. */
export type TicketSample = Record<string, unknown> & { ticket: Record<string, unknown> }

export interface FlowContext {
  setup: FlowSetup
  run: FlowRun
  masker: SecretMasker
  log: ExchangeLog
  /** The Zendesk environment's API, every call recorded into the running step. */
  zendesk: ZendeskAuth
  clock: () => Date
  /** The network, for the calls that are not Zendesk API calls (tests may route them). */
  fetch: typeof fetch
  exchange?: ExchangeOptions
  signal?: AbortSignal
  missingSecretHint?: (name: string) => string
  state: FlowState
}

/** What the steps found, for the steps after them. */
export interface FlowState {
  startedAt: Date
  ticketId?: number
  /** The ticket right after it was created. */
  created?: TicketSample
  /** The ticket after the agent's change. */
  updated?: TicketSample
  /** Simulate mode: the updates on which the trigger fires, with the ticket to render for. */
  deliveries: { update: 'Create' | 'Change'; sample: TicketSample }[]
  baseline?: ProfileBaseline
}

export interface StepOutcome {
  status: 'passed' | 'failed' | 'skipped'
  /** Plain words: what a passed step found, or why it failed or was skipped. */
  summary: string
}

export type StepRunner = (context: FlowContext, step: FlowStep) => Promise<StepOutcome>

export const passed = (summary: string): StepOutcome => ({ status: 'passed', summary })
export const failed = (summary: string): StepOutcome => ({ status: 'failed', summary })
export const skipped = (summary: string): StepOutcome => ({ status: 'skipped', summary })

/** The ticket as it is now: after the agent's change, if there was one. */
export function latestTicket(state: FlowState): TicketSample | undefined {
  return state.updated ?? state.created
}

/** Template problems carry the template's path, so a view knows which file to open. */
export function inFile(diagnostics: readonly Diagnostic[], path: string): Diagnostic[] {
  return diagnostics.map((d) => ({ ...d, file: d.file ?? path }))
}
