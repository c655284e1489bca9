/**
 * The HTTP vocabulary both fakes share: a request as handlers see it, a response as data,
 * a tiny router, and body and credential parsing. Handlers return responses instead of
 * writing to sockets, so each one reads as "given this request, the API answers that".
 */
import type { IncomingHttpHeaders } from 'node:http'
import { isJsonObject, type JsonObject } from '../../shared/checks/json.js'

export interface FakeRequest {
  method: string
  /** Path without the query string, e.g. `/api/v2/tickets/1.json`. */
  path: string
  query: URLSearchParams
  headers: IncomingHttpHeaders
  rawBody: string
}

export type ResponseHeaders = Record<string, string>

export interface FakeResponse {
  status: number
  headers?: ResponseHeaders
  /** Sent as JSON; a string is sent as-is; `undefined` sends no body. */
  body?: unknown
}

export function jsonResponse(status: number, body: unknown, headers: ResponseHeaders = {}): FakeResponse {
  return { status, body, headers }
}

export function noContent(headers: ResponseHeaders = {}): FakeResponse {
  return { status: 204, headers }
}

/** Adds headers a response does not set itself (a handler's own headers win). */
export function withDefaultHeaders(response: FakeResponse, headers: ResponseHeaders): FakeResponse {
  return { ...response, headers: { ...headers, ...response.headers } }
}

// ── routing ──

export type RouteParams = Record<string, string>

export type RouteHandler<Context> = (
  request: FakeRequest,
  params: RouteParams,
  context: Context,
) => FakeResponse | Promise<FakeResponse>

export interface RouteOptions {
  /** Also match the path with a `.json` suffix (Zendesk's classic endpoints; not its webhooks API). */
  dotJson?: boolean
}

interface Route<Context> {
  method: string
  pattern: RegExp
  handler: RouteHandler<Context>
}

/** Method + path-template routing: `/api/v2/tickets/:id` binds `params.id`. */
export class Router<Context> {
  private readonly routes: Route<Context>[] = []

  on(method: string, template: string, handler: RouteHandler<Context>, options: RouteOptions = {}): this {
    const segments = template
      .split('/')
      .map((segment) => (segment.startsWith(':') ? `(?<${segment.slice(1)}>[^/]+?)` : escapeRegExp(segment)))
    const suffix = options.dotJson ? '(?:\\.json)?' : ''
    this.routes.push({ method, pattern: new RegExp(`^${segments.join('/')}${suffix}$`), handler })
    return this
  }

  match(method: string, path: string): { handler: RouteHandler<Context>; params: RouteParams } | undefined {
    for (const route of this.routes) {
      if (route.method !== method) continue
      const found = route.pattern.exec(path)
      if (found) return { handler: route.handler, params: { ...found.groups } }
    }
    return undefined
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

// ── bodies ──

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string }

export function parseJson(raw: string): Parsed<unknown> {
  try {
    return { ok: true, value: JSON.parse(raw) as unknown }
  } catch (error) {
    return { ok: false, reason: (error as Error).message }
  }
}

/** A JSON object body, for endpoints that take `{"<resource>": {…}}`-style objects. */
export function parseJsonObject(raw: string): Parsed<JsonObject> {
  const parsed = parseJson(raw)
  if (!parsed.ok) return parsed
  if (!isJsonObject(parsed.value)) return { ok: false, reason: 'the body is not a JSON object' }
  return { ok: true, value: parsed.value }
}

/** A JSON or `application/x-www-form-urlencoded` body (OAuth token requests accept both), chosen by Content-Type. */
export function parseJsonOrForm(request: FakeRequest): Parsed<JsonObject> {
  const contentType = request.headers['content-type'] ?? ''
  if (contentType.includes('application/x-www-form-urlencoded')) {
    return { ok: true, value: Object.fromEntries(new URLSearchParams(request.rawBody)) }
  }
  return parseJsonObject(request.rawBody)
}

// ── credentials ──

/** `Authorization: Basic base64(user:password)`, split at the first colon. */
export function basicCredentials(headers: IncomingHttpHeaders): { username: string; password: string } | undefined {
  const encoded = /^Basic\s+(\S+)$/i.exec(headers.authorization ?? '')?.[1]
  if (encoded === undefined) return undefined
  const decoded = Buffer.from(encoded, 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  if (colon < 0) return undefined
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) }
}

/** `Authorization: Bearer <token>`. */
export function bearerToken(headers: IncomingHttpHeaders): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(headers.authorization ?? '')?.[1]
}
