/**
 * A point in time with the UTC offset and zone name Ruby's `Time` carries, so `date` can
 * format it in that zone and Liquid output can print it like `Time#to_s`.
 */
import { strftime } from './strftime.js'
import { zoneAbbreviation, zoneOffsetSeconds } from './timeZones.js'

export class RubyTime {
  private constructor(
    readonly epochMs: number,
    /** Seconds east of UTC. */
    readonly offsetSeconds: number,
    /** What `%Z` prints; empty for a bare offset such as `-0500`. */
    readonly zoneName: string,
  ) {}

  /** Also what a time without a zone becomes: Braze documents that it renders in UTC. */
  static utc(epochMs: number): RubyTime {
    return new RubyTime(epochMs, 0, 'UTC')
  }

  static withOffset(epochMs: number, offsetSeconds: number): RubyTime {
    return new RubyTime(epochMs, offsetSeconds, '')
  }

  /** `zone` must be a zone Intl knows (see `canonicalZone`). */
  static inZone(epochMs: number, zone: string): RubyTime {
    const offset = zoneOffsetSeconds(zone, epochMs)
    return new RubyTime(epochMs, offset, zoneAbbreviation(zone, epochMs, offset))
  }

  /** `Time#to_s`: `2024-03-05 08:07:09 -0600`, or `… UTC` for UTC. */
  toString(): string {
    return strftime(this, this.zoneName === 'UTC' ? '%Y-%m-%d %H:%M:%S UTC' : '%Y-%m-%d %H:%M:%S %z')
  }

  /**
   * ActiveSupport's JSON form (`2024-03-05T08:07:09.000-06:00`); that Braze serialises
   * times this way is UNCONFIRMED, but it runs on Rails, where this is the default.
   */
  toJSON(): string {
    return strftime(this, this.zoneName === 'UTC' ? '%Y-%m-%dT%H:%M:%S.%LZ' : '%Y-%m-%dT%H:%M:%S.%L%:z')
  }
}
