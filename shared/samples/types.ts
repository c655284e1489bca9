/**
 * Sample records, in the shapes the real APIs return so exports can be imported as they are.
 *
 * Braze: one user of `POST /users/export/ids` (`users[]`), plus the trigger context a send would have.
 * Zendesk: `GET /api/v2/tickets/{id}.json?include=users,organizations,groups`, plus comments and friends.
 */

/** A canned HTTP answer for `{% connected_content %}`, keyed in the sample by rendered URL. */
export interface CannedResponse {
  /** Defaults to 200. */
  status?: number
  headers?: Record<string, string>
  /** A JSON value, or a string sent as it is. */
  body: unknown
}

export interface BrazeUserSample {
  external_id?: string | null
  braze_id?: string | null
  user_aliases?: { alias_name: string; alias_label: string }[]
  first_name?: string | null
  last_name?: string | null
  email?: string | null
  phone?: string | null
  dob?: string | null
  country?: string | null
  home_city?: string | null
  language?: string | null
  time_zone?: string | null
  gender?: string | null
  random_bucket?: number | null
  created_at?: string
  email_subscribe?: string
  push_subscribe?: string
  custom_attributes?: Record<string, unknown>
  devices?: Record<string, unknown>[]
  apps?: Record<string, unknown>[]
  push_tokens?: Record<string, unknown>[]
  custom_events?: Record<string, unknown>[]
  purchases?: Record<string, unknown>[]
  /** Trigger context, not part of an export: authored by hand. */
  event_properties?: Record<string, unknown>
  canvas_entry_properties?: Record<string, unknown>
  context?: Record<string, unknown>
  api_trigger_properties?: Record<string, unknown>
  campaign?: Record<string, unknown>
  canvas?: Record<string, unknown>
  /** `subscribed_state.${email_global}` and `subscribed_state.${<subscription group id>}`. */
  subscribed_state?: Record<string, unknown>
  /** Canned Connected Content answers: key `URL` or `METHOD URL` (e.g. `POST https://…`). */
  connected_content?: Record<string, CannedResponse>
  /** Catalog rows by catalog name, for `{% catalog_items %}`. */
  catalogs?: Record<string, Record<string, unknown>[]>
  [field: string]: unknown
}

export interface ZendeskUser {
  id: number
  name?: string | null
  email?: string | null
  [field: string]: unknown
}

export interface ZendeskTicketSample {
  ticket: { id?: number; [field: string]: unknown }
  users?: ZendeskUser[]
  organizations?: { id: number; [field: string]: unknown }[]
  groups?: { id: number; [field: string]: unknown }[]
  /** As from `GET /api/v2/tickets/{id}/comments.json` (`comments[]`). */
  comments?: Record<string, unknown>[]
  /** The user making the update that fired the trigger (`current_user`). */
  current_user_id?: number
  satisfaction?: Record<string, unknown>
  /** `{subdomain, name}`; the subdomain builds `ticket.url`. */
  account?: { subdomain?: string; name?: string; [field: string]: unknown }
  /** As from `GET /api/v2/ticket_fields` (`ticket_fields[]`), for option titles. */
  ticket_fields?: Record<string, unknown>[]
  [field: string]: unknown
}
