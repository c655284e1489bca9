/**
 * The HTTP request Braze would send for a `{% connected_content %}` call, built from the
 * rendered URL, body and header values.
 */
import type { ConnectedContentRequest } from '../../engine/env.js'

export interface RenderedCall {
  url: string
  method: 'GET' | 'POST'
  body?: string
  contentType?: string
  /** `:headers`, rendered, in the order written. */
  headers: [name: string, value: string][]
  basicAuth?: string
  authCredentials?: string
}

/** Braze calls only the standard web ports. */
const ALLOWED_PORTS = new Set(['80', '443'])

/** Why Braze would refuse to call `url`, or `undefined` when it would call it. */
export function urlProblem(url: string): string | undefined {
  if (url === '') return 'the Connected Content URL renders empty; Braze makes no call'
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return `${JSON.stringify(url)} is not an absolute URL; Braze makes no call`
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return `Connected Content calls only http and https URLs, not ${JSON.stringify(url)}`
  }
  // `URL` drops a port that is the scheme's default, so `port` is empty for :80 on http and :443 on https.
  if (parsed.port !== '' && !ALLOWED_PORTS.has(parsed.port)) {
    return `Connected Content calls only ports 80 and 443, not ${parsed.port} (${url}); Braze makes no call`
  }
  return undefined
}

/**
 * Credentials live in Braze (Settings > Connected Content) and cannot be known offline. The
 * stand-in is ASCII so the request stays sendable, and says plainly what it replaces.
 */
export function credentialStandIn(option: 'basic_auth' | 'auth_credentials', name: string): string {
  return `HOOKBENCH-STAND-IN(${option}:${name})`
}

/**
 * A token credential adds header names and values stored in Braze; the names are unknown
 * offline, so the stand-in goes in a header of its own.
 */
export const AUTH_CREDENTIALS_STAND_IN_HEADER = 'X-Hookbench-Auth-Credentials'

export function buildConnectedContentRequest(call: RenderedCall): ConnectedContentRequest {
  const headers = new HeaderSet()
  if (call.contentType !== undefined) {
    headers.set('Content-Type', call.contentType)
    headers.set('Accept', call.contentType)
  } else if (call.method === 'GET') {
    headers.set('Content-Type', 'application/json')
    headers.set('Accept', '*/*')
  } else {
    // UNCONFIRMED which Accept Braze sends on POST; the docs name only the Content-Type.
    headers.set('Content-Type', 'application/x-www-form-urlencoded')
  }
  if (call.basicAuth !== undefined) headers.set('Authorization', `Basic ${credentialStandIn('basic_auth', call.basicAuth)}`)
  if (call.authCredentials !== undefined) {
    headers.set(AUTH_CREDENTIALS_STAND_IN_HEADER, credentialStandIn('auth_credentials', call.authCredentials))
  }
  // UNCONFIRMED that :headers override the defaults above; an explicit header is assumed to win.
  for (const [name, value] of call.headers) headers.set(name, value)

  const request: ConnectedContentRequest = { url: call.url, method: call.method, headers: headers.toRecord() }
  if (call.method === 'POST' && call.body !== undefined) {
    request.body = isJsonMediaType(call.contentType) ? formBodyAsJson(call.body) : call.body
  }
  return request
}

/** Headers by case-insensitive name, keeping the spelling of the last one set. */
class HeaderSet {
  private readonly byLowerName = new Map<string, [string, string]>()

  set(name: string, value: string): void {
    this.byLowerName.delete(name.toLowerCase())
    this.byLowerName.set(name.toLowerCase(), [name, value])
  }

  toRecord(): Record<string, string> {
    return Object.fromEntries(this.byLowerName.values())
  }
}

function isJsonMediaType(contentType: string | undefined): boolean {
  return contentType?.split(';')[0]?.trim().toLowerCase() === 'application/json'
}

/**
 * With `:content_type application/json`, Braze JSON-encodes a form-style body (`a=1&b=2`).
 * UNCONFIRMED: that values are URL-decoded and that a repeated key keeps its last value; both
 * follow how form bodies are usually read. A body that is not form-style is sent as it is.
 */
function formBodyAsJson(body: string): string {
  if (!isFormStyle(body)) return body
  return JSON.stringify(Object.fromEntries(new URLSearchParams(body)))
}

function isFormStyle(body: string): boolean {
  const trimmed = body.trim()
  if (trimmed === '' || trimmed.startsWith('{') || trimmed.startsWith('[')) return false
  return trimmed.split('&').every((pair) => /^[^=\s]+=/.test(pair))
}
