/**
 * Steps 1 and 2: the Braze → Zendesk template rendered for the sample user (stopping on
 * errors or `abort_message`, as Braze would not send), then sent to the Zendesk sandbox,
 * where it creates the test ticket.
 */
import { parseJson } from '../../../../shared/render/json.js'
import { zendeskError } from '../../sandboxImport.js'
import { failed, passed, type StepRunner } from '../context.js'
import { recordRendered, sendInStep } from './send.js'

export const renderBraze: StepRunner = async (context, step) => {
  const { brazeTemplate, zendesk, sample } = context.setup
  const result = await sendInStep(context, step, brazeTemplate, zendesk, sample.data, { dryRun: true })
  recordRendered(context, `Rendered for ${sample.label} (not sent yet)`, result)
  if (result.failure) return failed(result.failure.message)
  const notes = (['warning', 'info'] as const).map((severity) => [severity, step.diagnostics.filter((d) => d.severity === severity).length] as const).filter(([, n]) => n > 0)
  return passed(`${result.request.method} ${result.request.url}, ${result.request.body.length} characters of body${notes.length > 0 ? ` (${notes.map(([severity, n]) => `${n} ${severity}`).join(', ')})` : ''}.`)
}

export const createTicket: StepRunner = async (context, step) => {
  const { brazeTemplate, zendesk, sample, options } = context.setup
  const at = context.clock()
  const result = await sendInStep(context, step, brazeTemplate, zendesk, sample.data, {
    errorsOnly: true,
    confirmProduction: options.confirmProduction,
    zendeskBaseUrl: context.zendesk.baseUrl,
    ...(context.exchange ? { exchange: context.exchange } : {}),
  })
  context.log.addSend('Create the ticket', at, result)
  const { response } = result
  if (!response) return failed(result.failure?.message ?? 'Nothing came back from Zendesk.')
  if (response.status < 200 || response.status >= 300) {
    return failed(`Zendesk answered ${response.status} ${response.statusText}: ${zendeskError(response.body)}. No ticket was created.`)
  }
  const parsed = parseJson(response.body)
  const ticket = parsed.ok ? (parsed.value as { ticket?: { id?: unknown; url?: unknown } }).ticket : undefined
  if (typeof ticket?.id !== 'number') {
    return failed(`Zendesk answered ${response.status}, but its answer holds no ticket id: is the template's URL Zendesk's POST /api/v2/tickets?`)
  }
  context.state.ticketId = ticket.id
  context.run.ticket = { id: ticket.id, url: typeof ticket.url === 'string' ? ticket.url : null, deleted: false }
  return passed(`Zendesk created ticket #${ticket.id} (${response.status} ${response.statusText}).`)
}
