/**
 * What a Connected Content answer does to the message: text inserted where the tag is, a
 * variable saved, nothing at all, or an aborted message.
 */
import type { CannedResponse } from '../../samples/types.js'
import type { Severity } from '../../diagnostics.js'

export interface ResponseContext {
  /** `GET https://…`, for messages. */
  call: string
  saveGiven: boolean
  retry: boolean
}

export interface ResponseEffect {
  /** Inserted where the tag is. */
  text?: string
  /** Saved to the `:save` variable, or `connected`. */
  saved?: unknown
  /** Set when the message is aborted. */
  abortReason?: string
  note?: { severity: Severity; rule: string; message: string }
}

/** Braze retries these (5XX, 408 Request Timeout, 429 Too Many Requests) and counts them as failures. */
export function isFailureStatus(status: number): boolean {
  return status >= 500 || status === 408 || status === 429
}

/** Braze tries a call with `:retry` up to 5 times. */
const TRIES_WITH_RETRY = 5

export function responseEffect(response: CannedResponse, context: ResponseContext): ResponseEffect {
  const status = response.status ?? 200
  if (isFailureStatus(status)) {
    if (context.retry) {
      return { abortReason: `Connected Content ${context.call} failed with status ${status} after ${TRIES_WITH_RETRY} tries (:retry)` }
    }
    return {
      note: {
        severity: 'warning',
        rule: 'failed',
        message: `Connected Content ${context.call} answered ${status}: Braze inserts nothing (with :retry it would retry, then abort the message)`,
      },
    }
  }

  const effect: ResponseEffect = {}
  const json = jsonCollection(response.body)
  if (json !== undefined) {
    // UNCONFIRMED: one Braze page adds __http_status_code__ only to 2XX answers. It is added to
    // every saved object here, so Braze's documented `__http_status_code__ != 200` check can work.
    effect.saved = Array.isArray(json) ? json : { ...json, __http_status_code__: status }
  }
  const is2xx = status >= 200 && status < 300
  if (!is2xx) {
    // Braze renders a 404 as an empty string. UNCONFIRMED: other non-failure statuses (3XX, which
    // Braze does not follow, and 4XX) are taken to insert nothing either.
    effect.note = {
      severity: 'info',
      rule: 'http-status',
      message: `Connected Content ${context.call} answered ${status}: Braze inserts nothing where the tag is`,
    }
  } else if (json === undefined && context.saveGiven) {
    // UNCONFIRMED: what :save holds after a non-JSON answer; it is left unset here.
    effect.note = {
      severity: 'info',
      rule: 'not-json',
      message: `Connected Content ${context.call} answered with text, not a JSON object or array: :save has nothing to save and nothing is inserted`,
    }
  } else if (json === undefined) {
    effect.text = responseText(response.body)
  }
  return effect
}

/** The answer as a fresh JSON object or array (so saving it never changes the sample), or `undefined`. */
function jsonCollection(body: unknown): Record<string, unknown> | unknown[] | undefined {
  let value = body
  if (typeof body === 'string') {
    try {
      value = JSON.parse(body)
    } catch {
      return undefined
    }
  }
  return value !== null && typeof value === 'object' ? structuredClone(value as Record<string, unknown> | unknown[]) : undefined
}

/** A JSON scalar (UNCONFIRMED: Braze saves only objects and arrays) is inserted like text. */
function responseText(body: unknown): string {
  if (body === undefined || body === null) return ''
  return typeof body === 'string' ? body : JSON.stringify(body)
}
