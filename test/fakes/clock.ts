/**
 * Time for the fakes. Everything time-dependent (token expiry, the API-token retirement
 * date, rate-limit windows, created_at stamps) reads an injectable clock, so tests move
 * time forward instead of sleeping.
 */

/** Milliseconds since the Unix epoch, like `Date.now`. */
export type Clock = () => number

export const systemClock: Clock = () => Date.now()

export interface ManualClock {
  now: Clock
  /** Moves time forward by `ms`. */
  advance(ms: number): void
  /** Jumps to an instant (ISO 8601 text or epoch milliseconds). */
  set(time: string | number): void
}

/** A clock that stands still until told to move. */
export function manualClock(start: string | number): ManualClock {
  let current = toEpochMs(start)
  return {
    now: () => current,
    advance(ms) {
      current += ms
    },
    set(time) {
      current = toEpochMs(time)
    },
  }
}

export function toEpochMs(time: string | number): number {
  const ms = typeof time === 'number' ? time : Date.parse(time)
  if (Number.isNaN(ms)) throw new Error(`not a date: ${String(time)}`)
  return ms
}

/** `2026-11-25T13:36:51Z`: ISO 8601 without milliseconds, as Zendesk writes timestamps. */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')
}

/** `2026-11-25T13:36:51.123Z`. */
export function isoMillis(ms: number): string {
  return new Date(ms).toISOString()
}

export const MINUTE_MS = 60_000
export const DAY_MS = 24 * 60 * MINUTE_MS
