/**
 * Zendesk → Braze templates handed to Zendesk, part one: the webhook (zendesk.md §3.1, §3.2).
 * The same export gives the Admin Center form field by field and the `POST /api/v2/webhooks`
 * body. A trigger calls the webhook, so it is connected "Trigger or automation"
 * (`subscriptions: ["conditional_ticket_events"]`, §0 item 4); the body itself travels in the
 * trigger's action (./zendeskTrigger.ts).
 *
 * The template's `Authorization: Bearer …` header (the Braze REST API key) becomes the webhook's
 * Bearer-token authentication, not a custom header: Zendesk keeps credentials write-only (§3.1
 * item 5), and whether it accepts Authorization as a custom header at all is UNCONFIRMED (§3.1 item 7).
 */
import { base64ToBytes } from '../engine/bytes.js'
import type { TemplateFile } from '../template/file.js'
import { exportSource, findHeader, templateTitle, type ExportHeader, type ExportSource } from './source.js'
import { zendeskWebhookText } from './text.js'
import type { ExportDocument, ExportOptions, HeaderRow } from './types.js'

export type RequestFormat = 'json' | 'xml' | 'form_encoded'

export type ZendeskWebhookAuthentication =
  | { type: 'bearer_token'; data: { token: string }; add_position: 'header' }
  | { type: 'basic_auth'; data: { username: string; password: string }; add_position: 'header' }

/** The body of `POST /api/v2/webhooks` (and of `PUT /api/v2/webhooks/{id}`, which replaces). */
export interface ZendeskWebhookPayload {
  webhook: {
    name: string
    description?: string
    endpoint: string
    http_method: string
    request_format: RequestFormat
    status: 'active'
    subscriptions: ['conditional_ticket_events']
    authentication?: ZendeskWebhookAuthentication
    custom_headers?: Record<string, string>
  }
}

/** Admin Center > Apps and integrations > Webhooks > Create webhook, field by field. */
export interface ZendeskWebhookForm {
  connectionMethod: 'Trigger or automation'
  name: string
  description?: string
  endpointUrl: string
  requestMethod: string
  requestFormat: 'JSON' | 'XML' | 'Form encoded'
  authentication:
    | { type: 'None' }
    | { type: 'Bearer token'; token: string }
    | { type: 'Basic authentication'; username: string; password: string }
  customHeaders: HeaderRow[]
}

export interface ZendeskWebhookExport {
  adminCenter: ZendeskWebhookForm
  api: ZendeskWebhookPayload
}

export const CONDITIONAL_TICKET_EVENTS = 'conditional_ticket_events'

const FORMAT_LABELS = { json: 'JSON', xml: 'XML', form_encoded: 'Form encoded' } as const
/** What each request format sends as Content-Type. UNCONFIRMED for XML and form-encoded (zendesk.md §3.4). */
const FORMAT_CONTENT_TYPES: Record<RequestFormat, RegExp> = {
  json: /json/i,
  xml: /xml/i,
  form_encoded: /x-www-form-urlencoded/i,
}

export function exportZendeskWebhook(file: TemplateFile, options: ExportOptions = {}): ExportDocument<ZendeskWebhookExport> {
  const source = exportSource(file, options)
  checkZendeskDialect(source)
  const value = zendeskWebhook(source)
  return {
    target: 'zendesk-webhook',
    value,
    json: value.api,
    text: zendeskWebhookText(value),
    body: source.body,
    diagnostics: source.problems.sorted(),
    containsSecrets: source.containsSecrets,
  }
}

function zendeskWebhook(source: ExportSource): ZendeskWebhookExport {
  const { file, problems } = source
  const meta = file.meta.zendesk?.webhook
  const name = meta?.name ?? templateTitle(file)
  const description = meta?.description ?? file.meta.description
  const format = requestFormat(source)
  if (source.url === '') {
    problems.atFrontMatter(['url'], { severity: 'error', code: 'export-no-url', message: 'The template has no url: the webhook needs an endpoint URL.' })
  }
  const rest = source.headers.filter((h) => !isAuthorization(h) && !isImpliedContentType(h, format, source))
  const authentication = webhookAuthentication(source)
  checkEndpoint(source, format, rest)

  const customHeaders = rest.map(({ key, value }) => ({ key, value }))
  const api: ZendeskWebhookPayload = {
    webhook: {
      name,
      ...(description !== undefined ? { description } : {}),
      endpoint: source.url,
      http_method: source.method,
      request_format: format,
      status: 'active',
      subscriptions: [CONDITIONAL_TICKET_EVENTS],
      ...(authentication ? { authentication } : {}),
      ...(customHeaders.length > 0 ? { custom_headers: Object.fromEntries(customHeaders.map((h) => [h.key, h.value])) } : {}),
    },
  }
  const adminCenter: ZendeskWebhookForm = {
    connectionMethod: 'Trigger or automation',
    name,
    ...(description !== undefined ? { description } : {}),
    endpointUrl: source.url,
    requestMethod: source.method,
    requestFormat: FORMAT_LABELS[format],
    authentication: formAuthentication(authentication),
    customHeaders,
  }
  return { adminCenter, api }
}

/** Shared with the trigger export: both hand a Zendesk template to Zendesk. */
export function checkZendeskDialect(source: ExportSource): void {
  if (source.file.meta.dialect === 'zendesk') return
  source.problems.atFrontMatter(['dialect'], {
    severity: 'error',
    code: 'export-wrong-dialect',
    message: 'This is a Braze template: Zendesk does not understand Braze Liquid (${…}, json_escape …).',
    hint: 'Export it for Braze (--for braze or --for braze-api), or set dialect: zendesk.',
  })
}

/** The front matter's `request_format`, else what Content-Type says, else JSON. */
function requestFormat(source: ExportSource): RequestFormat {
  if (source.file.meta.requestFormat) return source.file.meta.requestFormat
  const contentType = findHeader(source.headers, 'Content-Type')?.value ?? ''
  const inferred = (Object.keys(FORMAT_CONTENT_TYPES) as RequestFormat[]).find((f) => FORMAT_CONTENT_TYPES[f].test(contentType))
  return inferred ?? 'json'
}

const isAuthorization = (h: HeaderRow) => h.key.toLowerCase() === 'authorization' && authorizationScheme(h.value) !== undefined

/**
 * Zendesk sets Content-Type from the request format (UNCONFIRMED, zendesk.md §3.4), so a
 * matching Content-Type header is left out; one that contradicts the format stays, and is said.
 */
function isImpliedContentType(h: ExportHeader, format: RequestFormat, source: ExportSource): boolean {
  if (h.key.toLowerCase() !== 'content-type') return false
  if (FORMAT_CONTENT_TYPES[format].test(h.value)) return true
  source.problems.atPart(h.source, {
    severity: 'warning',
    code: 'export-zendesk-content-type',
    message: `Content-Type "${h.value}" contradicts the request format ${FORMAT_LABELS[format]}; it is kept as a custom header.`,
    hint: 'Set request_format in the front matter to match it, or remove the header.',
  })
  return false
}

function authorizationScheme(value: string): 'bearer' | 'basic' | undefined {
  if (/^Bearer\s+\S/i.test(value)) return 'bearer'
  if (/^Basic\s+[A-Za-z0-9+/]+={0,2}$/i.test(value) && decodeBasic(value) !== undefined) return 'basic'
  return undefined
}

function webhookAuthentication(source: ExportSource): ZendeskWebhookAuthentication | undefined {
  const header = findHeader(source.headers, 'Authorization')
  if (!header) return undefined
  const scheme = authorizationScheme(header.value)
  if (scheme === 'bearer') {
    const token = header.value.replace(/^Bearer\s+/i, '')
    if (/\{\{|\{%/.test(token)) {
      source.problems.atPart(header.source, {
        severity: 'warning',
        code: 'export-zendesk-credential-placeholder',
        message: 'UNCONFIRMED whether Zendesk renders placeholders in a webhook\'s credentials: the token is handed over as written.',
      })
    }
    return { type: 'bearer_token', data: { token }, add_position: 'header' }
  }
  if (scheme === 'basic') {
    const [username, password] = decodeBasic(header.value)!
    return { type: 'basic_auth', data: { username, password }, add_position: 'header' }
  }
  source.problems.atPart(header.source, {
    severity: 'warning',
    code: 'export-zendesk-authorization-header',
    message: 'This Authorization header is neither "Bearer TOKEN" nor a literal "Basic" value: it is handed over as a custom header.',
    hint: 'UNCONFIRMED whether Zendesk accepts Authorization as a custom header; its Authentication field takes a Bearer token or a user name and password.',
  })
  return undefined
}

/** `Basic base64(user:password)` → [user, password], when the value is literal. */
function decodeBasic(value: string): [string, string] | undefined {
  const encoded = value.replace(/^Basic\s+/i, '')
  if (encoded.length % 4 !== 0) return undefined
  try {
    const decoded = new TextDecoder('utf-8', { fatal: true }).decode(base64ToBytes(encoded))
    const colon = decoded.indexOf(':')
    return colon < 0 ? undefined : [decoded.slice(0, colon), decoded.slice(colon + 1)]
  } catch {
    return undefined
  }
}

function formAuthentication(authentication: ZendeskWebhookAuthentication | undefined): ZendeskWebhookForm['authentication'] {
  if (!authentication) return { type: 'None' }
  if (authentication.type === 'bearer_token') return { type: 'Bearer token', token: authentication.data.token }
  return { type: 'Basic authentication', ...authentication.data }
}

function checkEndpoint(source: ExportSource, format: RequestFormat, customHeaders: ExportHeader[]): void {
  const { file, problems } = source
  if (!file.url || source.url === '') return
  if (/\{\{|\{%/.test(source.url)) {
    problems.atPart(file.url, {
      severity: 'info',
      code: 'export-zendesk-endpoint-placeholder',
      message: 'UNCONFIRMED whether Zendesk renders placeholders in a webhook\'s endpoint URL.',
    })
  } else if (/^http:/i.test(source.url) && customHeaders.length > 0) {
    problems.atPart(file.url, {
      severity: 'warning',
      code: 'export-zendesk-http-headers',
      message: 'Zendesk sends custom headers to HTTPS endpoints only: this endpoint is plain HTTP.',
    })
  }
  // §3.1: only POST, PUT or PATCH with JSON or XML send a body; otherwise the trigger's content becomes URL parameters.
  if (!['POST', 'PUT', 'PATCH'].includes(source.method) || format === 'form_encoded') {
    problems.atFrontMatter([source.file.meta.requestFormat ? 'request_format' : 'method'], {
      severity: 'warning',
      code: 'export-zendesk-no-body',
      message: `A ${source.method} ${FORMAT_LABELS[format]} webhook sends no body: Zendesk turns the trigger's content into URL parameters.`,
      hint: 'UNCONFIRMED: the trigger content is then a JSON string of [["key", "value"], …] pairs; Hookbench hands the body over as written.',
    })
  }
}
