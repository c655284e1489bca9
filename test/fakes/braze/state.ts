/**
 * What the fake Braze workspace holds: REST API keys with permissions, and user profiles
 * built from `/users/track` (braze.md §5.2) in the shape `/users/export/ids` reads (§5.3).
 */
import { randomHex } from '../ids.js'

export type BrazePermission = 'users.track' | 'users.export.ids'

export interface BrazeApiKey {
  key: string
  permissions: BrazePermission[]
}

export interface UserAlias {
  alias_name: string
  alias_label: string
}

export interface TrackedEvent {
  name: string
  /** Epoch ms, after Braze's rules (a future time becomes "now"). */
  time: number
  app_id?: string
  properties?: Record<string, unknown>
}

export interface TrackedPurchase {
  product_id: string
  currency: string
  price: number
  quantity: number
  time: number
  app_id?: string
  properties?: Record<string, unknown>
}

export interface BrazeUser {
  /** Braze's own id: 24 hex digits, like a MongoDB ObjectId. */
  braze_id: string
  external_id?: string
  user_aliases: UserAlias[]
  /** Standard attributes (`first_name`, `email`, `phone`, `country`, …), by their API names. */
  attributes: Record<string, unknown>
  custom_attributes: Record<string, unknown>
  events: TrackedEvent[]
  purchases: TrackedPurchase[]
  created_at: number
  /** Order of the last update (a counter, so same-millisecond updates still order): email matching prefers the latest. */
  updated_order: number
}

export interface BrazeState {
  users: BrazeUser[]
  apiKeys: BrazeApiKey[]
  /** Next `updated_order`. */
  updates: number
}

/** A seeded profile: any subset of fields; a missing braze_id is generated. */
export type BrazeUserSeed = Partial<Omit<BrazeUser, 'updated_order'>>

export function emptyBrazeState(apiKeys: BrazeApiKey[]): BrazeState {
  return { users: [], apiKeys, updates: 0 }
}

export function addBrazeUser(state: BrazeState, fields: BrazeUserSeed, now: number): BrazeUser {
  const user: BrazeUser = {
    braze_id: randomHex(12),
    user_aliases: [],
    attributes: {},
    custom_attributes: {},
    events: [],
    purchases: [],
    created_at: now,
    ...fields,
    updated_order: state.updates++,
  }
  state.users.push(user)
  return user
}

export function touch(state: BrazeState, user: BrazeUser): void {
  user.updated_order = state.updates++
}

export function sameAlias(a: UserAlias, b: UserAlias): boolean {
  return a.alias_name === b.alias_name && a.alias_label === b.alias_label
}
