/**
 * `POST /oauth/tokens` (zendesk.md §0): the `client_credentials` grant (since March 2025)
 * and the `refresh_token` grant with rotating refresh tokens (expiring tokens for new
 * global clients from February 2026: access 30 minutes, refresh 30 days).
 *
 * Error bodies follow RFC 6749 §5.2 (`{"error": "invalid_grant", "error_description": …}`).
 * UNCONFIRMED: Zendesk's exact error wording.
 */
import { DAY_MS, type Clock } from '../clock.js'
import { basicCredentials, jsonResponse, parseJsonOrForm, type FakeRequest, type FakeResponse } from '../http.js'
import { randomHex } from '../ids.js'
import type { IssuedToken, OAuthClient, ZendeskState } from './state.js'

export interface OAuthSettings {
  now: Clock
  accessTokenLifetimeSeconds: number
  refreshTokenLifetimeSeconds: number
  /**
   * Whether a client_credentials grant also returns a refresh token. UNCONFIRMED: RFC 6749
   * advises against it, but Zendesk's announcements do not say; on by default so the
   * refresh flow can be driven without an authorization-code login.
   */
  refreshTokenForClientCredentials: boolean
}

export const DEFAULT_ACCESS_TOKEN_LIFETIME_SECONDS = 30 * 60
export const DEFAULT_REFRESH_TOKEN_LIFETIME_SECONDS = (30 * DAY_MS) / 1000

function oauthError(status: number, error: string, description: string): FakeResponse {
  return jsonResponse(status, { error, error_description: description })
}

export function issueTokens(request: FakeRequest, state: ZendeskState, settings: OAuthSettings): FakeResponse {
  const parsed = parseJsonOrForm(request)
  if (!parsed.ok) return oauthError(400, 'invalid_request', `The request body could not be read: ${parsed.reason}`)
  const params = parsed.value
  const grantType = params.grant_type
  if (grantType !== 'client_credentials' && grantType !== 'refresh_token') {
    // authorization_code exists at Zendesk but needs a browser login; the fake does not offer it.
    return grantType === undefined
      ? oauthError(400, 'invalid_request', 'The request is missing a required parameter: grant_type.')
      : oauthError(400, 'unsupported_grant_type', 'The authorization grant type is not supported by the authorization server.')
  }

  const client = authenticateClient(request, params, state)
  if (client === undefined) {
    return oauthError(401, 'invalid_client', 'Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.')
  }

  if (grantType === 'client_credentials') {
    const scope = typeof params.scope === 'string' && params.scope.trim() !== '' ? params.scope.trim() : client.scope
    return tokenResponse(state, settings, { clientId: client.clientId, userId: client.userId, scope }, settings.refreshTokenForClientCredentials)
  }

  const previous = typeof params.refresh_token === 'string' ? state.tokens.refresh.get(params.refresh_token) : undefined
  if (previous === undefined || previous.clientId !== client.clientId || settings.now() >= previous.expiresAt) {
    return oauthError(400, 'invalid_grant', 'The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.')
  }
  // Rotation: a refresh token is good for one refresh; reusing it fails with invalid_grant.
  state.tokens.refresh.delete(previous.token)
  return tokenResponse(state, settings, previous, true)
}

/** Client credentials from the body (`client_id`, `client_secret`) or, per RFC 6749 §2.3.1, HTTP Basic. */
function authenticateClient(request: FakeRequest, params: Record<string, unknown>, state: ZendeskState): OAuthClient | undefined {
  const basic = basicCredentials(request.headers)
  const clientId = basic?.username ?? params.client_id
  const clientSecret = basic?.password ?? params.client_secret
  return state.oauthClients.find((client) => client.clientId === clientId && client.clientSecret === clientSecret)
}

function tokenResponse(
  state: ZendeskState,
  settings: OAuthSettings,
  grant: Pick<IssuedToken, 'clientId' | 'userId' | 'scope'>,
  withRefreshToken: boolean,
): FakeResponse {
  const now = settings.now()
  const access: IssuedToken = { ...grant, token: randomHex(32), expiresAt: now + settings.accessTokenLifetimeSeconds * 1000 }
  state.tokens.access.set(access.token, access)
  const body: Record<string, unknown> = {
    access_token: access.token,
    token_type: 'bearer',
    expires_in: settings.accessTokenLifetimeSeconds,
    scope: grant.scope,
  }
  if (withRefreshToken) {
    const refresh: IssuedToken = { ...grant, token: randomHex(32), expiresAt: now + settings.refreshTokenLifetimeSeconds * 1000 }
    state.tokens.refresh.set(refresh.token, refresh)
    body.refresh_token = refresh.token
  }
  return jsonResponse(200, body)
}
