/**
 * Zendesk → Braze templates exported for Zendesk: the webhook (Admin Center fields and
 * `POST /api/v2/webhooks`, zendesk.md §3) and the trigger (`POST /api/v2/triggers`, §4).
 */
import { describe, expect, it } from 'vitest'
import { parseEnvironment, referenceValues } from '../../shared/environment/model.js'
import { exportZendeskTrigger, exportZendeskWebhook, WEBHOOK_ID_STAND_IN } from '../../shared/export/index.js'
import { parseTemplateFile } from '../../shared/template/file.js'

const ENVIRONMENT = JSON.stringify({
  kind: 'sandbox',
  variables: { zendesk_subdomain: 'acme1589812345', braze_instance: 'US-01' },
  secrets: ['braze_rest_api_key'],
  allowedHosts: ['acme1589812345.zendesk.com', 'rest.iad-01.braze.com'],
})
const environment = parseEnvironment(ENVIRONMENT, 'environments/sandbox.json').environment!
const BRAZE_KEY = 'braze-rest-9d2e61f0c4b7'
const values = referenceValues(environment, (name) => (name === 'braze_rest_api_key' ? BRAZE_KEY : undefined))

const BODY = `{
  "events": [{ "email": "{{ticket.requester.email}}", "name": "zendesk_ticket_solved", "properties": { "ticket_id": {{ticket.id}}, "subject": "{{ticket.title}}" } }]
}
`

function template(frontMatter = '', headers = '  Content-Type: application/json\n  Authorization: Bearer %{secret.braze_rest_api_key}\n') {
  return parseTemplateFile(
    `---
name: Solved ticket → Braze
description: Records a zendesk_ticket_solved event.
dialect: zendesk
method: POST
url: "https://%{env.braze_rest_host}/users/track"
headers:
${headers}zendesk:
  trigger:
    conditions: status-solved
${frontMatter}---
${BODY}`,
    'templates/solved.liquid',
  )
}

describe('export of the Zendesk webhook', () => {
  it('gives the POST /api/v2/webhooks body as documented, the Braze key as Bearer-token authentication', () => {
    const doc = exportZendeskWebhook(template(), { values })
    expect(doc.target).toBe('zendesk-webhook')
    expect(doc.json).toEqual({
      webhook: {
        name: 'Solved ticket → Braze',
        description: 'Records a zendesk_ticket_solved event.',
        endpoint: 'https://rest.iad-01.braze.com/users/track',
        http_method: 'POST',
        request_format: 'json',
        status: 'active',
        subscriptions: ['conditional_ticket_events'],
        authentication: { type: 'bearer_token', data: { token: '<BRAZE_REST_API_KEY>' }, add_position: 'header' },
      },
    })
    expect(doc.diagnostics).toEqual([])
  })

  it('gives the Admin Center fields, Authorization not among the custom headers', () => {
    const doc = exportZendeskWebhook(template('', '  Content-Type: application/json\n  Authorization: Bearer %{secret.braze_rest_api_key}\n  X-Source: hookbench\n'), { values })
    expect(doc.value.adminCenter).toEqual({
      connectionMethod: 'Trigger or automation',
      name: 'Solved ticket → Braze',
      description: 'Records a zendesk_ticket_solved event.',
      endpointUrl: 'https://rest.iad-01.braze.com/users/track',
      requestMethod: 'POST',
      requestFormat: 'JSON',
      authentication: { type: 'Bearer token', token: '<BRAZE_REST_API_KEY>' },
      customHeaders: [{ key: 'X-Source', value: 'hookbench' }],
    })
    expect(doc.value.api.webhook.custom_headers).toEqual({ 'X-Source': 'hookbench' })
    expect(doc.text).toMatch(/^Zendesk webhook: Admin Center > Apps and integrations > Webhooks > Create webhook\n/)
    expect(doc.text).toContain('Authentication:     Bearer token\n  Token:            <BRAZE_REST_API_KEY>\n')
    expect(doc.text).toContain('Or through the API: POST /api/v2/webhooks\n{\n  "webhook": {')
  })

  it('puts the real Braze key in only with includeSecrets', () => {
    const doc = exportZendeskWebhook(template(), { values, includeSecrets: true })
    expect(doc.value.api.webhook.authentication).toEqual({ type: 'bearer_token', data: { token: BRAZE_KEY }, add_position: 'header' })
    expect(doc.containsSecrets).toBe(true)
  })

  it('takes the webhook name and description from zendesk.webhook when given', () => {
    const doc = exportZendeskWebhook(template('  webhook:\n    name: Braze users/track\n    description: For triggers\n'), { values })
    expect(doc.value.api.webhook).toMatchObject({ name: 'Braze users/track', description: 'For triggers' })
  })

  it('turns a literal Basic header into basic_auth', () => {
    const doc = exportZendeskWebhook(template('', `  Authorization: Basic ${btoa('hook:s3cret')}\n`), { values })
    expect(doc.value.api.webhook.authentication).toEqual({ type: 'basic_auth', data: { username: 'hook', password: 's3cret' }, add_position: 'header' })
    expect(doc.value.adminCenter.authentication).toEqual({ type: 'Basic authentication', username: 'hook', password: 's3cret' })
  })

  it('UNCONFIRMED that Zendesk sets Content-Type from the request format: a contradicting header is kept, and said', () => {
    const file = template('', '  Content-Type: text/plain\n')
    const doc = exportZendeskWebhook(file, { values })
    expect(doc.value.api.webhook.custom_headers).toEqual({ 'Content-Type': 'text/plain' })
    expect(doc.diagnostics).toContainEqual(expect.objectContaining({ code: 'export-zendesk-content-type', line: 8 }))
  })

  it('takes the request format from the front matter or from Content-Type, leaving out a matching Content-Type (UNCONFIRMED that Zendesk sets it)', () => {
    const xml = exportZendeskWebhook(template('', '  Content-Type: application/xml\n'), { values })
    expect(xml.value.api.webhook).toMatchObject({ request_format: 'xml' })
    expect(xml.value.api.webhook.custom_headers).toBeUndefined()
  })

  it('UNCONFIRMED: warns that a GET webhook sends no body, the trigger content becoming URL parameters', () => {
    const file = parseTemplateFile('---\ndialect: zendesk\nmethod: GET\nurl: https://hooks.example.com/x\n---\n{"a": "{{ticket.id}}"}', 'g.liquid')
    const warning = exportZendeskWebhook(file).diagnostics.find((d) => d.code === 'export-zendesk-no-body')!
    expect(warning).toMatchObject({ severity: 'warning', line: 3 })
    expect(warning.hint).toMatch(/UNCONFIRMED/)
  })

  it('warns that custom headers reach HTTPS endpoints only', () => {
    const file = parseTemplateFile('---\ndialect: zendesk\nurl: http://hooks.example.com/x\nheaders:\n  X-Source: hb\n---\n{}', 'h.liquid')
    expect(exportZendeskWebhook(file).diagnostics).toContainEqual(expect.objectContaining({ code: 'export-zendesk-http-headers', line: 3 }))
  })

  it('refuses a Braze template', () => {
    const file = parseTemplateFile('---\ndialect: braze\nurl: https://a.zendesk.com/api/v2/tickets.json\n---\n{}', 'b.liquid')
    expect(exportZendeskWebhook(file).diagnostics).toContainEqual(expect.objectContaining({ code: 'export-wrong-dialect', severity: 'error', line: 2 }))
  })
})

describe('export of the Zendesk trigger', () => {
  it('gives the POST /api/v2/triggers body: conditions from the preset, notification_webhook with the body as a string', () => {
    const file = template()
    const doc = exportZendeskTrigger(file, { values, webhookId: '01GK8E6BKWMJZD2TEXAMPLE' })
    expect(doc.json).toEqual({
      trigger: {
        title: 'Solved ticket → Braze',
        active: true,
        conditions: {
          all: [
            { field: 'update_type', operator: 'is', value: 'Change' },
            { field: 'status', operator: 'value', value: 'solved' },
          ],
          any: [],
        },
        actions: [{ field: 'notification_webhook', value: ['01GK8E6BKWMJZD2TEXAMPLE', BODY] }],
      },
    })
    // Byte for byte the template's body: placeholders are Zendesk's to render.
    expect(doc.value.api.trigger.actions[0].value[1]).toBe(file.body.text)
    expect(doc.diagnostics).toEqual([])
  })

  it('names the webhook deployed to the selected environment', () => {
    const deployed = '  deployed:\n    sandbox:\n      account: acme1589812345\n      webhook_id: 01HV7W5J0QZK6D4Y3X2C1B0A9Z\n      trigger_id: 9001\n'
    const doc = exportZendeskTrigger(template(deployed), { values })
    expect(doc.value.webhookId).toBe('01HV7W5J0QZK6D4Y3X2C1B0A9Z')
  })

  it('uses a stand-in webhook id when none is known, and says where to get one', () => {
    const doc = exportZendeskTrigger(template(), { values })
    expect(doc.value.api.trigger.actions[0].value[0]).toBe(WEBHOOK_ID_STAND_IN)
    expect(doc.diagnostics).toContainEqual(expect.objectContaining({ severity: 'info', code: 'export-webhook-id-unknown' }))
  })

  it('does not use ids recorded for another Zendesk account', () => {
    const deployed = '  deployed:\n    sandbox:\n      account: oldaccount\n      webhook_id: 01HV7W5J0QZK6D4Y3X2C1B0A9Z\n'
    const doc = exportZendeskTrigger(template(deployed), { values })
    expect(doc.value.webhookId).toBe(WEBHOOK_ID_STAND_IN)
    expect(doc.diagnostics.find((d) => d.code === 'export-webhook-id-unknown')!.message).toMatch(/belong to Zendesk account oldaccount/)
  })

  it('takes title, description, active and category from zendesk.trigger', () => {
    const file = parseTemplateFile(
      '---\ndialect: zendesk\nurl: https://rest.iad-01.braze.com/users/track\nzendesk:\n  trigger:\n    title: Notify Braze\n    description: On creation\n    active: false\n    category_id: "10026"\n    conditions: ticket-created\n---\n{}',
      't.liquid',
    )
    expect(exportZendeskTrigger(file, { webhookId: 'W' }).json).toEqual({
      trigger: {
        title: 'Notify Braze',
        description: 'On creation',
        active: false,
        category_id: '10026',
        conditions: { all: [{ field: 'update_type', operator: 'is', value: 'Create' }], any: [] },
        actions: [{ field: 'notification_webhook', value: ['W', '{}'] }],
      },
    })
  })

  it('takes custom conditions as written', () => {
    const file = template().text.replace('conditions: status-solved', 'conditions:\n      all: [{field: status, operator: value, value: pending}]\n      any: [{field: priority, operator: is, value: urgent}, {field: priority, operator: is, value: high}]')
    const doc = exportZendeskTrigger(parseTemplateFile(file, 't.liquid'), { webhookId: 'W' })
    expect(doc.value.api.trigger.conditions).toEqual({
      all: [{ field: 'status', operator: 'value', value: 'pending' }],
      any: [
        { field: 'priority', operator: 'is', value: 'urgent' },
        { field: 'priority', operator: 'is', value: 'high' },
      ],
    })
  })

  it('is an error without conditions: the trigger would fire on every update (UNCONFIRMED whether Zendesk refuses it)', () => {
    const file = parseTemplateFile('---\nname: x\ndialect: zendesk\nurl: https://rest.iad-01.braze.com/users/track\n---\n{}', 't.liquid')
    const error = exportZendeskTrigger(file, { webhookId: 'W' }).diagnostics.find((d) => d.code === 'export-trigger-no-conditions')!
    expect(error).toMatchObject({ severity: 'error', line: 2 })
    expect(error.hint).toMatch(/ticket-created, status-solved, status-pending/)
  })

  it('UNCONFIRMED operators are an info, unknown operators a warning', () => {
    const text = template().text.replace('conditions: status-solved', 'conditions:\n      all: [{field: status, operator: value_previous, value: open}, {field: status, operator: equals, value: open}]')
    const codes = exportZendeskTrigger(parseTemplateFile(text, 't.liquid'), { webhookId: 'W' }).diagnostics.map((d) => [d.severity, d.code])
    expect(codes).toEqual(expect.arrayContaining([
      ['info', 'export-trigger-operator-unconfirmed'],
      ['warning', 'export-trigger-operator-unknown'],
    ]))
  })

  it('shows the conditions in words in the text form', () => {
    const doc = exportZendeskTrigger(template(), { values, webhookId: 'W' })
    expect(doc.text).toContain('Conditions: meet ALL of the following:\n  update_type is Change\n  status value solved\nConditions: meet ANY of the following:\n  (none)\n')
    expect(doc.text).toContain('Action:             Notify active webhook W\nRequest body:\n{\n  "events"')
  })
})
