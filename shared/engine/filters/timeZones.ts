/**
 * IANA time zones through Intl, the only zone database available offline in Node and Electron.
 */

const formats = new Map<string, Intl.DateTimeFormat | null>()

/** One formatter per zone and style; `null` remembers that Intl rejected the zone. */
function formatter(zone: string, style: 'longOffset' | 'short', locale = 'en-US'): Intl.DateTimeFormat | null {
  const key = `${locale}|${style}|${zone}`
  let format = formats.get(key)
  if (format === undefined) {
    try {
      format = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: style })
    } catch {
      format = null
    }
    formats.set(key, format)
  }
  return format
}

function zoneNamePart(format: Intl.DateTimeFormat, epochMs: number): string {
  return format.formatToParts(epochMs).find(part => part.type === 'timeZoneName')?.value ?? ''
}

/** The canonical IANA name (`US/Central` → `America/Chicago`), or undefined for an unknown zone. */
export function canonicalZone(name: string): string | undefined {
  return formatter(name, 'longOffset')?.resolvedOptions().timeZone
}

/** Seconds east of UTC in `zone` at that instant; `zone` must be known. */
export function zoneOffsetSeconds(zone: string, epochMs: number): number {
  const format = formatter(zone, 'longOffset')
  const match = format && /([+-])(\d{2}):(\d{2})/.exec(zoneNamePart(format, epochMs))
  if (!match) return 0
  const seconds = Number(match[2]) * 3600 + Number(match[3]) * 60
  return match[1] === '-' ? -seconds : seconds
}

/** A numeric abbreviation as tzdata writes one for zones without a name: `+09`, `+0530`. */
export function numericAbbreviation(offsetSeconds: number): string {
  const sign = offsetSeconds < 0 ? '-' : '+'
  const minutes = Math.abs(offsetSeconds) / 60
  const hours = String(Math.floor(minutes / 60)).padStart(2, '0')
  const rest = minutes % 60
  return rest === 0 ? sign + hours : sign + hours + String(rest).padStart(2, '0')
}

/** Intl names a zone only in locales that use it: US names in en-US, European in en-GB… */
const NAMING_LOCALES = ['en-US', 'en-GB', 'en-IN', 'en-AU', 'en-ZA']

/**
 * The zone abbreviation Ruby's `%Z` prints (`CST`, `CET`, `IST`). Where no locale has a
 * name, Intl only offers `GMT+9` while tzdata (and so Ruby) may say `JST`: Hookbench then
 * prints tzdata's numeric form (`+09`).
 */
export function zoneAbbreviation(zone: string, epochMs: number, offsetSeconds: number): string {
  for (const locale of NAMING_LOCALES) {
    const format = formatter(zone, 'short', locale)
    const name = format && zoneNamePart(format, epochMs)
    if (name && /^[A-Z]{2,5}$/.test(name)) return name
  }
  return numericAbbreviation(offsetSeconds)
}
