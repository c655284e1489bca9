/**
 * `time_zone`: moves a time into an IANA zone so a following `date` prints wall-clock time
 * there; printed directly it reads like Ruby's `Time#to_s` (`2024-03-05 08:07:09 -0600`).
 *
 * UNCONFIRMED: what Braze does with an unknown or empty zone (a user without `time_zone`);
 * Hookbench keeps the time in UTC and reports it. Rails zone names such as
 * `Eastern Time (US & Canada)` are not accepted, only IANA names.
 */
import { readTimeOrWarn } from '../../engine/filters/date.js'
import { reportAtFilter, toText, type FilterScope, type FilterSet } from '../../engine/filters/filterScope.js'
import { RubyTime } from '../../engine/filters/rubyTime.js'
import { canonicalZone } from '../../engine/filters/timeZones.js'

function timeZone(this: FilterScope, input: unknown, zone: unknown): unknown {
  const time = readTimeOrWarn(this, input, 'time_zone')
  if (!time) return input
  const name = toText(zone).trim()
  const canonical = name === '' ? undefined : canonicalZone(name)
  if (canonical) return RubyTime.inZone(time.epochMs, canonical)
  reportAtFilter(this, 'warning', 'braze-time-zone-unknown',
    name === '' ? 'time_zone got no zone name, so the time stays in UTC.' : `time_zone does not know the zone "${name}", so the time stays in UTC.`,
    "Use an IANA zone name such as 'America/Chicago', or set the sample user's time_zone.")
  return time
}

export const TIME_ZONE_FILTERS: FilterSet = { time_zone: timeZone }
