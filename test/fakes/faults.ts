/**
 * Failure injection shared by both fakes. Each control queues one fault; each incoming
 * request takes the oldest queued fault, if any. A `respond` fault answers exactly what the
 * test asked for, bypassing auth, rate limiting and routing; a `delay` fault only postpones
 * normal handling (to drive client timeouts); a `drop` fault destroys the connection.
 */
import type { FakeResponse, ResponseHeaders } from './http.js'

export type RedirectStatus = 301 | 302 | 303 | 307 | 308

export type Fault =
  | { kind: 'respond'; response: FakeResponse }
  | { kind: 'delay'; ms: number }
  | { kind: 'drop' }

export interface FaultControls {
  /** The next request gets `status` with `body` (default: the vendor's generic error body for that status). */
  failNext(status: number, body?: unknown, headers?: ResponseHeaders): void
  /** The next request is handled normally, but only after `ms` (keep it short; for timeout tests abort sooner). */
  delayNext(ms: number): void
  /** The next request gets a redirect to `location`, to check that clients report redirects instead of following them. */
  redirectNext(location: string, status?: RedirectStatus): void
  /** The next request's connection is destroyed without a response (a network error for the client). */
  dropNext(): void
  /** Forgets every queued fault. */
  clearFaults(): void
}

export class FaultQueue implements FaultControls {
  private readonly queue: Fault[] = []

  /** `defaultBody(status)`: the body a vendor sends for a bare status, e.g. `{"message": "Internal Server Error"}`. */
  constructor(private readonly defaultBody: (status: number) => unknown) {}

  failNext(status: number, body?: unknown, headers: ResponseHeaders = {}): void {
    this.queue.push({ kind: 'respond', response: { status, body: body === undefined ? this.defaultBody(status) : body, headers } })
  }

  delayNext(ms: number): void {
    this.queue.push({ kind: 'delay', ms })
  }

  redirectNext(location: string, status: RedirectStatus = 302): void {
    this.queue.push({ kind: 'respond', response: { status, headers: { Location: location } } })
  }

  dropNext(): void {
    this.queue.push({ kind: 'drop' })
  }

  clearFaults(): void {
    this.queue.length = 0
  }

  /** The fault for the request that just arrived, if one is queued. */
  take(): Fault | undefined {
    return this.queue.shift()
  }
}
