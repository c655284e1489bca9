/**
 * A per-minute request budget per bucket. Fixed windows aligned to the clock minute: simpler
 * than the vendors' real (undocumented) windows, and deterministic under a manual clock.
 */
import { MINUTE_MS, type Clock } from './clock.js'

export interface RateDecision {
  allowed: boolean
  limit: number
  /** Requests left in the current window after this one. */
  remaining: number
  /** When the current window ends (epoch ms). */
  resetAt: number
  /** Whole seconds until the window ends, at least 1: the `Retry-After` value. */
  retryAfterSeconds: number
}

export class PerMinuteRateLimiter {
  private readonly used = new Map<string, { window: number; count: number }>()

  constructor(private readonly now: Clock) {}

  /** Spends one request from `bucket` if its budget allows; a refused request spends nothing. */
  take(bucket: string, limit: number): RateDecision {
    const now = this.now()
    const window = Math.floor(now / MINUTE_MS)
    const entry = this.used.get(bucket)
    const count = entry?.window === window ? entry.count : 0
    const allowed = count < limit
    const newCount = allowed ? count + 1 : count
    this.used.set(bucket, { window, count: newCount })
    const resetAt = (window + 1) * MINUTE_MS
    return {
      allowed,
      limit,
      remaining: Math.max(0, limit - newCount),
      resetAt,
      retryAfterSeconds: Math.max(1, Math.ceil((resetAt - now) / 1000)),
    }
  }

  reset(): void {
    this.used.clear()
  }
}
