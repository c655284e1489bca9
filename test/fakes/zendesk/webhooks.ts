/**
 * The webhooks API (zendesk.md §3.2): `/api/v2/webhooks[/{id}]` with no `.json` suffix,
 * ULID ids, the three authentication shapes, and the signing secret. Errors use the
 * webhooks API's `{"errors": [...]}` shape, not the classic `{"error": …}` one.
 */
import { isJsonObject, isSet, type JsonObject } from '../../../shared/checks/json.js'
import { isoSeconds } from '../clock.js'
import { jsonResponse, noContent, parseJsonObject, type FakeResponse } from '../http.js'
import { randomBase64 } from '../ids.js'
import type { ZendeskContext, ZendeskHandler, ZendeskRouter } from './context.js'
import { webhookErrors, webhookNotFound, type WebhookErrorItem } from './errors.js'
import { addWebhook, type ZendeskWebhook } from './state.js'

const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']
const REQUEST_FORMATS = ['json', 'xml', 'form_encoded']
const STATUSES = ['active', 'inactive']
/** The subscription of webhooks that triggers and automations call (§0 item 4). */
export const CONDITIONAL_TICKET_EVENTS = 'conditional_ticket_events'
const EVENT_SUBSCRIPTION = /^zen:event-type:[\w.]+$/

/** Required fields and their data keys per authentication type (§3.2). */
const AUTHENTICATION_DATA: Record<string, readonly string[]> = {
  basic_auth: ['username', 'password'],
  bearer_token: ['token'],
  api_key: ['name', 'value'],
}

const REQUIRED_FIELDS = ['name', 'endpoint', 'http_method', 'request_format'] as const
const WRITABLE_FIELDS: readonly string[] = [
  ...REQUIRED_FIELDS,
  'description',
  'status',
  'subscriptions',
  'authentication',
  'custom_headers',
  'external_source',
]

/** The webhook as responses show it: no signing secret, and authentication without its credentials (§3.1 item 5). */
export function presentWebhook(webhook: ZendeskWebhook): Record<string, unknown> {
  const { signing_secret: _secret, authentication, ...shown } = webhook
  return authentication ? { ...shown, authentication: { type: authentication.type, add_position: authentication.add_position } } : shown
}

export function registerWebhookRoutes(router: ZendeskRouter): void {
  router
    .on('GET', '/api/v2/webhooks', listWebhooks)
    .on('POST', '/api/v2/webhooks', createWebhook)
    .on('GET', '/api/v2/webhooks/:id', (_request, params, context) => {
      const webhook = context.state.webhooks.get(params.id ?? '')
      return webhook ? jsonResponse(200, { webhook: presentWebhook(webhook) }) : webhookNotFound()
    })
    .on('PUT', '/api/v2/webhooks/:id', (request, params, context) => updateWebhook(request.rawBody, params.id, 'replace', context))
    .on('PATCH', '/api/v2/webhooks/:id', (request, params, context) => updateWebhook(request.rawBody, params.id, 'merge', context))
    .on('DELETE', '/api/v2/webhooks/:id', (_request, params, context) =>
      context.state.webhooks.delete(params.id ?? '') ? noContent() : webhookNotFound())
    .on('GET', '/api/v2/webhooks/:id/signing_secret', (_request, params, context) => {
      const webhook = context.state.webhooks.get(params.id ?? '')
      return webhook ? signingSecretResponse(200, webhook) : webhookNotFound()
    })
    .on('POST', '/api/v2/webhooks/:id/signing_secret', (_request, params, context) => {
      const webhook = context.state.webhooks.get(params.id ?? '')
      if (webhook === undefined) return webhookNotFound()
      webhook.signing_secret = randomBase64(32)
      // UNCONFIRMED: the status of a reset (201 assumed, as it creates a new secret).
      return signingSecretResponse(201, webhook)
    })
}

/** `{"signing_secret": {"algorithm": "SHA256", "secret": …}}`; the casing of `algorithm` is UNCONFIRMED (§3.2). */
function signingSecretResponse(status: number, webhook: ZendeskWebhook) {
  return jsonResponse(status, { signing_secret: { algorithm: 'SHA256', secret: webhook.signing_secret } })
}

const listWebhooks: ZendeskHandler = (request, _params, context) => {
  const nameContains = request.query.get('filter[name_contains]')?.toLowerCase()
  const status = request.query.get('filter[status]')
  const webhooks = [...context.state.webhooks.values()]
    .filter((webhook) => nameContains === undefined || webhook.name.toLowerCase().includes(nameContains))
    .filter((webhook) => status === null || webhook.status === status)
    .map(presentWebhook)
  // Cursor pagination envelope; the fake always returns a single page.
  return jsonResponse(200, { webhooks, meta: { has_more: false, after_cursor: null, before_cursor: null }, links: { prev: null, next: null } })
}

const createWebhook: ZendeskHandler = (request, _params, context) => {
  const input = readWebhookBody(request.rawBody)
  if (!input.ok) return input.response
  const fields = writableFields(input.webhook)
  const problems = webhookProblems(fields)
  if (problems.length > 0) return webhookErrors(400, problems)
  const creator = String(context.principal.id)
  const webhook = addWebhook(context.state, { ...asWebhookFields(fields), created_by: creator, updated_by: creator }, context.now)
  return jsonResponse(201, { webhook: presentWebhook(webhook) })
}

/**
 * PUT replaces the webhook (so it needs every required field, credentials included: they are
 * never shown, so they can't be echoed back); PATCH merges the fields sent, a null removing
 * one. Both answer 204 (UNCONFIRMED: assumed from Zendesk's docs listing no response body).
 */
function updateWebhook(rawBody: string, id: string | undefined, mode: 'replace' | 'merge', context: ZendeskContext): FakeResponse {
  const webhook = context.state.webhooks.get(id ?? '')
  if (webhook === undefined) return webhookNotFound()
  const input = readWebhookBody(rawBody)
  if (!input.ok) return input.response
  const fields = writableFields(mode === 'replace' ? input.webhook : { ...webhook, ...input.webhook })
  const problems = webhookProblems(fields)
  if (connectionKind(fields.subscriptions) !== connectionKind(webhook.subscriptions)) {
    problems.push({
      code: 'InvalidValue',
      title: 'Invalid value',
      detail: 'The connection method of a webhook (trigger/automation or Zendesk events) cannot be changed',
      source: { pointer: '/webhook/subscriptions' },
    })
  }
  if (problems.length > 0) return webhookErrors(400, problems)
  const { id: keptId, signing_secret, created_at, created_by } = webhook
  context.state.webhooks.set(keptId, {
    ...asWebhookFields(fields),
    id: keptId,
    signing_secret,
    created_at,
    created_by,
    updated_at: isoSeconds(context.now()),
    updated_by: String(context.principal.id),
  })
  return noContent()
}

/** The fields a request may set (read-only ones such as id and created_at are ignored); null means absent. */
function writableFields(input: JsonObject): JsonObject {
  return Object.fromEntries(Object.entries(input).filter(([key, value]) => WRITABLE_FIELDS.includes(key) && value !== null))
}

/** Checked fields as a webhook record, with the defaults for what was left out. */
function asWebhookFields(fields: JsonObject): Omit<ZendeskWebhook, 'id' | 'signing_secret' | 'created_at' | 'created_by' | 'updated_at' | 'updated_by'> {
  return { status: 'active', subscriptions: [], ...(fields as Pick<ZendeskWebhook, 'name' | 'endpoint' | 'http_method' | 'request_format'>) }
}

function readWebhookBody(rawBody: string): { ok: true; webhook: JsonObject } | { ok: false; response: FakeResponse } {
  const parsed = parseJsonObject(rawBody)
  const webhook = parsed.ok ? parsed.value.webhook : undefined
  if (isJsonObject(webhook)) return { ok: true, webhook }
  const detail = parsed.ok ? 'The body must be {"webhook": {…}}' : `The request body is not valid JSON: ${parsed.reason}`
  return { ok: false, response: webhookErrors(400, [{ code: 'InvalidInput', title: 'Invalid input', detail }]) }
}

/** `conditional` (trigger or automation), `events` (Zendesk events) or `none` yet. */
function connectionKind(subscriptions: unknown): 'conditional' | 'events' | 'none' {
  if (!Array.isArray(subscriptions) || subscriptions.length === 0) return 'none'
  return subscriptions.includes(CONDITIONAL_TICKET_EVENTS) ? 'conditional' : 'events'
}

/**
 * What Zendesk rejects in a webhook (§3.2). UNCONFIRMED: the error codes and titles; the
 * rules are the documented ones (required fields, enums, auth shapes, event webhooks POST+json).
 */
function webhookProblems(webhook: JsonObject): WebhookErrorItem[] {
  const problems: WebhookErrorItem[] = []
  const missing = (field: string) =>
    problems.push({ code: 'RequiredFieldMissing', title: 'Required field missing', detail: `${field} is required`, source: { pointer: `/webhook/${field.replace(/\./g, '/')}` } })
  const invalid = (field: string, detail: string) =>
    problems.push({ code: 'InvalidValue', title: 'Invalid value', detail: `${field} ${detail}`, source: { pointer: `/webhook/${field.replace(/\./g, '/')}` } })

  for (const field of REQUIRED_FIELDS) {
    if (typeof webhook[field] !== 'string' || webhook[field] === '') missing(field)
  }
  if (typeof webhook.endpoint === 'string' && webhook.endpoint !== '' && !isHttpUrl(webhook.endpoint)) invalid('endpoint', 'must be an http or https URL')
  if (typeof webhook.http_method === 'string' && webhook.http_method !== '' && !HTTP_METHODS.includes(webhook.http_method)) {
    invalid('http_method', `must be one of ${HTTP_METHODS.join(', ')}`)
  }
  if (typeof webhook.request_format === 'string' && webhook.request_format !== '' && !REQUEST_FORMATS.includes(webhook.request_format)) {
    invalid('request_format', `must be one of ${REQUEST_FORMATS.join(', ')}`)
  }
  if (isSet(webhook, 'status') && !STATUSES.includes(webhook.status as string)) invalid('status', `must be one of ${STATUSES.join(', ')}`)
  if (isSet(webhook, 'description') && typeof webhook.description !== 'string') invalid('description', 'must be a string')

  if (isSet(webhook, 'subscriptions')) {
    const subscriptions = webhook.subscriptions
    if (!Array.isArray(subscriptions) || !subscriptions.every((item) => item === CONDITIONAL_TICKET_EVENTS || (typeof item === 'string' && EVENT_SUBSCRIPTION.test(item)))) {
      invalid('subscriptions', `must list "${CONDITIONAL_TICKET_EVENTS}" or zen:event-type:… event types`)
    } else if (connectionKind(subscriptions) === 'events') {
      // §3.2: "Must be POST to subscribe to events", "Must be json to subscribe to events".
      if (webhook.http_method !== 'POST') invalid('http_method', 'must be POST for a webhook subscribed to Zendesk events')
      if (webhook.request_format !== 'json') invalid('request_format', 'must be json for a webhook subscribed to Zendesk events')
    } else if (subscriptions.length > 1) {
      // UNCONFIRMED: mixing both connection methods in one webhook; §3.1 presents them as exclusive.
      invalid('subscriptions', `cannot mix "${CONDITIONAL_TICKET_EVENTS}" with event types`)
    }
  }

  if (isSet(webhook, 'authentication')) authenticationProblems(webhook.authentication, missing, invalid)

  if (isSet(webhook, 'custom_headers')) {
    const headers = webhook.custom_headers
    if (!isJsonObject(headers) || !Object.values(headers).every((value) => typeof value === 'string')) {
      invalid('custom_headers', 'must be an object of header names to string values')
    }
  }
  return problems
}

function authenticationProblems(
  authentication: unknown,
  missing: (field: string) => void,
  invalid: (field: string, detail: string) => void,
): void {
  if (!isJsonObject(authentication)) return invalid('authentication', 'must be an object {type, data, add_position}')
  const dataKeys = typeof authentication.type === 'string' ? AUTHENTICATION_DATA[authentication.type] : undefined
  if (dataKeys === undefined) return invalid('authentication.type', `must be one of ${Object.keys(AUTHENTICATION_DATA).join(', ')}`)
  // UNCONFIRMED: add_position values other than "header" (§3.2); the fake accepts only "header".
  if (authentication.add_position !== 'header') invalid('authentication.add_position', 'must be "header"')
  const data = authentication.data
  if (!isJsonObject(data)) return missing('authentication.data')
  for (const key of dataKeys) {
    if (typeof data[key] !== 'string' || data[key] === '') missing(`authentication.data.${key}`)
  }
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text)
    return url.protocol === 'https:' || url.protocol === 'http:'
  } catch {
    return false
  }
}
