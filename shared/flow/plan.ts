/**
 * The steps a run of a flow takes, in order, with their titles: known before anything is sent,
 * so a view can list them all as pending and tick them off as the run progresses.
 *
 * - Simulate: Hookbench plays Zendesk's part (evaluates the trigger, renders and delivers the
 *   webhook). Live: the trigger was deployed, Zendesk fires it; those steps are listed as skipped.
 * - The baseline look at the Braze profile comes as early as the user can be named: before the
 *   ticket exists when the flow names them outright, else once the ticket is fetched.
 */
import type { FlowStepId } from '../api/contract.js'
import type { FlowSpec } from './file.js'
import { hasPlaceholders } from './placeholderText.js'

export interface PlannedStep {
  id: FlowStepId
  title: string
}

export interface PlanOptions {
  saveSample?: string
}

export function planSteps(flow: FlowSpec, options: PlanOptions = {}): PlannedStep[] {
  const steps: PlannedStep[] = []
  const add = (id: FlowStepId, title: string) => steps.push({ id, title })
  const { brazeToZendesk: b2z, zendeskToBraze: z2b, verify } = flow
  const sample = b2z.sampleLabel ? `${b2z.sample}#${b2z.sampleLabel}` : b2z.sample
  const userIsKnownEarly = verify !== undefined && !hasPlaceholders(Object.values(verify.user)[0]!)
  const baseline = () => add('braze-baseline', `Look at the Braze profile before the webhook (baseline, ${z2b.environment})`)

  if (flow.mode === 'live') add('check-deployment', `Check the deployed trigger and webhook in Zendesk (${b2z.environment})`)
  add('render-braze', `Render ${b2z.template} for ${sample}`)
  if (verify && userIsKnownEarly) baseline()
  add('create-ticket', `Send it to Zendesk (${b2z.environment}): the test ticket is created`)
  add('fetch-ticket', 'Fetch the ticket with its users, organization, group and comments')
  if (verify && !userIsKnownEarly) baseline()
  if (flow.agentUpdate) add('update-ticket', `Change the ticket as an agent would: ${describeUpdate(flow.agentUpdate)}`)
  if (options.saveSample) add('save-sample', `Save the ticket as the sample ${options.saveSample}`)
  add('evaluate-trigger', `Check the trigger's conditions of ${z2b.template}: would Zendesk fire it?`)
  add('render-zendesk', `Render ${z2b.template} for the ticket`)
  add('deliver-webhook', `Send it to Braze (${z2b.environment}) as Zendesk would, signed`)
  add('verify-braze', verify ? `Verify on the Braze profile: ${describeExpectations(verify)}` : 'Verify on the Braze profile')
  add('cleanup', 'Delete the test ticket')
  return steps
}

/** `status → solved, comment` */
export function describeUpdate(update: Record<string, unknown>): string {
  return Object.entries(update)
    .map(([field, value]) => (value !== null && typeof value === 'object' ? field : `${field} → ${String(value)}`))
    .join(', ')
}

function describeExpectations(verify: NonNullable<FlowSpec['verify']>): string {
  const parts = [
    ...verify.events.map((name) => `event ${name}`),
    ...Object.entries(verify.attributes).map(([name, value]) => `${name} = ${String(value)}`),
  ]
  return parts.join(', ')
}
