/**
 * A fake Zendesk Support account on 127.0.0.1 that enforces the documented behaviour
 * (/work/shared/reference/zendesk.md §0, §3, §4, §5): authentication, OAuth grants, the
 * tickets, users, webhooks and triggers endpoints, validation errors in Zendesk's shapes,
 * and per-minute rate limiting. Tests put `url` where `https://{subdomain}.zendesk.com` goes.
 */
import { systemClock, toEpochMs, type Clock } from './clock.js'
import type { FaultControls } from './faults.js'
import { Router, withDefaultHeaders, type FakeRequest, type FakeResponse } from './http.js'
import { PerMinuteRateLimiter } from './rateLimit.js'
import { startFakeHttpServer, type RecordedRequest } from './server.js'
import { authenticate, scopeResource, scopesAllow } from './zendesk/auth.js'
import type { ZendeskContext, ZendeskSettings } from './zendesk/context.js'
import { forbidden, genericZendeskError, invalidEndpoint, rateLimited } from './zendesk/errors.js'
import { DEFAULT_ACCESS_TOKEN_LIFETIME_SECONDS, DEFAULT_REFRESH_TOKEN_LIFETIME_SECONDS, issueTokens, type OAuthSettings } from './zendesk/oauth.js'
import { addUser, emptyZendeskState, findUserByEmail, seedZendeskState, type ZendeskSeed, type ZendeskState } from './zendesk/state.js'
import { registerTicketRoutes } from './zendesk/tickets.js'
import { registerTriggerRoutes } from './zendesk/triggers.js'
import { anonymousUser, isUsersMe, registerUserRoutes } from './zendesk/users.js'
import { registerWebhookRoutes } from './zendesk/webhooks.js'

export type { ZendeskSeed, ZendeskState } from './zendesk/state.js'

/** An agent of the account; with `apiToken` it can use `{email}/token:{apiToken}` Basic auth. */
export interface FakeZendeskAgent {
  email: string
  name?: string
  role?: 'agent' | 'admin'
  apiToken?: string
}

/** An OAuth client for `POST /oauth/tokens`; its tokens act as the agent `agentEmail` (default: the first agent). */
export interface FakeZendeskOAuthClient {
  clientId: string
  clientSecret: string
  agentEmail?: string
  /** Granted when a token request names no scope. Default `read write`. */
  scope?: string
}

export interface FakeZendeskOptions {
  subdomain?: string
  /** Default: {@link DEFAULT_ZENDESK_AGENT}. */
  agents?: FakeZendeskAgent[]
  /** Default: {@link DEFAULT_ZENDESK_OAUTH_CLIENT}. */
  oauthClients?: FakeZendeskOAuthClient[]
  /** Default 1800 (30 minutes, §0). */
  accessTokenLifetimeSeconds?: number
  /** Default 30 days (§0). */
  refreshTokenLifetimeSeconds?: number
  /** Whether client_credentials also returns a refresh token (UNCONFIRMED; default true). */
  refreshTokenForClientCredentials?: boolean
  /** Default: the system clock. */
  now?: Clock
  /**
   * When API tokens stop working. Default `2027-04-30T00:00:00Z` (§0: "30 Apr 2027: all API
   * tokens stop working"; the hour and time zone are UNCONFIRMED). `null`: never.
   */
  apiTokensStopWorkingAt?: string | number | null
  /** Requests per minute before 429. Default 700 (the documented header example, §5.4). */
  rateLimitPerMinute?: number
  /** Delay before every response, ms. */
  responseDelayMs?: number
  /** See {@link ZendeskSettings.acceptEnumCaseVariants}. Default false. */
  acceptEnumCaseVariants?: boolean
  seed?: ZendeskSeed
}

export interface FakeZendesk extends FaultControls {
  /** `http://127.0.0.1:PORT`, standing for `https://{subdomain}.zendesk.com`. */
  url: string
  subdomain: string
  state: ZendeskState
  requests: RecordedRequest[]
  /** Starts a fresh rate-limit window. */
  resetRateLimit(): void
  close(): Promise<void>
}

export const DEFAULT_ZENDESK_AGENT = {
  email: 'agent@hookbench.test',
  name: 'Hookbench Agent',
  role: 'admin',
  apiToken: 'test-api-token',
} as const satisfies FakeZendeskAgent

export const DEFAULT_ZENDESK_OAUTH_CLIENT = {
  clientId: 'hookbench',
  clientSecret: 'test-client-secret',
  scope: 'read write',
} as const satisfies FakeZendeskOAuthClient

export const DEFAULT_API_TOKENS_STOP_WORKING_AT = '2027-04-30T00:00:00Z'
/** The Enterprise figure Zendesk's rate-limit docs show in `X-Rate-Limit` (§5.4). */
export const DEFAULT_ZENDESK_RATE_LIMIT_PER_MINUTE = 700

export async function startFakeZendesk(options: FakeZendeskOptions = {}): Promise<FakeZendesk> {
  const now = options.now ?? systemClock
  const state = emptyZendeskState()
  addAccountHolders(state, options, now)
  if (options.seed) seedZendeskState(state, options.seed, now)

  const router = new Router<ZendeskContext>()
  registerTicketRoutes(router)
  registerUserRoutes(router)
  registerWebhookRoutes(router)
  registerTriggerRoutes(router)

  const settings: ZendeskSettings = { acceptEnumCaseVariants: options.acceptEnumCaseVariants ?? false }
  const oauth: OAuthSettings = {
    now,
    accessTokenLifetimeSeconds: options.accessTokenLifetimeSeconds ?? DEFAULT_ACCESS_TOKEN_LIFETIME_SECONDS,
    refreshTokenLifetimeSeconds: options.refreshTokenLifetimeSeconds ?? DEFAULT_REFRESH_TOKEN_LIFETIME_SECONDS,
    refreshTokenForClientCredentials: options.refreshTokenForClientCredentials ?? true,
  }
  const retirement = options.apiTokensStopWorkingAt === undefined ? DEFAULT_API_TOKENS_STOP_WORKING_AT : options.apiTokensStopWorkingAt
  const authSettings = { now, apiTokensStopWorkingAt: retirement === null ? undefined : toEpochMs(retirement) }
  const rateLimit = options.rateLimitPerMinute ?? DEFAULT_ZENDESK_RATE_LIMIT_PER_MINUTE
  const limiter = new PerMinuteRateLimiter(now)
  let baseUrl = ''

  async function route(request: FakeRequest): Promise<FakeResponse> {
    if (request.method === 'POST' && request.path === '/oauth/tokens') return issueTokens(request, state, oauth)
    if (!request.path.startsWith('/api/v2/')) return invalidEndpoint()
    if (isUsersMe(request.path) && request.headers.authorization === undefined) return anonymousUser()
    const auth = authenticate(request, state, authSettings)
    if (!auth.ok) return auth.response
    const match = router.match(request.method, request.path)
    if (match === undefined) return invalidEndpoint()
    if (!scopesAllow(auth.principal, request.method, scopeResource(request.path))) return forbidden()
    return match.handler(request, match.params, { state, baseUrl, now, principal: auth.principal.user, settings })
  }

  const server = await startFakeHttpServer({
    defaultErrorBody: genericZendeskError,
    responseDelayMs: options.responseDelayMs,
    async handle(request) {
      // One account-wide budget, reported on every response (§5.4).
      const budget = limiter.take('account', rateLimit)
      const headers = { 'X-Rate-Limit': String(budget.limit), 'X-Rate-Limit-Remaining': String(budget.remaining) }
      if (!budget.allowed) return rateLimited(budget.retryAfterSeconds, headers)
      return withDefaultHeaders(await route(request), headers)
    },
  })
  baseUrl = server.url

  return {
    ...server,
    subdomain: options.subdomain ?? 'hookbench-sandbox',
    state,
    resetRateLimit: () => limiter.reset(),
  }
}

/** The configured agents (users with API tokens) and OAuth clients. */
function addAccountHolders(state: ZendeskState, options: FakeZendeskOptions, now: Clock): void {
  const agents = options.agents ?? [DEFAULT_ZENDESK_AGENT]
  for (const agent of agents) {
    addUser(state, { name: agent.name ?? agent.email, email: agent.email, role: agent.role ?? 'agent', verified: true }, now)
    if (agent.apiToken !== undefined) state.tokens.api.push({ email: agent.email, token: agent.apiToken, active: true })
  }
  const clients: FakeZendeskOAuthClient[] = options.oauthClients ?? [DEFAULT_ZENDESK_OAUTH_CLIENT]
  for (const client of clients) {
    const agentEmail = client.agentEmail ?? agents[0]?.email
    const agent = agentEmail === undefined ? undefined : findUserByEmail(state, agentEmail)
    if (agent === undefined) throw new Error(`OAuth client ${client.clientId}: no agent ${agentEmail ?? '(none configured)'}`)
    state.oauthClients.push({ clientId: client.clientId, clientSecret: client.clientSecret, userId: agent.id, scope: client.scope ?? 'read write' })
  }
}
