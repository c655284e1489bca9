/**
 * Braze → Zendesk templates handed to Braze (braze.md §4.1): the webhook composer's fields
 * (Webhook URL, HTTP method, request body in Raw text mode, request headers as key/value rows),
 * or the webhook object of Braze's messaging API (`url`, `request_method`, `request_headers`,
 * `body`). Besides the engine's Braze rules, the checks say what Braze itself would trip on.
 */
import { base64ToBytes } from '../engine/bytes.js'
import { apiTokenRetirement } from '../environment/zendeskAuth.js'
import type { TemplateFile } from '../template/file.js'
import { exportSource, findHeader, type ExportSource } from './source.js'
import { brazeComposerText, jsonText } from './text.js'
import type { ExportDocument, ExportOptions, HeaderRow } from './types.js'

/** The Compose tab of Braze's webhook composer, field by field. */
export interface BrazeComposerFields {
  webhookUrl: string
  httpMethod: string
  /**
   * Always Raw text: the composer's "JSON key-value pairs" mode cannot hold Liquid around the
   * pairs (`{% if %}`, `{% abort_message %}`), Raw text takes any body as written.
   */
  requestBody: { mode: 'Raw text'; body: string }
  requestHeaders: HeaderRow[]
}

/** The webhook object of Braze's messaging API (https://braze.com/docs/api/objects_filters/messaging/webhook_object). */
export interface BrazeApiWebhookObject {
  url: string
  request_method: string
  request_headers: Record<string, string>
  /** A string: Braze takes the body as text, JSON or not. */
  body: string
}

export function exportBrazeComposer(file: TemplateFile, options: ExportOptions = {}): ExportDocument<BrazeComposerFields> {
  const source = brazeSource(file, options)
  const value: BrazeComposerFields = {
    webhookUrl: source.url,
    httpMethod: source.method,
    requestBody: { mode: 'Raw text', body: source.body },
    requestHeaders: source.headers.map(({ key, value }) => ({ key, value })),
  }
  return {
    target: 'braze',
    value,
    json: value,
    text: brazeComposerText(value),
    body: source.body,
    diagnostics: source.problems.sorted(),
    containsSecrets: source.containsSecrets,
  }
}

export function exportBrazeApiWebhook(file: TemplateFile, options: ExportOptions = {}): ExportDocument<BrazeApiWebhookObject> {
  const source = brazeSource(file, options)
  const value: BrazeApiWebhookObject = {
    url: source.url,
    request_method: source.method,
    request_headers: Object.fromEntries(source.headers.map((h) => [h.key, h.value])),
    body: source.body,
  }
  return {
    target: 'braze-api',
    value,
    json: value,
    text: jsonText(value),
    body: source.body,
    diagnostics: source.problems.sorted(),
    containsSecrets: source.containsSecrets,
  }
}

function brazeSource(file: TemplateFile, options: ExportOptions): ExportSource {
  const source = exportSource(file, options)
  checkForBraze(source, options.now ?? new Date())
  return source
}

/** Braze takes these methods; PATCH is not documented (braze.md §4.1, §7). */
const BRAZE_METHODS = ['POST', 'GET', 'PUT', 'DELETE']

function checkForBraze(source: ExportSource, now: Date): void {
  const { file, problems } = source
  if (file.meta.dialect !== 'braze') {
    problems.atFrontMatter(['dialect'], {
      severity: 'error',
      code: 'export-wrong-dialect',
      message: 'This is a Zendesk template: Braze does not understand Zendesk placeholders.',
      hint: 'Export it for Zendesk (--for zendesk-webhook and --for zendesk-trigger), or set dialect: braze.',
    })
  }
  if (!BRAZE_METHODS.includes(source.method)) {
    problems.atFrontMatter(['method'], {
      severity: 'warning',
      code: 'export-braze-method',
      message: `UNCONFIRMED: Braze documents the methods POST, GET, PUT and DELETE for webhooks, not ${source.method}.`,
    })
  }
  if (source.method === 'GET' && source.body.trim() !== '') {
    problems.atFrontMatter(['method'], {
      severity: 'warning',
      code: 'export-braze-get-body',
      message: 'Braze sends no body with GET: this body would be dropped.',
      hint: 'Put the values in the URL, or use POST.',
    })
  }
  checkUrl(source)
  checkZendeskApiToken(source, now)
}

function checkUrl(source: ExportSource): void {
  const { file, problems } = source
  if (!file.url || source.url === '') {
    problems.atFrontMatter(['url'], { severity: 'error', code: 'export-no-url', message: 'The template has no url: Braze needs a Webhook URL.' })
    return
  }
  // Liquid in the host or port: only Braze can tell what it renders to.
  if (/\{\{|\{%/.test(source.url.split(/[/?#]/, 3).join('/'))) return
  let url: URL
  try {
    url = new URL(source.url)
  } catch {
    return
  }
  if (url.port !== '' && url.port !== '80' && url.port !== '443') {
    problems.atPart(file.url, {
      severity: 'warning',
      code: 'export-braze-port',
      message: `Braze sends webhooks to ports 80 and 443 only, not ${url.port}.`,
    })
  }
}

/**
 * Zendesk API tokens stop working on 2027-04-30 (zendesk.md §0). A Braze webhook authenticates
 * with whatever its header says, so a token there fails silently on that day.
 */
function checkZendeskApiToken(source: ExportSource, now: Date): void {
  const authorization = findHeader(source.headers, 'Authorization')
  if (!authorization || !usesZendeskApiToken(authorization.value)) return
  const retirement = apiTokenRetirement(now)
  source.problems.atPart(authorization.source, {
    severity: 'warning',
    code: 'export-zendesk-api-token',
    message: `This Authorization header uses a Zendesk API token (email/token:…). ${retirement.message}`,
    hint:
      'Use an OAuth access token instead: Authorization: Bearer %{secret.zendesk_oauth_token}, with a token of an OAuth client ' +
      '(Admin Center > Apps and integrations > APIs > OAuth clients). Braze cannot renew a token, so it needs one that does not ' +
      'expire; UNCONFIRMED whether Zendesk still issues those (tokens of new global OAuth clients expire after 30 minutes).',
  })
}

/** `email/token:…` written out, or inside a literal `Basic` base64 value. */
export function usesZendeskApiToken(value: string): boolean {
  if (/\/token:/.test(value)) return true
  const basic = /^\s*Basic\s+([A-Za-z0-9+/]+={0,2})\s*$/i.exec(value)
  if (!basic || basic[1]!.length % 4 !== 0) return false
  try {
    return /\/token:/.test(new TextDecoder().decode(base64ToBytes(basic[1]!)))
  } catch {
    return false
  }
}
