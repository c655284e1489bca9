import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ZendeskAuth, ZendeskAuthError } from '../../electron/services/zendeskAuth.js'
import { EnvVarSecretStore, MemorySecretStore, scopedSecretStore, type SecretStore } from '../../electron/services/secrets/index.js'
import { parseEnvironment, type Environment, type ZendeskAuthConfig } from '../../shared/environment/model.js'
import {
  apiTokenRetirement,
  basicTokenAuthorization,
  describeTokenError,
  parseTokenResponse,
  saysTokenInvalid,
  tokenRequestBody,
  zendeskAuthorization,
} from '../../shared/environment/zendeskAuth.js'
import { manualClock, type ManualClock } from '../fakes/clock.js'
import { DEFAULT_ZENDESK_AGENT, DEFAULT_ZENDESK_OAUTH_CLIENT, startFakeZendesk, type FakeZendesk } from '../fakes/zendesk.js'

const secretsOf = (values: Record<string, string>) => (name: string) => values[name]

describe('the Authorization header (pure)', () => {
  it('API token: Basic base64(email/token:token), as Zendesk documents', () => {
    expect(basicTokenAuthorization('jdoe@example.com', '6wiIBWbGkBMo1mRDMuVwkw1EPsNkeUj95PIz2akv')).toBe(
      'Basic amRvZUBleGFtcGxlLmNvbS90b2tlbjo2d2lJQldiR2tCTW8xbVJETXVWd2t3MUVQc05rZVVqOTVQSXoyYWt2',
    )
    const auth: ZendeskAuthConfig = { type: 'api_token', email: 'jdoe@example.com', token: 'zt' }
    expect(zendeskAuthorization(auth, secretsOf({ zt: 'abc' }))).toEqual({ authorization: `Basic ${btoa('jdoe@example.com/token:abc')}` })
  })

  it('OAuth: Bearer with the stored token, or the one obtained this session', () => {
    expect(zendeskAuthorization({ type: 'oauth_access_token', token: 't' }, secretsOf({ t: 'tok' }))).toEqual({ authorization: 'Bearer tok' })
    const refresh: ZendeskAuthConfig = { type: 'oauth_refresh', clientId: 'c', clientSecret: 'cs', accessToken: 'at', refreshToken: 'rt' }
    expect(zendeskAuthorization(refresh, secretsOf({ at: 'stored' }))).toEqual({ authorization: 'Bearer stored' })
    expect(zendeskAuthorization(refresh, secretsOf({ at: 'stored' }), 'fresh')).toEqual({ authorization: 'Bearer fresh' })
    const cc: ZendeskAuthConfig = { type: 'oauth_client_credentials', clientId: 'c', clientSecret: 'cs', scope: 'read' }
    expect(zendeskAuthorization(cc, secretsOf({}), 'obtained')).toEqual({ authorization: 'Bearer obtained' })
    expect(zendeskAuthorization(cc, secretsOf({}))).toMatchObject({ problem: { code: 'zendesk-auth-no-token' } })
  })

  it('a missing secret names the field and how to store it', () => {
    const result = zendeskAuthorization({ type: 'oauth_access_token', token: 'zendesk_oauth_token' }, secretsOf({}))
    expect(result).toEqual({
      problem: {
        code: 'zendesk-auth-secret-missing',
        message: 'No value is stored for secret "zendesk_oauth_token", which zendesk.auth.token needs.',
        hint: expect.stringContaining('export HOOKBENCH_SECRET_ZENDESK_OAUTH_TOKEN=…'),
        path: ['zendesk', 'auth', 'token'],
      },
    })
  })

  it('the API-token warning names both dates', () => {
    const { message, hint } = apiTokenRetirement(new Date('2026-11-25T00:00:00Z'))
    expect(message).toBe('Zendesk API tokens stop working on 2027-04-30, and no new API token can be created since 2026-10-27.')
    expect(hint).toMatch(/oauth_client_credentials/)
  })
})

describe('POST /oauth/tokens (pure)', () => {
  it('client_credentials and refresh_token bodies', () => {
    const cc: ZendeskAuthConfig = { type: 'oauth_client_credentials', clientId: 'hb', clientSecret: 'cs', scope: 'read write' }
    expect(tokenRequestBody(cc, secretsOf({ cs: 'S' }))).toEqual({
      body: { grant_type: 'client_credentials', client_id: 'hb', client_secret: 'S', scope: 'read write' },
    })
    const refresh: ZendeskAuthConfig = { type: 'oauth_refresh', clientId: 'hb', clientSecret: 'cs', accessToken: 'at', refreshToken: 'rt' }
    expect(tokenRequestBody(refresh, secretsOf({ cs: 'S', rt: 'R' }))).toEqual({
      body: { grant_type: 'refresh_token', refresh_token: 'R', client_id: 'hb', client_secret: 'S' },
    })
    expect(tokenRequestBody(refresh, secretsOf({ cs: 'S' }))).toMatchObject({ problem: { path: ['zendesk', 'auth', 'refreshToken'] } })
    expect(tokenRequestBody({ type: 'oauth_access_token', token: 't' }, secretsOf({}))).toMatchObject({ problem: { code: 'zendesk-auth-cannot-renew' } })
  })

  it('reads token responses and errors', () => {
    expect(parseTokenResponse({ access_token: 'a', token_type: 'bearer', refresh_token: 'r', expires_in: 1800 })).toEqual({
      accessToken: 'a',
      refreshToken: 'r',
      expiresIn: 1800,
    })
    expect(parseTokenResponse({ token_type: 'bearer' })).toBeUndefined()
    expect(describeTokenError(401, '{"error":"invalid_client"}', 'client_credentials').message).toMatch(/did not accept the OAuth client id or secret/)
    expect(describeTokenError(400, '{"error":"invalid_grant"}', 'refresh_token').message).toMatch(/expired, was revoked, or was already used/)
    expect(describeTokenError(500, 'oops', 'client_credentials').message).toBe('Zendesk answered 500 to POST /oauth/tokens.')
  })

  it('recognises a 401 for an invalid or expired bearer token', () => {
    const header = 'Bearer realm="Zendesk::OAuth Bearer Token Authentication", error="invalid_token", error_description="…"'
    expect(saysTokenInvalid(401, header, '')).toBe(true)
    expect(saysTokenInvalid(401, null, '{"error":"invalid_token","error_description":"The access token provided is expired, revoked, malformed or invalid for other reasons."}')).toBe(true)
    expect(saysTokenInvalid(401, null, '{"error":"Couldn\'t authenticate you"}')).toBe(false)
    expect(saysTokenInvalid(403, header, '')).toBe(false)
  })
})

describe('the Zendesk auth service against a fake Zendesk', () => {
  let zendesk: FakeZendesk
  let clock: ManualClock
  const CLIENT_SECRET = DEFAULT_ZENDESK_OAUTH_CLIENT.clientSecret

  beforeEach(async () => {
    clock = manualClock('2026-11-25T12:00:00Z')
    zendesk = await startFakeZendesk({ now: clock.now })
  })
  afterEach(async () => {
    await zendesk.close()
  })

  function environment(auth: Record<string, unknown>, secrets: string[], allowedHosts = ['127.0.0.1:*']): Environment {
    const text = JSON.stringify(
      {
        kind: 'sandbox',
        variables: { zendesk_subdomain: zendesk.subdomain, zendesk_email: DEFAULT_ZENDESK_AGENT.email, zendesk_client_id: DEFAULT_ZENDESK_OAUTH_CLIENT.clientId },
        allowedHosts,
        secrets,
        zendesk: { auth },
      },
      null,
      2,
    )
    const parsed = parseEnvironment(text, 'environments/sandbox.json', { now: new Date(clock.now()) })
    if (!parsed.environment) throw new Error(JSON.stringify(parsed.diagnostics))
    return parsed.environment
  }

  const CLIENT_CREDENTIALS = { type: 'oauth_client_credentials', clientId: '%{env.zendesk_client_id}', clientSecret: 'zendesk_client_secret' }
  const REFRESH = {
    type: 'oauth_refresh',
    clientId: '%{env.zendesk_client_id}',
    clientSecret: 'zendesk_client_secret',
    accessToken: 'zendesk_access_token',
    refreshToken: 'zendesk_refresh_token',
  }

  function service(env: Environment, secrets: SecretStore = new MemorySecretStore(), timeoutMs?: number) {
    return new ZendeskAuth({ environment: env, secrets, baseUrl: zendesk.url, now: clock.now, ...(timeoutMs ? { timeoutMs } : {}) })
  }

  const tokenRequests = () => zendesk.requests.filter((r) => r.path === '/oauth/tokens')

  /** A token pair as an earlier refresh (in the app) would have left it: the access token already expired. */
  async function storedPair(secrets: SecretStore) {
    const cc = service(environment(CLIENT_CREDENTIALS, ['zendesk_client_secret']), await withSecrets({ zendesk_client_secret: CLIENT_SECRET }))
    await cc.authorization()
    const issued = [...zendesk.state.tokens.access.values()][0]!
    const refresh = [...zendesk.state.tokens.refresh.values()][0]!
    await secrets.set('zendesk_client_secret', CLIENT_SECRET)
    await secrets.set('zendesk_access_token', issued.token)
    await secrets.set('zendesk_refresh_token', refresh.token)
    clock.advance(31 * 60_000)
    zendesk.requests.length = 0
    return { access: issued.token, refresh: refresh.token }
  }

  async function withSecrets(values: Record<string, string>): Promise<MemorySecretStore> {
    const store = new MemorySecretStore()
    for (const [name, value] of Object.entries(values)) await store.set(name, value)
    return store
  }

  it('api_token: Basic auth works, with the retirement warning', async () => {
    const env = environment({ type: 'api_token', email: '%{env.zendesk_email}', token: 'zendesk_api_token' }, ['zendesk_api_token'])
    const auth = service(env, await withSecrets({ zendesk_api_token: DEFAULT_ZENDESK_AGENT.apiToken }))
    const response = await auth.fetch('/api/v2/users/me.json')
    expect(response.status).toBe(200)
    expect(((await response.json()) as { user: { email: string } }).user.email).toBe(DEFAULT_ZENDESK_AGENT.email)
    expect(auth.warnings()[0]).toMatch(/2027-04-30/)
  })

  it('oauth_access_token: a pasted token is sent as Bearer; an expired one cannot be renewed', async () => {
    const first = await storedPair(new MemorySecretStore())
    clock.advance(-31 * 60_000)
    const env = environment({ type: 'oauth_access_token', token: 'zendesk_oauth_token' }, ['zendesk_oauth_token'])
    const auth = service(env, await withSecrets({ zendesk_oauth_token: first.access }))
    expect((await auth.fetch('/api/v2/users/me.json')).status).toBe(200)
    clock.advance(31 * 60_000)
    const expired = await auth.fetch('/api/v2/users/me.json')
    expect(expired.status).toBe(401)
    expect(tokenRequests()).toHaveLength(0)
  })

  it('oauth_client_credentials: obtains one token and reuses it, renewing before it expires', async () => {
    const env = environment(CLIENT_CREDENTIALS, ['zendesk_client_secret'])
    const auth = service(env, await withSecrets({ zendesk_client_secret: CLIENT_SECRET }))
    expect((await auth.fetch('/api/v2/users/me.json')).status).toBe(200)
    expect((await auth.fetch('/api/v2/users/me.json')).status).toBe(200)
    expect(tokenRequests()).toHaveLength(1)
    expect(JSON.parse(tokenRequests()[0]!.body)).toEqual({
      grant_type: 'client_credentials',
      client_id: 'hookbench',
      client_secret: CLIENT_SECRET,
      scope: 'read write',
    })
    const me = zendesk.requests.find((r) => r.path === '/api/v2/users/me.json')!
    expect(me.headers.authorization).toMatch(/^Bearer [0-9a-f]+$/)
    // Zendesk said 1800 s: past 29 minutes a new token is fetched before the call.
    clock.advance(29 * 60_000 + 1)
    expect((await auth.fetch('/api/v2/users/me.json')).status).toBe(200)
    expect(tokenRequests()).toHaveLength(2)
  })

  it('oauth_client_credentials: after a 401 invalid_token, renews once and retries', async () => {
    const env = environment(CLIENT_CREDENTIALS, ['zendesk_client_secret'])
    const auth = service(env, await withSecrets({ zendesk_client_secret: CLIENT_SECRET }))
    await auth.authorization()
    zendesk.failNext(401, { error: 'invalid_token', error_description: 'The access token provided is expired, revoked, malformed or invalid for other reasons.' })
    expect((await auth.fetch('/api/v2/users/me.json')).status).toBe(200)
    expect(tokenRequests()).toHaveLength(2)
  })

  it('oauth_refresh: an expired token is refreshed, the rotated pair stored, the call retried', async () => {
    // As in the app: one store for everything, scoped to this workspace and environment.
    const appStore = new MemorySecretStore()
    const secrets = scopedSecretStore(appStore, { workspaceId: 'ws-1', environment: 'sandbox' })
    const before = await storedPair(secrets)
    const auth = service(environment(REFRESH, ['zendesk_client_secret', 'zendesk_access_token', 'zendesk_refresh_token']), secrets)
    const response = await auth.fetch('/api/v2/users/me.json')
    expect(response.status).toBe(200)
    expect(zendesk.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /api/v2/users/me.json',
      'POST /oauth/tokens',
      'GET /api/v2/users/me.json',
    ])
    expect(JSON.parse(tokenRequests()[0]!.body)).toMatchObject({ grant_type: 'refresh_token', refresh_token: before.refresh })
    const access = await secrets.get('zendesk_access_token')
    const refresh = await secrets.get('zendesk_refresh_token')
    expect(access).not.toBe(before.access)
    expect(refresh).not.toBe(before.refresh)
    expect(zendesk.state.tokens.refresh.has(refresh!)).toBe(true)
    expect(zendesk.requests[2]!.headers.authorization).toBe(`Bearer ${access}`)
    expect(await appStore.list()).toEqual([
      'ws-1/sandbox/zendesk_access_token',
      'ws-1/sandbox/zendesk_client_secret',
      'ws-1/sandbox/zendesk_refresh_token',
    ])
  })

  it('oauth_refresh: concurrent 401s lead to a single refresh (the old refresh token works once)', async () => {
    const secrets = new MemorySecretStore()
    await storedPair(secrets)
    const auth = service(environment(REFRESH, ['zendesk_client_secret', 'zendesk_access_token', 'zendesk_refresh_token']), secrets)
    const statuses = await Promise.all([1, 2, 3].map(() => auth.fetch('/api/v2/users/me.json').then((r) => r.status)))
    expect(statuses).toEqual([200, 200, 200])
    expect(tokenRequests()).toHaveLength(1)
  })

  it('oauth_refresh: refuses to burn the refresh token when the store cannot keep the new one (CLI)', async () => {
    const memory = new MemorySecretStore()
    const pair = await storedPair(memory)
    const cli = new EnvVarSecretStore({
      HOOKBENCH_SECRET_ZENDESK_CLIENT_SECRET: CLIENT_SECRET,
      HOOKBENCH_SECRET_ZENDESK_ACCESS_TOKEN: pair.access,
      HOOKBENCH_SECRET_ZENDESK_REFRESH_TOKEN: pair.refresh,
    })
    const auth = service(environment(REFRESH, ['zendesk_client_secret', 'zendesk_access_token', 'zendesk_refresh_token']), cli)
    const error = await auth.fetch('/api/v2/users/me.json').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ZendeskAuthError)
    expect(error).toMatchObject({ code: 'zendesk-auth-refresh-read-only' })
    expect(tokenRequests()).toHaveLength(0)
    expect(zendesk.state.tokens.refresh.has(pair.refresh)).toBe(true)
  })

  it('a refused refresh token: plain words, located in the environment file, no secret in the message', async () => {
    const secrets = new MemorySecretStore()
    await storedPair(secrets)
    await secrets.set('zendesk_refresh_token', 'revoked-refresh-token-0123456789')
    const auth = service(environment(REFRESH, ['zendesk_client_secret', 'zendesk_access_token', 'zendesk_refresh_token']), secrets)
    const error = (await auth.fetch('/api/v2/users/me.json').catch((e: unknown) => e)) as ZendeskAuthError
    expect(error.code).toBe('zendesk-auth-token-refused')
    expect(error.message).toMatch(/refused the refresh token \(400 invalid_grant\)/)
    expect(error.diagnostic).toMatchObject({ file: 'environments/sandbox.json', line: 17 }) // "auth": {
    expect(JSON.stringify({ message: error.message, hint: error.hint, d: error.diagnostic })).not.toMatch(/revoked-refresh-token|test-client-secret/)
  })

  it('a wrong client secret: invalid_client, in plain words', async () => {
    const auth = service(environment(CLIENT_CREDENTIALS, ['zendesk_client_secret']), await withSecrets({ zendesk_client_secret: 'wrong-secret-value-123' }))
    const error = (await auth.authorization().catch((e: unknown) => e)) as ZendeskAuthError
    expect(error.message).toBe('Zendesk did not accept the OAuth client id or secret (401 invalid_client).')
    expect(error.message + error.hint).not.toContain('wrong-secret-value-123')
  })

  it('a secret with no stored value: located at the auth field, nothing sent', async () => {
    const auth = service(environment(CLIENT_CREDENTIALS, ['zendesk_client_secret']))
    const error = (await auth.fetch('/api/v2/users/me.json').catch((e: unknown) => e)) as ZendeskAuthError
    expect(error.code).toBe('zendesk-auth-secret-missing')
    expect(error.hint).toContain('HOOKBENCH_SECRET_ZENDESK_CLIENT_SECRET')
    expect(error.diagnostic).toMatchObject({ line: 18, file: 'environments/sandbox.json' }) // "clientSecret"
    expect(zendesk.requests).toHaveLength(0)
  })

  it('never sends credentials to a host outside allowedHosts', async () => {
    const env = environment(CLIENT_CREDENTIALS, ['zendesk_client_secret'], ['hookbench-sandbox.zendesk.com'])
    const auth = service(env, await withSecrets({ zendesk_client_secret: CLIENT_SECRET }))
    const error = (await auth.fetch('/api/v2/users/me.json').catch((e: unknown) => e)) as ZendeskAuthError
    expect(error.code).toBe('zendesk-auth-host-not-allowed')
    expect(error.message).toContain(new URL(zendesk.url).host)
    expect(zendesk.requests).toHaveLength(0)
  })

  it('a timeout and a dropped connection are told plainly', async () => {
    const env = environment(CLIENT_CREDENTIALS, ['zendesk_client_secret'])
    const auth = service(env, await withSecrets({ zendesk_client_secret: CLIENT_SECRET }), 50)
    zendesk.delayNext(500)
    const timeout = (await auth.authorization().catch((e: unknown) => e)) as ZendeskAuthError
    expect(timeout.code).toBe('zendesk-timeout')
    expect(timeout.message).toBe(`Zendesk did not answer POST ${zendesk.url}/oauth/tokens within 0.05 s.`)
    zendesk.dropNext()
    const dropped = (await auth.authorization().catch((e: unknown) => e)) as ZendeskAuthError
    expect(dropped.code).toBe('zendesk-unreachable')
    expect(dropped.message).toMatch(/^Could not reach Zendesk for POST .*\/oauth\/tokens \(/)
  })

  it('defaults to https://<subdomain>.zendesk.com', () => {
    const env = environment(CLIENT_CREDENTIALS, ['zendesk_client_secret'])
    expect(new ZendeskAuth({ environment: env, secrets: new MemorySecretStore() }).baseUrl).toBe('https://hookbench-sandbox.zendesk.com')
  })
})
