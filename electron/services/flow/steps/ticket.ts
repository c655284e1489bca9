/**
 * The test ticket through the Zendesk API of the flow's Zendesk environment: fetched as a
 * sample (with its users, organization, group and comments), changed as an agent would, saved
 * into the workspace on request, and deleted at the end (never in production). In live mode,
 * the deployed trigger and webhook are checked first.
 */
import { describeUpdate } from '../../../../shared/flow/plan.js'
import { parseJson } from '../../../../shared/render/json.js'
import { fetchZendeskTicketSample, zendeskError } from '../../sandboxImport.js'
import { failed, latestTicket, passed, skipped, type FlowContext, type StepRunner, type TicketSample } from '../context.js'

export const fetchTicket: StepRunner = async (context) => {
  const id = context.state.ticketId!
  context.state.created = await fetchSample(context, id)
  const { ticket, users, comments } = context.state.created as TicketSample & { users?: { id: unknown; email?: unknown }[]; comments?: unknown[] }
  const requester = users?.find((u) => u.id === ticket.requester_id)
  return passed(`Ticket #${id}: status ${String(ticket.status)}, requester ${String(requester?.email ?? ticket.requester_id)}, ${comments?.length ?? 0} comment(s).`)
}

export const updateTicket: StepRunner = async (context) => {
  const id = context.state.ticketId!
  const update = context.setup.flow.agentUpdate!
  const response = await context.zendesk.fetch(`/api/v2/tickets/${id}.json`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ ticket: update }),
  })
  const body = await response.text()
  if (!response.ok) return failed(`Zendesk refused the change (${response.status}): ${zendeskError(body)}.`)
  context.state.updated = await fetchSample(context, id)
  const before = context.state.created!.ticket
  const after = context.state.updated.ticket
  const changes = Object.keys(update)
    .filter((field) => field !== 'comment' && JSON.stringify(before[field]) !== JSON.stringify(after[field]))
    .map((field) => `${field} ${String(before[field] ?? '(none)')} → ${String(after[field] ?? '(none)')}`)
  return passed(`Ticket #${id} changed (${describeUpdate(update)}): ${changes.join(', ') || 'no field value changed'}.`)
}

export const saveSample: StepRunner = async (context) => {
  const name = context.setup.options.saveSample!
  const saved = await context.setup.workspace.create('zendesk-ticket', name, `${JSON.stringify(latestTicket(context.state), null, 2)}\n`)
  context.run.savedSample = { name, path: saved.path }
  return passed(`Saved as ${saved.path}: render the Zendesk → Braze template against it offline.`)
}

export const cleanUp: StepRunner = async (context) => {
  const id = context.state.ticketId
  const { zendesk, options, flow } = context.setup
  if (id === undefined) return skipped('No ticket was created: nothing to delete.')
  if (options.keep) return skipped(`Kept on request (--keep): ticket #${id} stays in "${zendesk.environment.name}".`)
  if (!flow.cleanup) return skipped(`Kept: the flow says cleanup: false. Ticket #${id} stays in "${zendesk.environment.name}".`)
  if (zendesk.environment.kind === 'production') {
    const reason = `Refused: "${zendesk.environment.name}" is a production environment, where Hookbench never deletes tickets. Ticket #${id} stays; delete it by hand if it should go.`
    context.run.warnings.push(reason)
    return skipped(reason)
  }
  const response = await context.zendesk.fetch(`/api/v2/tickets/${id}.json`, { method: 'DELETE' })
  const body = await response.text()
  if (response.status === 404) return passed(`Ticket #${id} was already gone.`)
  if (!response.ok) return failed(`Zendesk refused to delete ticket #${id} (${response.status}): ${zendeskError(body)}. Delete it by hand.`)
  context.run.ticket = { ...context.run.ticket!, deleted: true }
  return passed(`Ticket #${id} deleted.`)
}

/** Live mode: the trigger and webhook `hookbench deploy` recorded exist and are active. */
export const checkDeployment: StepRunner = async (context, step) => {
  const { deployed, zendesk, zendeskTemplate } = context.setup
  const redeploy = `Deploy again: hookbench deploy ${zendeskTemplate.path} --env ${zendesk.environment.name}`
  const trigger = await getJson(context, `/api/v2/triggers/${deployed!.triggerId}.json`)
  if (trigger.status === 404) return failed(`The trigger ${deployed!.triggerId} recorded in ${zendeskTemplate.path} no longer exists in Zendesk. ${redeploy}.`)
  if (!trigger.ok) return failed(`Zendesk answered ${trigger.status} for the trigger ${deployed!.triggerId}: ${trigger.error}.`)
  const t = (trigger.json as { trigger?: { title?: string; active?: boolean; actions?: { field?: string; value?: unknown }[] } }).trigger ?? {}
  if (t.active === false) return failed(`The trigger ${deployed!.triggerId} ("${t.title ?? ''}") is inactive: Zendesk does not fire it. Activate it, or deploy again.`)
  const calls = (t.actions ?? []).filter((a) => a.field === 'notification_webhook').map((a) => (Array.isArray(a.value) ? String(a.value[0]) : ''))
  if (!calls.includes(deployed!.webhookId!)) {
    step.warnings.push(`The trigger ${deployed!.triggerId} does not call the recorded webhook ${deployed!.webhookId} (it calls ${calls.join(', ') || 'no webhook'}). ${redeploy}.`)
  }
  const webhook = await getJson(context, `/api/v2/webhooks/${encodeURIComponent(deployed!.webhookId!)}`)
  if (webhook.status === 404) return failed(`The webhook ${deployed!.webhookId} recorded in ${zendeskTemplate.path} no longer exists in Zendesk. ${redeploy}.`)
  if (!webhook.ok) return failed(`Zendesk answered ${webhook.status} for the webhook ${deployed!.webhookId}: ${webhook.error}.`)
  const w = (webhook.json as { webhook?: { status?: string; endpoint?: string } }).webhook ?? {}
  if (w.status === 'inactive') return failed(`The webhook ${deployed!.webhookId} is inactive: Zendesk does not call it.`)
  return passed(`Trigger ${deployed!.triggerId} ("${t.title ?? ''}") is active and calls webhook ${deployed!.webhookId} (${w.endpoint ?? 'endpoint not shown'}).`)
}

async function fetchSample(context: FlowContext, id: number): Promise<TicketSample> {
  return (await fetchZendeskTicketSample(context.zendesk, id, context.setup.zendesk.environment)) as TicketSample
}

async function getJson(context: FlowContext, path: string): Promise<{ ok: boolean; status: number; json: unknown; error: string }> {
  const response = await context.zendesk.fetch(path, { headers: { Accept: 'application/json' } })
  const body = await response.text()
  const parsed = parseJson(body)
  return { ok: response.ok, status: response.status, json: parsed.ok ? parsed.value : undefined, error: response.ok ? '' : zendeskError(body) }
}
