/**
 * The variables a Braze user sample provides to a template.
 *
 * Values keep the sample's JSON types exactly. Braze's dashboard preview guesses the types of
 * `api_trigger_properties`, `canvas_entry_properties` and `context`, but a real send keeps them
 * (braze.md §1.1), and Hookbench renders what a send would.
 */
import type { BrazeUserSample } from '../samples/types.js'
import { STANDARD_ATTRIBUTES, STANDARD_SCOPE } from './attributes.js'

type Json = Record<string, unknown>

export function buildBrazeScope(sample: BrazeUserSample): Json {
  const standard: Json = {}
  for (const attribute of STANDARD_ATTRIBUTES) {
    const value = attribute.exportField === undefined ? undefined : sample[attribute.exportField]
    if (value !== undefined) standard[attribute.tag] = value
  }
  Object.assign(standard, appUsage(sample), locationOf(sample))
  return {
    [STANDARD_SCOPE]: standard,
    custom_attribute: sample.custom_attributes ?? {},
    event_properties: sample.event_properties ?? {},
    canvas_entry_properties: sample.canvas_entry_properties ?? sample.context ?? {},
    // Current Canvases read entry properties with `context.${…}`; the legacy namespace shares them.
    context: sample.context ?? sample.canvas_entry_properties ?? {},
    api_trigger_properties: sample.api_trigger_properties ?? {},
    campaign: sample.campaign ?? {},
    canvas: sample.canvas ?? {},
    subscribed_state: subscribedState(sample),
    most_recently_used_device: objectField(sample, 'most_recently_used_device') ?? mostRecentDevice(sample),
    // Documented for push and in-app messages only; in a webhook it is treated as null (UNCONFIRMED, braze.md §1.2).
    targeted_device: objectField(sample, 'targeted_device') ?? null,
  }
}

function objectField(sample: BrazeUserSample, key: string): Json | undefined {
  const value = sample[key]
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined
}

function subscribedState(sample: BrazeUserSample): Json {
  const explicit = objectField(sample, 'subscribed_state') ?? {}
  if (explicit.email_global === undefined && typeof sample.email_subscribe === 'string') {
    return { email_global: sample.email_subscribe, ...explicit }
  }
  return explicit
}

/**
 * The export lists devices without saying which was used last (braze.md §5.3: UNCONFIRMED
 * ordering); the last entry is taken as the most recent, and Braze's `id` is the export's `idfv`.
 * A sample can state `most_recently_used_device` itself to override this.
 */
function mostRecentDevice(sample: BrazeUserSample): Json | null {
  const device = sample.devices?.[sample.devices.length - 1]
  if (!device) return null
  const platform = sample.push_tokens?.find((t) => t.device_id === device.device_id)?.platform
  return {
    id: device.idfv ?? device.device_id ?? null,
    carrier: device.carrier ?? null,
    idfa: device.idfa ?? null,
    model: device.model ?? null,
    os: device.os ?? null,
    platform: device.platform ?? platform ?? null,
    google_ad_id: device.google_ad_id ?? null,
    roku_ad_id: device.roku_ad_id ?? null,
    ad_tracking_enabled: device.ad_tracking_enabled ?? null,
    foreground_push_enabled: device.foreground_push_enabled ?? null,
    browser: device.browser ?? null,
  }
}

function appUsage(sample: BrazeUserSample): Json {
  const apps = [...(sample.apps ?? [])].filter((a) => typeof a.last_used === 'string')
  if (apps.length === 0) return {}
  apps.sort((a, b) => String(a.last_used).localeCompare(String(b.last_used)))
  const latest = apps[apps.length - 1]!
  return { last_used_app_date: latest.last_used, most_recent_app_version: latest.version ?? null }
}

function locationOf(sample: BrazeUserSample): Json {
  const coordinates = sample.last_coordinates
  // Export order is [longitude, latitude] (braze.md §5.3); the tag's text format is UNCONFIRMED.
  if (!Array.isArray(coordinates) || coordinates.length !== 2) return {}
  return { most_recent_location: `${coordinates[1]}, ${coordinates[0]}` }
}
