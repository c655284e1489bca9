/**
 * Simulate mode, steps 5 and 6: Hookbench plays Zendesk's part. It checks the trigger's
 * conditions on each update the run made (would Zendesk fire it, and if not, which condition
 * stops it), renders the Zendesk → Braze template against the ticket as it was at each update
 * that fires it, and delivers the webhook to Braze as Zendesk would: method and request format,
 * the Bearer key, and the signature headers.
 */
import type { TriggerEvaluationResult } from '../../../../shared/api/contract.js'
import { evaluateTrigger, type TicketUpdate } from '../../../../shared/flow/triggerEvaluation.js'
import { parseJson } from '../../../../shared/render/json.js'
import { failed, passed, type StepRunner, type TicketSample } from '../context.js'
import { signingKeyFor, zendeskDeliveryFetch } from '../zendeskDelivery.js'
import { recordRendered, sendInStep } from './send.js'

const UPDATE_WORDS = { Create: 'creation', Change: 'change' } as const

export const checkTrigger: StepRunner = async (context, step) => {
  const { conditions } = context.setup
  const { created, updated } = context.state
  const updates: (TicketUpdate & { sample: TicketSample })[] = [{ type: 'Create', before: null, after: created!.ticket, sample: created! }]
  if (updated) updates.push({ type: 'Change', before: created!.ticket, after: updated.ticket, sample: updated })
  const evaluations = updates.map((update) => evaluateTrigger(conditions!, update))
  context.run.trigger = evaluations
  const firing = updates.filter((_, i) => evaluations[i]!.fires === true)
  if (firing.length === 0) {
    const unknown = evaluations.some((e) => e.fires === null)
    // The agent's change first: it is the update the flow makes to fire the trigger, when it makes one.
    const why = [...evaluations].reverse().map((e) => e.summary).join(' ')
    return failed(`${unknown ? 'Hookbench cannot tell whether Zendesk would fire the trigger' : 'Zendesk would not fire the trigger, so it would not call the webhook'}. ${why}${unknown ? ' Run the flow in live mode to let Zendesk decide.' : ''}`)
  }
  for (const e of evaluations) if (e.fires === null) step.warnings.push(e.summary)
  if (firing.length > 1) step.warnings.push('The trigger fires on the creation and again on the change: Zendesk would call the webhook twice, and so does this run.')
  context.state.deliveries = firing.map((update) => ({ update: update.type, sample: update.sample }))
  return passed(evaluations.filter((e) => e.fires).map(describeFiring).join(' '))
}

export const renderZendesk: StepRunner = async (context, step) => {
  const { zendeskTemplate, braze, webhook } = context.setup
  // zendesk.md §3.1: only POST, PUT or PATCH with JSON or XML send a body.
  if (!['POST', 'PUT', 'PATCH'].includes(webhook.method) || webhook.format === 'form_encoded') {
    return failed(`A ${webhook.method} ${webhook.format} webhook sends no body: Zendesk turns the trigger's content into URL parameters, which Hookbench does not simulate (UNCONFIRMED how). Use live mode.`)
  }
  const rendered: string[] = []
  for (const delivery of context.state.deliveries) {
    const after = `the ticket after its ${UPDATE_WORDS[delivery.update]}`
    const result = await sendInStep(context, step, zendeskTemplate, braze, delivery.sample, { dryRun: true })
    recordRendered(context, `Rendered for ${after} (not sent yet)`, result)
    if (result.failure) return failed(`For ${after}: ${result.failure.message}`)
    rendered.push(`${result.request.method} ${result.request.url} for ${after}`)
  }
  return passed(`${rendered.join('; ')} (${webhook.format.toUpperCase()}).`)
}

export const deliverWebhook: StepRunner = async (context, step) => {
  const { zendeskTemplate, braze, deployed, webhook, options } = context.setup
  const key = await signingKeyFor(context.zendesk, deployed?.webhookId)
  context.masker.add(key.secret)
  if (key.warning) step.warnings.push(key.warning)
  const answers: string[] = []
  for (const delivery of context.state.deliveries) {
    let signed: Record<string, string> = {}
    const at = context.clock()
    const result = await sendInStep(context, step, zendeskTemplate, braze, delivery.sample, {
      errorsOnly: true,
      confirmProduction: options.confirmProduction,
      exchange: { ...context.exchange, fetchImpl: zendeskDeliveryFetch(key.secret, webhook.format, context.clock, context.exchange?.fetchImpl ?? context.fetch, (headers) => (signed = headers)) },
    })
    const exchange = context.log.addSend(`Webhook for the ticket's ${UPDATE_WORDS[delivery.update]}, signed with ${key.source}`, at, result)
    Object.assign(exchange.request.headers, signed)
    const problem = brazeAnswerProblem(result)
    if (problem) return failed(problem)
    answers.push(`${result.response!.status} ${braze200Summary(result.response!.body)}`)
  }
  return passed(`Braze answered ${answers.join('; ')}.`)
}

function describeFiring(evaluation: TriggerEvaluationResult): string {
  const held = evaluation.conditions.filter((c) => c.met).map((c) => c.explanation.replace(/: yes, /, ': '))
  return `It fires on the ${UPDATE_WORDS[evaluation.update]}: ${held.join(' ')}`
}

/**
 * What is wrong with Braze's answer to `/users/track` (braze.md §5.2), in plain words: 201 means
 * queued; 201 with `errors` means some objects were refused ("minor" errors) and not processed.
 */
function brazeAnswerProblem(result: Awaited<ReturnType<typeof sendInStep>>): string | undefined {
  const { response, failure } = result
  if (!response) return failure?.message ?? 'Nothing came back from Braze.'
  const json = parseJson(response.body)
  const body = (json.ok ? json.value : undefined) as { message?: unknown; errors?: unknown } | undefined
  if (response.status < 200 || response.status >= 300) {
    const message = typeof body?.message === 'string' ? body.message : response.body.slice(0, 200)
    return `Braze answered ${response.status} ${response.statusText}: ${message}${listErrors(body?.errors)}.`
  }
  if (Array.isArray(body?.errors) && body.errors.length > 0) {
    return `Braze answered ${response.status} but reported errors${listErrors(body.errors)}: the objects with errors were not processed, the rest were (minor errors, braze.md §5.2).`
  }
  return undefined
}

/**
 * `: events[0]: 'external_id' or … is required` for Braze's error objects. UNCONFIRMED (braze.md §7):
 * the minor-error shape `{type, input_array, index}` is seen only in a third-party test; anything else is shown as JSON.
 */
function listErrors(errors: unknown): string {
  if (!Array.isArray(errors) || errors.length === 0) return ''
  const items = errors.map((e: { type?: unknown; input_array?: unknown; index?: unknown }) => {
    const where = typeof e.input_array === 'string' ? `${e.input_array}${typeof e.index === 'number' ? `[${e.index}]` : ''}: ` : ''
    return `${where}${typeof e.type === 'string' ? e.type : JSON.stringify(e)}`
  })
  return `: ${items.join('; ')}`
}

/** `(success: 1 event, 1 attribute processed)` from a successful `/users/track` answer. */
function braze200Summary(text: string): string {
  const json = parseJson(text)
  const body = (json.ok ? json.value : {}) as Record<string, unknown>
  const counts = ['events', 'attributes', 'purchases']
    .filter((name) => typeof body[`${name}_processed`] === 'number')
    .map((name) => `${String(body[`${name}_processed`])} ${name}`)
  const message = typeof body.message === 'string' ? body.message : 'no message'
  // 202 {"message": "queued"} during maintenance (braze.md §5.2).
  return counts.length > 0 ? `(${message}: ${counts.join(', ')} processed)` : `(${message})`
}
