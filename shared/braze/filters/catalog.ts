/**
 * Every filter the Braze documentation mentions, with whether Braze supports it (braze.md §2).
 * The linter, editor completion and hover read it; the Braze dialect removes the
 * unsupported ones, because Braze silently ignores a filter it lacks.
 */

export type BrazeFilterSupport = 'supported' | 'unconfirmed' | 'unsupported'

export interface FilterInfo {
  name: string
  /** How it is called, e.g. `hmac_sha256_base64: key`. */
  signature: string
  summary: string
  support: BrazeFilterSupport
  /** What to write instead, for filters Braze does not support. */
  alternative?: string
}

const entry = (support: BrazeFilterSupport) => (signature: string, summary: string, alternative?: string): FilterInfo => ({
  name: signature.split(':')[0]!,
  signature,
  summary,
  support,
  ...(alternative === undefined ? {} : { alternative }),
})
const supported = entry('supported')
const unconfirmed = entry('unconfirmed')
const unsupported = entry('unsupported')

const UNCONFIRMED_NOTE = 'Defined in Braze\'s Liquid 5.2 code but not in its docs: it may not work in Braze.'

const SHOPIFY_COLOR_FILTERS = [
  'brightness_difference', 'color_brightness', 'color_contrast', 'color_darken', 'color_desaturate', 'color_difference',
  'color_extract', 'color_lighten', 'color_mix', 'color_modify', 'color_saturate', 'color_to_hex', 'color_to_hsl',
  'color_to_rgb', 'hex_to_rgba',
]
const SHOPIFY_FONT_FILTERS = ['font_face', 'font_modify', 'font_url']

export const BRAZE_FILTERS: readonly FilterInfo[] = [
  // Arrays
  supported('join: separator', 'Joins the items of an array into one string, with the separator between them (a space by default).'),
  supported('first', 'Returns the first item of an array; in a custom attribute array, the oldest value added.'),
  supported('last', 'Returns the last item of an array; in a custom attribute array, the most recent value added.'),
  supported('compact', 'Removes nil items from an array.'),
  supported('concat: array', 'Joins two arrays into one.'),
  supported('map: property', 'Makes an array of one property taken from each item of an array of objects.'),
  supported('reverse', 'Reverses the order of the items in an array.'),
  supported('size', 'Returns the number of characters in a string or of items in an array.'),
  supported('slice: start, length', 'Returns part of a string or array, from a 0-based start (negative counts from the end) for length items (1 by default).'),
  supported('sort: property', 'Sorts an array, optionally by a property of its items; case-sensitive.'),
  supported('sort_natural: property', 'Sorts an array case-insensitively, optionally by a property of its items.'),
  supported('uniq', 'Removes duplicate items from an array.'),
  supported('where: property, value', 'Keeps the items of an array whose property equals the value (or is truthy when no value is given).'),
  unsupported('find_index: property, value', 'Returns the index of the first matching item; not supported by Braze.', 'a for loop with forloop.index0 inside an if'),

  // Math
  supported('abs', 'Returns the absolute value of a number.'),
  supported('at_least: minimum', 'Limits a number to a minimum value.'),
  supported('at_most: maximum', 'Limits a number to a maximum value.'),
  supported('ceil', 'Rounds a number up to the nearest integer.'),
  supported('floor', 'Rounds a number down to the nearest integer.'),
  supported('divided_by: divisor', 'Divides by a number; an integer divided by an integer is rounded down (15 | divided_by: 2 is 7, divided_by: 2.0 gives 7.5).'),
  supported('minus: number', 'Subtracts a number.'),
  supported('plus: number', 'Adds a number; also turns numeric text into a number (| plus: 0).'),
  supported('times: number', 'Multiplies by a number.'),
  supported('modulo: divisor', 'Returns the remainder of a division.'),
  supported('round: decimals', 'Rounds to the nearest integer, or to the given number of decimals.'),

  // Money
  supported('money', 'Formats a number with two decimals; unlike Shopify it does not divide by 100 (145 | money is 145.00).'),
  unsupported('money_with_currency', 'Shopify money format with the currency code; not supported by Braze.', 'write the currency yourself around | money'),
  unsupported('money_without_currency', 'Shopify money format without the symbol; not supported by Braze.', 'money'),

  // Strings
  supported('append: text', 'Adds text to the end of a string.'),
  supported('prepend: text', 'Adds text to the start of a string.'),
  supported('capitalize', 'Capitalizes the first character and downcases the rest.'),
  supported('downcase', 'Converts a string to lowercase.'),
  supported('upcase', 'Converts a string to uppercase.'),
  supported('escape', 'Escapes HTML special characters (& < > " \').'),
  supported('newline_to_br', 'Inserts an HTML <br /> before each line break.'),
  supported('remove: text', 'Removes every occurrence of the text.'),
  supported('remove_first: text', 'Removes the first occurrence of the text.'),
  supported('replace: search, replacement', 'Replaces every occurrence of the search text.'),
  supported('replace_first: search, replacement', 'Replaces the first occurrence of the search text.'),
  supported('split: separator', 'Splits a string into an array at each separator.'),
  supported('strip', 'Removes spaces, tabs and line breaks from both ends of a string.'),
  supported('strip_html', 'Removes HTML tags from a string.'),
  supported('strip_newlines', 'Removes line breaks from a string.'),
  supported('truncate: length, ellipsis', 'Shortens a string to the given number of characters, ellipsis (... by default) included.'),
  supported('truncatewords: count, ellipsis', 'Shortens a string to the given number of words and adds the ellipsis (... by default).'),
  unsupported('camelize', 'Converts a string to CamelCase; not supported by Braze.'),
  unsupported('handleize', 'Converts a string to a URL handle; not supported by Braze.', "downcase | replace: ' ', '-'"),
  unsupported('pluralize: singular, plural', 'Picks the singular or plural word for a count; not supported by Braze.', 'an if on the count'),
  unsupported('lstrip', 'Removes whitespace from the start of a string; not supported by Braze, which ignores it.', 'strip'),
  unsupported('rstrip', 'Removes whitespace from the end of a string; not supported by Braze, which ignores it.', 'strip'),

  // Other standard filters
  supported('date: format', "Formats a time with Ruby strftime (%Y-%m-%d, %b, %s for Unix seconds…); 'now' is the send time, in UTC unless time_zone comes first."),
  supported('default: fallback', 'Uses the fallback when the value is missing, false or empty (string, array or hash).'),
  unsupported('format_address', 'Shopify address formatting; not supported by Braze.'),
  unsupported('highlight: terms', 'Shopify search highlighting; not supported by Braze.'),
  ...SHOPIFY_COLOR_FILTERS.map(name => unsupported(name, 'Shopify color filter; not supported by Braze.')),
  ...SHOPIFY_FONT_FILTERS.map(name => unsupported(name, 'Shopify font filter; not supported by Braze.')),

  // In Braze's Liquid 5.2 code, not in its docs
  unconfirmed('escape_once', `Escapes HTML without escaping existing entities again. ${UNCONFIRMED_NOTE}`, 'escape'),
  unconfirmed('url_decode', `Decodes a URL-encoded string (+ becomes a space). ${UNCONFIRMED_NOTE}`),
  unconfirmed('base64_decode', `Decodes a base64 string. ${UNCONFIRMED_NOTE}`),
  unconfirmed('base64_url_safe_encode', `Encodes to URL-safe base64 (- and _ instead of + and /). ${UNCONFIRMED_NOTE}`),
  unconfirmed('base64_url_safe_decode', `Decodes URL-safe base64. ${UNCONFIRMED_NOTE}`),
  unconfirmed('replace_last: search, replacement', `Replaces the last occurrence of the search text. ${UNCONFIRMED_NOTE}`),
  unconfirmed('remove_last: text', `Removes the last occurrence of the text. ${UNCONFIRMED_NOTE}`),

  // Braze-only
  supported('md5', 'Returns the MD5 hash of a string, in lowercase hex.'),
  supported('sha1', 'Returns the SHA-1 hash of a string, in hex.'),
  supported('sha2', 'Returns the SHA-256 hash of a string, in hex.'),
  supported('base64_encode', 'Encodes a string as base64, without line breaks.'),
  unconfirmed('base64', 'Named in the Braze filter table, whose example uses base64_encode: it may not work in Braze.', 'base64_encode'),
  supported('hmac_sha1_hex: key', 'Returns the HMAC-SHA1 signature of a string with the secret key, in hex.'),
  supported('hmac_sha1: key', 'Old name of hmac_sha1_hex: HMAC-SHA1 signature in hex.'),
  supported('hmac_sha1_base64: key', 'Returns the HMAC-SHA1 signature of a string with the secret key, in base64.'),
  supported('hmac_sha256_hex: key', 'Returns the HMAC-SHA256 signature of a string with the secret key, in hex.'),
  supported('hmac_sha256_base64: key', 'Returns the HMAC-SHA256 signature of a string with the secret key, in base64.'),
  supported('hmac_sha256: key', 'Returns the HMAC-SHA256 signature with the secret key; Braze does not say its encoding (hex assumed), so prefer hmac_sha256_hex.'),
  supported('hmac_sha512: key', 'Returns the HMAC-SHA512 signature with the secret key; Braze does not say its encoding (hex assumed).'),
  supported('url_escape', 'Percent-encodes the characters not allowed in a URL (hey<>hi becomes hey%3C%3Ehi).'),
  supported('url_param_escape', 'Percent-encodes a value for a URL query parameter, & included; use it for attributes such as email in Connected Content URLs.'),
  supported('url_encode', 'Encodes a string for a URL form value: spaces become +.'),
  supported('property_accessor: key', 'Returns the value of a hash at a key computed at render time.'),
  supported('number_with_delimiter', 'Formats a number with commas between thousands (123456 becomes 123,456).'),
  supported('json_escape', 'Escapes quotes and backslashes so a value can sit inside a JSON string; use it for every value in a JSON webhook body.'),
  supported('json_parse', 'Turns JSON text into an object or array.'),
  supported('as_json_string', 'Turns an object or array into JSON text.'),
  unsupported('to_json', 'Braze has no to_json filter.', 'as_json_string'),
  supported('time_zone: zone', "Moves a time into an IANA time zone (such as 'America/Chicago' or ${time_zone}); put it before date."),
  unsupported('timezone: zone', 'Misspelling of time_zone found in old Braze docs; Braze ignores it.', 'time_zone'),
]

const SUPPORT_BY_NAME = new Map(BRAZE_FILTERS.map(info => [info.name, info.support]))

export function brazeFilterSupport(name: string): BrazeFilterSupport | 'unknown' {
  return SUPPORT_BY_NAME.get(name) ?? 'unknown'
}
