/**
 * What a flow expects on the Braze profile at the end, checked against `POST /users/export/ids`
 * (braze.md §5.3): events by name, attributes by value.
 *
 * An event counts only when it is new: its count grew since the baseline taken before the
 * webhook could be called (the export gives names, counts and first/last times, no properties).
 * When the baseline could only be taken late (a live trigger may have fired already), an event
 * whose `last` time is after the run started counts too, give or take a minute: the event time
 * usually comes from a Zendesk placeholder such as `{{ticket.updated_at_with_timestamp}}`, which
 * has minute precision.
 *
 * Attribute values are compared as text, so 7 and "7" match: a value rendered from a Zendesk
 * placeholder is text, and the webhook body decides whether Braze stores a number.
 */
import type { FlowVerification } from '../api/contract.js'

export type ProfileUser = { external_id: string } | { email: string }
export type ExportedUser = Record<string, unknown>

export interface ExpectedProfile {
  events: string[]
  /** Placeholders already rendered. */
  attributes: Record<string, string | number | boolean | null>
}

/** Per profile (by braze_id): how often each event had happened before, and the attributes. */
export interface ProfileBaseline {
  /** Taken before anything could call the webhook. */
  exact: boolean
  profiles: Record<string, { events: Record<string, number>; attributes: Record<string, unknown> }>
}

/** How much earlier than the run's start an event time may read and still be this run's (see above). */
const EVENT_TIME_TOLERANCE_MS = 60_000

/** Standard attributes the export shows at the top level under their own names (braze.md §5.3). */
const TOP_LEVEL_ATTRIBUTES = new Set([
  'first_name', 'last_name', 'email', 'phone', 'dob', 'country', 'home_city', 'language', 'time_zone', 'gender',
  'push_subscribe', 'email_subscribe',
])

/** The body of `POST /users/export/ids` for this user, asking only for what the check reads. */
export function profileLookupBody(user: ProfileUser, expected: ExpectedProfile): Record<string, unknown> {
  const standard = Object.keys(expected.attributes).filter((name) => TOP_LEVEL_ATTRIBUTES.has(name))
  // fields_to_export is required for customers onboarded since 2024-08-22 (braze.md §5.3).
  const fields = [...new Set(['braze_id', 'external_id', 'email', 'custom_attributes', 'custom_events', ...standard])]
  const identifier = 'external_id' in user ? { external_ids: [user.external_id] } : { email_address: user.email }
  return { ...identifier, fields_to_export: fields }
}

export function describeUser(user: ProfileUser): string {
  return 'external_id' in user ? `external_id ${user.external_id}` : `email ${user.email}`
}

export function baselineOf(users: ExportedUser[], exact: boolean): ProfileBaseline {
  const profiles: ProfileBaseline['profiles'] = {}
  for (const user of users) {
    const events: Record<string, number> = {}
    for (const event of eventsOf(user)) events[event.name] = event.count
    profiles[profileKey(user)] = { events, attributes: { ...(user.custom_attributes as Record<string, unknown> | undefined), ...topLevel(user) } }
  }
  return { exact, profiles }
}

export interface ProfileCheck {
  met: boolean
  findings: FlowVerification['findings']
  /** Expectations already true before the run: they prove nothing about this run. */
  warnings: string[]
}

/**
 * Whether one of the profiles (an email can match several) shows everything expected; the
 * findings are those of the profile that came closest.
 */
export function checkProfiles(users: ExportedUser[], expected: ExpectedProfile, baseline: ProfileBaseline | undefined, runStartedAt: Date, who: string): ProfileCheck {
  if (users.length === 0) {
    const missing = (kind: 'event' | 'attribute', name: string) => ({ kind, name, met: false, seen: `Braze has no profile with ${who} yet` })
    return {
      met: false,
      findings: [...expected.events.map((name) => missing('event', name)), ...Object.keys(expected.attributes).map((name) => missing('attribute', name))],
      warnings: [],
    }
  }
  const checks = users.map((user) => checkProfile(user, expected, baseline, runStartedAt))
  return checks.reduce((best, check) => (score(check) > score(best) ? check : best))
}

function score(check: ProfileCheck): number {
  return check.findings.filter((f) => f.met).length
}

function checkProfile(user: ExportedUser, expected: ExpectedProfile, baseline: ProfileBaseline | undefined, runStartedAt: Date): ProfileCheck {
  const before = baseline?.profiles[profileKey(user)]
  const events = eventsOf(user)
  const warnings: string[] = []
  const findings: FlowVerification['findings'] = []
  for (const name of expected.events) {
    const event = events.find((e) => e.name === name)
    const countBefore = before?.events[name] ?? 0
    const fresh = event !== undefined && (event.count > countBefore || (!baseline?.exact && Date.parse(event.last) >= runStartedAt.getTime() - EVENT_TIME_TOLERANCE_MS))
    const seen = !event
      ? `${name} is not on the profile${events.length > 0 ? ` (it has ${events.map((e) => `${e.name} ×${e.count}`).join(', ')})` : ' (it has no events)'}`
      : fresh
        ? `${name} is on the profile: count ${event.count} (was ${countBefore}), last ${event.last}`
        : `${name} is on the profile but not new: count ${event.count} as before the run, last ${event.last}`
    findings.push({ kind: 'event', name, met: fresh, seen })
  }
  for (const [name, wanted] of Object.entries(expected.attributes)) {
    const value = attributeOf(user, name)
    const met = sameValue(value, wanted)
    if (met && before && sameValue(before.attributes[name], wanted)) warnings.push(`The attribute ${name} was already ${shown(wanted)} before the run: its check proves nothing about this run.`)
    const seen = met ? `${name} is ${shown(value)}` : value === undefined ? `${name} is not set (expected ${shown(wanted)})` : `${name} is ${shown(value)} (expected ${shown(wanted)})`
    findings.push({ kind: 'attribute', name, met, seen })
  }
  return { met: findings.every((f) => f.met), findings, warnings }
}

interface EventSummary {
  name: string
  count: number
  last: string
}

function eventsOf(user: ExportedUser): EventSummary[] {
  const list = Array.isArray(user.custom_events) ? (user.custom_events as Record<string, unknown>[]) : []
  return list
    .filter((e) => typeof e.name === 'string')
    .map((e) => ({ name: e.name as string, count: typeof e.count === 'number' ? e.count : 0, last: typeof e.last === 'string' ? e.last : '' }))
}

function attributeOf(user: ExportedUser, name: string): unknown {
  if (TOP_LEVEL_ATTRIBUTES.has(name)) return user[name]
  return (user.custom_attributes as Record<string, unknown> | undefined)?.[name]
}

function topLevel(user: ExportedUser): Record<string, unknown> {
  return Object.fromEntries(Object.entries(user).filter(([name]) => TOP_LEVEL_ATTRIBUTES.has(name)))
}

/** braze_id when exported (it always is here), else the identifiers. */
function profileKey(user: ExportedUser): string {
  return typeof user.braze_id === 'string' ? user.braze_id : JSON.stringify([user.external_id ?? null, user.email ?? null])
}

function sameValue(value: unknown, wanted: unknown): boolean {
  return asText(value) === asText(wanted)
}

/** Text for comparing: primitives as they print (7 and "7" match), missing as null, the rest as JSON. */
function asText(value: unknown): string {
  if (value === undefined || value === null) return 'null'
  return typeof value === 'object' ? JSON.stringify(value) : String(value)
}

function shown(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : asText(value)
}
