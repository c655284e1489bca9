/**
 * Authentication of `/api/v2` calls (zendesk.md §0, §5.5): Basic `{email}/token:{api_token}`
 * until the API-token retirement date, or `Bearer <access_token>` from `/oauth/tokens`.
 * Email+password Basic auth was phased out in January 2026 (§0), so a Basic username
 * without `/token` never authenticates.
 */
import type { Clock } from '../clock.js'
import { basicCredentials, bearerToken, type FakeRequest, type FakeResponse } from '../http.js'
import { couldNotAuthenticate, expiredAccessToken } from './errors.js'
import type { ZendeskState, ZendeskUser } from './state.js'

export interface Principal {
  user: ZendeskUser
  /** OAuth scopes; `undefined` for API-token auth, which carries the user's full access. */
  scopes?: string[]
}

export type AuthOutcome = { ok: true; principal: Principal } | { ok: false; response: FakeResponse }

export interface AuthSettings {
  now: Clock
  /** From this instant API tokens stop working (§0: 30 Apr 2027); `undefined` never retires them. */
  apiTokensStopWorkingAt?: number
}

export function authenticate(request: FakeRequest, state: ZendeskState, settings: AuthSettings): AuthOutcome {
  const token = bearerToken(request.headers)
  if (token !== undefined) return authenticateBearer(token, state, settings.now)
  const basic = basicCredentials(request.headers)
  if (basic !== undefined) return authenticateApiToken(basic, state, settings)
  return refuse()
}

function authenticateApiToken(basic: { username: string; password: string }, state: ZendeskState, settings: AuthSettings): AuthOutcome {
  const email = /^(.+)\/token$/.exec(basic.username)?.[1]?.toLowerCase()
  if (email === undefined) return refuse() // email+password: retired (§0)
  // UNCONFIRMED: what a retired token gets; the fake answers like any bad credential.
  if (settings.apiTokensStopWorkingAt !== undefined && settings.now() >= settings.apiTokensStopWorkingAt) return refuse()
  const known = state.tokens.api.some((entry) => entry.active && entry.email.toLowerCase() === email && entry.token === basic.password)
  if (!known) return refuse()
  return principalFor([...state.users.values()].find((user) => user.email?.toLowerCase() === email))
}

function authenticateBearer(token: string, state: ZendeskState, now: Clock): AuthOutcome {
  const issued = state.tokens.access.get(token)
  if (issued === undefined) return refuse()
  if (now() >= issued.expiresAt) return { ok: false, response: expiredAccessToken() }
  return principalFor(state.users.get(issued.userId), issued.scope.split(/\s+/).filter(Boolean))
}

function principalFor(user: ZendeskUser | undefined, scopes?: string[]): AuthOutcome {
  if (user === undefined || !user.active || user.suspended) return refuse()
  return { ok: true, principal: scopes === undefined ? { user } : { user, scopes } }
}

function refuse(): AuthOutcome {
  return { ok: false, response: couldNotAuthenticate() }
}

/**
 * Whether an OAuth token's scopes cover a call: reads need `read` or `<resource>:read`,
 * everything else `write` or `<resource>:write` (e.g. `tickets:write`). A misspelled scope
 * is issued without complaint and then refused on every call, as Zendesk does (§5.5).
 */
export function scopesAllow(principal: Principal, method: string, resource: string): boolean {
  if (principal.scopes === undefined) return true
  const access = method === 'GET' || method === 'HEAD' ? 'read' : 'write'
  return principal.scopes.includes(access) || principal.scopes.includes(`${resource}:${access}`)
}

/** The scope resource of an `/api/v2` path: `/api/v2/tickets/1/comments.json` → `tickets`. */
export function scopeResource(path: string): string {
  return (path.split('/')[3] ?? '').replace(/\.json$/, '')
}
