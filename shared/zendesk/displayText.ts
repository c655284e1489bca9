/**
 * How Zendesk turns API values into placeholder text: display names for status, priority,
 * type, channel and language, and its date formats.
 *
 * Confirmed by rendered examples (zendesk.md §1.4, §5.2): `Open`, empty priority → "",
 * no type → `Ticket`, `Web Form`, `English`, and ISO-to-the-minute UTC timestamps. The other
 * display strings follow the same pattern and are UNCONFIRMED.
 *
 * A missing value gives undefined (nil), which renders blank like Zendesk's `""` and is false
 * in `{% if %}`. UNCONFIRMED: whether Zendesk's blank is nil or an empty string (which Ruby
 * treats as true); nil is what the documented `{% if ticket.assignee.id %}` pattern relies on.
 */

/** `open` → `Open`. The rendered example shows `Open`; the other statuses are assumed to follow. */
export function statusName(status: unknown): string | undefined {
  // UNCONFIRMED: Zendesk's UI says "On-hold" for `hold`; the reference's mapping (§5.2) only
  // says "capitalised status", so `Hold` is what Hookbench renders.
  return typeof status === 'string' && status !== '' ? capitalize(status) : undefined
}

/** Low/Normal/High/Urgent; blank when no priority is set (rendered example: `""`). */
export function priorityName(priority: unknown): string | undefined {
  return typeof priority === 'string' && priority !== '' ? capitalize(priority) : undefined
}

/** Question/Incident/Problem/Task, and `Ticket` when the ticket has no type (rendered example). */
export function ticketTypeName(type: unknown): string {
  return typeof type === 'string' && type !== '' ? capitalize(type) : 'Ticket'
}

/**
 * The channel a ticket came through (`via.channel`) as Zendesk names it. Only `web` → `Web Form`
 * is confirmed by a rendered example; the other names are UNCONFIRMED (taken from Zendesk's UI
 * wording), and channels not listed are title-cased.
 */
const CHANNEL_NAMES: Record<string, string> = {
  web: 'Web Form',
  email: 'Mail',
  api: 'Web Service',
  mobile_sdk: 'Mobile SDK',
  any_channel: 'Channel Integration',
}

export function channelName(channel: unknown): string | undefined {
  if (typeof channel !== 'string' || channel === '') return undefined
  return CHANNEL_NAMES[channel] ?? channel.split('_').map(capitalize).join(' ')
}

const languageNames = new Intl.DisplayNames(['en'], { type: 'language' })

/**
 * A user's language preference from their locale (`en-US` → `English`). The rendered example
 * shows `English`; naming other languages in English and ignoring the region are UNCONFIRMED
 * (Zendesk may use the language's own name, e.g. `Deutsch`).
 */
export function languageName(locale: unknown): string | undefined {
  if (typeof locale !== 'string' || locale === '') return undefined
  const language = locale.split(/[-_]/)[0]!.toLowerCase()
  try {
    return languageNames.of(language) ?? locale
  } catch {
    return locale
  }
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** An API timestamp as a Date, or undefined when missing or unreadable. */
export function parseTimestamp(value: unknown): Date | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined
  const date = new Date(value)
  return Number.isNaN(date.getTime()) ? undefined : date
}

// Human-readable dates are written in UTC: Zendesk uses the account's (or user's) time zone,
// which a sample does not carry. UNCONFIRMED: the exact human formats below; the reference
// shows "May18, 2014" for `created_at` (taken as "May 18, 2014") and "Jan 29, 2021, 11:10"
// in the `description` header.

/** `May 18, 2014`. */
export function humanDate(date: Date | undefined): string | undefined {
  if (!date) return undefined
  return `${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()}, ${date.getUTCFullYear()}`
}

/** `Jan 29, 2021, 11:10` (24-hour clock). */
export function humanDateTime(date: Date | undefined): string | undefined {
  if (!date) return undefined
  return `${humanDate(date)}, ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}`
}

/** `2013-12-12T05:35Z`: ISO 8601 to the minute, in UTC (the `_with_timestamp` placeholders). */
export function isoMinute(date: Date | undefined): string | undefined {
  if (!date) return undefined
  return `${date.toISOString().slice(0, 16)}Z`
}

function pad(n: number): string {
  return String(n).padStart(2, '0')
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1)
}
