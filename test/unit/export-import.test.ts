/**
 * Importing webhooks that live in a dashboard as templates, and the round trip: a template
 * exported and imported again is the same template (method, URL, headers, body, trigger).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseEnvironment, referenceValues } from '../../shared/environment/model.js'
import {
  exportBrazeApiWebhook,
  exportBrazeComposer,
  exportZendeskTrigger,
  exportZendeskWebhook,
  importBrazeWebhook,
  importZendeskTrigger,
  jsonText,
  resolveConditions,
  type ImportOutcome,
} from '../../shared/export/index.js'
import { parseTemplateFile, type TemplateFile } from '../../shared/template/file.js'

const ROOT = join(import.meta.dirname, '..', '..')
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8')
const EXAMPLES = 'electron/services/workspace/examples'
const environment = parseEnvironment(read(`${EXAMPLES}/environments/sandbox.json`), 'environments/sandbox.json').environment!
const values = referenceValues(environment, () => undefined)

function imported(outcome: ImportOutcome): TemplateFile & { notes: string[] } {
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.diagnostics))
  const file = parseTemplateFile(outcome.text, `templates/${outcome.name}.liquid`)
  expect(file.diagnostics).toEqual([])
  return Object.assign(file, { notes: outcome.notes.map((n) => `${n.severity}: ${n.message}`) })
}

/** What makes two templates the same request: dialect, method, URL, headers, request format, body. */
function request(file: TemplateFile) {
  return {
    dialect: file.meta.dialect,
    method: file.meta.method,
    requestFormat: file.meta.requestFormat ?? 'json',
    url: file.url?.text,
    headers: file.headers.map((h) => [h.name, h.source.text]),
    body: file.body.text,
  }
}

const ZENDESK_BODY = '{"ticket_id": {{ticket.id}}, "email": "{{ticket.requester.email}}"}\n'

describe('importing a Braze webhook', () => {
  it('makes a braze template of a pasted body, with the URL, method and headers given', () => {
    const body = '{ "ticket": { "subject": "{{${first_name} | json_escape}}" } }\n'
    const file = imported(importBrazeWebhook({
      pasted: { text: body, path: 'pasted.txt' },
      url: 'https://acme.zendesk.com/api/v2/tickets.json',
      method: 'put',
      headers: [{ key: 'Content-Type', value: 'application/json' }],
      name: 'Survey ticket',
    }))
    expect(file.meta).toMatchObject({ name: 'Survey ticket', dialect: 'braze', method: 'PUT' })
    expect(request(file)).toMatchObject({ url: 'https://acme.zendesk.com/api/v2/tickets.json', headers: [['Content-Type', 'application/json']], body })
  })

  it('makes a body-only template when nothing else is given, named after the file', () => {
    const outcome = importBrazeWebhook({ pasted: { text: 'to={{${phone_number}}}&text=Hi', path: 'exports/sms-hook.txt' } })
    const file = imported(outcome)
    expect(file.meta).toMatchObject({ name: 'sms-hook', dialect: 'braze', method: 'POST' })
    expect(file.url).toBeUndefined()
    expect(file.body.text).toBe('to={{${phone_number}}}&text=Hi')
    expect(file.notes).toContain('info: No URL was given: add `url:` to the front matter (--url when importing).')
  })

  it("reads the messaging API's webhook object", () => {
    const object = { url: 'https://hooks.example.com/x', request_method: 'DELETE', request_headers: { 'X-Id': '{{${user_id}}}' }, body: '' }
    const file = imported(importBrazeWebhook({ pasted: { text: JSON.stringify(object), path: 'hook.json' } }))
    expect(request(file)).toMatchObject({ method: 'DELETE', url: 'https://hooks.example.com/x', headers: [['X-Id', '{{${user_id}}}']], body: '' })
    // A header value starting with { must be quoted in YAML.
    expect(file.text).toContain('X-Id: "{{${user_id}}}"')
  })

  it('never writes a credential pasted in the clear: it becomes a secret reference, with a note', () => {
    const outcome = importBrazeWebhook({
      pasted: { text: '{}', path: 'p.txt' },
      url: 'https://acme.zendesk.com/api/v2/tickets.json',
      headers: [{ key: 'Authorization', value: 'Bearer zd-live-7f3e9a1c' }, { key: 'X-Api-Key', value: 'k-123456' }],
    })
    const file = imported(outcome)
    expect(file.text).not.toContain('zd-live-7f3e9a1c')
    expect(file.text).not.toContain('k-123456')
    expect(file.headers.map((h) => [h.name, h.source.text])).toEqual([
      ['Authorization', 'Bearer %{secret.zendesk_oauth_token}'],
      ['X-Api-Key', '%{secret.zendesk_api_key}'],
    ])
    expect(file.notes.join('\n')).toMatch(/declare "zendesk_oauth_token" in the environment's "secrets"/i)
  })

  it("turns an environment's values back into references", () => {
    const file = imported(importBrazeWebhook({
      pasted: { text: '{}', path: 'p.txt' },
      url: 'https://acme1589812345.zendesk.com/api/v2/tickets.json',
      env: environment.variables,
    }))
    expect(file.url?.text).toBe('https://%{env.zendesk_subdomain}.zendesk.com/api/v2/tickets.json')
  })

  it('refuses a method that is not HTTP', () => {
    const outcome = importBrazeWebhook({ pasted: { text: '{}', path: 'p.txt' }, method: 'FETCH' })
    expect(outcome).toMatchObject({ ok: false, diagnostics: [expect.objectContaining({ message: expect.stringMatching(/"FETCH" is not an HTTP method/) })] })
  })
})

const TRIGGER = {
  trigger: {
    url: 'https://acme1589812345.zendesk.com/api/v2/triggers/9001.json',
    id: 9001,
    title: 'Notify Braze when solved',
    active: true,
    position: 3,
    conditions: {
      all: [
        { field: 'update_type', operator: 'is', value: 'Change' },
        { field: 'status', operator: 'value', value: 'solved' },
      ],
      any: [],
    },
    actions: [{ field: 'notification_webhook', value: ['01HV7W5J0QZK6D4Y3X2C1B0A9Z', ZENDESK_BODY] }],
    description: null,
    raw_title: 'Notify Braze when solved',
    category_id: '10026',
  },
}
const WEBHOOK = {
  webhook: {
    id: '01HV7W5J0QZK6D4Y3X2C1B0A9Z',
    name: 'Braze users/track',
    status: 'active',
    subscriptions: ['conditional_ticket_events'],
    endpoint: 'https://rest.iad-01.braze.com/users/track',
    http_method: 'POST',
    request_format: 'json',
    // As GET /api/v2/webhooks/{id} shows it: credentials are never shown again (zendesk.md §3.1).
    authentication: { type: 'bearer_token', add_position: 'header' },
    custom_headers: { 'X-Source': 'zendesk' },
  },
}

describe('importing a Zendesk trigger', () => {
  it('makes a zendesk template: body from the action, conditions as a preset, webhook fields as url/method/headers', () => {
    const file = imported(importZendeskTrigger({
      trigger: { text: JSON.stringify(TRIGGER), path: 'trigger.json' },
      webhook: { text: JSON.stringify(WEBHOOK), path: 'webhook.json' },
      env: environment.variables,
    }))
    expect(file.meta).toMatchObject({
      name: 'Notify Braze when solved',
      dialect: 'zendesk',
      method: 'POST',
      requestFormat: 'json',
      zendesk: { webhook: { name: 'Braze users/track' }, trigger: { categoryId: '10026', conditions: { preset: 'status-solved' } } },
    })
    expect(file.text).toContain('    conditions: status-solved\n')
    expect(request(file)).toMatchObject({
      url: 'https://%{env.braze_rest_host}/users/track',
      headers: [
        ['Content-Type', 'application/json'],
        ['Authorization', 'Bearer %{secret.braze_rest_api_key}'],
        ['X-Source', 'zendesk'],
      ],
      body: ZENDESK_BODY,
    })
    expect(file.notes.join('\n')).toMatch(/Zendesk does not show webhook credentials; the template refers to %\{secret\.braze_rest_api_key\}/)
  })

  it('takes the trigger object alone, and custom conditions one per line', () => {
    const trigger = { ...TRIGGER.trigger, conditions: { all: [{ field: 'group_id', operator: 'is', value: 42 }], any: [{ field: 'priority', operator: 'is', value: 'urgent' }] } }
    const outcome = importZendeskTrigger({ trigger: { text: JSON.stringify(trigger), path: 't.json' } })
    const file = imported(outcome)
    expect(file.text).toContain('      - { field: group_id, operator: is, value: 42 }\n')
    expect(resolveConditions(file.meta.zendesk!.trigger!.conditions!)).toEqual(trigger.conditions)
    expect(file.url).toBeUndefined()
    expect(file.notes).toContain('info: No webhook was given (--webhook FILE): the template has no url, method or headers yet.')
  })

  it('records the ids as deployed when adopting them for an environment', () => {
    const file = imported(importZendeskTrigger({
      trigger: { text: JSON.stringify(TRIGGER), path: 't.json' },
      webhook: { text: JSON.stringify(WEBHOOK), path: 'w.json' },
      deployedTo: { name: 'sandbox', variables: { zendesk_subdomain: 'acme1589812345' } },
    }))
    expect(file.meta.zendesk?.deployed).toEqual({ sandbox: { account: 'acme1589812345', webhookId: '01HV7W5J0QZK6D4Y3X2C1B0A9Z', triggerId: 9001 } })
  })

  it('says which other actions are dropped, and when the webhook given is not the one notified', () => {
    const trigger = { ...TRIGGER.trigger, actions: [...TRIGGER.trigger.actions, { field: 'status', value: 'open' }] }
    const file = imported(importZendeskTrigger({
      trigger: { text: JSON.stringify({ trigger }), path: 't.json' },
      webhook: { text: JSON.stringify({ webhook: { ...WEBHOOK.webhook, id: '01OTHER' } }), path: 'w.json' },
    }))
    expect(file.notes.join('\n')).toMatch(/other actions \(status\) are not part of the template/)
    expect(file.notes.join('\n')).toMatch(/notifies webhook 01HV7W5J0QZK6D4Y3X2C1B0A9Z, but the webhook given is 01OTHER/)
  })

  it('refuses a trigger without a notification_webhook action', () => {
    const trigger = { ...TRIGGER.trigger, actions: [{ field: 'status', value: 'open' }] }
    const outcome = importZendeskTrigger({ trigger: { text: JSON.stringify({ trigger }), path: 't.json' } })
    expect(outcome).toMatchObject({ ok: false, diagnostics: [expect.objectContaining({ message: expect.stringMatching(/no notification_webhook action/) })] })
  })

  it('locates invalid JSON and missing fields in the pasted file', () => {
    const broken = importZendeskTrigger({ trigger: { text: '{\n  "trigger": {\n    "title": "x",\n  }\n}', path: 't.json' } })
    expect(broken).toMatchObject({ ok: false, diagnostics: [expect.objectContaining({ code: 'import-json', line: 4, file: 't.json' })] })
    const missing = importZendeskTrigger({ trigger: { text: '{"trigger": {"title": "x", "actions": []}}', path: 't.json' } })
    expect(missing).toMatchObject({ ok: false, diagnostics: [expect.objectContaining({ code: 'import-invalid', message: expect.stringMatching(/^trigger\.conditions: /) })] })
  })
})

describe('round trip: export, then import, gives back an equivalent template', () => {
  const nps = parseTemplateFile(read(`${EXAMPLES}/templates/nps-detractor-to-zendesk-ticket.liquid`), 'nps.liquid')

  it('for Braze, through the messaging-API webhook object', () => {
    const exported = exportBrazeApiWebhook(nps, { values })
    const back = imported(importBrazeWebhook({ pasted: { text: jsonText(exported.json), path: 'nps.json' }, env: environment.variables, name: nps.meta.name! }))
    expect(request(back)).toEqual(request(nps))
    expect(back.meta.name).toBe(nps.meta.name)
  })

  it("for Braze, through Hookbench's composer export", () => {
    const exported = exportBrazeComposer(nps, { values })
    const back = imported(importBrazeWebhook({ pasted: { text: jsonText(exported.json), path: 'nps.json' }, env: environment.variables }))
    expect(request(back)).toEqual(request(nps))
  })

  it('for Zendesk, through the webhook and trigger API payloads', () => {
    const solved = parseTemplateFile(
      read(`${EXAMPLES}/templates/solved-ticket-to-braze-users-track.liquid`).replace('---\n{', 'zendesk:\n  trigger:\n    conditions:\n      preset: status-solved\n      any: [{field: priority, operator: is, value: urgent}]\n---\n{'),
      'solved.liquid',
    )
    const webhook = exportZendeskWebhook(solved, { values })
    const trigger = exportZendeskTrigger(solved, { values, webhookId: '01HV7W5J0QZK6D4Y3X2C1B0A9Z' })
    const back = imported(importZendeskTrigger({
      trigger: { text: jsonText(trigger.json), path: 'trigger.json' },
      webhook: { text: jsonText(webhook.json), path: 'webhook.json' },
      env: environment.variables,
    }))
    expect({ ...request(back), requestFormat: 'json' }).toEqual(request(solved))
    expect(back.meta.name).toBe(solved.meta.name)
    expect(back.meta.description).toBeUndefined()
    expect(back.meta.zendesk?.webhook?.description).toBe(solved.meta.description)
    expect(resolveConditions(back.meta.zendesk!.trigger!.conditions!)).toEqual(resolveConditions(solved.meta.zendesk!.trigger!.conditions!))
    // And exporting the imported template gives the same payloads again.
    expect(exportZendeskTrigger(back, { values, webhookId: '01HV7W5J0QZK6D4Y3X2C1B0A9Z' }).json).toEqual(trigger.json)
    expect(exportZendeskWebhook(back, { values }).json).toEqual(webhook.json)
  })
})
