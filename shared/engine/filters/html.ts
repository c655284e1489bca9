/**
 * HTML escaping as Ruby's `CGI.escapeHTML`: a double quote becomes `&quot;`
 * (liquidjs writes `&#34;`).
 */
import { toValue } from 'liquidjs'
import { toText, type FilterSet } from './filterScope.js'

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

const entity = (char: string): string => ENTITIES[char] ?? char

function escape(input: unknown): string | undefined {
  const value = toValue(input)
  return value === null || value === undefined ? undefined : toText(value).replace(/[&<>"']/g, entity)
}

/** Leaves existing named and decimal entities alone (Liquid's regexp does not know hex ones like `&#x27;`). */
function escapeOnce(input: unknown): string {
  return toText(input).replace(/["<>']|&(?!(?:[a-zA-Z]+|#\d+);)/g, entity)
}

export const HTML_FILTERS: FilterSet = { escape, escape_once: escapeOnce }
