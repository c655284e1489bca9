/**
 * The Zendesk dialect: Ruby Liquid with Zendesk's placeholders; in JSON bodies every `{{ }}`
 * output is JSON-escaped, without quotes being added (zendesk.md §2).
 */
import { Liquid } from 'liquidjs'
import type { Dialect, LintOptions } from '../engine/dialect.js'
import { SourceMap } from '../engine/sourceMap.js'
import { installStandardFilters } from '../engine/standardFilters.js'
import type { ZendeskTicketSample } from '../samples/types.js'
import { lintZendesk } from './lints.js'
import { buildZendeskScope } from './placeholders.js'
import { zendeskOutputText } from './rubyText.js'

/** liquidjs tags with no Zendesk counterpart: business rules have no files to include. */
const TAGS_NOT_IN_ZENDESK = ['include', 'render', 'layout', 'block']

/**
 * A JSON string's content for an output's text: what goes between the quotes the author wrote.
 * UNCONFIRMED: Zendesk may escape more than JSON requires (Rails writes `<` as `\u003c`); the
 * parsed JSON is the same either way.
 */
export function jsonEscapeText(value: unknown): string {
  return JSON.stringify(zendeskOutputText(value)).slice(1, -1)
}

const instances = new Map<boolean, Liquid>()

function zendeskLiquid({ jsonBody }: LintOptions): Liquid {
  const cached = instances.get(jsonBody)
  if (cached) return cached
  const liquid = new Liquid({
    // Unknown placeholders and filters render empty or are skipped, never errors (§1.7).
    strictVariables: false,
    strictFilters: false,
    // Ruby truthiness: only nil and false are falsy.
    jsTruthy: false,
    // `greedy` stays true (liquidjs's default): Ruby Liquid's `{%-`/`-%}` strip newlines too.
    // Templates read data properties only; the print forms of placeholder objects stay hidden.
    ownPropertyOnly: true,
    // Every output goes through Zendesk's print rules (Ruby inspect for comment lists …), and in
    // JSON bodies is escaped too. UNCONFIRMED: whether Zendesk also escapes what `{% echo %}`
    // writes; liquidjs applies this to `echo` and `cycle` as well. A `{{ }}` inside
    // `{% capture %}` is escaped once there and again when the captured variable is output.
    outputEscape: jsonBody ? jsonEscapeText : zendeskOutputText,
    // Dates without a zone are read, and `date` writes, in UTC: a sample carries no account time zone.
    timezoneOffset: 0,
  })
  for (const tag of TAGS_NOT_IN_ZENDESK) delete liquid.tags[tag]
  installStandardFilters(liquid)
  instances.set(jsonBody, liquid)
  return liquid
}

export const zendeskDialect: Dialect<ZendeskTicketSample> = {
  id: 'zendesk',
  sampleKind: 'zendesk-ticket',
  liquid: zendeskLiquid,
  // Zendesk placeholders are plain Liquid: nothing to rewrite.
  preprocess: (text) => ({ text, map: SourceMap.identity() }),
  lint: lintZendesk,
  scope: buildZendeskScope,
}
