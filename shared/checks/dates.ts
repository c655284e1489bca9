/**
 * Date and time formats the targets document. Each format is a regex with named parts,
 * so one calendar check (no 2024-02-30, no 25:00) serves every format.
 */

const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']

/** ISO 8601 extended format: a date, optionally a time (minutes, seconds and fractions optional) and a zone. */
const ISO_8601 =
  /^(?<year>\d{4})-(?<month>\d{2})-(?<day>\d{2})(?:T(?<hour>\d{2}):(?<minute>\d{2})(?::(?<second>\d{2})(?:[.,]\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/

const CALENDAR_DATE = /^(?<year>\d{4})-(?<month>\d{2})-(?<day>\d{2})$/

/**
 * The non-ISO formats braze.md §5.2 lists for attributes and properties, transcribed from
 * Braze's Java-style patterns. `SSSZ` and `.TZD` are read as "a zone: Z, ±hhmm or a zone
 * abbreviation"; Braze does not spell out what it parses there (UNCONFIRMED).
 */
const BRAZE_EXTRA_FORMATS = [
  // yyyy-MM-ddTHH:mm:ss:SSSZ (sic: a colon before the milliseconds)
  /^(?<year>\d{4})-(?<month>\d{2})-(?<day>\d{2})T(?<hour>\d{2}):(?<minute>\d{2}):(?<second>\d{2}):\d{3}(?:Z|[+-]\d{2}:?\d{2})$/,
  // yyyy-MM-dd HH:mm:ss
  /^(?<year>\d{4})-(?<month>\d{2})-(?<day>\d{2}) (?<hour>\d{2}):(?<minute>\d{2}):(?<second>\d{2})$/,
  // MM/dd/yyyy
  /^(?<month>\d{2})\/(?<day>\d{2})\/(?<year>\d{4})$/,
  // ddd MM dd HH:mm:ss.TZD YYYY; the month is also accepted as a name ("Thu Dec 06 …"), as Unix `date` prints it.
  /^(?:mon|tue|wed|thu|fri|sat|sun) (?<month>\d{2}|[a-z]{3}) (?<day>\d{2}) (?<hour>\d{2}):(?<minute>\d{2}):(?<second>\d{2})\.(?:Z|[+-]\d{2}:?\d{2}|[a-z]{1,5}) (?<year>\d{4})$/i,
]

export const BRAZE_DATE_FORMATS_TEXT =
  'ISO 8601 or one of yyyy-MM-ddTHH:mm:ss:SSSZ, yyyy-MM-dd HH:mm:ss, MM/dd/yyyy, ddd MM dd HH:mm:ss.TZD YYYY'

function monthNumber(month: string): number {
  const byName = MONTH_NAMES.indexOf(month.toLowerCase())
  return byName >= 0 ? byName + 1 : Number(month)
}

/** Whether a format match names a real moment: month 1–12, a day that month has, hour < 24, minute and second < 60 (60 for leap seconds). */
function isRealMoment(match: RegExpExecArray | null): boolean {
  const parts = match?.groups
  if (!parts) return false
  const year = Number(parts.year)
  const month = monthNumber(parts.month ?? '')
  const day = Number(parts.day)
  if (!(month >= 1 && month <= 12)) return false
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate()
  if (day < 1 || day > daysInMonth) return false
  if (parts.hour !== undefined && Number(parts.hour) > 23) return false
  if (parts.minute !== undefined && Number(parts.minute) > 59) return false
  if (parts.second !== undefined && Number(parts.second) > 60) return false
  return true
}

/** ISO 8601 date or date-time, e.g. `2024-05-01`, `2013-12-12T05:35Z` (Zendesk's `*_with_timestamp`), `2022-12-06T19:20:45+01:00`. */
export function isIso8601(text: string): boolean {
  return isRealMoment(ISO_8601.exec(text))
}

/** `YYYY-MM-DD` exactly, as Braze's `dob` requires. */
export function isCalendarDate(text: string): boolean {
  return isRealMoment(CALENDAR_DATE.exec(text))
}

/** Any date-time format braze.md §5.2 documents. */
export function isBrazeDateTime(text: string): boolean {
  return isIso8601(text) || BRAZE_EXTRA_FORMATS.some((format) => isRealMoment(format.exec(text)))
}
