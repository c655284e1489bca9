/**
 * Applying accepted `/users/track` objects to a profile (braze.md §5.2): standard and custom
 * attributes with their operations, events and purchases.
 */
import { hasOwn, isJsonObject, type JsonObject } from '../../../shared/checks/json.js'
import { sameAlias, type BrazeUser, type UserAlias } from './state.js'

/** Standard attributes: stored by name, exported as top-level user fields. */
const STANDARD_ATTRIBUTES = new Set([
  'first_name', 'last_name', 'email', 'phone', 'dob', 'country', 'home_city', 'language', 'time_zone', 'gender',
  'email_subscribe', 'push_subscribe', 'subscription_groups', 'current_location', 'push_tokens',
  'date_of_first_session', 'date_of_last_session', 'email_open_tracking_disabled', 'email_click_tracking_disabled',
  'marked_email_as_spam_at', 'facebook', 'twitter',
])

/** Keys that address the profile or steer processing; they are not attributes. */
const CONTROL_KEYS = new Set(['external_id', 'user_alias', 'braze_id', '_update_existing_only', '_merge_objects', 'push_token_import', 'alias_name', 'alias_label'])

export function applyAttributes(user: BrazeUser, object: JsonObject): void {
  const mergeObjects = object._merge_objects === true
  for (const [key, value] of Object.entries(object)) {
    if (CONTROL_KEYS.has(key)) continue
    if (STANDARD_ATTRIBUTES.has(key)) setStandardAttribute(user, key, value)
    else applyCustomAttribute(user.custom_attributes, key, value, mergeObjects)
  }
  if (typeof object.alias_name === 'string' && typeof object.alias_label === 'string') {
    addAlias(user, { alias_name: object.alias_name, alias_label: object.alias_label })
  }
}

export function addAlias(user: BrazeUser, alias: UserAlias): void {
  if (!user.user_aliases.some((existing) => sameAlias(existing, alias))) user.user_aliases.push(alias)
}

function setStandardAttribute(user: BrazeUser, key: string, value: unknown): void {
  if (value === null) delete user.attributes[key] // null removes an attribute
  // "ISO-3166-1 alpha-2, best-effort mapped, else NULL": the fake maps only letter case.
  else if (key === 'country') user.attributes.country = typeof value === 'string' && /^[a-z]{2}$/i.test(value) ? value.toUpperCase() : null
  else user.attributes[key] = value
}

/**
 * A custom attribute: a plain value sets it, null removes it, and objects may be operations:
 * `{"inc": n}`, `{"add": […]}` / `{"remove": […]}` on arrays, `{"$add"/"$remove"/"$update"}`
 * on arrays of objects (in that order), `{"$time": …}` for a date; any other object is a
 * nested attribute, deep-merged into the old one with `_merge_objects`, else replacing it.
 * Not modelled: dropping all nested updates when one nested value is invalid.
 */
export function applyCustomAttribute(custom: Record<string, unknown>, key: string, value: unknown, mergeObjects: boolean): void {
  if (value === null) {
    delete custom[key]
    return
  }
  if (!isJsonObject(value)) {
    custom[key] = value
    return
  }
  const current = custom[key]
  if (hasOnlyKeys(value, ['inc']) && typeof value.inc === 'number') {
    custom[key] = (typeof current === 'number' ? current : 0) + value.inc
  } else if (hasOnlyKeys(value, ['add', 'remove'])) {
    const items = Array.isArray(current) ? [...current] : []
    if (Array.isArray(value.add)) items.push(...value.add)
    const removed: unknown[] = Array.isArray(value.remove) ? value.remove : []
    custom[key] = items.filter((item) => !removed.some((gone) => deepEqual(item, gone)))
  } else if (hasOnlyKeys(value, ['$add', '$remove', '$update'])) {
    custom[key] = applyObjectArrayOperations(Array.isArray(current) ? current : [], value, mergeObjects)
  } else if (hasOnlyKeys(value, ['$time'])) {
    custom[key] = value.$time
  } else {
    custom[key] = mergeObjects && isJsonObject(current) ? deepMerge(current, value) : value
  }
}

/**
 * `$add`, then `$remove` (every object whose `$identifier_key` equals `$identifier_value`),
 * then `$update`: a deep merge with `_merge_objects`; without it the new object's top-level
 * keys overwrite the old ones (UNCONFIRMED: §5.2 only says the objects are "overwritten").
 */
function applyObjectArrayOperations(current: unknown[], operations: JsonObject, mergeObjects: boolean): unknown[] {
  let items = [...current]
  if (Array.isArray(operations.$add)) items.push(...operations.$add)
  const matches = (item: unknown, selector: unknown) =>
    isJsonObject(item) && isJsonObject(selector) && typeof selector.$identifier_key === 'string' && item[selector.$identifier_key] === selector.$identifier_value
  if (Array.isArray(operations.$remove)) {
    const selectors = operations.$remove
    items = items.filter((item) => !selectors.some((selector) => matches(item, selector)))
  }
  if (Array.isArray(operations.$update)) {
    for (const update of operations.$update) {
      if (!isJsonObject(update) || !isJsonObject(update.$new_object)) continue
      const replacement = update.$new_object
      items = items.map((item) =>
        matches(item, update) && isJsonObject(item) ? (mergeObjects ? deepMerge(item, replacement) : { ...item, ...replacement }) : item)
    }
  }
  return items
}

function hasOnlyKeys(object: JsonObject, allowed: readonly string[]): boolean {
  const keys = Object.keys(object)
  return keys.length > 0 && keys.every((key) => allowed.includes(key))
}

function deepMerge(base: JsonObject, patch: JsonObject): JsonObject {
  const merged: JsonObject = { ...base }
  for (const [key, value] of Object.entries(patch)) {
    const old = hasOwn(merged, key) ? merged[key] : undefined
    merged[key] = isJsonObject(old) && isJsonObject(value) ? deepMerge(old, value) : value
  }
  return merged
}

function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

/**
 * An event or purchase time as Braze stores it: "future timestamps become now"; a date
 * without a zone is midnight UTC. Text that `Date` can't parse (the checks already rejected
 * undocumented formats) falls back to now.
 */
export function trackedTime(text: unknown, now: number): number {
  const parsed = typeof text === 'string' ? Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text) : Number.NaN
  return Number.isNaN(parsed) || parsed > now ? now : parsed
}

export function applyEvent(user: BrazeUser, event: JsonObject, now: number): void {
  user.events.push({
    name: String(event.name),
    time: trackedTime(event.time, now),
    ...(typeof event.app_id === 'string' ? { app_id: event.app_id } : {}),
    ...(isJsonObject(event.properties) ? { properties: event.properties } : {}),
  })
}

export function applyPurchase(user: BrazeUser, purchase: JsonObject, now: number): void {
  user.purchases.push({
    product_id: String(purchase.product_id),
    currency: String(purchase.currency),
    price: Number(purchase.price),
    quantity: typeof purchase.quantity === 'number' ? purchase.quantity : 1,
    time: trackedTime(purchase.time, now),
    ...(typeof purchase.app_id === 'string' ? { app_id: purchase.app_id } : {}),
    ...(isJsonObject(purchase.properties) ? { properties: purchase.properties } : {}),
  })
}
