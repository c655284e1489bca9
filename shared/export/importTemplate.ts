/**
 * The other way round: a webhook that already lives in a dashboard becomes a template file.
 *
 * - Braze: a pasted body (the URL, method and headers given separately or not), a webhook object
 *   of the messaging API (`url`, `request_method`, `request_headers`, `body`), or Hookbench's own
 *   composer export. The dialect is braze.
 * - Zendesk: a trigger's JSON (`{"trigger": …}` from `GET /api/v2/triggers/{id}`, or the trigger
 *   object alone) whose `notification_webhook` action holds the body, optionally with its
 *   webhook's JSON for the endpoint, method, format and headers. The dialect is zendesk.
 *
 * The body is kept byte for byte. Nothing secret is written: see ./importValues.ts.
 */
import { z } from 'zod'
import { LineIndex, locate, type Diagnostic } from '../diagnostics.js'
import { parseJson, spanAtPath } from '../render/json.js'
import { KNOWN_VARIABLES, type Environment } from '../environment/model.js'
import { HTTP_METHODS, type HttpMethod } from '../template/file.js'
import { importHeaders, secretNameFor, standInsToReferences, valuesToReferences, type ImportNote } from './importValues.js'
import { templateText, type NewTemplate } from './templateText.js'
import { conditionsSpec } from './triggerConditions.js'
import type { HeaderRow } from './types.js'
import type { RequestFormat } from './zendeskWebhook.js'

/** A pasted or read file. */
export interface PastedText {
  text: string
  /** Where it came from, for diagnostics. */
  path: string
}

export interface ImportOptions {
  /** The template's name; default: the webhook's or trigger's own. */
  name?: string
  /** An environment's variables: their values in the URL and headers become `%{env.…}` references. */
  env?: Readonly<Record<string, string>>
}

export interface TemplateImport {
  /** The name for the new template (front matter `name`, and the file name). */
  name: string
  /** The template file. */
  text: string
  /** What was read and how, and what the user must do (store a secret …). */
  notes: ImportNote[]
}

export type ImportOutcome = ({ ok: true } & TemplateImport) | { ok: false; diagnostics: Diagnostic[] }

// ---------------------------------------------------------------------------------------------
// Braze

export interface BrazeImportInput extends ImportOptions {
  pasted: PastedText
  /** Given separately (they win over what the pasted text says). */
  url?: string
  method?: string
  headers?: HeaderRow[]
}

const brazeApiWebhookSchema = z.object({
  url: z.string().optional(),
  request_method: z.string().optional(),
  request_headers: z.record(z.string(), z.string()).optional(),
  body: z.string(),
})

const brazeComposerSchema = z.object({
  webhookUrl: z.string(),
  httpMethod: z.string(),
  requestBody: z.object({ body: z.string() }),
  requestHeaders: z.array(z.object({ key: z.string(), value: z.string() })),
})

interface BrazeWebhook {
  url?: string
  method?: string
  headers: HeaderRow[]
  body: string
}

export function importBrazeWebhook(input: BrazeImportInput): ImportOutcome {
  const notes: ImportNote[] = []
  const read = readBrazeWebhook(input.pasted, notes)
  const url = input.url ?? read.url
  const method = checkMethod(input.method ?? read.method, input.pasted.path)
  if ('diagnostics' in method) return { ok: false, diagnostics: method.diagnostics }
  const headers = input.headers ?? read.headers
  if (url === undefined) notes.push({ severity: 'info', message: 'No URL was given: add `url:` to the front matter (--url when importing).' })
  const name = input.name ?? baseName(input.pasted.path)
  const template: NewTemplate = {
    comment: `Imported from ${baseName(input.pasted.path, true)} by hookbench import-template braze`,
    name,
    dialect: 'braze',
    method: method.method,
    ...(url !== undefined ? { url: valuesToReferences(standInsToReferences(url), input.env) } : {}),
    headers: importHeaders(headers, url, input.env, notes),
    body: read.body,
  }
  return { ok: true, name, text: templateText(template), notes }
}

/** The messaging-API webhook object or Hookbench's composer export when it is one, else a raw body. */
function readBrazeWebhook(pasted: PastedText, notes: ImportNote[]): BrazeWebhook {
  const parsed = /^\s*\{/.test(pasted.text) ? parseJson(pasted.text) : undefined
  if (parsed?.ok) {
    const api = brazeApiWebhookSchema.safeParse(parsed.value)
    if (api.success && (api.data.request_method !== undefined || api.data.request_headers !== undefined)) {
      notes.push({ severity: 'info', message: 'Read as the webhook object of Braze\'s messaging API (url, request_method, request_headers, body).' })
      return {
        ...(api.data.url !== undefined ? { url: api.data.url } : {}),
        ...(api.data.request_method !== undefined ? { method: api.data.request_method } : {}),
        headers: Object.entries(api.data.request_headers ?? {}).map(([key, value]) => ({ key, value })),
        body: api.data.body,
      }
    }
    const composer = brazeComposerSchema.safeParse(parsed.value)
    if (composer.success) {
      notes.push({ severity: 'info', message: 'Read as Hookbench\'s export of the Braze webhook composer.' })
      const { webhookUrl, httpMethod, requestBody, requestHeaders } = composer.data
      return { url: webhookUrl, method: httpMethod, headers: requestHeaders, body: requestBody.body }
    }
  }
  notes.push({ severity: 'info', message: 'Read as the webhook body, as pasted (Raw text).' })
  return { headers: [], body: pasted.text }
}

// ---------------------------------------------------------------------------------------------
// Zendesk

export interface ZendeskTriggerImportInput extends ImportOptions {
  trigger: PastedText
  /** The webhook the trigger notifies, as `GET /api/v2/webhooks/{id}` returns it. */
  webhook?: PastedText
  /**
   * Record the trigger's and webhook's ids as deployed to this environment (and its Zendesk
   * account), so that a deploy updates them rather than creating new ones.
   */
  deployedTo?: Pick<Environment, 'name' | 'variables'>
}

const conditionSchema = z.object({
  field: z.string().min(1),
  operator: z.string().min(1),
  value: z.union([z.string(), z.number(), z.boolean(), z.null()]).optional(),
})

const triggerSchema = z.object({
  id: z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)]).optional(),
  title: z.string().min(1),
  description: z.string().nullish(),
  active: z.boolean().optional(),
  category_id: z.union([z.string(), z.number()]).nullish(),
  conditions: z.object({ all: z.array(conditionSchema).nullish(), any: z.array(conditionSchema).nullish() }),
  actions: z.array(z.object({ field: z.string(), value: z.unknown() })),
})

const webhookSchema = z.object({
  id: z.string().optional(),
  name: z.string().optional(),
  description: z.string().nullish(),
  endpoint: z.string(),
  http_method: z.string(),
  request_format: z.enum(['json', 'xml', 'form_encoded']).optional(),
  custom_headers: z.record(z.string(), z.string()).nullish(),
  authentication: z
    .object({ type: z.string(), data: z.record(z.string(), z.unknown()).optional(), add_position: z.string().optional() })
    .nullish(),
})

type Trigger = z.output<typeof triggerSchema>
type Webhook = z.output<typeof webhookSchema>

const CONTENT_TYPES: Record<RequestFormat, string> = {
  json: 'application/json',
  // UNCONFIRMED (zendesk.md §3.4): the Content-Type Zendesk sends for XML and form-encoded webhooks.
  xml: 'application/xml',
  form_encoded: 'application/x-www-form-urlencoded',
}

export function importZendeskTrigger(input: ZendeskTriggerImportInput): ImportOutcome {
  const trigger = readObject(input.trigger, 'trigger', triggerSchema)
  const webhook = input.webhook ? readObject(input.webhook, 'webhook', webhookSchema) : undefined
  const diagnostics = [...('diagnostics' in trigger ? trigger.diagnostics : []), ...(webhook && 'diagnostics' in webhook ? webhook.diagnostics : [])]
  if ('diagnostics' in trigger || (webhook && 'diagnostics' in webhook)) return { ok: false, diagnostics }
  const t = trigger.value
  const w = webhook && 'value' in webhook ? webhook.value : undefined
  const notes: ImportNote[] = []
  const action = notificationAction(t, input.trigger.path)
  if ('diagnostics' in action) return { ok: false, diagnostics: action.diagnostics }
  const others = t.actions.filter((a) => a.field !== 'notification_webhook').map((a) => a.field)
  if (others.length > 0) notes.push({ severity: 'warning', message: `The trigger's other actions (${others.join(', ')}) are not part of the template: a deploy replaces the trigger's actions with the webhook notification alone.` })
  if (w?.id !== undefined && w.id !== action.webhookId) {
    notes.push({ severity: 'warning', message: `The trigger notifies webhook ${action.webhookId}, but the webhook given is ${w.id}.` })
  }
  if (!w) notes.push({ severity: 'info', message: 'No webhook was given (--webhook FILE): the template has no url, method or headers yet.' })

  const name = input.name ?? t.title
  const conditions = conditionsSpec({ all: t.conditions.all ?? [], any: t.conditions.any ?? [] })
  const triggerMeta: NonNullable<NonNullable<NewTemplate['zendesk']>['trigger']> = {
    ...(t.title !== name ? { title: t.title } : {}),
    ...(t.description ? { description: t.description } : {}),
    ...(t.active === false ? { active: false } : {}),
    ...(t.category_id !== undefined && t.category_id !== null ? { category_id: String(t.category_id) } : {}),
    // A preset alone is written as its bare name, as people write it.
    conditions: conditions.preset && !conditions.all && !conditions.any ? conditions.preset : conditions,
  }
  const webhookMeta = {
    ...(w?.name !== undefined && w.name !== name ? { name: w.name } : {}),
    ...(w?.description ? { description: w.description } : {}),
  }
  const deployed = input.deployedTo ? deployedEntry(input.deployedTo, t, w, action.webhookId) : undefined
  const template: NewTemplate = {
    comment: `Imported from ${baseName(input.trigger.path, true)}${input.webhook ? ` and ${baseName(input.webhook.path, true)}` : ''} by hookbench import-template zendesk-trigger`,
    name,
    dialect: 'zendesk',
    method: (w ? w.http_method.toUpperCase() : 'POST') as HttpMethod,
    ...(w ? { url: valuesToReferences(standInsToReferences(w.endpoint), input.env) } : {}),
    headers: w ? webhookHeaders(w, input.env, notes) : [],
    ...(w?.request_format !== undefined ? { requestFormat: w.request_format } : {}),
    zendesk: {
      ...(Object.keys(webhookMeta).length > 0 ? { webhook: webhookMeta } : {}),
      trigger: triggerMeta,
      ...(deployed ? { deployed } : {}),
    },
    body: action.body,
  }
  return { ok: true, name, text: templateText(template), notes }
}

/** `[webhook id, body]` of the trigger's `notification_webhook` action. */
function notificationAction(trigger: Trigger, path: string): { webhookId: string; body: string } | { diagnostics: Diagnostic[] } {
  const index = trigger.actions.findIndex((a) => a.field === 'notification_webhook')
  const action = trigger.actions[index]
  const value = action?.value
  if (!Array.isArray(value) || value.length !== 2 || typeof value[0] !== 'string') {
    const message = action
      ? 'The notification_webhook action\'s value is not ["<webhook id>", "<body>"].'
      : 'The trigger has no notification_webhook action: it notifies no webhook, so there is no template in it.'
    return { diagnostics: [problemAt({ text: '', path }, [], message)] }
  }
  // UNCONFIRMED (zendesk.md §4): GET and form-encoded webhooks get [["key", "value"], …] pairs, kept as their JSON.
  const body = typeof value[1] === 'string' ? value[1] : JSON.stringify(value[1])
  return { webhookId: value[0], body }
}

/**
 * Content-Type for the request format (Zendesk sets it itself, but Hookbench's own sends and
 * checks read it from the template), the authentication as an Authorization header, then the
 * custom headers.
 */
function webhookHeaders(webhook: Webhook, env: Readonly<Record<string, string>> | undefined, notes: ImportNote[]): HeaderRow[] {
  const rows: HeaderRow[] = [{ key: 'Content-Type', value: CONTENT_TYPES[webhook.request_format ?? 'json'] }]
  const auth = webhook.authentication
  const data = auth?.data ?? {}
  if (auth?.type === 'bearer_token') {
    rows.push({ key: 'Authorization', value: `Bearer ${typeof data.token === 'string' ? data.token : credentialReference(webhook, 'Bearer ', notes)}` })
  } else if (auth?.type === 'basic_auth') {
    rows.push({ key: 'Authorization', value: `Basic ${credentialReference(webhook, 'Basic ', notes)}` })
  } else if (auth?.type === 'api_key' && typeof data.name === 'string') {
    rows.push({ key: data.name, value: typeof data.value === 'string' ? data.value : credentialReference(webhook, '', notes, data.name) })
  } else if (auth) {
    notes.push({ severity: 'warning', message: `The webhook's authentication type "${auth.type}" is not one Hookbench knows; it is left out.` })
  }
  for (const [key, value] of Object.entries(webhook.custom_headers ?? {})) rows.push({ key, value })
  return importHeaders(rows, webhook.endpoint, env, notes)
}

/** Zendesk never shows a webhook's credentials again (zendesk.md §3.1 item 5): refer to a secret. */
function credentialReference(webhook: Webhook, scheme: string, notes: ImportNote[], header = 'Authorization'): string {
  const name = secretNameFor(header, scheme, webhook.endpoint)
  notes.push({
    severity: 'warning',
    message: `Zendesk does not show webhook credentials; the template refers to %{secret.${name}}: declare it in the environment's "secrets" and store the value.`,
  })
  return `%{secret.${name}}`
}

function deployedEntry(to: Pick<Environment, 'name' | 'variables'>, trigger: Trigger, webhook: Webhook | undefined, webhookId: string) {
  const account = to.variables[KNOWN_VARIABLES.zendeskSubdomain]
  return {
    [to.name]: {
      ...(account !== undefined ? { account } : {}),
      webhook_id: webhook?.id ?? webhookId,
      ...(trigger.id !== undefined ? { trigger_id: trigger.id } : {}),
    },
  }
}

// ---------------------------------------------------------------------------------------------
// Reading

/** `{"<key>": {…}}` as the API answers, or the object alone; every problem located in the file. */
function readObject<S extends z.ZodType>(pasted: PastedText, key: string, schema: S): { value: z.output<S> } | { diagnostics: Diagnostic[] } {
  const parsed = parseJson(pasted.text)
  if (!parsed.ok) {
    const index = new LineIndex(pasted.text)
    return { diagnostics: [locate({ severity: 'error', code: 'import-json', message: `Not valid JSON: ${parsed.error.message}.`, start: parsed.error.offset, file: pasted.path }, index)] }
  }
  const root = parsed.value as Record<string, unknown> | null
  const wrapped = root !== null && typeof root === 'object' && key in root
  const result = schema.safeParse(wrapped ? root[key] : root)
  if (result.success) return { value: result.data }
  return {
    diagnostics: result.error.issues.map((issue) => {
      const at = [...(wrapped ? [key] : []), ...(issue.path as (string | number)[])]
      const field = issue.path.length > 0 ? `${key}.${issue.path.join('.')}` : key
      return problemAt(pasted, at, `${field}: ${issue.message}`)
    }),
  }
}

function problemAt(pasted: PastedText, path: (string | number)[], message: string): Diagnostic {
  const span = pasted.text === '' ? undefined : spanAtPath(pasted.text, path)
  const start = span?.value.start ?? 0
  return locate({ severity: 'error', code: 'import-invalid', message, start, end: span?.value.end ?? start + 1, file: pasted.path }, new LineIndex(pasted.text))
}

function checkMethod(method: string | undefined, path: string): { method: HttpMethod } | { diagnostics: Diagnostic[] } {
  const upper = (method ?? 'POST').toUpperCase()
  if ((HTTP_METHODS as readonly string[]).includes(upper)) return { method: upper as HttpMethod }
  return { diagnostics: [problemAt({ text: '', path }, [], `"${method}" is not an HTTP method; use one of ${HTTP_METHODS.join(', ')}.`)] }
}

/** `exports/solved.json` → `solved` (or `solved.json` with the extension). */
function baseName(path: string, withExtension = false): string {
  const base = path.replace(/^.*[\\/]/, '')
  return withExtension ? base : base.replace(/\.[^.]*$/, '') || base
}

export type { ImportNote } from './importValues.js'
