/**
 * A fake Braze REST instance on 127.0.0.1 that enforces the documented behaviour
 * (/work/shared/reference/braze.md §5): permission-scoped REST API keys, `/users/track`
 * (validated, then applied asynchronously) and `/users/export/ids`, with per-endpoint
 * per-minute rate limits. Tests put `url` where `https://rest.iad-01.braze.com` goes.
 */
import { systemClock, type Clock } from './clock.js'
import type { FaultControls } from './faults.js'
import { withDefaultHeaders, type FakeRequest, type FakeResponse } from './http.js'
import { PerMinuteRateLimiter } from './rateLimit.js'
import { startFakeHttpServer, type RecordedRequest } from './server.js'
import { ApplyQueue } from './braze/applyQueue.js'
import { authorize, type MissingPermissionStatus } from './braze/auth.js'
import { genericBrazeError, notFound, rateLimited } from './braze/errors.js'
import { addBrazeUser, emptyBrazeState, type BrazeApiKey, type BrazePermission, type BrazeState, type BrazeUserSeed } from './braze/state.js'
import { usersExportIds } from './braze/usersExport.js'
import { usersTrack } from './braze/usersTrack.js'

export type { BrazeApiKey, BrazePermission, BrazeState, BrazeUser, BrazeUserSeed } from './braze/state.js'

export interface FakeBrazeOptions {
  /** Default: {@link DEFAULT_BRAZE_API_KEY} with both permissions. */
  apiKeys?: BrazeApiKey[]
  /** Status for a key without the endpoint's permission (UNCONFIRMED; default 403). */
  missingPermissionStatus?: MissingPermissionStatus
  /** Default: the system clock. Drives rate-limit windows, created_at and event times. */
  now?: Clock
  /** How long after its 201 a `/users/track` batch is applied, ms. Default 5. */
  applyDelayMs?: number
  /** Requests per minute per endpoint before 429 (defaults: {@link DEFAULT_BRAZE_RATE_LIMITS}). */
  rateLimits?: Partial<Record<BrazeEndpoint, number>>
  /** The workspace onboarded on or after 2024-08-22, so `/users/export/ids` requires `fields_to_export`. Default false. */
  requireFieldsToExport?: boolean
  /** Delay before every response, ms. */
  responseDelayMs?: number
  seed?: { users?: BrazeUserSeed[] }
}

export interface FakeBraze extends FaultControls {
  /** `http://127.0.0.1:PORT`, standing for a REST host such as `https://rest.iad-01.braze.com`. */
  url: string
  state: BrazeState
  requests: RecordedRequest[]
  /** Resolves once every accepted `/users/track` batch has been applied. */
  settled(): Promise<void>
  /** Applies every pending `/users/track` batch now. */
  flushTracking(): void
  /** How many accepted `/users/track` batches are not applied yet. */
  readonly pendingTracking: number
  /** Starts fresh rate-limit windows. */
  resetRateLimit(): void
  close(): Promise<void>
}

export type BrazeEndpoint = '/users/track' | '/users/export/ids'

export const DEFAULT_BRAZE_API_KEY = 'test-rest-api-key'

/**
 * `/users/track`: the base 50,000 per minute (§5.2). `/users/export/ids`: 2,500 per minute for
 * customers onboarded after 2021-08-16 (§5.3; the sources conflict, see the table there).
 */
export const DEFAULT_BRAZE_RATE_LIMITS: Record<BrazeEndpoint, number> = { '/users/track': 50_000, '/users/export/ids': 2_500 }

const ENDPOINT_PERMISSIONS: Record<BrazeEndpoint, BrazePermission> = {
  '/users/track': 'users.track',
  '/users/export/ids': 'users.export.ids',
}

export async function startFakeBraze(options: FakeBrazeOptions = {}): Promise<FakeBraze> {
  const now = options.now ?? systemClock
  const state = emptyBrazeState(options.apiKeys ?? [{ key: DEFAULT_BRAZE_API_KEY, permissions: ['users.track', 'users.export.ids'] }])
  for (const user of options.seed?.users ?? []) addBrazeUser(state, user, now())
  const queue = new ApplyQueue(options.applyDelayMs ?? 5)
  const limiter = new PerMinuteRateLimiter(now)
  const limits = { ...DEFAULT_BRAZE_RATE_LIMITS, ...options.rateLimits }
  const missingPermissionStatus = options.missingPermissionStatus ?? 403

  function route(endpoint: BrazeEndpoint, request: FakeRequest): FakeResponse {
    const refusal = authorize(request, state, ENDPOINT_PERMISSIONS[endpoint], missingPermissionStatus)
    if (refusal !== undefined) return refusal
    return endpoint === '/users/track'
      ? usersTrack(request, { state, now, queue })
      : usersExportIds(request, { state, now, requireFieldsToExport: options.requireFieldsToExport ?? false })
  }

  const server = await startFakeHttpServer({
    defaultErrorBody: genericBrazeError,
    responseDelayMs: options.responseDelayMs,
    async handle(request) {
      const endpoint = isEndpoint(request.path) ? request.path : undefined
      if (endpoint === undefined || request.method !== 'POST') return notFound()
      // UNCONFIRMED header names (§5.2: "probably X-RateLimit-Limit, -Remaining, -Reset"); Reset in epoch seconds.
      const budget = limiter.take(endpoint, limits[endpoint])
      const headers = {
        'X-RateLimit-Limit': String(budget.limit),
        'X-RateLimit-Remaining': String(budget.remaining),
        'X-RateLimit-Reset': String(Math.floor(budget.resetAt / 1000)),
      }
      if (!budget.allowed) return rateLimited(budget.retryAfterSeconds, headers)
      return withDefaultHeaders(route(endpoint, request), headers)
    },
  })

  return {
    ...server,
    state,
    settled: () => queue.settled(),
    flushTracking: () => queue.flush(),
    get pendingTracking() {
      return queue.size
    },
    resetRateLimit: () => limiter.reset(),
    close: async () => {
      queue.cancel()
      await server.close()
    },
  }
}

function isEndpoint(path: string): path is BrazeEndpoint {
  return Object.hasOwn(ENDPOINT_PERMISSIONS, path)
}
