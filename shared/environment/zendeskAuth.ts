/**
 * Authenticating Zendesk API calls (zendesk.md §0, §5.5), the pure part: the Authorization
 * header from an environment's auth config and secret values, the body of `POST /oauth/tokens`,
 * and reading Zendesk's answers. The requests themselves are made by
 * `electron/services/zendeskAuth.ts`.
 *
 * API tokens are being retired: none can be created since 2026-10-27 and all stop working on
 * 2027-04-30. OAuth bearer tokens replace them; the client_credentials grant needs no browser.
 */
import { z } from 'zod'
import { bytesToBase64, utf8Bytes } from '../engine/bytes.js'
import type { ZendeskAuthConfig } from './model.js'
import { secretEnvVarName } from './substitute.js'

export const ZENDESK_AUTH_TYPES = ['api_token', 'oauth_access_token', 'oauth_client_credentials', 'oauth_refresh'] as const

export const API_TOKENS_NO_NEW_SINCE = '2026-10-27'
export const API_TOKENS_STOP_ON = '2027-04-30'

/** The warning every use of an API token carries; it hardens once the tokens have stopped. */
export function apiTokenRetirement(now: Date): { message: string; hint: string } {
  const stopped = now.toISOString().slice(0, 10) >= API_TOKENS_STOP_ON
  return {
    message: stopped
      ? `Zendesk API tokens stopped working on ${API_TOKENS_STOP_ON}: this environment cannot authenticate.`
      : `Zendesk API tokens stop working on ${API_TOKENS_STOP_ON}, and no new API token can be created since ${API_TOKENS_NO_NEW_SINCE}.`,
    hint: 'Switch to "oauth_client_credentials" (an OAuth client id and secret from Admin Center > Apps and integrations > APIs > OAuth clients).',
  }
}

/** `Basic base64(email/token:api_token)` (zendesk.md §5.5). */
export function basicTokenAuthorization(email: string, apiToken: string): string {
  return `Basic ${bytesToBase64(utf8Bytes(`${email}/token:${apiToken}`))}`
}

export function bearerAuthorization(accessToken: string): string {
  return `Bearer ${accessToken}`
}

export function zendeskBaseUrl(subdomain: string): string {
  return `https://${subdomain}.zendesk.com`
}

/** Where in the environment file a secret is named: `[field, secret name]` pairs. */
export function authSecretFields(auth: ZendeskAuthConfig): [field: string, name: string][] {
  switch (auth.type) {
    case 'api_token':
    case 'oauth_access_token':
      return [['token', auth.token]]
    case 'oauth_client_credentials':
      return [['clientSecret', auth.clientSecret]]
    case 'oauth_refresh':
      return [['accessToken', auth.accessToken], ['refreshToken', auth.refreshToken], ['clientSecret', auth.clientSecret]]
  }
}

/** A problem with the auth config or its secrets, at a JSON path of the environment file. */
export interface AuthProblem {
  code: string
  message: string
  hint?: string
  path: (string | number)[]
}

export type SecretLookup = (name: string) => string | undefined

type Needed = { values: Record<string, string> } | { problem: AuthProblem }

/** The stored values of the named secrets, or a problem naming the first one missing. */
function needSecrets(secret: SecretLookup, fields: [field: string, name: string][]): Needed {
  const values: Record<string, string> = {}
  for (const [field, name] of fields) {
    const value = secret(name)
    if (value === undefined || value === '') {
      return {
        problem: {
          code: 'zendesk-auth-secret-missing',
          message: `No value is stored for secret "${name}", which zendesk.auth.${field} needs.`,
          hint: `Store it in Hookbench's environment settings, or for the CLI: export ${secretEnvVarName(name)}=…`,
          path: ['zendesk', 'auth', field],
        },
      }
    }
    values[field] = value
  }
  return { values }
}

/**
 * The Authorization header value for a Zendesk API call. `obtainedAccessToken` is a token the
 * service obtained or refreshed this session; client credentials have no other.
 */
export function zendeskAuthorization(
  auth: ZendeskAuthConfig,
  secret: SecretLookup,
  obtainedAccessToken?: string,
): { authorization: string } | { problem: AuthProblem } {
  if (obtainedAccessToken !== undefined && auth.type !== 'api_token') return { authorization: bearerAuthorization(obtainedAccessToken) }
  switch (auth.type) {
    case 'api_token': {
      const needed = needSecrets(secret, [['token', auth.token]])
      return 'problem' in needed ? needed : { authorization: basicTokenAuthorization(auth.email, needed.values.token!) }
    }
    case 'oauth_access_token':
      return bearerFromSecret(secret, 'token', auth.token)
    case 'oauth_refresh':
      return bearerFromSecret(secret, 'accessToken', auth.accessToken)
    case 'oauth_client_credentials':
      return {
        problem: {
          code: 'zendesk-auth-no-token',
          message: 'No access token has been obtained with the client credentials yet.',
          path: ['zendesk', 'auth', 'type'],
        },
      }
  }
}

function bearerFromSecret(secret: SecretLookup, field: string, name: string): { authorization: string } | { problem: AuthProblem } {
  const needed = needSecrets(secret, [[field, name]])
  return 'problem' in needed ? needed : { authorization: bearerAuthorization(needed.values[field]!) }
}

/** Whether this auth can get a new access token by itself (after an expiry or a revocation). */
export function canRenew(auth: ZendeskAuthConfig): boolean {
  return auth.type === 'oauth_client_credentials' || auth.type === 'oauth_refresh'
}

/** The JSON body of `POST /oauth/tokens` that renews this auth's access token. */
export function tokenRequestBody(auth: ZendeskAuthConfig, secret: SecretLookup): { body: Record<string, string> } | { problem: AuthProblem } {
  switch (auth.type) {
    case 'oauth_client_credentials': {
      const needed = needSecrets(secret, authSecretFields(auth))
      if ('problem' in needed) return needed
      return {
        body: { grant_type: 'client_credentials', client_id: auth.clientId, client_secret: needed.values.clientSecret!, scope: auth.scope },
      }
    }
    case 'oauth_refresh': {
      const needed = needSecrets(secret, [['refreshToken', auth.refreshToken], ['clientSecret', auth.clientSecret]])
      if ('problem' in needed) return needed
      return {
        body: {
          grant_type: 'refresh_token',
          refresh_token: needed.values.refreshToken!,
          client_id: auth.clientId,
          client_secret: needed.values.clientSecret!,
        },
      }
    }
    default:
      return {
        problem: {
          code: 'zendesk-auth-cannot-renew',
          message: `A "${auth.type}" token cannot be renewed by Hookbench: paste a new one, or use "oauth_client_credentials".`,
          path: ['zendesk', 'auth', 'type'],
        },
      }
  }
}

const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  refresh_token: z.string().min(1).optional(),
  expires_in: z.number().positive().optional(),
  scope: z.string().optional(),
})

export interface TokenGrant {
  accessToken: string
  /** Present when Zendesk rotated the refresh token (it invalidates the old one). */
  refreshToken?: string
  /** Seconds the access token lives, when Zendesk says. */
  expiresIn?: number
}

export function parseTokenResponse(json: unknown): TokenGrant | undefined {
  const parsed = tokenResponseSchema.safeParse(json)
  if (!parsed.success) return undefined
  const { access_token, refresh_token, expires_in } = parsed.data
  return {
    accessToken: access_token,
    ...(refresh_token !== undefined ? { refreshToken: refresh_token } : {}),
    ...(expires_in !== undefined ? { expiresIn: expires_in } : {}),
  }
}

/**
 * Whether a 401 says the bearer token is no longer valid. Zendesk answers an expired or revoked
 * token with `{"error":"invalid_token",…}` and `WWW-Authenticate: Bearer …error="invalid_token"`.
 */
export function saysTokenInvalid(status: number, wwwAuthenticate: string | null, body: string): boolean {
  if (status !== 401) return false
  return /invalid_token/.test(wwwAuthenticate ?? '') || /"error"\s*:\s*"invalid_token"/.test(body)
}

/** A plain-language reading of an error from `POST /oauth/tokens` (OAuth 2.0 error codes). */
export function describeTokenError(status: number, body: string, grant: string): { message: string; hint?: string } {
  const error = /"error"\s*:\s*"([a-z_]+)"/.exec(body)?.[1]
  switch (error) {
    case 'invalid_client':
      return { message: `Zendesk did not accept the OAuth client id or secret (${status} invalid_client).`, hint: 'Check zendesk.auth.clientId and the stored client secret against Admin Center > APIs > OAuth clients.' }
    case 'invalid_grant':
      return grant === 'refresh_token'
        ? { message: `Zendesk refused the refresh token (${status} invalid_grant): it expired, was revoked, or was already used.`, hint: 'Get a new access and refresh token pair and store both.' }
        : { message: `Zendesk refused the grant (${status} invalid_grant).` }
    case 'invalid_scope':
      return { message: `Zendesk refused the requested scope (${status} invalid_scope).`, hint: 'Check zendesk.auth.scope against the scopes the OAuth client allows.' }
    case 'unauthorized_client':
    case 'unsupported_grant_type':
      return { message: `This OAuth client may not use the ${grant} grant (${status} ${error}).`, hint: 'The client_credentials grant needs a confidential OAuth client.' }
    default:
      return { message: `Zendesk answered ${status} to POST /oauth/tokens${error ? ` (${error})` : ''}.` }
  }
}
