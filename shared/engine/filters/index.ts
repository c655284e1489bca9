/**
 * Ruby Liquid 5.2 behaviour for the standard filters where liquidjs differs, plus the
 * standard filters liquidjs lacks (`base64_url_safe_*`).
 */
import { ARRAY_FILTERS } from './arrays.js'
import { BASE64_FILTERS } from './base64.js'
import { DATE_FILTERS } from './date.js'
import { DEFAULT_FILTERS } from './default.js'
import type { FilterSet } from './filterScope.js'
import { HTML_FILTERS } from './html.js'
import { MATH_FILTERS } from './math.js'
import { STRING_FILTERS } from './strings.js'
import { URL_FILTERS } from './url.js'

export const RUBY_COMPATIBLE_FILTERS: FilterSet = {
  ...ARRAY_FILTERS,
  ...BASE64_FILTERS,
  ...DATE_FILTERS,
  ...DEFAULT_FILTERS,
  ...HTML_FILTERS,
  ...MATH_FILTERS,
  ...STRING_FILTERS,
  ...URL_FILTERS,
}
