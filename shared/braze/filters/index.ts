/**
 * The filters of a Braze message: Liquid 5.2's standard set as Ruby runs it, minus what
 * Braze documents as unsupported, plus Braze's own.
 */
import type { Liquid } from 'liquidjs'
import { installStandardFilters } from '../../engine/standardFilters.js'
import { base64Encode } from '../../engine/filters/base64.js'
import type { FilterSet } from '../../engine/filters/filterScope.js'
import { BRAZE_FILTERS } from './catalog.js'
import { HASHING_FILTERS } from './hashing.js'
import { JSON_FILTERS } from './json.js'
import { NUMBER_FILTERS } from './numbers.js'
import { PROPERTY_ACCESSOR_FILTERS } from './propertyAccessor.js'
import { TIME_ZONE_FILTERS } from './timeZone.js'
import { URL_ESCAPE_FILTERS } from './urls.js'

export const BRAZE_ONLY_FILTERS: FilterSet = {
  ...HASHING_FILTERS,
  ...JSON_FILTERS,
  ...NUMBER_FILTERS,
  ...PROPERTY_ACCESSOR_FILTERS,
  ...TIME_ZONE_FILTERS,
  ...URL_ESCAPE_FILTERS,
  // UNCONFIRMED: the Braze filter table names `base64` but its example calls base64_encode.
  base64: base64Encode,
}

/** Braze ignores a filter it lacks, so an unsupported one must not exist in the instance. */
export function installBrazeFilters(liquid: Liquid): void {
  installStandardFilters(liquid)
  for (const info of BRAZE_FILTERS) {
    if (info.support === 'unsupported') delete liquid.filters[info.name]
  }
  for (const [name, filter] of Object.entries(BRAZE_ONLY_FILTERS)) liquid.registerFilter(name, filter)
}
