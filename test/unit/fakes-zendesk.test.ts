import { afterEach, describe, expect, it } from 'vitest'
import { manualClock } from '../fakes/clock.js'
import { DEFAULT_ZENDESK_AGENT, DEFAULT_ZENDESK_OAUTH_CLIENT, startFakeZendesk, type FakeZendesk, type FakeZendeskOptions } from '../fakes/zendesk.js'

const BASIC_AUTH = basicAuth(`${DEFAULT_ZENDESK_AGENT.email}/token`, DEFAULT_ZENDESK_AGENT.apiToken)
/** Zendesk's official create-ticket example (zendesk.md §5.1). */
const OFFICIAL_EXAMPLE = { ticket: { comment: { body: 'The smoke is very colorful.' }, priority: 'urgent', subject: 'My printer is on fire!' } }

function basicAuth(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`
}

let fake: FakeZendesk | undefined

afterEach(async () => {
  await fake?.close()
  fake = undefined
})

async function start(options: FakeZendeskOptions = {}): Promise<FakeZendesk> {
  fake = await startFakeZendesk(options)
  return fake
}

interface CallOptions {
  body?: unknown
  /** An Authorization header value; null sends none. Default: the default agent's API token. */
  auth?: string | null
  headers?: Record<string, string>
  signal?: AbortSignal
}

interface Answer {
  status: number
  headers: Headers
  json: any
}

/** One request to the running fake; the body is JSON-encoded unless it is a string. */
async function call(method: string, path: string, options: CallOptions = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers }
  const auth = options.auth === undefined ? BASIC_AUTH : options.auth
  if (auth !== null) headers.Authorization = auth
  let body: string | undefined
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body)
    headers['Content-Type'] ??= 'application/json'
  }
  const response = await fetch(`${fake!.url}${path}`, { method, headers, body, redirect: 'manual', signal: options.signal })
  const text = await response.text()
  return { status: response.status, headers: response.headers, json: text === '' ? undefined : JSON.parse(text) }
}

async function createTicket(ticket: Record<string, unknown>, options: CallOptions = {}): Promise<Answer> {
  return call('POST', '/api/v2/tickets.json', { body: { ticket: { comment: { body: 'Hello' }, ...ticket } }, ...options })
}

async function clientCredentialsToken(extra: Record<string, string> = {}): Promise<Answer> {
  return call('POST', '/oauth/tokens', {
    auth: null,
    body: { grant_type: 'client_credentials', client_id: DEFAULT_ZENDESK_OAUTH_CLIENT.clientId, client_secret: DEFAULT_ZENDESK_OAUTH_CLIENT.clientSecret, ...extra },
  })
}

describe('fake Zendesk: authentication', () => {
  it('refuses a missing, wrong, or password-style credential with the exact 401 body', async () => {
    await start()
    const refusals = [
      await call('GET', '/api/v2/tickets/1.json', { auth: null }),
      await call('GET', '/api/v2/tickets/1.json', { auth: basicAuth(`${DEFAULT_ZENDESK_AGENT.email}/token`, 'wrong') }),
      await call('GET', '/api/v2/tickets/1.json', { auth: basicAuth(DEFAULT_ZENDESK_AGENT.email, DEFAULT_ZENDESK_AGENT.apiToken) }),
      await call('GET', '/api/v2/tickets/1.json', { auth: 'Bearer not-issued' }),
    ]
    for (const refusal of refusals) {
      expect(refusal.status).toBe(401)
      expect(refusal.json).toEqual({ error: "Couldn't authenticate you" })
    }
  })

  it('accepts {email}/token:{api_token} Basic auth (email in any letter case)', async () => {
    await start()
    const me = await call('GET', '/api/v2/users/me.json', { auth: basicAuth('AGENT@hookbench.test/token', DEFAULT_ZENDESK_AGENT.apiToken) })
    expect(me.status).toBe(200)
    expect(me.json.user).toMatchObject({ email: DEFAULT_ZENDESK_AGENT.email, role: 'admin' })
  })

  it('answers users/me without credentials with 200 "Anonymous user", not 401', async () => {
    await start()
    const me = await call('GET', '/api/v2/users/me', { auth: null })
    expect(me.status).toBe(200)
    expect(me.json.user).toMatchObject({ id: null, name: 'Anonymous user' })
  })

  it('stops accepting API tokens on the retirement date, and on deactivated tokens', async () => {
    const clock = manualClock('2027-04-29T23:59:59Z')
    const zendesk = await start({ now: clock.now })
    expect((await call('GET', '/api/v2/users/me')).status).toBe(200)
    clock.advance(1000)
    expect((await call('GET', '/api/v2/users/me')).json).toEqual({ error: "Couldn't authenticate you" })

    clock.set('2026-12-01T00:00:00Z')
    zendesk.state.tokens.api[0]!.active = false
    expect((await call('GET', '/api/v2/users/me')).status).toBe(401)
  })

  it('takes a custom retirement date, or none', async () => {
    const clock = manualClock('2030-01-01T00:00:00Z')
    await start({ now: clock.now, apiTokensStopWorkingAt: null })
    expect((await call('GET', '/api/v2/users/me')).status).toBe(200)
  })
})

describe('fake Zendesk: OAuth', () => {
  it('issues a bearer token for client_credentials that authenticates /api/v2 calls', async () => {
    await start()
    const token = await clientCredentialsToken()
    expect(token.status).toBe(200)
    expect(token.json).toEqual({
      access_token: expect.stringMatching(/^[0-9a-f]{64}$/),
      token_type: 'bearer',
      expires_in: 1800,
      refresh_token: expect.stringMatching(/^[0-9a-f]{64}$/),
      scope: 'read write',
    })
    const me = await call('GET', '/api/v2/users/me', { auth: `Bearer ${token.json.access_token}` })
    expect(me.json.user.email).toBe(DEFAULT_ZENDESK_AGENT.email)
  })

  it('accepts a form-encoded request with client credentials in HTTP Basic', async () => {
    await start({ accessTokenLifetimeSeconds: 60, refreshTokenForClientCredentials: false })
    const token = await call('POST', '/oauth/tokens', {
      auth: basicAuth(DEFAULT_ZENDESK_OAUTH_CLIENT.clientId, DEFAULT_ZENDESK_OAUTH_CLIENT.clientSecret),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials&scope=tickets%3Aread',
    })
    expect(token.json).toEqual({ access_token: expect.any(String), token_type: 'bearer', expires_in: 60, scope: 'tickets:read' })
  })

  it('refuses unknown clients, missing and unsupported grants in the RFC 6749 shape', async () => {
    await start()
    const badClient = await clientCredentialsToken({ client_secret: 'nope' })
    expect(badClient.status).toBe(401)
    expect(badClient.json).toEqual({ error: 'invalid_client', error_description: expect.any(String) })
    const noGrant = await call('POST', '/oauth/tokens', { auth: null, body: { client_id: 'hookbench' } })
    expect(noGrant.status).toBe(400)
    expect(noGrant.json.error).toBe('invalid_request')
    const password = await call('POST', '/oauth/tokens', { auth: null, body: { grant_type: 'password' } })
    expect(password.json.error).toBe('unsupported_grant_type')
  })

  it('expires access tokens after 30 minutes with an invalid_token 401', async () => {
    const clock = manualClock('2026-11-25T12:00:00Z')
    await start({ now: clock.now })
    const token = (await clientCredentialsToken()).json.access_token as string
    clock.advance(30 * 60 * 1000 - 1)
    expect((await call('GET', '/api/v2/users/me', { auth: `Bearer ${token}` })).status).toBe(200)
    clock.advance(1)
    const expired = await call('GET', '/api/v2/users/me', { auth: `Bearer ${token}` })
    expect(expired.status).toBe(401)
    expect(expired.json).toEqual({ error: 'invalid_token', error_description: 'The access token expired' })
    expect(expired.headers.get('www-authenticate')).toContain('error="invalid_token"')
  })

  it('rotates refresh tokens: each works once, and expires after 30 days', async () => {
    const clock = manualClock('2026-11-25T12:00:00Z')
    await start({ now: clock.now })
    const first = (await clientCredentialsToken()).json
    clock.advance(31 * 60 * 1000)
    const refresh = (token: string) =>
      call('POST', '/oauth/tokens', {
        auth: null,
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: token, client_id: 'hookbench', client_secret: 'test-client-secret' }).toString(),
      })
    const second = await refresh(first.refresh_token)
    expect(second.status).toBe(200)
    expect(second.json.refresh_token).not.toBe(first.refresh_token)
    expect(second.json.scope).toBe('read write')
    expect((await call('GET', '/api/v2/users/me', { auth: `Bearer ${second.json.access_token}` })).status).toBe(200)

    const reused = await refresh(first.refresh_token)
    expect(reused.status).toBe(400)
    expect(reused.json.error).toBe('invalid_grant')

    clock.advance(30 * 24 * 60 * 60 * 1000)
    expect((await refresh(second.json.refresh_token)).json.error).toBe('invalid_grant')
  })

  it('issues a misspelled scope, then refuses calls with 403; resource scopes allow their resource', async () => {
    await start()
    const misspelled = (await clientCredentialsToken({ scope: 'tickets:raed' })).json.access_token
    const forbidden = await call('GET', '/api/v2/users/me', { auth: `Bearer ${misspelled}` })
    expect(forbidden.status).toBe(403)
    expect(forbidden.json.error).toBe('Forbidden')

    const ticketsRead = `Bearer ${(await clientCredentialsToken({ scope: 'tickets:read' })).json.access_token}`
    const created = await createTicket({})
    expect((await call('GET', `/api/v2/tickets/${created.json.ticket.id}`, { auth: ticketsRead })).status).toBe(200)
    expect((await createTicket({}, { auth: ticketsRead })).status).toBe(403)
  })
})

describe('fake Zendesk: creating tickets', () => {
  it('creates the official example: 201, Location, and the TicketObject shape', async () => {
    const clock = manualClock('2026-11-25T13:36:51.400Z')
    const zendesk = await start({ now: clock.now })
    const created = await call('POST', '/api/v2/tickets', { body: OFFICIAL_EXAMPLE })
    expect(created.status).toBe(201)
    const agentId = [...zendesk.state.users.values()][0]!.id
    expect(created.headers.get('location')).toBe(`${zendesk.url}/api/v2/tickets/1.json`)
    expect(created.json.ticket).toMatchObject({
      id: 1,
      url: `${zendesk.url}/api/v2/tickets/1.json`,
      subject: 'My printer is on fire!',
      raw_subject: 'My printer is on fire!',
      description: 'The smoke is very colorful.',
      priority: 'urgent',
      status: 'new',
      type: null,
      requester_id: agentId,
      submitter_id: agentId,
      assignee_id: null,
      tags: [],
      custom_fields: [],
      is_public: true,
      via: { channel: 'api' },
      created_at: '2026-11-25T13:36:51Z',
      updated_at: '2026-11-25T13:36:51Z',
    })
    const comments = zendesk.state.comments.get(1)!
    expect(comments).toHaveLength(1)
    expect(comments[0]).toMatchObject({ body: 'The smoke is very colorful.', public: true, author_id: agentId })
  })

  it('numbers tickets in sequence, with or without .json', async () => {
    await start()
    expect((await call('POST', '/api/v2/tickets', { body: OFFICIAL_EXAMPLE })).json.ticket.id).toBe(1)
    expect((await call('POST', '/api/v2/tickets.json', { body: OFFICIAL_EXAMPLE })).json.ticket.id).toBe(2)
  })

  it('creates a new requester from {name, email} once, then reuses them', async () => {
    const zendesk = await start()
    const first = await createTicket({ requester: { name: 'Ada Lovelace', email: 'ada@example.com' } })
    const second = await createTicket({ requester: { name: 'Ada L.', email: 'ADA@example.com' } })
    expect(first.json.ticket.requester_id).toBe(second.json.ticket.requester_id)
    const requester = zendesk.state.users.get(first.json.ticket.requester_id)!
    expect(requester).toMatchObject({ name: 'Ada Lovelace', email: 'ada@example.com', role: 'end-user' })
    // The first comment reads as written by the requester; the agent is the submitter.
    expect(zendesk.state.comments.get(first.json.ticket.id)![0]!.author_id).toBe(requester.id)
    expect(first.json.ticket.submitter_id).not.toBe(requester.id)
  })

  it('rejects a ticket without a comment with 422 RecordInvalid', async () => {
    await start()
    const missing = await call('POST', '/api/v2/tickets.json', { body: { ticket: { subject: 'No comment' } } })
    expect(missing.status).toBe(422)
    expect(missing.json).toEqual({
      error: 'RecordInvalid',
      description: 'Record validation errors',
      details: { base: [{ description: 'Description: cannot be blank', error: 'BlankValue' }] },
    })
    expect((await call('POST', '/api/v2/tickets.json', { body: { subject: 'unwrapped' } })).json.details.base).toHaveLength(1)
  })

  it('rejects capitalised and unknown enum values with a detail keyed by field', async () => {
    await start()
    const capitalised = await createTicket({ priority: 'Urgent', status: 'Open', type: 'Ticket' })
    expect(capitalised.status).toBe(422)
    expect(capitalised.json.error).toBe('RecordInvalid')
    expect(Object.keys(capitalised.json.details).sort()).toEqual(['priority', 'status', 'type'])
    expect(capitalised.json.details.priority).toEqual([{ description: expect.stringMatching(/^Priority: /), error: 'InvalidValue' }])
  })

  it('accepts capitalised enum values when configured to, storing Zendesk’s lowercase', async () => {
    await start({ acceptEnumCaseVariants: true })
    const created = await createTicket({ priority: 'Urgent', status: 'Open' })
    expect(created.status).toBe(201)
    expect(created.json.ticket).toMatchObject({ priority: 'urgent', status: 'open' })
  })

  it('rejects wrongly typed fields (tags as a string) but accepts quoted ids', async () => {
    const zendesk = await start()
    const tags = await createTicket({ tags: 'vip billing' })
    expect(tags.status).toBe(422)
    expect(Object.keys(tags.json.details)).toEqual(['tags'])
    const agentId = [...zendesk.state.users.values()][0]!.id
    const quoted = await createTicket({ requester_id: String(agentId), tags: ['vip', 'vip', 'billing'] })
    expect(quoted.status).toBe(201)
    expect(quoted.json.ticket).toMatchObject({ requester_id: agentId, tags: ['vip', 'billing'] })
  })

  it('answers 400 to a body that is not JSON', async () => {
    await start()
    const broken = await call('POST', '/api/v2/tickets.json', { body: '{"ticket": {' })
    expect(broken.status).toBe(400)
    expect(broken.json.error).toBe('InvalidJSON')
  })

  it('rejects references to users, groups and organizations that do not exist or do not fit', async () => {
    await start({
      seed: {
        organizations: [{ id: 50, name: 'Acme' }],
        users: [{ id: 900, name: 'Customer', email: 'c@example.com' }],
      },
    })
    const unknown = await createTicket({ requester_id: 12345, assignee_id: 900, group_id: 7 })
    expect(unknown.status).toBe(422)
    expect(Object.keys(unknown.json.details).sort()).toEqual(['assignee', 'group', 'requester'])
    const foreignOrganization = await createTicket({ requester_id: 900, organization_id: 50 })
    expect(Object.keys(foreignOrganization.json.details)).toEqual(['organization'])
  })

  it('opens a ticket created with an assignee, and defaults the organization to the requester’s', async () => {
    await start({
      seed: {
        organizations: [{ id: 50, name: 'Acme' }],
        groups: [{ id: 8, name: 'Tier 2' }],
        users: [{ id: 900, name: 'Customer', email: 'c@example.com', organization_id: 50 }],
      },
    })
    const created = await createTicket({ requester_id: 900, assignee_email: DEFAULT_ZENDESK_AGENT.email, group_id: 8 })
    expect(created.status).toBe(201)
    expect(created.json.ticket).toMatchObject({ status: 'open', organization_id: 50, group_id: 8, requester_id: 900 })
  })
})

describe('fake Zendesk: reading, updating and deleting tickets', () => {
  const seed: FakeZendeskOptions['seed'] = {
    organizations: [{ id: 50, name: 'Acme' }],
    groups: [{ id: 8, name: 'Tier 2' }],
    users: [{ id: 900, name: 'Customer', email: 'c@example.com', organization_id: 50 }],
    tickets: [{ id: 35436, subject: 'Help', description: 'It broke', requester_id: 900, organization_id: 50, group_id: 8, status: 'open' }],
    comments: [{ ticket_id: 35436, body: 'It broke' }],
  }

  it('shows a seeded ticket without comments, with sideloads only when asked', async () => {
    const zendesk = await start({ seed })
    const plain = await call('GET', '/api/v2/tickets/35436.json')
    expect(plain.status).toBe(200)
    expect(Object.keys(plain.json)).toEqual(['ticket'])
    expect(plain.json.ticket).toMatchObject({ id: 35436, subject: 'Help', url: `${zendesk.url}/api/v2/tickets/35436.json` })

    const loaded = await call('GET', '/api/v2/tickets/35436?include=users,organizations,groups')
    expect(loaded.json.users.map((user: { id: number }) => user.id)).toEqual([900])
    expect(loaded.json.users[0]).toMatchObject({ email: 'c@example.com', url: `${zendesk.url}/api/v2/users/900.json` })
    expect(loaded.json.organizations).toEqual([expect.objectContaining({ id: 50, name: 'Acme' })])
    expect(loaded.json.groups).toEqual([expect.objectContaining({ id: 8, name: 'Tier 2' })])
  })

  it('answers unknown ids with the exact 404 body', async () => {
    await start({ seed })
    for (const path of ['/api/v2/tickets/1.json', '/api/v2/tickets/abc', '/api/v2/users/4242', '/api/v2/tickets/1/comments.json']) {
      const missing = await call('GET', path)
      expect(missing.status).toBe(404)
      expect(missing.json).toEqual({ error: 'RecordNotFound', description: 'Not found' })
    }
    expect((await call('GET', '/api/v2/no_such_thing')).json.error).toBe('InvalidEndpoint')
  })

  it('gets a user in the UserForAdmin shape', async () => {
    const zendesk = await start({ seed })
    const user = await call('GET', '/api/v2/users/900.json')
    expect(user.json.user).toMatchObject({
      id: 900,
      url: `${zendesk.url}/api/v2/users/900.json`,
      name: 'Customer',
      email: 'c@example.com',
      role: 'end-user',
      organization_id: 50,
      active: true,
      tags: [],
      user_fields: {},
    })
  })

  it('updates status and adds a comment, answering the ticket and an audit', async () => {
    const clock = manualClock('2026-11-25T10:00:00Z')
    const zendesk = await start({ seed, now: clock.now })
    clock.advance(60_000)
    const updated = await call('PUT', '/api/v2/tickets/35436.json', { body: { ticket: { status: 'solved', comment: { body: 'Fixed', public: false } } } })
    expect(updated.status).toBe(200)
    expect(updated.json.ticket).toMatchObject({ status: 'solved', updated_at: '2026-11-25T10:01:00Z' })
    expect(updated.json.audit.events).toEqual([
      expect.objectContaining({ type: 'Change', field_name: 'status', value: 'solved', previous_value: 'open' }),
      expect.objectContaining({ type: 'Comment', body: 'Fixed', public: false }),
    ])
    const comments = await call('GET', '/api/v2/tickets/35436/comments.json')
    expect(comments.json).toMatchObject({ count: 2, next_page: null, previous_page: null })
    expect(comments.json.comments.map((comment: { body: string }) => comment.body)).toEqual(['It broke', 'Fixed'])
    expect(zendesk.state.tickets.get(35436)!.status).toBe('solved')
  })

  it('validates updates like creates (without requiring a comment)', async () => {
    await start({ seed })
    const invalid = await call('PUT', '/api/v2/tickets/35436', { body: { ticket: { priority: 'High' } } })
    expect(invalid.status).toBe(422)
    expect(Object.keys(invalid.json.details)).toEqual(['priority'])
  })

  it('refuses to update a closed ticket', async () => {
    await start({ seed: { ...seed, tickets: [{ id: 7, requester_id: 900, status: 'closed' }] } })
    const closed = await call('PUT', '/api/v2/tickets/7', { body: { ticket: { status: 'open' } } })
    expect(closed.status).toBe(422)
    expect(closed.json).toEqual({
      error: 'RecordInvalid',
      description: 'Record validation errors',
      details: { status: [{ description: 'Status: closed prevents ticket update' }] },
    })
  })

  it('deletes a ticket with 204, after which it is not found', async () => {
    await start({ seed })
    const deleted = await call('DELETE', '/api/v2/tickets/35436.json')
    expect(deleted.status).toBe(204)
    expect(deleted.json).toBeUndefined()
    expect((await call('GET', '/api/v2/tickets/35436.json')).status).toBe(404)
    expect((await call('DELETE', '/api/v2/tickets/35436.json')).status).toBe(404)
  })
})

describe('fake Zendesk: webhooks', () => {
  const WEBHOOK = {
    name: 'Hookbench sandbox',
    endpoint: 'https://example.com/hook',
    http_method: 'POST',
    request_format: 'json',
    status: 'active',
    subscriptions: ['conditional_ticket_events'],
    authentication: { type: 'basic_auth', data: { username: 'u', password: 'p' }, add_position: 'header' },
    custom_headers: { 'X-Source': 'hookbench' },
  }

  it('creates a webhook with a ULID id and never shows its credentials again', async () => {
    const zendesk = await start()
    const created = await call('POST', '/api/v2/webhooks', { body: { webhook: WEBHOOK } })
    expect(created.status).toBe(201)
    const { id } = created.json.webhook
    expect(id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/)
    expect(created.json.webhook).toMatchObject({ ...WEBHOOK, authentication: { type: 'basic_auth', add_position: 'header' } })
    expect(created.json.webhook.authentication.data).toBeUndefined()
    expect(created.json.webhook.signing_secret).toBeUndefined()
    expect(zendesk.state.webhooks.get(id)!.authentication).toEqual(WEBHOOK.authentication)

    const secret = await call('GET', `/api/v2/webhooks/${id}/signing_secret`)
    expect(secret.json).toEqual({ signing_secret: { algorithm: 'SHA256', secret: zendesk.state.webhooks.get(id)!.signing_secret } })
    const reset = await call('POST', `/api/v2/webhooks/${id}/signing_secret`)
    expect(reset.json.signing_secret.secret).not.toBe(secret.json.signing_secret.secret)
  })

  it('lists required fields that are missing in the webhooks API error shape', async () => {
    await start()
    const missing = await call('POST', '/api/v2/webhooks', { body: { webhook: { description: 'nothing else' } } })
    expect(missing.status).toBe(400)
    expect(missing.json.errors.map((error: { detail: string }) => error.detail)).toEqual([
      'name is required',
      'endpoint is required',
      'http_method is required',
      'request_format is required',
    ])
    expect(missing.json.errors[0]).toEqual({ code: 'RequiredFieldMissing', title: expect.any(String), detail: 'name is required', source: { pointer: '/webhook/name' } })
  })

  it('checks enums, authentication shapes and event-subscription constraints', async () => {
    await start()
    const problems = async (webhook: Record<string, unknown>) =>
      (await call('POST', '/api/v2/webhooks', { body: { webhook: { ...WEBHOOK, ...webhook } } })).json.errors?.map((error: { detail: string }) => error.detail)
    expect(await problems({ http_method: 'post', request_format: 'yaml' })).toEqual([
      expect.stringMatching(/^http_method must be one of/),
      expect.stringMatching(/^request_format must be one of/),
    ])
    expect(await problems({ authentication: { type: 'bearer_token', data: {}, add_position: 'header' } })).toEqual(['authentication.data.token is required'])
    expect(await problems({ authentication: { type: 'api_key', data: { name: 'X-Key', value: 's' }, add_position: 'body' } })).toEqual([
      'authentication.add_position must be "header"',
    ])
    expect(await problems({ subscriptions: ['zen:event-type:ticket.created'], http_method: 'PUT' })).toEqual([
      'http_method must be POST for a webhook subscribed to Zendesk events',
    ])
    expect(await problems({ endpoint: 'ftp://example.com' })).toEqual(['endpoint must be an http or https URL'])
  })

  it('serves /api/v2/webhooks without .json only', async () => {
    await start()
    const dotJson = await call('GET', '/api/v2/webhooks.json')
    expect(dotJson.status).toBe(404)
    expect(dotJson.json.error).toBe('InvalidEndpoint')
  })

  it('lists, filters, patches, replaces and deletes webhooks', async () => {
    await start()
    const id = (await call('POST', '/api/v2/webhooks', { body: { webhook: WEBHOOK } })).json.webhook.id
    await call('POST', '/api/v2/webhooks', { body: { webhook: { ...WEBHOOK, name: 'Other', status: 'inactive' } } })

    const list = await call('GET', '/api/v2/webhooks?filter[name_contains]=hookbench')
    expect(list.json.webhooks.map((webhook: { id: string }) => webhook.id)).toEqual([id])
    expect(list.json.meta).toEqual({ has_more: false, after_cursor: null, before_cursor: null })
    expect((await call('GET', '/api/v2/webhooks?filter[status]=inactive')).json.webhooks).toHaveLength(1)

    expect((await call('PATCH', `/api/v2/webhooks/${id}`, { body: { webhook: { name: 'Renamed', custom_headers: null } } })).status).toBe(204)
    const patched = (await call('GET', `/api/v2/webhooks/${id}`)).json.webhook
    expect(patched).toMatchObject({ name: 'Renamed', endpoint: WEBHOOK.endpoint, authentication: { type: 'basic_auth' } })
    expect(patched.custom_headers).toBeUndefined()

    const incomplete = await call('PUT', `/api/v2/webhooks/${id}`, { body: { webhook: { name: 'Only a name' } } })
    expect(incomplete.status).toBe(400)
    const toEvents = await call('PUT', `/api/v2/webhooks/${id}`, { body: { webhook: { ...WEBHOOK, subscriptions: ['zen:event-type:ticket.created'] } } })
    expect(toEvents.json.errors.map((error: { detail: string }) => error.detail)).toEqual([expect.stringMatching(/connection method/)])
    expect((await call('PUT', `/api/v2/webhooks/${id}`, { body: { webhook: { ...WEBHOOK, endpoint: 'https://example.com/v2' } } })).status).toBe(204)
    expect((await call('GET', `/api/v2/webhooks/${id}`)).json.webhook.endpoint).toBe('https://example.com/v2')

    expect((await call('DELETE', `/api/v2/webhooks/${id}`)).status).toBe(204)
    const gone = await call('GET', `/api/v2/webhooks/${id}`)
    expect(gone.status).toBe(404)
    expect(gone.json.errors[0].code).toBe('WebhookNotFound')
  })
})

describe('fake Zendesk: triggers', () => {
  async function conditionalWebhook(subscriptions = ['conditional_ticket_events']): Promise<string> {
    const webhook = { name: 'Hook', endpoint: 'https://example.com/hook', http_method: 'POST', request_format: 'json', subscriptions }
    return (await call('POST', '/api/v2/webhooks', { body: { webhook } })).json.webhook.id
  }

  function solvedTrigger(webhookId: string, body: unknown = '{"ticket_id": {{ticket.id}}}') {
    return {
      title: 'Hookbench: notify on solved',
      category_id: '10026',
      conditions: {
        all: [
          { field: 'update_type', operator: 'is', value: 'Change' },
          { field: 'status', operator: 'value', value: 'solved' },
        ],
        any: [],
      },
      actions: [{ field: 'notification_webhook', value: [webhookId, body] }],
    }
  }

  it('creates the reference example trigger and serves it with or without .json', async () => {
    const zendesk = await start()
    const webhookId = await conditionalWebhook()
    const created = await call('POST', '/api/v2/triggers.json', { body: { trigger: solvedTrigger(webhookId) } })
    expect(created.status).toBe(201)
    expect(created.json.trigger).toMatchObject({
      id: 1,
      url: `${zendesk.url}/api/v2/triggers/1.json`,
      title: 'Hookbench: notify on solved',
      active: true,
      category_id: '10026',
      actions: [{ field: 'notification_webhook', value: [webhookId, '{"ticket_id": {{ticket.id}}}'] }],
    })
    expect((await call('GET', '/api/v2/triggers/1')).json.trigger.title).toBe('Hookbench: notify on solved')
    expect((await call('GET', '/api/v2/triggers')).json).toMatchObject({ count: 1, triggers: [expect.objectContaining({ id: 1 })] })
  })

  it('requires title, conditions and actions', async () => {
    await start()
    const empty = await call('POST', '/api/v2/triggers', { body: { trigger: {} } })
    expect(empty.status).toBe(422)
    expect(empty.json).toMatchObject({ error: 'RecordInvalid', description: 'Record validation errors' })
    expect(Object.keys(empty.json.details).sort()).toEqual(['actions', 'conditions', 'title'])
  })

  it('requires notification_webhook to name an existing trigger webhook, with a string body', async () => {
    await start()
    const eventWebhook = await conditionalWebhook(['zen:event-type:ticket.created'])
    for (const trigger of [
      solvedTrigger('01GK8E6BKWMJZD2TEXAMPLE0000'),
      solvedTrigger(eventWebhook),
      solvedTrigger(await conditionalWebhook(), { ticket_id: '{{ticket.id}}' }),
    ]) {
      const refused = await call('POST', '/api/v2/triggers', { body: { trigger } })
      expect(refused.status).toBe(422)
      expect(Object.keys(refused.json.details)).toEqual(['actions'])
    }
  })

  it('updates and deletes triggers', async () => {
    await start()
    const webhookId = await conditionalWebhook()
    await call('POST', '/api/v2/triggers', { body: { trigger: solvedTrigger(webhookId) } })
    const updated = await call('PUT', '/api/v2/triggers/1.json', { body: { trigger: { title: 'Renamed', active: false } } })
    expect(updated.status).toBe(200)
    expect(updated.json.trigger).toMatchObject({ title: 'Renamed', raw_title: 'Renamed', active: false, actions: [expect.anything()] })
    expect((await call('PUT', '/api/v2/triggers/1', { body: { trigger: { actions: [] } } })).status).toBe(422)
    expect((await call('DELETE', '/api/v2/triggers/1')).status).toBe(204)
    expect((await call('GET', '/api/v2/triggers/1')).json).toEqual({ error: 'RecordNotFound', description: 'Not found' })
  })
})

describe('fake Zendesk: rate limiting', () => {
  it('reports the budget on every response and answers 429 with Retry-After past it', async () => {
    const clock = manualClock('2026-11-25T10:00:30Z')
    const zendesk = await start({ now: clock.now, rateLimitPerMinute: 2 })
    const first = await call('GET', '/api/v2/users/me', { auth: null })
    expect(first.headers.get('x-rate-limit')).toBe('2')
    expect(first.headers.get('x-rate-limit-remaining')).toBe('1')
    const refused = await call('GET', '/api/v2/tickets/1', { auth: 'Bearer nope' })
    expect(refused.status).toBe(401)
    expect(refused.headers.get('x-rate-limit-remaining')).toBe('0')

    const limited = await call('GET', '/api/v2/users/me')
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBe('30')
    expect(limited.headers.get('x-rate-limit-remaining')).toBe('0')
    expect(limited.json.error).toBe('APIRateLimitExceeded')

    clock.advance(30_000)
    expect((await call('GET', '/api/v2/users/me')).status).toBe(200)
    zendesk.resetRateLimit()
    expect((await call('GET', '/api/v2/users/me')).headers.get('x-rate-limit-remaining')).toBe('1')
  })
})

describe('fake Zendesk: failure injection and recording', () => {
  it('answers an injected failure once, then behaves normally', async () => {
    const zendesk = await start()
    zendesk.failNext(503, undefined, { 'Retry-After': '5' })
    zendesk.failNext(500, { error: 'Boom' })
    const unavailable = await call('GET', '/api/v2/users/me')
    expect(unavailable.status).toBe(503)
    expect(unavailable.headers.get('retry-after')).toBe('5')
    expect(unavailable.json).toEqual({ error: 'InternalError', description: 'Injected 503 response' })
    expect((await call('GET', '/api/v2/users/me')).json).toEqual({ error: 'Boom' })
    expect((await call('GET', '/api/v2/users/me')).status).toBe(200)
  })

  it('answers a redirect that a manual-redirect client sees rather than follows', async () => {
    const zendesk = await start()
    zendesk.redirectNext('https://elsewhere.example/api/v2/tickets', 307)
    const redirected = await call('POST', '/api/v2/tickets', { body: OFFICIAL_EXAMPLE })
    expect(redirected.status).toBe(307)
    expect(redirected.headers.get('location')).toBe('https://elsewhere.example/api/v2/tickets')
    expect(zendesk.state.tickets.size).toBe(0)
  })

  it('delays a response past a client timeout, and drops a connection', async () => {
    const zendesk = await start()
    zendesk.delayNext(80)
    await expect(call('GET', '/api/v2/users/me', { signal: AbortSignal.timeout(20) })).rejects.toThrow(/abort|timeout/i)
    zendesk.dropNext()
    await expect(call('GET', '/api/v2/users/me')).rejects.toThrow(TypeError)
    zendesk.clearFaults()
    expect((await call('GET', '/api/v2/users/me')).status).toBe(200)
  })

  it('delays every response by responseDelayMs', async () => {
    await start({ responseDelayMs: 30 })
    const started = performance.now()
    expect((await call('GET', '/api/v2/users/me')).status).toBe(200)
    expect(performance.now() - started).toBeGreaterThanOrEqual(25)
  })

  it('closes cleanly while a delayed response is pending', async () => {
    const zendesk = await start()
    zendesk.delayNext(60_000)
    const pending = call('GET', '/api/v2/users/me').catch((error: unknown) => error)
    await new Promise((resolve) => setTimeout(resolve, 10))
    await zendesk.close()
    fake = undefined
    expect(await pending).toBeInstanceOf(Error)
  })

  it('records every request: method, path, query, headers and raw body', async () => {
    const zendesk = await start()
    await call('POST', '/api/v2/tickets.json?async=true', { body: '{"ticket":{"comment":{"body":"Hi"}}}' })
    expect(zendesk.requests).toEqual([
      expect.objectContaining({
        method: 'POST',
        path: '/api/v2/tickets.json',
        search: '?async=true',
        body: '{"ticket":{"comment":{"body":"Hi"}}}',
        headers: expect.objectContaining({ authorization: BASIC_AUTH, 'content-type': 'application/json' }),
      }),
    ])
  })
})
