/** The send pipeline against the fake Zendesk and Braze: what they received, and what the user sees. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { parseEnvironment } from '../../shared/environment/model.js'
import { parseTemplateFile } from '../../shared/template/file.js'
import { MemorySecretStore } from '../../electron/services/secrets/memoryStore.js'
import { sendTemplate, type SendInput } from '../../electron/services/sender.js'
import { DEFAULT_ZENDESK_AGENT, DEFAULT_ZENDESK_OAUTH_CLIENT, startFakeZendesk, type FakeZendesk } from '../fakes/zendesk.js'
import { DEFAULT_BRAZE_API_KEY, startFakeBraze, type FakeBraze } from '../fakes/braze.js'
import { fixture, sampleFixture } from '../support/fixtures.js'
import { clientCredentialsTokens } from '../support/zendeskOAuth.js'

const NOW = new Date('2026-11-25T10:00:00Z')
const alice = () => sampleFixture('workspace/samples/braze-users/detractors.json', 'braze-user', 'user-1001')

function environment(baseUrl: string, extra: Record<string, unknown> = {}) {
  const host = new URL(baseUrl).host
  const text = JSON.stringify({
    kind: 'sandbox',
    variables: { zendesk_subdomain: 'acme-sandbox', zendesk_email: DEFAULT_ZENDESK_AGENT.email, base: baseUrl },
    allowedHosts: [host],
    secrets: ['zendesk_api_token', 'zendesk_access_token', 'zendesk_refresh_token', 'zendesk_client_secret', 'braze_api_key'],
    ...extra,
  })
  const parsed = parseEnvironment(text, 'environments/sandbox.json', { now: NOW })
  if (!parsed.environment) throw new Error(JSON.stringify(parsed.diagnostics))
  return parsed.environment
}

/** The example Braze → Zendesk template, pointed at the fake and authenticated from the environment. */
function ticketTemplate(auth = "Basic {{ '%{env.zendesk_email}/token:%{secret.zendesk_api_token}' | base64_encode }}") {
  const text = fixture('workspace/templates/negative-survey-to-zendesk.liquid')
    .replace(/^url: .*$/m, 'url: "%{env.base}/api/v2/tickets.json"')
    .replace(/^ {2}Authorization: .*$/m, `  Authorization: "${auth}"`)
  return parseTemplateFile(text, 'templates/negative-survey-to-zendesk.liquid')
}

describe('sending Braze → Zendesk to the fake Zendesk', () => {
  let zendesk: FakeZendesk
  let secrets: MemorySecretStore
  beforeEach(async () => {
    zendesk = await startFakeZendesk({ subdomain: 'acme-sandbox' })
    secrets = new MemorySecretStore()
    await secrets.set('zendesk_api_token', DEFAULT_ZENDESK_AGENT.apiToken)
  })
  afterEach(() => zendesk.close())

  const send = (overrides: Partial<SendInput> = {}) =>
    sendTemplate({ file: ticketTemplate(), sample: alice(), environment: environment(zendesk.url), secrets, now: NOW, ...overrides })

  it('creates the ticket and shows the exact request with secrets masked', async () => {
    const { result } = await send()
    expect(result.failure).toBeNull()
    expect(result.response?.status).toBe(201)
    expect(JSON.parse(result.response!.body).ticket.subject).toBe('Alice rated us 2/10')
    const created = [...zendesk.state.tickets.values()][0]!
    expect(created).toMatchObject({ subject: 'Alice rated us 2/10', priority: 'urgent' })
    // What was received authenticated with the real token; what is shown does not contain it.
    const received = zendesk.requests.find((r) => r.method === 'POST')!
    expect(Buffer.from(received.headers.authorization!.slice(6), 'base64').toString()).toBe(`${DEFAULT_ZENDESK_AGENT.email}/token:test-api-token`)
    expect(Buffer.from(result.request.headers.Authorization!.slice(6), 'base64').toString()).toBe(`${DEFAULT_ZENDESK_AGENT.email}/token:<ZENDESK_API_TOKEN>`)
    expect(JSON.stringify(result)).not.toContain('test-api-token')
    expect(result.timingMs).toBeGreaterThan(0)
  })

  it('warns that Zendesk API tokens stop working on 2027-04-30 when the environment uses one', async () => {
    const env = environment(zendesk.url, {
      zendesk: { auth: { type: 'api_token', email: '%{env.zendesk_email}', token: 'zendesk_api_token' } },
    })
    const { result } = await send({ environment: env })
    expect(result.warnings.join(' ')).toMatch(/2027-04-30/)
  })

  it("shows Zendesk's 401 for a wrong token", async () => {
    await secrets.set('zendesk_api_token', 'wrong')
    const { result } = await send()
    expect(result.response).toMatchObject({ status: 401, json: true })
    expect(JSON.parse(result.response!.body)).toEqual({ error: "Couldn't authenticate you" })
  })

  it("shows Zendesk's 422 for an invalid ticket", async () => {
    const file = parseTemplateFile(
      ticketTemplate().text.replace("{% if plan == 'enterprise' %}urgent{% else %}normal{% endif %}", 'URGENT'),
      'templates/t.liquid',
    )
    const { result } = await send({ file })
    expect(result.response?.status).toBe(422)
    expect(JSON.parse(result.response!.body)).toMatchObject({ error: 'RecordInvalid' })
    // The payload check had already warned, located in the template.
    expect(result.diagnostics.some((d) => /priority/.test(d.message))).toBe(true)
  })

  it('does not send when abort_message fires', async () => {
    const carol = sampleFixture('workspace/samples/braze-users/detractors.json', 'braze-user', 'user-1003')
    const { result } = await send({ sample: carol })
    expect(result.failure).toEqual({ kind: 'aborted', message: expect.stringMatching(/Survey score is not negative/) })
    expect(zendesk.requests).toHaveLength(0)
  })

  it('does not send a template with errors, naming the place', async () => {
    const file = parseTemplateFile(ticketTemplate().text.replace('"ticket": {', '"ticket": { {% if %}'), 'templates/t.liquid')
    const { result } = await send({ file })
    expect(result.failure?.kind).toBe('render')
    expect(result.failure?.message).toMatch(/line \d+, column \d+/)
    expect(zendesk.requests).toHaveLength(0)
  })

  it('says which secret is missing and how to store it', async () => {
    await secrets.delete('zendesk_api_token')
    const { result } = await send()
    expect(result.failure?.kind).toBe('render')
    expect(result.diagnostics.find((d) => d.code === 'ref-secret-not-stored')?.message).toMatch(/zendesk_api_token/)
  })

  it('refuses hosts the environment does not allow', async () => {
    const env = { ...environment(zendesk.url), allowedHosts: ['acme-sandbox.zendesk.com'] }
    const { result } = await send({ environment: env })
    expect(result.failure).toMatchObject({ kind: 'blocked', message: expect.stringMatching(/not among the hosts/) })
    expect(zendesk.requests).toHaveLength(0)
  })

  it('refuses a production environment unless confirmed', async () => {
    const env = { ...environment(zendesk.url), kind: 'production' as const }
    expect((await send({ environment: env })).result.failure?.kind).toBe('blocked')
    expect(zendesk.requests).toHaveLength(0)
    expect((await send({ environment: env, confirmProduction: true })).result.response?.status).toBe(201)
  })

  it('reports a timeout', async () => {
    zendesk.delayNext(500)
    const { result } = await send({ exchange: { timeoutMs: 100 } })
    expect(result.failure).toMatchObject({ kind: 'timeout', message: expect.stringMatching(/within 0.1 s/) })
  })

  it('reports a redirect without following it', async () => {
    zendesk.redirectNext('https://elsewhere.example.com/x', 302)
    const { result } = await send()
    expect(result.response).toMatchObject({ status: 302, redirectLocation: 'https://elsewhere.example.com/x' })
    expect(zendesk.requests).toHaveLength(1)
  })

  it('reports 429 with its Retry-After', async () => {
    zendesk.failNext(429, { error: 'APIRateLimitExceeded' }, { 'Retry-After': '17' })
    const { result } = await send()
    expect(result.response?.status).toBe(429)
    expect(result.warnings.join(' ')).toMatch(/retry after 17 s/)
  })

  it('reports a network error', async () => {
    const url = zendesk.url
    await zendesk.close()
    const { result } = await send({ environment: environment(url) })
    expect(result.failure).toMatchObject({ kind: 'network', message: expect.stringMatching(/refused/) })
    zendesk = await startFakeZendesk()
  })

  it('caps a large response', async () => {
    zendesk.failNext(200, { big: 'x'.repeat(5000) })
    const { result } = await send({ exchange: { maxResponseBytes: 1000 } })
    expect(result.response?.truncated).toBe(true)
    expect(result.failure?.kind).toBe('too-large')
  })

  it('renews an expired OAuth token once and sends again', async () => {
    const clock = { now: NOW.getTime() }
    await zendesk.close()
    zendesk = await startFakeZendesk({ accessTokenLifetimeSeconds: 60, now: () => clock.now })
    const token = await clientCredentialsTokens(zendesk)
    await secrets.set('zendesk_access_token', token.access_token)
    await secrets.set('zendesk_refresh_token', token.refresh_token)
    await secrets.set('zendesk_client_secret', DEFAULT_ZENDESK_OAUTH_CLIENT.clientSecret)
    clock.now += 120_000
    const env = environment(zendesk.url, {
      zendesk: {
        auth: { type: 'oauth_refresh', clientId: DEFAULT_ZENDESK_OAUTH_CLIENT.clientId, clientSecret: 'zendesk_client_secret', accessToken: 'zendesk_access_token', refreshToken: 'zendesk_refresh_token' },
      },
    })
    const { result } = await send({ environment: env, file: ticketTemplate('Bearer %{secret.zendesk_access_token}'), zendeskBaseUrl: zendesk.url })
    expect(result.response?.status).toBe(201)
    expect(result.warnings.join(' ')).toMatch(/renewed/)
    expect(await secrets.get('zendesk_access_token')).not.toBe(token.access_token)
    expect(result.request.headers.Authorization).toBe('Bearer <ZENDESK_ACCESS_TOKEN>')
  })
})

describe('sending Zendesk → Braze to the fake Braze', () => {
  let braze: FakeBraze
  beforeEach(async () => {
    // The sample ticket was solved on 2024-03-05; exports list events of the last 90 days only.
    braze = await startFakeBraze({ now: () => Date.parse('2024-03-06T00:00:00Z') })
  })
  afterEach(() => braze.close())

  it('tracks the event, visible afterwards through /users/export/ids', async () => {
    const secrets = new MemorySecretStore()
    await secrets.set('braze_api_key', DEFAULT_BRAZE_API_KEY)
    const text = fixture('workspace/templates/solved-ticket-to-braze.liquid')
      .replace(/^url: .*$/m, 'url: "%{env.base}/users/track"')
      .replace(/^ {2}Authorization: .*$/m, '  Authorization: Bearer %{secret.braze_api_key}')
    const { result } = await sendTemplate({
      file: parseTemplateFile(text, 'templates/solved.liquid'),
      sample: sampleFixture('zendesk/ticket-solved.json', 'zendesk-ticket'),
      environment: environment(braze.url),
      secrets,
      now: NOW,
    })
    expect(result.response?.status).toBe(201)
    expect(JSON.parse(result.response!.body)).toMatchObject({ message: 'success', events_processed: 1, attributes_processed: 1 })
    expect(result.request.headers.Authorization).toBe('Bearer <BRAZE_API_KEY>')
    await braze.settled()
    const exported = await fetch(`${braze.url}/users/export/ids`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${DEFAULT_BRAZE_API_KEY}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ email_address: 'jane.doe@example.com', fields_to_export: ['custom_events', 'custom_attributes'] }),
    }).then((r) => r.json() as Promise<{ users: { custom_events: { name: string }[]; custom_attributes: Record<string, unknown> }[] }>)
    expect(exported.users[0]!.custom_events.map((e) => e.name)).toContain('zendesk_ticket_solved')
    expect(exported.users[0]!.custom_attributes.last_zendesk_ticket_id).toBe(4521)
  })
})
