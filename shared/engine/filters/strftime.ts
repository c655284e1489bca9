/**
 * Ruby's `Time#strftime`, which Liquid's `date` filter calls: flags `-` (no padding),
 * `_` (spaces), `0` (zeros), `^` (upcase), `#` (change case), a width, and `%:z`/`%::z`.
 * A directive Ruby does not know is printed as written.
 */
import type { RubyTime } from './rubyTime.js'

const DAY_MS = 86_400_000
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October',
  'November', 'December']
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']

/** The calendar fields of a time as read on a wall clock in its own zone. */
interface WallClock {
  time: RubyTime
  year: number
  month: number
  day: number
  hour: number
  minute: number
  second: number
  millisecond: number
  /** 0 = Sunday. */
  weekday: number
  /** 1-based. */
  yearDay: number
}

function wallClock(time: RubyTime): WallClock {
  const local = new Date(time.epochMs + time.offsetSeconds * 1000)
  const year = local.getUTCFullYear()
  const startOfDay = Date.UTC(year, local.getUTCMonth(), local.getUTCDate())
  return {
    time,
    year,
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
    millisecond: local.getUTCMilliseconds(),
    weekday: local.getUTCDay(),
    yearDay: Math.round((startOfDay - Date.UTC(year, 0, 1)) / DAY_MS) + 1,
  }
}

/** ISO 8601 week-numbering year and week (weeks start on Monday; week 1 holds the first Thursday). */
function isoWeek(w: WallClock): { year: number; week: number } {
  const isoWeekday = w.weekday === 0 ? 7 : w.weekday
  const thursday = Date.UTC(w.year, w.month - 1, w.day + 4 - isoWeekday)
  const year = new Date(thursday).getUTCFullYear()
  return { year, week: Math.floor((thursday - Date.UTC(year, 0, 1)) / DAY_MS / 7) + 1 }
}

function hour12(w: WallClock): number {
  return w.hour % 12 === 0 ? 12 : w.hour % 12
}

/** `+hhmm`, with colons between the parts for `%:z` and `%::z`. */
function utcOffset(time: RubyTime, colons: number): string {
  const sign = time.offsetSeconds < 0 ? '-' : '+'
  const abs = Math.abs(time.offsetSeconds)
  const parts = [Math.floor(abs / 3600), Math.floor(abs / 60) % 60, abs % 60].map(n => String(n).padStart(2, '0'))
  if (colons === 0) return sign + parts[0] + parts[1]
  return sign + parts.slice(0, colons + 1).join(':')
}

/** Fractional seconds with `digits` digits, truncated like Ruby (`%L` = 3, `%N` = 9). */
function fraction(w: WallClock, digits: number): string {
  return String(w.millisecond).padStart(3, '0').padEnd(digits, '0').slice(0, digits)
}

type Conversion =
  | { kind: 'number'; value: (w: WallClock) => number; width: number; pad: '0' | ' ' }
  | { kind: 'text'; value: (w: WallClock) => string; lowerOnChangeCase?: boolean }
  | { kind: 'fraction'; width: number }
  | { kind: 'composite'; format: string }

const number = (value: (w: WallClock) => number, width = 2, pad: '0' | ' ' = '0'): Conversion =>
  ({ kind: 'number', value, width, pad })
const text = (value: (w: WallClock) => string): Conversion => ({ kind: 'text', value })
const composite = (format: string): Conversion => ({ kind: 'composite', format })

const CONVERSIONS: Readonly<Record<string, Conversion>> = {
  Y: number(w => w.year, 4),
  C: number(w => Math.floor(w.year / 100)),
  y: number(w => w.year % 100),
  m: number(w => w.month),
  B: text(w => MONTHS[w.month - 1]!),
  b: text(w => MONTHS[w.month - 1]!.slice(0, 3)),
  h: text(w => MONTHS[w.month - 1]!.slice(0, 3)),
  d: number(w => w.day),
  e: number(w => w.day, 2, ' '),
  j: number(w => w.yearDay, 3),
  H: number(w => w.hour),
  k: number(w => w.hour, 2, ' '),
  I: number(hour12),
  l: number(hour12, 2, ' '),
  P: text(w => (w.hour < 12 ? 'am' : 'pm')),
  p: { kind: 'text', value: w => (w.hour < 12 ? 'AM' : 'PM'), lowerOnChangeCase: true },
  M: number(w => w.minute),
  S: number(w => w.second),
  L: { kind: 'fraction', width: 3 },
  N: { kind: 'fraction', width: 9 },
  A: text(w => WEEKDAYS[w.weekday]!),
  a: text(w => WEEKDAYS[w.weekday]!.slice(0, 3)),
  u: number(w => (w.weekday === 0 ? 7 : w.weekday), 1),
  w: number(w => w.weekday, 1),
  G: number(w => isoWeek(w).year, 4),
  g: number(w => isoWeek(w).year % 100),
  V: number(w => isoWeek(w).week),
  U: number(w => Math.floor((w.yearDay - 1 + 7 - w.weekday) / 7)),
  W: number(w => Math.floor((w.yearDay - 1 + 7 - ((w.weekday + 6) % 7)) / 7)),
  s: number(w => Math.floor(w.time.epochMs / 1000), 1),
  Z: text(w => w.time.zoneName),
  n: text(() => '\n'),
  t: text(() => '\t'),
  '%': text(() => '%'),
  c: composite('%a %b %e %H:%M:%S %Y'),
  D: composite('%m/%d/%y'),
  x: composite('%m/%d/%y'),
  F: composite('%Y-%m-%d'),
  T: composite('%H:%M:%S'),
  X: composite('%H:%M:%S'),
  R: composite('%H:%M'),
  r: composite('%I:%M:%S %p'),
  v: composite('%e-%^b-%Y'),
  '+': composite('%a %b %e %H:%M:%S %Z %Y'),
}

const DIRECTIVE = /%([-_0^#]*)(\d*)(:{0,2})([a-zA-Z%+])/g

function padNumber(n: number, width: number, pad: string): string {
  const digits = String(Math.abs(n))
  const sign = n < 0 ? '-' : ''
  return sign + digits.padStart(width - sign.length, pad)
}

function formatDirective(w: WallClock, flags: string, widthText: string, colons: number, letter: string): string | undefined {
  if (letter === 'z') return utcOffset(w.time, colons)
  const conversion = colons === 0 ? CONVERSIONS[letter] : undefined
  if (!conversion) return undefined
  const width = widthText === '' ? undefined : Number(widthText)
  const padFlag = flags.includes('-') ? '' : flags.includes('_') ? ' ' : flags.includes('0') ? '0' : undefined

  if (conversion.kind === 'number') {
    const value = conversion.value(w)
    if (padFlag === '') return String(value)
    return padNumber(value, width ?? conversion.width, padFlag ?? conversion.pad)
  }
  if (conversion.kind === 'fraction') return fraction(w, width ?? conversion.width)

  let out = conversion.kind === 'composite' ? formatWall(w, conversion.format) : conversion.value(w)
  if (flags.includes('^')) out = out.toUpperCase()
  else if (flags.includes('#')) out = conversion.kind === 'text' && conversion.lowerOnChangeCase ? out.toLowerCase() : out.toUpperCase()
  return width === undefined || padFlag === '' ? out : out.padStart(width, padFlag ?? ' ')
}

function formatWall(w: WallClock, format: string): string {
  return format.replace(DIRECTIVE, (directive, flags: string, width: string, colons: string, letter: string) =>
    formatDirective(w, flags, width, colons.length, letter) ?? directive)
}

export function strftime(time: RubyTime, format: string): string {
  return formatWall(wallClock(time), format)
}
