/**
 * Braze's error responses: `{"message": "<fatal error message>", "errors": [...]}` (braze.md
 * §5.2 "Fatal error"). The statuses are the documented ones; the message texts are
 * UNCONFIRMED unless a comment says otherwise.
 */
import { jsonResponse, type FakeResponse, type ResponseHeaders } from '../http.js'

export function brazeError(status: number, message: string, errors?: unknown[], headers: ResponseHeaders = {}): FakeResponse {
  return jsonResponse(status, errors === undefined ? { message } : { message, errors }, headers)
}

/** Missing or unknown REST API key: 401 per the §5.2 table (which also lists "404: unknown REST API key"; the fake uses 401 for both). */
export function invalidApiKey(key: string | undefined): FakeResponse {
  return brazeError(401, `Invalid API key: ${key ?? ''}`)
}

/** 400 for a body that is not JSON ("bad syntax", §5.2 table). */
export function badSyntax(reason: string): FakeResponse {
  return brazeError(400, `Invalid JSON: ${reason}`)
}

/** 429 "Rate Limited" with `Retry-After` in seconds. */
export function rateLimited(retryAfterSeconds: number, headers: ResponseHeaders): FakeResponse {
  return brazeError(429, 'Rate Limited', undefined, { ...headers, 'Retry-After': String(retryAfterSeconds) })
}

export function notFound(): FakeResponse {
  return brazeError(404, 'Not Found')
}

/** The body an injected failure gets when the test names only a status. */
export function genericBrazeError(status: number): unknown {
  return { message: status >= 500 ? 'Internal Server Error' : `Injected ${status} response` }
}
