/**
 * The standard (Shopify Liquid 5) filter set both services run on.
 *
 * liquidjs ships many filters Ruby Liquid lacks (`jsonify`, `sum`, `push`, `where_exp`, …).
 * A filter that does not exist is silently ignored by Ruby Liquid in lax mode, so leaving
 * liquidjs's extras in place would render text the real service never produces.
 */
import type { Liquid } from 'liquidjs'
import { RUBY_COMPATIBLE_FILTERS } from './filters/index.js'

/** Filters of Shopify Liquid 5.2 (braze-inc/liquid:lib/liquid5/standardfilters.rb). */
export const SHOPIFY_STANDARD_FILTERS: readonly string[] = [
  'abs', 'append', 'at_least', 'at_most', 'base64_decode', 'base64_encode', 'base64_url_safe_decode',
  'base64_url_safe_encode', 'capitalize', 'ceil', 'compact', 'concat', 'date', 'default', 'divided_by',
  'downcase', 'escape', 'escape_once', 'first', 'floor', 'join', 'last', 'lstrip', 'map', 'minus', 'modulo',
  'newline_to_br', 'plus', 'prepend', 'remove', 'remove_first', 'remove_last', 'replace', 'replace_first',
  'replace_last', 'reverse', 'round', 'rstrip', 'size', 'slice', 'sort', 'sort_natural', 'split', 'strip',
  'strip_html', 'strip_newlines', 'times', 'truncate', 'truncatewords', 'uniq', 'upcase', 'url_decode',
  'url_encode', 'where',
]

/** Removes every filter not in `allowed` from a liquidjs instance. */
export function restrictFilters(liquid: Liquid, allowed: Iterable<string>): void {
  const keep = new Set(allowed)
  for (const name of Object.keys(liquid.filters)) {
    if (!keep.has(name)) delete liquid.filters[name]
  }
}

/** Gives `liquid` exactly the Shopify Liquid 5.2 filter set, behaving as Ruby Liquid's. */
export function installStandardFilters(liquid: Liquid): void {
  restrictFilters(liquid, SHOPIFY_STANDARD_FILTERS)
  for (const [name, filter] of Object.entries(RUBY_COMPATIBLE_FILTERS)) liquid.registerFilter(name, filter)
}
