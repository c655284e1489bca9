/**
 * Exports as text for people: each dashboard field on its own line, in the order the dashboard
 * asks for them, then the body exactly as it is pasted (and, for Zendesk, the API request too).
 */
import type { BrazeComposerFields } from './braze.js'
import { describeCondition, type TriggerCondition } from './triggerConditions.js'
import type { HeaderRow } from './types.js'
import type { ZendeskTriggerExport } from './zendeskTrigger.js'
import type { ZendeskWebhookExport } from './zendeskWebhook.js'

export function jsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`
}

const LABEL_WIDTH = 20

function field(label: string, value: string): string {
  return `${`${label}:`.padEnd(LABEL_WIDTH)}${value}`
}

function headerRows(rows: readonly HeaderRow[]): string[] {
  if (rows.length === 0) return ['  (none)']
  const width = Math.max(...rows.map((r) => r.key.length)) + 2
  return rows.map((r) => `  ${r.key.padEnd(width)}${r.value}`)
}

/** The body after a labelled line, byte for byte, ending with one line break for the terminal. */
function bodyBlock(label: string, body: string): string[] {
  return [`${label}:`, body.endsWith('\n') ? body.slice(0, -1) : body]
}

export function brazeComposerText(fields: BrazeComposerFields): string {
  return [
    'Braze webhook composer, Compose tab',
    field('Webhook URL', fields.webhookUrl),
    field('HTTP method', fields.httpMethod),
    field('Request body', fields.requestBody.mode),
    'Request headers (key, value):',
    ...headerRows(fields.requestHeaders),
    '',
    ...bodyBlock('Request body (Raw text)', fields.requestBody.body),
    '',
  ].join('\n')
}

export function zendeskWebhookText({ adminCenter: form, api }: ZendeskWebhookExport): string {
  const auth = form.authentication
  const authLines =
    auth.type === 'Bearer token'
      ? [field('  Token', auth.token)]
      : auth.type === 'Basic authentication'
        ? [field('  Username', auth.username), field('  Password', auth.password)]
        : []
  return [
    'Zendesk webhook: Admin Center > Apps and integrations > Webhooks > Create webhook',
    field('Connection method', form.connectionMethod),
    field('Name', form.name),
    ...(form.description !== undefined ? [field('Description', form.description)] : []),
    field('Endpoint URL', form.endpointUrl),
    field('Request method', form.requestMethod),
    field('Request format', form.requestFormat),
    field('Authentication', auth.type),
    ...authLines,
    'Custom headers (key, value):',
    ...headerRows(form.customHeaders),
    '',
    'Or through the API: POST /api/v2/webhooks',
    jsonText(api),
  ].join('\n')
}

export function zendeskTriggerText({ api, webhookId }: ZendeskTriggerExport): string {
  const { trigger } = api
  const [, body] = trigger.actions[0].value
  return [
    'Zendesk trigger: Admin Center > Objects and rules > Business rules > Triggers > Create trigger',
    field('Name', trigger.title),
    ...(trigger.description !== undefined ? [field('Description', trigger.description)] : []),
    ...(trigger.category_id !== undefined ? [field('Category', trigger.category_id)] : []),
    field('Active', trigger.active ? 'yes' : 'no'),
    'Conditions: meet ALL of the following:',
    ...conditionLines(trigger.conditions.all),
    'Conditions: meet ANY of the following:',
    ...conditionLines(trigger.conditions.any),
    field('Action', `Notify active webhook ${webhookId}`),
    ...bodyBlock('Request body', body),
    '',
    'Or through the API: POST /api/v2/triggers',
    jsonText(api),
  ].join('\n')
}

function conditionLines(conditions: readonly TriggerCondition[]): string[] {
  return conditions.length === 0 ? ['  (none)'] : conditions.map((c) => `  ${describeCondition(c)}`)
}
