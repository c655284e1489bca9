/**
 * Braze's URL escaping filters (`url_encode` is the standard, CGI-style one).
 *
 * Braze documents only `<`, `>` and `&`; the rest of the character sets is UNCONFIRMED and
 * follows Ruby's URI escape (RFC 2396), which keeps reserved URL characters such as `/?:=+`.
 */
import { percentEncode } from '../../engine/filters/url.js'
import { toText, type FilterSet } from '../../engine/filters/filterScope.js'

const URI_SAFE = /^[-_.!~*'()a-zA-Z0-9;/?:@&=+$,[\]]$/
const URI_PARAM_SAFE = /^[-_.!~*'()a-zA-Z0-9;/?:@=+$,[\]]$/

export const URL_ESCAPE_FILTERS: FilterSet = {
  url_escape: (input: unknown) => percentEncode(toText(input), URI_SAFE),
  url_param_escape: (input: unknown) => percentEncode(toText(input), URI_PARAM_SAFE),
}
