/**
 * Triggers (zendesk.md §4): `/api/v2/triggers[/{id}](.json)`. A trigger needs a title,
 * conditions (`all`/`any` lists of `{field, operator, value}`) and actions; a
 * `notification_webhook` action's value is `[webhook_id, body_string]` and must name an
 * existing webhook connected for triggers (`conditional_ticket_events`, §0 item 4).
 *
 * Validation answers in the classic 422 RecordInvalid shape. UNCONFIRMED: the field keys and
 * descriptions Zendesk uses for trigger errors.
 */
import { hasOwn, isJsonObject, isSet, type JsonObject } from '../../../shared/checks/json.js'
import { isoSeconds } from '../clock.js'
import { jsonResponse, noContent, parseJsonObject, type FakeResponse } from '../http.js'
import { numericId, resourceUrl, type ZendeskContext, type ZendeskHandler, type ZendeskRouter } from './context.js'
import { RecordErrors, recordNotFound, unparsableJson } from './errors.js'
import { addTrigger, type ZendeskState, type ZendeskTrigger } from './state.js'
import { CONDITIONAL_TICKET_EVENTS } from './webhooks.js'

const WRITABLE_FIELDS = ['title', 'description', 'active', 'position', 'category_id', 'conditions', 'actions'] as const

export function presentTrigger(baseUrl: string, trigger: ZendeskTrigger): Record<string, unknown> {
  return { url: resourceUrl(baseUrl, 'triggers', trigger.id), ...trigger }
}

export function registerTriggerRoutes(router: ZendeskRouter): void {
  router
    .on('GET', '/api/v2/triggers', (_request, _params, context) => {
      const triggers = [...context.state.triggers.values()].map((trigger) => presentTrigger(context.baseUrl, trigger))
      return jsonResponse(200, { triggers, next_page: null, previous_page: null, count: triggers.length })
    }, { dotJson: true })
    .on('POST', '/api/v2/triggers', createTrigger, { dotJson: true })
    .on('GET', '/api/v2/triggers/:id', (_request, params, context) => {
      const trigger = findTrigger(params.id, context)
      return trigger ? jsonResponse(200, { trigger: presentTrigger(context.baseUrl, trigger) }) : recordNotFound()
    }, { dotJson: true })
    .on('PUT', '/api/v2/triggers/:id', updateTrigger, { dotJson: true })
    .on('DELETE', '/api/v2/triggers/:id', (_request, params, context) => {
      const trigger = findTrigger(params.id, context)
      if (trigger === undefined) return recordNotFound()
      context.state.triggers.delete(trigger.id)
      return noContent()
    }, { dotJson: true })
}

const createTrigger: ZendeskHandler = (request, _params, context) => {
  const input = readTriggerBody(request.rawBody)
  if (!input.ok) return input.response
  const errors = triggerErrors(input.trigger, context.state)
  if (!errors.isEmpty) return errors.response()
  const trigger = addTrigger(context.state, asTriggerFields(input.trigger), context.now)
  return jsonResponse(201, { trigger: presentTrigger(context.baseUrl, trigger) })
}

/** PUT changes the fields sent; `conditions` and `actions`, when sent, replace the old ones. */
const updateTrigger: ZendeskHandler = (request, params, context) => {
  const trigger = findTrigger(params.id, context)
  if (trigger === undefined) return recordNotFound()
  const input = readTriggerBody(request.rawBody)
  if (!input.ok) return input.response
  const merged: JsonObject = { ...trigger, ...input.trigger }
  const errors = triggerErrors(merged, context.state)
  if (!errors.isEmpty) return errors.response()
  Object.assign(trigger, asTriggerFields(merged), { updated_at: isoSeconds(context.now()) })
  return jsonResponse(200, { trigger: presentTrigger(context.baseUrl, trigger) })
}

function findTrigger(idText: string | undefined, context: ZendeskContext): ZendeskTrigger | undefined {
  const id = numericId(idText)
  return id === undefined ? undefined : context.state.triggers.get(id)
}

function readTriggerBody(rawBody: string): { ok: true; trigger: JsonObject } | { ok: false; response: FakeResponse } {
  const parsed = parseJsonObject(rawBody)
  if (!parsed.ok) return { ok: false, response: unparsableJson(parsed.reason) }
  const trigger = parsed.value.trigger
  if (isJsonObject(trigger)) return { ok: true, trigger }
  return { ok: false, response: new RecordErrors().add('base', 'Trigger: the body must be {"trigger": {…}}').response() }
}

/** The writable fields of a checked body, with `conditions` normalised to both lists. */
function asTriggerFields(input: JsonObject): Partial<ZendeskTrigger> {
  const fields = Object.fromEntries(WRITABLE_FIELDS.filter((key) => hasOwn(input, key)).map((key) => [key, input[key]])) as Partial<ZendeskTrigger>
  if (fields.title !== undefined) fields.raw_title = fields.title
  if (fields.conditions !== undefined) fields.conditions = { all: fields.conditions.all ?? [], any: fields.conditions.any ?? [] }
  return fields
}

function triggerErrors(trigger: JsonObject, state: ZendeskState): RecordErrors {
  const errors = new RecordErrors()
  if (typeof trigger.title !== 'string' || trigger.title.trim() === '') errors.add('title', 'Title: cannot be blank', 'BlankValue')
  if (isSet(trigger, 'active') && typeof trigger.active !== 'boolean') errors.add('active', 'Active: must be true or false')
  if (isSet(trigger, 'position') && !Number.isInteger(trigger.position)) errors.add('position', 'Position: must be an integer')
  if (isSet(trigger, 'category_id') && typeof trigger.category_id !== 'string' && !Number.isInteger(trigger.category_id)) {
    errors.add('category_id', 'Category: must be an id')
  }
  conditionErrors(trigger.conditions, errors)
  actionErrors(trigger.actions, state, errors)
  return errors
}

function conditionErrors(conditions: unknown, errors: RecordErrors): void {
  if (!isJsonObject(conditions)) {
    errors.add('conditions', 'Conditions: must be an object {"all": […], "any": […]}', 'BlankValue')
    return
  }
  let count = 0
  for (const list of ['all', 'any'] as const) {
    if (!hasOwn(conditions, list)) continue
    const items = conditions[list]
    if (!Array.isArray(items)) {
      errors.add('conditions', `Conditions: ${list} must be an array`)
      continue
    }
    items.forEach((condition, index) => {
      count += 1
      if (!isJsonObject(condition) || typeof condition.field !== 'string' || typeof condition.operator !== 'string') {
        errors.add('conditions', `Conditions: ${list}[${index}] must be {"field", "operator", "value"}`)
      }
    })
  }
  // UNCONFIRMED: Zendesk refuses a trigger with no condition at all (it would fire on every update).
  if (count === 0) errors.add('conditions', 'Conditions: at least one condition is required', 'BlankValue')
}

function actionErrors(actions: unknown, state: ZendeskState, errors: RecordErrors): void {
  if (!Array.isArray(actions) || actions.length === 0) {
    errors.add('actions', 'Actions: at least one action is required', 'BlankValue')
    return
  }
  actions.forEach((action, index) => {
    if (!isJsonObject(action) || typeof action.field !== 'string' || !hasOwn(action, 'value')) {
      errors.add('actions', `Actions: actions[${index}] must be {"field", "value"}`)
    } else if (action.field === 'notification_webhook') {
      const problem = webhookActionProblem(action.value, state)
      if (problem !== undefined) errors.add('actions', `Actions: actions[${index}] ${problem}`)
    }
  })
}

/** What is wrong with a `notification_webhook` value, if anything: `[webhook_id, body]`, the body a string (§4). */
function webhookActionProblem(value: unknown, state: ZendeskState): string | undefined {
  if (!Array.isArray(value) || value.length !== 2 || typeof value[0] !== 'string' || typeof value[1] !== 'string') {
    return 'notification_webhook value must be ["<webhook_id>", "<body as a string>"]'
  }
  const webhook = state.webhooks.get(value[0])
  if (webhook === undefined) return `notification_webhook names webhook ${value[0]}, which does not exist`
  if (!webhook.subscriptions.includes(CONDITIONAL_TICKET_EVENTS)) {
    return `notification_webhook names webhook ${value[0]}, which is subscribed to Zendesk events; only "${CONDITIONAL_TICKET_EVENTS}" webhooks can be used by triggers`
  }
  return undefined
}
