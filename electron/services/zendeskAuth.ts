/**
 * Authenticated Zendesk API calls for one environment: the Authorization header, a token
 * obtained with the client_credentials grant, and renewal after a 401 that says the token is
 * no longer valid (`POST /oauth/tokens`, grant_type refresh_token or client_credentials).
 * Zendesk rotates refresh tokens on every refresh, so the new pair is stored back at once.
 *
 * Node only (fetch), no Electron: the CLI uses it too. Errors say what happened in plain words,
 * point at the environment file where the cause lies, and never contain a secret value.
 */
import type { Diagnostic } from '../../shared/diagnostics.js'
import { environmentDiagnostic, hostAllowed, KNOWN_VARIABLES, zendeskApiBase, type Environment, type ZendeskAuthConfig } from '../../shared/environment/model.js'
import { maskSecrets } from '../../shared/environment/substitute.js'
import {
  apiTokenRetirement,
  authSecretFields,
  bearerAuthorization,
  canRenew,
  describeTokenError,
  parseTokenResponse,
  saysTokenInvalid,
  tokenRequestBody,
  zendeskAuthorization,
  zendeskBaseUrl,
  type AuthProblem,
  type TokenGrant,
} from '../../shared/environment/zendeskAuth.js'
import { loadSecretValues, type SecretStore } from './secrets/store.js'

export interface ZendeskAuthOptions {
  environment: Environment
  /** The secret store of this workspace and environment. */
  secrets: SecretStore
  /** Default `https://<zendesk_subdomain>.zendesk.com`; tests point it at a local fake. */
  baseUrl?: string
  fetch?: typeof fetch
  /** Per request, token requests included (default 15 s). */
  timeoutMs?: number
  /** Milliseconds since the epoch (default: the clock). */
  now?: () => number
}

export class ZendeskAuthError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly hint?: string,
    /** Where in the environment file the cause lies, when it lies there. */
    readonly diagnostic?: Diagnostic,
  ) {
    super(message)
    this.name = 'ZendeskAuthError'
  }
}

/** Renew a little before Zendesk's stated expiry, so a token never dies in flight. */
const EXPIRY_MARGIN_MS = 60_000

interface ObtainedToken {
  accessToken: string
  expiresAt?: number
}

export class ZendeskAuth {
  readonly baseUrl: string
  private readonly environment: Environment
  private readonly auth: ZendeskAuthConfig
  private readonly secrets: SecretStore
  private readonly fetchImpl: typeof fetch
  private readonly timeoutMs: number
  private readonly now: () => number
  /** A token obtained or refreshed during this session; it wins over the stored one. */
  private obtained: ObtainedToken | undefined
  /** One renewal at a time: a rotated refresh token can be used only once. */
  private renewing: Promise<void> | undefined

  constructor(options: ZendeskAuthOptions) {
    const { environment } = options
    if (!environment.zendesk) {
      throw new ZendeskAuthError(`Environment "${environment.name}" has no Zendesk auth.`, 'zendesk-auth-not-configured',
        'Add "zendesk": {"auth": {…}} to the environment file.')
    }
    this.environment = environment
    this.auth = environment.zendesk.auth
    this.secrets = options.secrets
    this.fetchImpl = options.fetch ?? fetch
    this.timeoutMs = options.timeoutMs ?? 15_000
    this.now = options.now ?? Date.now
    this.baseUrl = (options.baseUrl ?? zendeskApiBase(environment) ?? zendeskBaseUrl('')).replace(/\/+$/, '')
  }

  /** Warnings to show whenever this auth is used (API-token retirement). */
  warnings(): string[] {
    return this.auth.type === 'api_token' ? [apiTokenRetirement(new Date(this.now())).message] : []
  }

  /** The Authorization header value for the next call, obtaining or renewing a token if needed. */
  async authorization(): Promise<string> {
    const stale = this.obtained?.expiresAt !== undefined && this.now() >= this.obtained.expiresAt
    if ((this.auth.type === 'oauth_client_credentials' && !this.obtained) || stale) await this.renew()
    const secrets = await this.secretValues()
    const result = zendeskAuthorization(this.auth, (name) => secrets.get(name), this.obtained?.accessToken)
    if ('problem' in result) throw this.problemError(result.problem)
    return result.authorization
  }

  /**
   * Sends an authenticated request to a path of the Zendesk account (or a full URL on an
   * allowed host). After a 401 saying the token is invalid, renews it once and retries. The
   * body must be re-sendable (a string or bytes), as rendered templates are.
   */
  async fetch(pathOrUrl: string, init: RequestInit = {}): Promise<Response> {
    const url = new URL(pathOrUrl, `${this.baseUrl}/`).toString()
    this.requireAllowed(url)
    const authorization = await this.authorization()
    const response = await this.send(url, withAuthorization(init, authorization))
    if (!canRenew(this.auth) || response.status !== 401) return response
    const body = await response.clone().text()
    if (!saysTokenInvalid(response.status, response.headers.get('www-authenticate'), body)) return response
    await this.renewUnlessDoneSince(authorization)
    return this.send(url, withAuthorization(init, await this.authorization()))
  }

  /** Gets a new access token now (client credentials, or the refresh token). */
  renew(): Promise<void> {
    this.renewing ??= this.requestToken().finally(() => {
      this.renewing = undefined
    })
    return this.renewing
  }

  /** Another request may have renewed while this one waited for its 401: don't burn a second refresh. */
  private async renewUnlessDoneSince(failedAuthorization: string): Promise<void> {
    if (this.renewing) return this.renewing
    if (this.obtained && bearerAuthorization(this.obtained.accessToken) !== failedAuthorization) return
    return this.renew()
  }

  private async requestToken(): Promise<void> {
    const secrets = await this.secretValues()
    const request = tokenRequestBody(this.auth, (name) => secrets.get(name))
    if ('problem' in request) throw this.problemError(request.problem)
    const grant = request.body.grant_type!
    if (grant === 'refresh_token' && this.secrets.readOnly) {
      throw new ZendeskAuthError(
        'The Zendesk access token must be refreshed, but this secret store cannot save the new token pair, and Zendesk invalidates the old refresh token on every refresh.',
        'zendesk-auth-refresh-read-only',
        'Refresh in the Hookbench app and export the new tokens, or use "oauth_client_credentials" for the command line.',
        this.locate(['zendesk', 'auth', 'type'], 'zendesk-auth-refresh-read-only', 'Refreshing needs a writable secret store.'),
      )
    }
    const url = `${this.baseUrl}/oauth/tokens`
    this.requireAllowed(url)
    const response = await this.send(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(request.body),
    })
    const text = await response.text()
    if (!response.ok) {
      const { message, hint } = describeTokenError(response.status, text, grant)
      throw new ZendeskAuthError(message, 'zendesk-auth-token-refused', hint, this.locate(['zendesk', 'auth'], 'zendesk-auth-token-refused', message, hint))
    }
    const parsed = parseTokenResponse(safeJson(text))
    if (!parsed) {
      throw new ZendeskAuthError(`Zendesk's answer to POST /oauth/tokens (${response.status}) holds no access token.`, 'zendesk-auth-token-malformed')
    }
    await this.keep(parsed)
  }

  private async keep(grant: TokenGrant): Promise<void> {
    this.obtained = {
      accessToken: grant.accessToken,
      ...(grant.expiresIn !== undefined ? { expiresAt: this.now() + grant.expiresIn * 1000 - EXPIRY_MARGIN_MS } : {}),
    }
    if (this.auth.type !== 'oauth_refresh') return
    // The refresh token is stored first: losing it locks the user out, losing the access token does not.
    if (grant.refreshToken !== undefined) await this.secrets.set(this.auth.refreshToken, grant.refreshToken)
    await this.secrets.set(this.auth.accessToken, grant.accessToken)
  }

  /** fetch with a timeout, and failures told in plain words without query strings or secrets. */
  private async send(url: string, init: RequestInit): Promise<Response> {
    const timeout = AbortSignal.timeout(this.timeoutMs)
    const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout
    const target = `${init.method ?? 'GET'} ${displayUrl(url)}`
    try {
      return await this.fetchImpl(url, { ...init, signal })
    } catch (err) {
      if (timeout.aborted) {
        throw new ZendeskAuthError(`Zendesk did not answer ${target} within ${this.timeoutMs / 1000} s.`, 'zendesk-timeout')
      }
      if (init.signal?.aborted) throw err
      const reason = (err as { cause?: { code?: string } }).cause?.code ?? (err instanceof Error ? err.name : 'network error')
      const message = await this.masked(`Could not reach Zendesk for ${target} (${reason}).`)
      throw new ZendeskAuthError(message, 'zendesk-unreachable', `Check the subdomain "${this.environment.variables[KNOWN_VARIABLES.zendeskSubdomain] ?? ''}" and the network.`)
    }
  }

  private requireAllowed(url: string): void {
    if (hostAllowed(this.environment, url)) return
    const host = new URL(url).host
    const message = `Credentials for environment "${this.environment.name}" may not be sent to ${host}: it is not in "allowedHosts".`
    throw new ZendeskAuthError(message, 'zendesk-auth-host-not-allowed', `Add "${host}" to "allowedHosts" if this host is right.`,
      this.locate(['allowedHosts'], 'zendesk-auth-host-not-allowed', message))
  }

  private async secretValues(): Promise<Map<string, string>> {
    return loadSecretValues(this.secrets, authSecretFields(this.auth).map(([, name]) => name))
  }

  private async masked(text: string): Promise<string> {
    return maskSecrets(text, [...(await this.secretValues()).values(), ...(this.obtained ? [this.obtained.accessToken] : [])])
  }

  private problemError(problem: AuthProblem): ZendeskAuthError {
    return new ZendeskAuthError(problem.message, problem.code, problem.hint, this.locate(problem.path, problem.code, problem.message, problem.hint))
  }

  private locate(path: (string | number)[], code: string, message: string, hint?: string): Diagnostic {
    return environmentDiagnostic(this.environment, path, 'error', code, message, hint)
  }
}

function withAuthorization(init: RequestInit, authorization: string): RequestInit {
  const headers = new Headers(init.headers)
  headers.set('Authorization', authorization)
  return { ...init, headers }
}

/** Origin and path only: a query string may carry anything. */
function displayUrl(url: string): string {
  const { origin, pathname } = new URL(url)
  return `${origin}${pathname}`
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}
