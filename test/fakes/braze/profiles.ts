/**
 * Which profile a `/users/track` object updates, and when it creates one (braze.md §5.2):
 * `external_id` finds or creates; `braze_id` only finds (Braze assigns those); `user_alias`
 * alone only updates unless `_update_existing_only: false`; `email` (preferred over `phone`)
 * picks the most recently updated matching profile that has an external_id, else the most
 * recently updated match, else creates an email-only profile.
 */
import { isJsonObject, isSet, type JsonObject } from '../../../shared/checks/json.js'
import { addBrazeUser, sameAlias, type BrazeState, type BrazeUser, type UserAlias } from './state.js'

const IDENTIFIERS_BESIDES_ALIAS = ['external_id', 'braze_id', 'email', 'phone']

/** The profile `object` addresses, created if Braze would create it; undefined when Braze would drop the object. */
export function profileFor(state: BrazeState, object: JsonObject, now: number): BrazeUser | undefined {
  const alias = isJsonObject(object.user_alias) ? (object.user_alias as unknown as UserAlias) : undefined
  const aliasOnly = alias !== undefined && !IDENTIFIERS_BESIDES_ALIAS.some((name) => isSet(object, name))
  const updateOnly = typeof object._update_existing_only === 'boolean' ? object._update_existing_only : aliasOnly
  const createUnlessUpdateOnly = (fields: Parameters<typeof addBrazeUser>[1]) => (updateOnly ? undefined : addBrazeUser(state, fields, now))

  if (typeof object.external_id === 'string') {
    const found = state.users.find((user) => user.external_id === object.external_id)
    return found ?? createUnlessUpdateOnly({ external_id: object.external_id, user_aliases: alias ? [alias] : [] })
  }
  if (typeof object.braze_id === 'string') return state.users.find((user) => user.braze_id === object.braze_id)
  if (alias !== undefined) {
    const found = state.users.find((user) => user.user_aliases.some((candidate) => sameAlias(candidate, alias)))
    return found ?? createUnlessUpdateOnly({ user_aliases: [alias] })
  }
  for (const field of ['email', 'phone'] as const) {
    const value = object[field]
    if (typeof value !== 'string') continue
    // UNCONFIRMED: that phone matching follows the documented email rules.
    return matchByContact(state, field, value) ?? createUnlessUpdateOnly({ attributes: { [field]: value } })
  }
  return undefined
}

/** The documented email rule: the latest-updated match with an external_id, else the latest-updated match. */
function matchByContact(state: BrazeState, field: 'email' | 'phone', value: string): BrazeUser | undefined {
  const matches = profilesWithContact(state, field, value)
  return latestUpdated(matches.filter((user) => user.external_id !== undefined)) ?? latestUpdated(matches)
}

function latestUpdated(users: BrazeUser[]): BrazeUser | undefined {
  return users.reduce<BrazeUser | undefined>((latest, user) => (latest && latest.updated_order > user.updated_order ? latest : user), undefined)
}

/** Every profile whose email (any letter case) or phone is `value`: export by `email_address` / `phone` returns them all. */
export function profilesWithContact(state: BrazeState, field: 'email' | 'phone', value: string): BrazeUser[] {
  const normalise = (text: string) => (field === 'email' ? text.toLowerCase() : text)
  const wanted = normalise(value)
  return state.users.filter((user) => {
    const stored = user.attributes[field]
    return typeof stored === 'string' && normalise(stored) === wanted
  })
}
