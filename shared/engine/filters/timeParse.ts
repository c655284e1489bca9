/**
 * Liquid's `Utils.to_date`: what the `date` filter accepts as a time.
 *
 * - a time value (from `time_zone`) or a JS Date is used as is;
 * - `'now'` and `'today'` are the render's current instant (not midnight);
 * - an integer, or a string of digits only, is Unix seconds;
 * - any other string goes through Ruby's `Time.parse`. Hookbench reads the forms webhook data
 *   really holds: ISO 8601, `2021-06-03 17:13:41 UTC`, RFC 2822, `June 3, 2021 5:13 PM`,
 *   `3 Jun 2021`, `2021/06/03`, `03/06/2021` (day first, as Ruby reads it), and a time
 *   alone (today). `Time.parse` guesses at far more; those inputs stay unparsed here.
 *
 * Without a zone, a time is UTC: Braze documents UTC (for Zendesk this is UNCONFIRMED).
 */
import { toValue } from 'liquidjs'
import { RubyTime } from './rubyTime.js'

interface CalendarDate {
  year?: number
  month: number
  day: number
}

const MONTH = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?'
  + '|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?(?![a-z])'
const MONTH_ABBREVIATIONS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']
const DAY = '(\\d{1,2})(?:st|nd|rd|th)?(?!\\d)'

const monthNumber = (name: string): number => MONTH_ABBREVIATIONS.indexOf(name.slice(0, 3)) + 1

/** Date forms, most specific first; each maps its match to a calendar date. */
const DATE_FORMS: ReadonlyArray<[RegExp, (m: RegExpExecArray) => CalendarDate]> = [
  [/(?<!\d)(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?!\d)/, m => ({ year: +m[1]!, month: +m[2]!, day: +m[3]! })],
  [/(?<!\d)(\d{1,2})\/(\d{1,2})\/(\d{4})(?!\d)/, m => ({ year: +m[3]!, month: +m[2]!, day: +m[1]! })],
  [new RegExp(`(?<!\\d)${DAY}[\\s-]+${MONTH}[\\s,-]+(\\d{4})(?!\\d)`),
    m => ({ year: +m[3]!, month: monthNumber(m[2]!), day: +m[1]! })],
  // Ruby allows no space after the month: Zendesk's `ticket.created_at` reads `May18, 2014`.
  [new RegExp(`(?<![a-z])${MONTH}\\s*${DAY}(?:,?\\s*(\\d{4})(?!\\d))?`),
    m => ({ year: m[3] ? +m[3] : undefined, month: monthNumber(m[1]!), day: +m[2]! })],
  [new RegExp(`(?<![a-z])${MONTH}\\s*(\\d{4})(?!\\d)`), m => ({ year: +m[2]!, month: monthNumber(m[1]!), day: 1 })],
]

const CLOCK_TIME = /(?<!\d)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?:\s*([ap])\.?m\.?(?![a-z]))?/
const HOUR_WITH_MERIDIAN = /(?<!\d)(\d{1,2})\s*([ap])\.?m\.?(?![a-z])/

/** Zones `Time.parse` turns into a UTC time; other names and offsets give a fixed offset. */
const UTC_NAMES = new Set(['z', 'utc', 'ut'])
const NAMED_OFFSET_HOURS: Readonly<Record<string, number>> = {
  z: 0, utc: 0, ut: 0, gmt: 0, est: -5, edt: -4, cst: -6, cdt: -5, mst: -7, mdt: -6, pst: -8, pdt: -7,
}
const ZONE = /^\s*(?:([a-z]{1,3})(?![a-z]))?\s*(?:([+-])(\d{1,2})(?::?(\d{2}))?(?!\d))?/

interface ClockTime {
  hour: number
  minute: number
  second: number
  millisecond: number
  /** Offset into the text just past the time, where a zone may follow. */
  end: number
}

function readDate(text: string): (CalendarDate & { end: number }) | undefined {
  for (const [pattern, read] of DATE_FORMS) {
    const match = pattern.exec(text)
    if (match) return { ...read(match), end: match.index + match[0].length }
  }
  return undefined
}

function to24Hour(hour: number, meridian: string | undefined): number {
  if (meridian === undefined) return hour
  return (hour % 12) + (meridian === 'p' ? 12 : 0)
}

function readTime(text: string): ClockTime | undefined {
  const clock = CLOCK_TIME.exec(text)
  if (clock) {
    const fractionDigits = clock[4] ?? ''
    return {
      hour: to24Hour(+clock[1]!, clock[5]),
      minute: +clock[2]!,
      second: clock[3] ? +clock[3] : 0,
      millisecond: Math.floor(Number(`0.${fractionDigits || '0'}`) * 1000),
      end: clock.index + clock[0].length,
    }
  }
  const hourOnly = HOUR_WITH_MERIDIAN.exec(text)
  if (!hourOnly) return undefined
  const end = hourOnly.index + hourOnly[0].length
  return { hour: to24Hour(+hourOnly[1]!, hourOnly[2]), minute: 0, second: 0, millisecond: 0, end }
}

/** The zone written after the time (or the date); undefined when none is. */
function readZone(rest: string): { offsetSeconds: number; utc: boolean } | undefined {
  const match = ZONE.exec(rest)
  const name = match?.[1]
  const named = name === undefined ? undefined : NAMED_OFFSET_HOURS[name]
  const sign = match?.[2]
  if (named === undefined && sign === undefined) return undefined
  const numeric = sign === undefined ? 0 : (Number(match![3]) * 3600 + Number(match![4] ?? 0) * 60) * (sign === '-' ? -1 : 1)
  return { offsetSeconds: (named ?? 0) * 3600 + numeric, utc: name !== undefined && UTC_NAMES.has(name) && sign === undefined }
}

function isValid(date: CalendarDate, time: ClockTime): boolean {
  return date.month >= 1 && date.month <= 12 && date.day >= 1 && date.day <= 31
    && time.hour <= 24 && time.minute <= 59 && time.second <= 60
}

function parseTimeText(text: string, now: Date): RubyTime | undefined {
  const date = readDate(text)
  const time = readTime(text)
  if (!date && !time) return undefined
  const day: CalendarDate = {
    year: date?.year ?? now.getUTCFullYear(),
    month: date?.month ?? now.getUTCMonth() + 1,
    day: date?.day ?? now.getUTCDate(),
  }
  const clock = time ?? { hour: 0, minute: 0, second: 0, millisecond: 0, end: date!.end }
  if (!isValid(day, clock)) return undefined
  // Date.UTC rolls 31 June over to 1 July, as Ruby's Time does.
  const wallMs = Date.UTC(day.year!, day.month - 1, day.day, clock.hour, clock.minute, clock.second, clock.millisecond)
  const zone = readZone(text.slice(time ? clock.end : date!.end))
  if (!zone) return RubyTime.utc(wallMs)
  const epochMs = wallMs - zone.offsetSeconds * 1000
  return zone.utc ? RubyTime.utc(epochMs) : RubyTime.withOffset(epochMs, zone.offsetSeconds)
}

/** The time `input` denotes, or undefined when Liquid would leave it unchanged. */
export function toRubyTime(input: unknown, now: Date): RubyTime | undefined {
  const value = toValue(input)
  if (value instanceof RubyTime) return value
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : RubyTime.utc(value.getTime())
  if (typeof value === 'number') return Number.isInteger(value) ? RubyTime.utc(value * 1000) : undefined
  if (typeof value !== 'string' || value === '') return undefined
  const text = value.toLowerCase()
  if (text === 'now' || text === 'today') return RubyTime.utc(now.getTime())
  if (/^\d+$/.test(text)) return RubyTime.utc(Number(text) * 1000)
  return parseTimeText(text, now)
}
