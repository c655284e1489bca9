/**
 * Braze personalization tags (braze.md §1.2) and where a user sample's fields feed them.
 * Used to build the render scope, to lint unknown tags, and by the editor for completion.
 */

export interface StandardAttribute {
  /** The Liquid tag name: `{{${tag}}}`. */
  tag: string
  /** The field of a `/users/export/ids` user that holds the value, when there is one. */
  exportField?: string
  summary: string
}

/**
 * Tag ← export field. The mapping of renamed fields (email_address ← email, …) is an
 * inference in braze.md §1.2, not checked against Braze's attribute-name article: UNCONFIRMED.
 */
export const STANDARD_ATTRIBUTES: readonly StandardAttribute[] = [
  { tag: 'first_name', exportField: 'first_name', summary: "The user's first name." },
  { tag: 'last_name', exportField: 'last_name', summary: "The user's last name." },
  { tag: 'email_address', exportField: 'email', summary: "The user's email address (export field `email`)." },
  { tag: 'phone_number', exportField: 'phone', summary: "The user's phone number (export field `phone`)." },
  { tag: 'date_of_birth', exportField: 'dob', summary: 'Date of birth, YYYY-MM-DD (export field `dob`).' },
  { tag: 'city', exportField: 'home_city', summary: 'Home city (export field `home_city`).' },
  { tag: 'country', exportField: 'country', summary: 'Country, ISO-3166-1 alpha-2 when Braze could map it.' },
  { tag: 'language', exportField: 'language', summary: 'Language, ISO-639-1.' },
  { tag: 'gender', exportField: 'gender', summary: 'Gender: M, F, O, N, P or blank.' },
  { tag: 'time_zone', exportField: 'time_zone', summary: 'IANA time zone name, e.g. America/New_York.' },
  { tag: 'user_id', exportField: 'external_id', summary: 'The external_id.' },
  { tag: 'braze_id', exportField: 'braze_id', summary: "Braze's own id of the profile." },
  { tag: 'random_bucket_number', exportField: 'random_bucket', summary: 'Random bucket number 0–9999 (export field `random_bucket`).' },
  { tag: 'last_used_app_date', summary: 'When the user last used an app (from `apps[].last_used` in an export).' },
  { tag: 'most_recent_app_version', summary: 'Version of the app used most recently (from `apps[]`).' },
  { tag: 'most_recent_locale', summary: 'Most recent device locale, e.g. pt_BR.' },
  { tag: 'most_recent_location', summary: 'Most recent location (from `last_coordinates` in an export).' },
  { tag: 'set_user_to_unsubscribed_url', summary: 'Email unsubscribe link (email only).' },
  { tag: 'set_user_to_subscribed_url', summary: 'Email subscribe link (email only).' },
  { tag: 'set_user_to_opted_in_url', summary: 'Email opt-in link (email only).' },
  { tag: 'unsubscribe_url', summary: 'Legacy unsubscribe link; use set_user_to_unsubscribed_url.' },
]

export interface Namespace {
  name: string
  summary: string
  /** Documented keys, for completion; a namespace without keys takes any name. */
  keys?: readonly string[]
}

const DEVICE_KEYS = [
  'carrier', 'id', 'idfa', 'model', 'os', 'platform', 'google_ad_id', 'roku_ad_id', 'foreground_push_enabled',
] as const

export const NAMESPACES: readonly Namespace[] = [
  { name: 'custom_attribute', summary: 'Custom attributes of the user; nested objects and arrays by `.key` and `[0]` after `${…}`.' },
  { name: 'event_properties', summary: 'Properties of the custom event or purchase that triggered the message.' },
  { name: 'canvas_entry_properties', summary: 'Legacy name of Canvas entry properties (now `context`).' },
  { name: 'context', summary: 'Canvas entry properties and context variables.' },
  { name: 'api_trigger_properties', summary: 'trigger_properties of an API-triggered campaign send.' },
  { name: 'campaign', summary: 'The campaign (or Canvas step) being sent.', keys: ['api_id', 'dispatch_id', 'name', 'message_name', 'message_api_id'] },
  { name: 'canvas', summary: 'The Canvas being sent.', keys: ['name', 'api_id', 'variant_name', 'variant_api_id'] },
  { name: 'card', summary: 'The Content Card (cards only).', keys: ['api_id', 'name'] },
  { name: 'most_recently_used_device', summary: "The user's most recently used device.", keys: [...DEVICE_KEYS, 'browser', 'ad_tracking_enabled'] },
  // Documented for push, in-app and Banners only; whether it works in webhooks is UNCONFIRMED (braze.md §1.2).
  { name: 'targeted_device', summary: 'The device a push or in-app message targets (not documented for webhooks).', keys: DEVICE_KEYS },
  { name: 'subscribed_state', summary: 'Subscription state: `email_global` or a subscription group id.' },
  { name: 'app', summary: 'The targeted app (in-app messages only).', keys: ['api_id', 'name'] },
  { name: 'sms', summary: 'Inbound SMS fields.', keys: ['inbound_message_body', 'inbound_media_urls'] },
  { name: 'whats_app', summary: 'Inbound WhatsApp fields.', keys: ['inbound_message_body', 'inbound_media_urls', 'inbound_flow_response', 'inbound_product_id', 'inbound_catalog_id'] },
  { name: 'content_blocks', summary: 'Includes a Content Block by name.' },
]

const standardTags = new Set(STANDARD_ATTRIBUTES.map((a) => a.tag))
const namespaceNames = new Set(NAMESPACES.map((n) => n.name))

export function isStandardAttribute(tag: string): boolean {
  return standardTags.has(tag)
}

export function isNamespace(name: string): boolean {
  return namespaceNames.has(name)
}

/** The scope variable that holds the bare `${…}` tags; not a name Braze users can write. */
export const STANDARD_SCOPE = '__braze'
