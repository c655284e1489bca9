/**
 * Zendesk's error responses. Its shapes differ by API generation (zendesk.md §5.3): the
 * classic Support endpoints answer `{"error", "description", "details"}`, the newer webhooks
 * API answers `{"errors": [{code, title, detail}]}`. Both are reproduced so clients are
 * tested against each.
 */
import { jsonResponse, type FakeResponse, type ResponseHeaders } from '../http.js'

/** Bad or missing credentials (exact body, §5.3). */
export function couldNotAuthenticate(): FakeResponse {
  return jsonResponse(401, { error: "Couldn't authenticate you" })
}

/**
 * An expired OAuth access token. UNCONFIRMED: the body Zendesk sends here is not documented.
 * This is the RFC 6750 `invalid_token` error as Doorkeeper (a common Rails OAuth provider)
 * words it, with the matching `WWW-Authenticate` challenge.
 */
export function expiredAccessToken(): FakeResponse {
  const description = 'The access token expired'
  return jsonResponse(
    401,
    { error: 'invalid_token', error_description: description },
    { 'WWW-Authenticate': `Bearer realm="Zendesk", error="invalid_token", error_description="${description}"` },
  )
}

/**
 * Authenticated, but not allowed (e.g. an OAuth token without the scope). UNCONFIRMED: the
 * exact JSON (§5.3 only quotes "Forbidden … contact the account owner").
 */
export function forbidden(): FakeResponse {
  return jsonResponse(403, {
    error: 'Forbidden',
    description: 'You do not have access to this page. Please contact the account owner of this help desk for further help.',
  })
}

/** An unknown id (OAS example body, §5.3). */
export function recordNotFound(): FakeResponse {
  return jsonResponse(404, { error: 'RecordNotFound', description: 'Not found' })
}

/** A path the account does not have (§5.3 names the `InvalidEndpoint` error; the description is UNCONFIRMED). */
export function invalidEndpoint(): FakeResponse {
  return jsonResponse(404, { error: 'InvalidEndpoint', description: 'Not found' })
}

/** UNCONFIRMED: Zendesk's body for a request body that is not JSON; the 400 status is what Rails answers. */
export function unparsableJson(reason: string): FakeResponse {
  return jsonResponse(400, { error: 'InvalidJSON', description: `The request body is not valid JSON: ${reason}` })
}

/**
 * Over the per-minute budget: 429 with `Retry-After` in seconds (§5.4). UNCONFIRMED: the body;
 * this is the wording Zendesk is commonly reported to use.
 */
export function rateLimited(retryAfterSeconds: number, headers: ResponseHeaders): FakeResponse {
  return jsonResponse(
    429,
    { error: 'APIRateLimitExceeded', description: 'Number of allowed API requests per minute exceeded' },
    { ...headers, 'Retry-After': String(retryAfterSeconds) },
  )
}

/** One entry of a 422 `details` list. `error` is left out where the observed body has none. */
export interface RecordErrorDetail {
  description: string
  error?: string
}

/**
 * Collects field problems into the 422 RecordInvalid body (§5.3): `details` is a map keyed
 * by field name (`base` for the record as a whole), each a list of `{description, error}`.
 */
export class RecordErrors {
  private readonly details: Record<string, RecordErrorDetail[]> = {}

  /** `error: null` leaves the code out, as in the observed "closed prevents ticket update" detail. */
  add(field: string, description: string, error: string | null = 'InvalidValue'): this {
    const detail: RecordErrorDetail = error === null ? { description } : { description, error }
    ;(this.details[field] ??= []).push(detail)
    return this
  }

  get isEmpty(): boolean {
    return Object.keys(this.details).length === 0
  }

  response(): FakeResponse {
    return jsonResponse(422, { error: 'RecordInvalid', description: 'Record validation errors', details: this.details })
  }
}

/** `"Status: closed prevents ticket update"`: Zendesk prefixes a detail with the field's title. */
export function fieldTitle(field: string): string {
  const words = field.replace(/_id$/, '').replace(/_/g, ' ')
  return words.charAt(0).toUpperCase() + words.slice(1)
}

/** One problem in the webhooks API's error list. */
export interface WebhookErrorItem {
  code: string
  title: string
  detail: string
  /** JSON pointer to the offending field, e.g. `/webhook/endpoint`. */
  source?: { pointer: string }
}

/**
 * The webhooks API's `{"errors": [{code, title, detail}]}` shape (§5.3 lists it).
 * UNCONFIRMED: the codes and titles the webhooks endpoints use; the shape is what matters to clients.
 */
export function webhookErrors(status: number, errors: WebhookErrorItem[]): FakeResponse {
  return jsonResponse(status, { errors })
}

export function webhookNotFound(): FakeResponse {
  return webhookErrors(404, [{ code: 'WebhookNotFound', title: 'Webhook not found', detail: 'Webhook not found' }])
}

/** The body an injected failure gets when the test names only a status. */
export function genericZendeskError(status: number): unknown {
  return { error: status >= 500 ? 'InternalError' : 'Error', description: `Injected ${status} response` }
}
