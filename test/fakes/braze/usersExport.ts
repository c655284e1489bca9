/**
 * `POST /users/export/ids` (braze.md §5.3): profiles by `external_ids`, `user_aliases`,
 * `braze_id`, `email_address`, `phone` or `device_id`, in the export shape, optionally cut
 * down to `fields_to_export`. Request problems are 400 `{"message": …}`; the message texts are
 * UNCONFIRMED.
 */
import { isJsonObject, isSet, type JsonObject } from '../../../shared/checks/json.js'
import { DAY_MS, isoMillis, type Clock } from '../clock.js'
import { jsonResponse, parseJson, type FakeRequest, type FakeResponse } from '../http.js'
import { badSyntax, brazeError } from './errors.js'
import { profilesWithContact } from './profiles.js'
import { sameAlias, type BrazeState, type BrazeUser, type TrackedEvent, type UserAlias } from './state.js'

/** "Up to 50 external_ids/user_aliases per request"; applied to each list (UNCONFIRMED: or to both together). */
const MAX_IDS_PER_REQUEST = 50
/** `custom_events` and `purchases` "cover only the last 90 days". */
const EXPORT_WINDOW_MS = 90 * DAY_MS
/** One value each per request (§5.3). */
const SINGLE_VALUE_IDENTIFIERS = ['braze_id', 'device_id', 'email_address', 'phone'] as const

/** The documented `fields_to_export` values (§5.3), plus the two the full example shows. */
export const EXPORT_FIELDS = [
  'apps', 'attributed_campaign', 'attributed_source', 'attributed_adgroup', 'attributed_ad', 'push_subscribe',
  'email_subscribe', 'braze_id', 'country', 'created_at', 'custom_attributes', 'custom_events', 'devices', 'dob', 'email',
  'external_id', 'first_name', 'gender', 'home_city', 'language', 'last_coordinates', 'last_name', 'phone', 'purchases',
  'push_tokens', 'random_bucket', 'time_zone', 'total_revenue', 'uninstalled_at', 'user_aliases',
  'campaigns_received', 'canvases_received',
]

/** Standard attributes the export shows as top-level fields under their own names. */
const EXPORTED_ATTRIBUTES = ['first_name', 'last_name', 'email', 'dob', 'home_city', 'country', 'phone', 'language', 'time_zone', 'gender', 'push_subscribe', 'email_subscribe', 'push_tokens']

export interface UsersExportDeps {
  state: BrazeState
  now: Clock
  /** Customers onboarded on or after 2024-08-22 must send `fields_to_export`. */
  requireFieldsToExport: boolean
}

export function usersExportIds(request: FakeRequest, { state, now, requireFieldsToExport }: UsersExportDeps): FakeResponse {
  const parsed = parseJson(request.rawBody)
  if (!parsed.ok) return badSyntax(parsed.reason)
  const body = parsed.value
  if (!isJsonObject(body)) return brazeError(400, 'The request body must be a JSON object')
  const problem = requestProblem(body, requireFieldsToExport)
  if (problem !== undefined) return brazeError(400, problem)

  const found = new Set<BrazeUser>()
  const invalid: string[] = []
  const lookUp = (identifier: string, users: BrazeUser[]) => {
    if (users.length === 0) invalid.push(identifier)
    for (const user of users) found.add(user)
  }
  for (const externalId of (body.external_ids as string[] | undefined) ?? []) {
    lookUp(externalId, state.users.filter((user) => user.external_id === externalId))
  }
  for (const alias of (body.user_aliases as UserAlias[] | undefined) ?? []) {
    // Aliases are not strings, so an unknown one is not listed in invalid_user_ids (UNCONFIRMED).
    for (const user of state.users.filter((candidate) => candidate.user_aliases.some((known) => sameAlias(known, alias)))) found.add(user)
  }
  if (typeof body.braze_id === 'string') lookUp(body.braze_id, state.users.filter((user) => user.braze_id === body.braze_id))
  if (typeof body.email_address === 'string') lookUp(body.email_address, profilesWithContact(state, 'email', body.email_address))
  if (typeof body.phone === 'string') lookUp(body.phone, profilesWithContact(state, 'phone', body.phone))
  if (typeof body.device_id === 'string') lookUp(body.device_id, []) // the fake tracks no devices

  const fields = Array.isArray(body.fields_to_export) ? new Set(body.fields_to_export as string[]) : undefined
  const users = [...found].map((user) => exportUser(user, fields, now()))
  // UNCONFIRMED: the status (§5.3 shows only the body); 201, as Braze's POST endpoints such as /users/track answer.
  // `invalid_user_ids` is optional in the documented response; the fake sends it only when non-empty.
  return jsonResponse(201, invalid.length > 0 ? { message: 'success', users, invalid_user_ids: invalid } : { message: 'success', users })
}

function requestProblem(body: JsonObject, requireFieldsToExport: boolean): string | undefined {
  for (const list of ['external_ids', 'user_aliases'] as const) {
    if (!isSet(body, list)) continue
    const items = body[list]
    if (!Array.isArray(items)) return `${list} must be an array`
    if (items.length > MAX_IDS_PER_REQUEST) return `${list} accepts at most ${MAX_IDS_PER_REQUEST} values per request`
    const valid = list === 'external_ids'
      ? items.every((item) => typeof item === 'string')
      : items.every((item) => isJsonObject(item) && typeof item.alias_name === 'string' && typeof item.alias_label === 'string')
    if (!valid) return list === 'external_ids' ? 'external_ids must be strings' : 'user_aliases must be {"alias_name", "alias_label"} objects'
  }
  for (const name of SINGLE_VALUE_IDENTIFIERS) {
    if (isSet(body, name) && typeof body[name] !== 'string') return `${name} accepts a single string value per request`
  }
  const hasIdentifier = ['external_ids', 'user_aliases', ...SINGLE_VALUE_IDENTIFIERS].some((name) => isSet(body, name))
  if (!hasIdentifier) return 'Provide external_ids, user_aliases, braze_id, device_id, email_address or phone'
  if (!isSet(body, 'fields_to_export')) return requireFieldsToExport ? 'fields_to_export is required' : undefined
  const fields = body.fields_to_export
  if (!Array.isArray(fields) || fields.length === 0) return 'fields_to_export must be a non-empty array of field names'
  const unknown = fields.filter((field) => typeof field !== 'string' || !EXPORT_FIELDS.includes(field))
  return unknown.length > 0 ? `Invalid fields_to_export: ${unknown.map(String).join(', ')}` : undefined
}

/** A profile in the export shape; fields without a value are left out ("missing fields mean null or empty"). */
function exportUser(user: BrazeUser, fields: Set<string> | undefined, now: number): JsonObject {
  const since = now - EXPORT_WINDOW_MS
  const events = user.events.filter((event) => event.time >= since)
  const purchases = user.purchases.filter((purchase) => purchase.time >= since)
  const location = user.attributes.current_location
  const all: JsonObject = {
    created_at: isoMillis(user.created_at),
    external_id: user.external_id,
    user_aliases: user.user_aliases.length > 0 ? user.user_aliases : undefined,
    braze_id: user.braze_id,
    ...Object.fromEntries(EXPORTED_ATTRIBUTES.map((name) => [name, user.attributes[name]])),
    last_coordinates: isJsonObject(location) ? [location.longitude, location.latitude] : undefined,
    total_revenue: purchases.length > 0 ? purchases.reduce((sum, purchase) => sum + purchase.price * purchase.quantity, 0) : undefined,
    custom_attributes: Object.keys(user.custom_attributes).length > 0 ? user.custom_attributes : undefined,
    custom_events: events.length > 0 ? summarise(events, (event) => event.name) : undefined,
    purchases: purchases.length > 0 ? summarise(purchases, (purchase) => purchase.product_id, (purchase) => purchase.quantity) : undefined,
  }
  return Object.fromEntries(
    Object.entries(all).filter(([name, value]) => value !== undefined && value !== null && (fields === undefined || fields.has(name))),
  )
}

/** `[{name, first, last, count}]` per name, as the export reports custom events and purchases. */
function summarise<T extends Pick<TrackedEvent, 'time'>>(items: T[], nameOf: (item: T) => string, countOf: (item: T) => number = () => 1) {
  const byName = new Map<string, { name: string; first: number; last: number; count: number }>()
  for (const item of items) {
    const name = nameOf(item)
    const summary = byName.get(name) ?? { name, first: item.time, last: item.time, count: 0 }
    summary.first = Math.min(summary.first, item.time)
    summary.last = Math.max(summary.last, item.time)
    summary.count += countOf(item)
    byName.set(name, summary)
  }
  return [...byName.values()].map(({ name, first, last, count }) => ({ name, first: isoMillis(first), last: isoMillis(last), count }))
}
