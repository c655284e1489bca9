/**
 * End-to-end: `deployTemplate` against the fake Zendesk. The first deploy creates the webhook
 * and the trigger and records their ids in the template's front matter (comments kept); the
 * next updates them, nothing duplicated; a recorded id gone from Zendesk is created anew;
 * production is refused unless confirmed.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { parseEnvironment, type Environment } from '../../shared/environment/model.js'
import { parseTemplateFile } from '../../shared/template/file.js'
import { deployTemplate, type DeployInput } from '../../electron/services/deploy/index.js'
import { MemorySecretStore } from '../../electron/services/secrets/memoryStore.js'
import { DEFAULT_ZENDESK_OAUTH_CLIENT, startFakeZendesk, type FakeZendesk } from '../fakes/zendesk.js'

const BRAZE_KEY = 'braze-rest-5c0ffee-5ecret'

const BODY = `{
  "events": [
    {
      "email": "{{ticket.requester.email}}",
      "name": "zendesk_ticket_solved",
      "properties": { "ticket_id": {{ticket.id}}, "subject": "{{ticket.title}}" }
    }
  ]
}
`

const TEMPLATE = `---
# Hand-off test: these comments must survive every deploy.
name: Solved ticket → Braze
description: >-
  A folded description that a YAML round trip
  would join into one line.
dialect: zendesk
method: POST
url: "https://%{env.braze_rest_host}/users/track"   # the environment's Braze REST host
headers:
  Content-Type: application/json
  Authorization: Bearer %{secret.braze_rest_api_key}
zendesk:
  trigger:
    title: Notify Braze when solved
    conditions: status-solved  # a preset
---
${BODY}`

function environment(zendesk: FakeZendesk, kind: 'sandbox' | 'production' = 'sandbox', allowed = ['rest.iad-01.braze.com']): Environment {
  const text = JSON.stringify({
    kind,
    variables: { zendesk_subdomain: zendesk.subdomain, braze_instance: 'US-01' },
    secrets: ['zendesk_client_secret', 'braze_rest_api_key'],
    allowedHosts: [new URL(zendesk.url).host, ...allowed],
    zendesk: { auth: { type: 'oauth_client_credentials', clientId: DEFAULT_ZENDESK_OAUTH_CLIENT.clientId, clientSecret: 'zendesk_client_secret' } },
  })
  const parsed = parseEnvironment(text, `environments/${kind}.json`)
  if (!parsed.environment) throw new Error(JSON.stringify(parsed.diagnostics))
  return parsed.environment
}

describe('deploy against the fake Zendesk', () => {
  let zendesk: FakeZendesk
  let dir: string
  let path: string
  const secrets = new MemorySecretStore({ zendesk_client_secret: DEFAULT_ZENDESK_OAUTH_CLIENT.clientSecret, braze_rest_api_key: BRAZE_KEY })

  const deploy = (overrides: Partial<DeployInput> = {}) =>
    deployTemplate({ path, text: readFileSync(path, 'utf8'), environment: environment(zendesk), secrets, zendeskBaseUrl: zendesk.url, ...overrides })
  const recorded = () => parseTemplateFile(readFileSync(path, 'utf8'), path).meta.zendesk?.deployed

  beforeAll(async () => {
    zendesk = await startFakeZendesk()
  })
  afterAll(async () => {
    await zendesk.close()
  })
  beforeEach(() => {
    zendesk.state.webhooks.clear()
    zendesk.state.triggers.clear()
    dir = mkdtempSync(join(tmpdir(), 'hookbench-deploy-'))
    path = join(dir, 'solved.liquid')
    writeFileSync(path, TEMPLATE)
  })

  it('creates the webhook and the trigger, and records their ids with comments and formatting kept', async () => {
    const result = await deploy()
    expect(result.failure).toBeUndefined()
    expect(result.webhook?.action).toBe('created')
    expect(result.trigger?.action).toBe('created')
    expect(result.recorded).toBe(true)

    const webhook = zendesk.state.webhooks.get(result.webhook!.id)!
    expect(webhook).toMatchObject({
      name: 'Solved ticket → Braze',
      endpoint: 'https://rest.iad-01.braze.com/users/track',
      http_method: 'POST',
      request_format: 'json',
      status: 'active',
      subscriptions: ['conditional_ticket_events'],
      authentication: { type: 'bearer_token', data: { token: BRAZE_KEY }, add_position: 'header' },
    })
    const trigger = zendesk.state.triggers.get(result.trigger!.id)!
    expect(trigger.title).toBe('Notify Braze when solved')
    expect(trigger.conditions.all).toEqual([
      { field: 'update_type', operator: 'is', value: 'Change' },
      { field: 'status', operator: 'value', value: 'solved' },
    ])
    expect(trigger.actions).toEqual([{ field: 'notification_webhook', value: [result.webhook!.id, BODY] }])

    const after = readFileSync(path, 'utf8')
    expect(after).toBe(
      TEMPLATE.replace(
        '    conditions: status-solved  # a preset\n',
        `    conditions: status-solved  # a preset\n  deployed:\n    sandbox:\n      account: ${zendesk.subdomain}\n      webhook_id: ${result.webhook!.id}\n      trigger_id: ${result.trigger!.id}\n`,
      ),
    )
  })

  it('updates on the second run: nothing duplicated, the file untouched', async () => {
    const first = await deploy()
    const afterFirst = readFileSync(path, 'utf8')
    const second = await deploy()
    expect(second.failure).toBeUndefined()
    expect(second.webhook).toEqual({ id: first.webhook!.id, action: 'updated' })
    expect(second.trigger).toEqual({ id: first.trigger!.id, action: 'updated' })
    expect(zendesk.state.webhooks.size).toBe(1)
    expect(zendesk.state.triggers.size).toBe(1)
    expect(readFileSync(path, 'utf8')).toBe(afterFirst)
    const methods = zendesk.requests.slice(-3).map((r) => `${r.method} ${r.path}`)
    expect(methods).toEqual(['POST /oauth/tokens', `PUT /api/v2/webhooks/${first.webhook!.id}`, `PUT /api/v2/triggers/${first.trigger!.id}.json`])
  })

  it('sends an edited body and conditions on the next deploy', async () => {
    const first = await deploy()
    writeFileSync(path, readFileSync(path, 'utf8').replace('zendesk_ticket_solved', 'zendesk_ticket_pended').replace('conditions: status-solved', 'conditions: status-pending'))
    await deploy()
    const trigger = zendesk.state.triggers.get(first.trigger!.id)!
    expect((trigger.actions[0]!.value as string[])[1]).toContain('zendesk_ticket_pended')
    expect(trigger.conditions.all[1]).toEqual({ field: 'status', operator: 'value', value: 'pending' })
  })

  it('creates a new webhook when the recorded one is gone (404), says so, and points the trigger at it', async () => {
    const first = await deploy()
    zendesk.state.webhooks.delete(first.webhook!.id)
    const second = await deploy()
    expect(second.failure).toBeUndefined()
    expect(second.webhook?.action).toBe('recreated')
    expect(second.webhook?.id).not.toBe(first.webhook!.id)
    expect(second.notes.join('\n')).toContain(`The webhook ${first.webhook!.id} recorded in the template no longer exists in Zendesk (404): created a new one, ${second.webhook!.id}.`)
    expect(second.trigger).toEqual({ id: first.trigger!.id, action: 'updated' })
    expect(zendesk.state.triggers.get(first.trigger!.id)!.actions[0]!.value).toEqual([second.webhook!.id, BODY])
    expect(recorded()?.sandbox?.webhookId).toBe(second.webhook!.id)
  })

  it('creates a new trigger when the recorded one is gone', async () => {
    const first = await deploy()
    zendesk.state.triggers.delete(first.trigger!.id)
    const second = await deploy()
    expect(second.trigger?.action).toBe('recreated')
    expect(zendesk.state.triggers.size).toBe(1)
    expect(recorded()?.sandbox?.triggerId).toBe(second.trigger!.id)
  })

  it('refuses a production environment unless confirmed, sending nothing', async () => {
    const before = zendesk.requests.length
    const refused = await deploy({ environment: environment(zendesk, 'production') })
    expect(refused.failure).toEqual({ kind: 'refused', message: expect.stringMatching(/"production" is a production environment: confirm/) })
    expect(zendesk.requests.length).toBe(before)
    expect(readFileSync(path, 'utf8')).toBe(TEMPLATE)
    const confirmed = await deploy({ environment: environment(zendesk, 'production'), confirmProduction: true })
    expect(confirmed.failure).toBeUndefined()
    expect(recorded()?.production?.webhookId).toBe(confirmed.webhook!.id)
  })

  it('keeps ids per environment: a production deploy does not touch the sandbox ones', async () => {
    const sandbox = await deploy()
    await deploy({ environment: environment(zendesk, 'production'), confirmProduction: true })
    expect(recorded()?.sandbox).toMatchObject({ webhookId: sandbox.webhook!.id, triggerId: sandbox.trigger!.id })
  })

  it('records the webhook even when the trigger fails, so a retry does not duplicate it', async () => {
    writeFileSync(path, TEMPLATE.replace('title: Notify Braze when solved', 'title: ""'))
    const failed = await deploy()
    expect(failed.failure?.kind).toBe('zendesk')
    expect(failed.failure?.message).toMatch(/Zendesk answered 422 to POST \/api\/v2\/triggers\.json: RecordInvalid; Record validation errors; Title: cannot be blank/)
    expect(recorded()?.sandbox?.webhookId).toBe(failed.webhook!.id)
    writeFileSync(path, readFileSync(path, 'utf8').replace('title: ""', 'title: Fixed'))
    const retry = await deploy()
    expect(retry.webhook).toEqual({ id: failed.webhook!.id, action: 'updated' })
    expect(retry.trigger?.action).toBe('created')
    expect(zendesk.state.webhooks.size).toBe(1)
  })

  it('sends nothing when the template has errors', async () => {
    writeFileSync(path, TEMPLATE.replace('    conditions: status-solved  # a preset\n', ''))
    const before = zendesk.requests.length
    const result = await deploy()
    expect(result.failure?.kind).toBe('template')
    expect(result.diagnostics).toContainEqual(expect.objectContaining({ code: 'export-trigger-no-conditions' }))
    expect(zendesk.requests.length).toBe(before)
  })

  it('sends nothing when the Braze key is not stored', async () => {
    const result = await deploy({ secrets: new MemorySecretStore({ zendesk_client_secret: DEFAULT_ZENDESK_OAUTH_CLIENT.clientSecret }) })
    expect(result.failure?.kind).toBe('template')
    expect(result.diagnostics).toContainEqual(expect.objectContaining({ code: 'ref-secret-not-stored', severity: 'error' }))
  })

  it('refuses to hand the key to an endpoint the environment does not allow', async () => {
    const result = await deploy({ environment: environment(zendesk, 'sandbox', []) })
    expect(result.failure).toEqual({ kind: 'refused', message: expect.stringMatching(/credentials to rest\.iad-01\.braze\.com, which is not among the hosts/) })
    expect(zendesk.state.webhooks.size).toBe(0)
  })

  it('refuses a Braze template: Braze webhooks live in Braze', async () => {
    writeFileSync(path, '---\ndialect: braze\nurl: https://a.zendesk.com/api/v2/tickets.json\n---\n{}')
    const result = await deploy()
    expect(result.failure?.kind).toBe('refused')
    expect(result.failure?.message).toMatch(/--for braze/)
  })

  it('never puts a secret value in its result', async () => {
    writeFileSync(path, TEMPLATE.replace('title: Notify Braze when solved', 'title: ""'))
    const result = await deploy()
    expect(JSON.stringify(result)).not.toContain(BRAZE_KEY)
    expect(JSON.stringify(result)).not.toContain(DEFAULT_ZENDESK_OAUTH_CLIENT.clientSecret)
  })
})
