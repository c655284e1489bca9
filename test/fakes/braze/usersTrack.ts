/**
 * `POST /users/track` (braze.md §5.2), validated with Hookbench's own payload checks:
 * - problems with the request as a whole (not an object, an array that isn't one, more than
 *   75 objects in an array) are fatal: 400 `{"message": …, "errors": […]}`;
 * - problems inside one object are minor: that object is skipped, the rest are processed,
 *   and the 201 success body lists `{"type", "input_array", "index"}` errors.
 * Accepted objects are applied later (201 means queued).
 */
import { checkPayload, type PayloadIssue } from '../../../shared/checks/index.js'
import { isJsonObject, type JsonObject } from '../../../shared/checks/json.js'
import type { Clock } from '../clock.js'
import { jsonResponse, parseJson, type FakeRequest, type FakeResponse } from '../http.js'
import { applyAttributes, applyEvent, applyPurchase } from './apply.js'
import type { ApplyQueue } from './applyQueue.js'
import { badSyntax, brazeError } from './errors.js'
import { profileFor } from './profiles.js'
import { touch, type BrazeState, type BrazeUser } from './state.js'

const TRACKED_ARRAYS = ['attributes', 'events', 'purchases'] as const
type TrackedArray = (typeof TRACKED_ARRAYS)[number]
type Batch = Record<TrackedArray, JsonObject[]>

/** `400 Max Input Length Exceeded` is the documented error for more than 75 objects (§5.2, BD errors.md). */
const MAX_INPUT_LENGTH_EXCEEDED = 'Max Input Length Exceeded'

/**
 * The one minor-error text on record, from a third-party client's test (§5.2; UNCONFIRMED
 * against Braze, and note it omits email and phone). Other minor errors use the check's message.
 */
const IDENTIFIER_REQUIRED = "'external_id' or 'braze_id' or 'user_alias' is required"

export interface UsersTrackDeps {
  state: BrazeState
  now: Clock
  queue: ApplyQueue
}

interface MinorError {
  type: string
  input_array: TrackedArray
  index: number
}

export function usersTrack(request: FakeRequest, { state, now, queue }: UsersTrackDeps): FakeResponse {
  const parsed = parseJson(request.rawBody)
  if (!parsed.ok) return badSyntax(parsed.reason)
  const errors = checkPayload('braze.users.track', parsed.value).filter((issue) => issue.severity === 'error')
  const fatal = errors.filter((issue) => typeof issue.path[1] !== 'number')
  if (fatal.length > 0) return fatalResponse(fatal)

  const body = parsed.value as JsonObject
  const minorErrors = minorErrorsOf(errors)
  const rejected = new Set(minorErrors.map((error) => `${error.input_array}/${error.index}`))
  const batch = {} as Batch
  const response: Record<string, unknown> = { message: 'success' }
  for (const name of TRACKED_ARRAYS) {
    const objects = Array.isArray(body[name]) ? (body[name] as JsonObject[]) : undefined
    batch[name] = (objects ?? []).filter((_object, index) => !rejected.has(`${name}/${index}`))
    // "Each count appears only if that array was sent"; it counts the objects processed.
    if (objects !== undefined) response[`${name}_processed`] = batch[name].length
  }
  if (minorErrors.length > 0) response.errors = minorErrors
  queue.enqueue(() => applyBatch(state, batch, now()))
  return jsonResponse(201, response)
}

function fatalResponse(fatal: PayloadIssue[]): FakeResponse {
  const tooMany = fatal.some((issue) => issue.code === 'braze-too-many-objects')
  const errors = fatal.map((issue) => (typeof issue.path[0] === 'string' ? { type: issue.message, input_array: issue.path[0] } : { type: issue.message }))
  // UNCONFIRMED: the message of other fatal errors; "Bad Request" is the documented status text for bad syntax.
  return brazeError(400, tooMany ? MAX_INPUT_LENGTH_EXCEEDED : 'Bad Request', errors)
}

/** One error per problem kind per object (several issues of one kind in an object report once). */
function minorErrorsOf(errors: PayloadIssue[]): MinorError[] {
  const seen = new Set<string>()
  const minor: MinorError[] = []
  for (const issue of errors) {
    const [array, index] = issue.path as [TrackedArray, number]
    const type = issue.code === 'braze-identifier-missing' ? IDENTIFIER_REQUIRED : issue.message
    const key = `${array}/${index}/${issue.code}`
    if (seen.has(key)) continue
    seen.add(key)
    minor.push({ type, input_array: array, index })
  }
  return minor
}

/** Attributes first, then events, then purchases, each object in request order. */
function applyBatch(state: BrazeState, batch: Batch, now: number): void {
  const apply = (objects: JsonObject[], change: (user: BrazeUser, object: JsonObject) => void) => {
    for (const object of objects) {
      if (!isJsonObject(object)) continue
      const user = profileFor(state, object, now)
      if (user === undefined) continue // update-only and unknown: Braze drops it silently
      change(user, object)
      touch(state, user)
    }
  }
  apply(batch.attributes, applyAttributes)
  apply(batch.events, (user, event) => applyEvent(user, event, now))
  apply(batch.purchases, (user, purchase) => applyPurchase(user, purchase, now))
}
