/**
 * Completion entries for templates, built from the catalogs of `shared/` and what the
 * workspace's samples hold. Pure: the Monaco provider only turns them into CompletionItems.
 */
import { NAMESPACES, STANDARD_ATTRIBUTES } from '../../../shared/braze/attributes.js'
import { BRAZE_FILTERS, type FilterInfo } from '../../../shared/braze/filters/catalog.js'
import { SHOPIFY_STANDARD_FILTERS } from '../../../shared/engine/standardFilters.js'
import { ZENDESK_PLACEHOLDERS, ZENDESK_ROOTS, type ZendeskPlaceholder } from '../../../shared/zendesk/catalog.js'
import type { Dialect } from '../lib/items.js'
import { BRAZE_SAMPLE_NAMESPACES, type BrazeSampleNamespace, type SampleFacts } from '../lib/sampleFacts.js'
import { liquidContextAt } from './liquidContext.js'

export type EntryKind = 'attribute' | 'namespace' | 'property' | 'filter' | 'placeholder' | 'reference' | 'tag' | 'variable'

export interface CompletionEntry {
  label: string
  /** Plain text, or a snippet (`${1:arg}`) when `snippet` is set. */
  insertText: string
  snippet: boolean
  kind: EntryKind
  detail: string
  documentation?: string
  /** Open the suggestions again after inserting (a namespace waits for its key). */
  retrigger?: boolean
  deprecated?: boolean
}

export interface Completions {
  entries: CompletionEntry[]
  /** How many characters before the cursor an entry replaces. */
  replaceBefore: number
  /** How many after it (an auto-closed `}`). */
  replaceAfter: number
}

export interface CompletionContext {
  dialect: Dialect
  facts: SampleFacts
  /** Names defined by the template itself (`assign`, `capture`, `for`, `:save`). */
  variables: readonly string[]
  /** The selected environment's names, for `%{env.…}` and `%{secret.…}`. */
  environment: { variables: readonly string[]; secrets: readonly string[] } | null
}

export const TRIGGER_CHARACTERS = ['{', '$', '|', '.', ' ', '%']

const TAGS: readonly { name: string; doc: string; braze?: boolean }[] = [
  { name: 'if', doc: 'Renders its block when the condition holds: {% if x > 1 %}…{% elsif %}…{% else %}…{% endif %}' },
  { name: 'unless', doc: 'Renders its block when the condition does not hold.' },
  { name: 'case', doc: 'Picks a {% when %} block by value.' },
  { name: 'for', doc: 'Loops over an array or range: {% for item in list %}…{% endfor %}' },
  { name: 'assign', doc: 'Sets a variable: {% assign name = value | filter %}' },
  { name: 'capture', doc: 'Sets a variable to the rendered block: {% capture name %}…{% endcapture %}' },
  { name: 'comment', doc: 'Text that never renders.' },
  { name: 'raw', doc: 'Renders its block without interpreting Liquid.' },
  { name: 'increment', doc: 'Outputs a counter, then adds one.' },
  { name: 'decrement', doc: 'Subtracts one from a counter, then outputs it.' },
  { name: 'abort_message', doc: "Stops the send with a reason: {% abort_message('why') %}", braze: true },
  { name: 'connected_content', doc: 'Calls a URL at send time: {% connected_content https://… :save name %}', braze: true },
  { name: 'catalog_items', doc: 'Loads catalog rows: {% catalog_items catalog_name id1 id2 %}', braze: true },
  { name: 'promotion', doc: "A promotion code from a list: {% promotion('list_name') %}", braze: true },
  { name: 'message_extras', doc: 'Sends key-value pairs to Currents: {% message_extras :key value %}', braze: true },
]

const BRAZE_NAMESPACE_FIELDS = new Set<string>(BRAZE_SAMPLE_NAMESPACES)

export function completionsAt(before: string, after: string, context: CompletionContext): Completions | null {
  // Typing `${` or `%{` auto-closes the brace: an entry replaces that `}` too.
  const closesAfter = after.startsWith('}') ? 1 : 0
  const reference = /%\{(?:(?:env|secret)\.?)?[A-Za-z_]?\w*$/.exec(before)
  if (reference) {
    return { entries: referenceEntries(context), replaceBefore: reference[0].length, replaceAfter: closesAfter }
  }
  const liquid = liquidContextAt(before)
  if (!liquid) return null
  const expression = liquid.expression

  const filter = /\|\s*([A-Za-z_]\w*)?$/.exec(expression)
  if (filter) return { entries: filterEntries(context.dialect), replaceBefore: filter[1]?.length ?? 0, replaceAfter: 0 }

  if (liquid.opener === '{%') {
    const tag = /^-?\s*([A-Za-z_]\w*)?$/.exec(expression)
    if (tag) return { entries: tagEntries(context.dialect), replaceBefore: tag[1]?.length ?? 0, replaceAfter: 0 }
  }

  if (context.dialect === 'braze') {
    // An entry completed in an output that is not closed yet brings the missing `}}`, the cursor
    // before them (an editor may have auto-closed one `{` of the two). `eaten` is the auto-closed
    // `}` of a `${` that the entry replaces, not part of the output's end.
    const closing = (eaten: number) => {
      const closed = /^\s*-?(\}{0,2})/.exec(after.slice(eaten))![1]!.length
      return (e: CompletionEntry) => (liquid.opener === '{{' && closed < 2 ? closeOutput(e, '}'.repeat(2 - closed)) : e)
    }
    const namespaced = /([A-Za-z_]\w*)\.(\$(\{)?\w*)$/.exec(expression)
    if (namespaced) {
      const replaceAfter = namespaced[3] ? closesAfter : 0
      const entries = namespaceKeyEntries(namespaced[1]!, context.facts).map(closing(replaceAfter))
      return { entries, replaceBefore: namespaced[2]!.length, replaceAfter }
    }
    const attribute = /(?<![\w.])\$(\{)?\w*$/.exec(expression)
    if (attribute) {
      const replaceAfter = attribute[1] ? closesAfter : 0
      return { entries: attributeEntries().map(closing(replaceAfter)), replaceBefore: attribute[0].length, replaceAfter }
    }
    const start = /(?:^|[\s(,:<>=!-])([A-Za-z_]\w*)?$/.exec(expression)
    if (start) {
      return {
        entries: [...attributeEntries(), ...namespaceEntries(), ...variableEntries(context.variables)].map(closing(0)),
        replaceBefore: start[1]?.length ?? 0,
        replaceAfter: 0,
      }
    }
    return null
  }

  const path = /(?:^|[\s(,:<>=!-])((?:[A-Za-z_]\w*\.)*)(\w*)$/.exec(expression)
  if (!path) return null
  const parent = path[1]!.slice(0, -1)
  const entries = parent === '' ? [...rootEntries(), ...variableEntries(context.variables)] : placeholderEntries(parent, context.facts)
  return { entries, replaceBefore: path[2]!.length, replaceAfter: 0 }
}

function closeOutput(entry: CompletionEntry, closers: string): CompletionEntry {
  const escaped = closers.replace(/\}/g, '\\}')
  if (entry.snippet) return { ...entry, insertText: `${entry.insertText}${escaped}` }
  return { ...entry, insertText: `${entry.insertText.replace(/[$}\\]/g, (c) => `\\${c}`)}$0${escaped}`, snippet: true }
}

function referenceEntries(context: CompletionContext): CompletionEntry[] {
  const environment = context.environment
  if (!environment) return []
  return [
    ...environment.variables.map((name) => ({
      label: `%{env.${name}}`,
      insertText: `%{env.${name}}`,
      snippet: false,
      kind: 'reference' as const,
      detail: 'Environment variable',
    })),
    ...environment.secrets.map((name) => ({
      label: `%{secret.${name}}`,
      insertText: `%{secret.${name}}`,
      snippet: false,
      kind: 'reference' as const,
      detail: 'Secret (the preview shows a stand-in)',
    })),
  ]
}

/** `slice: start, length` → `slice: ${1:start}, ${2:length}`. */
export function filterSnippet(signature: string): string {
  const [name, args] = signature.split(/:\s*/, 2)
  if (!args) return name!
  return `${name}: ${args.split(/\s*,\s*/).map((arg, i) => `\${${i + 1}:${arg}}`).join(', ')}`
}

function filterEntry(info: FilterInfo): CompletionEntry {
  const entry: CompletionEntry = {
    label: info.name,
    insertText: filterSnippet(info.signature),
    snippet: true,
    kind: 'filter',
    detail: info.support === 'unconfirmed' ? `${info.signature} (unconfirmed in Braze)` : info.signature,
    documentation: info.summary,
  }
  if (info.support === 'unconfirmed') entry.deprecated = true
  return entry
}

const BRAZE_FILTER_ENTRIES = BRAZE_FILTERS.filter((f) => f.support !== 'unsupported').map(filterEntry)

/** Zendesk runs Shopify's standard filters; their documentation is the same as in Braze. */
const ZENDESK_FILTER_ENTRIES = SHOPIFY_STANDARD_FILTERS.map((name) => {
  const info = BRAZE_FILTERS.find((f) => f.name === name)
  return info ? { ...filterEntry(info), deprecated: false } : { label: name, insertText: name, snippet: false, kind: 'filter' as const, detail: name }
})

export function filterEntries(dialect: Dialect): CompletionEntry[] {
  return dialect === 'braze' ? BRAZE_FILTER_ENTRIES : ZENDESK_FILTER_ENTRIES
}

function tagEntries(dialect: Dialect): CompletionEntry[] {
  return TAGS.filter((t) => dialect === 'braze' || !t.braze).map((t) => ({
    label: t.name,
    insertText: t.name,
    snippet: false,
    kind: 'tag',
    detail: t.braze ? 'Braze tag' : 'Liquid tag',
    documentation: t.doc,
  }))
}

function attributeEntries(): CompletionEntry[] {
  return STANDARD_ATTRIBUTES.map((a) => ({
    label: `\${${a.tag}}`,
    insertText: `\${${a.tag}}`,
    snippet: false,
    kind: 'attribute',
    detail: 'Braze standard attribute',
    documentation: a.summary,
  }))
}

function namespaceEntries(): CompletionEntry[] {
  return NAMESPACES.map((n) => ({
    label: `${n.name}.\${…}`,
    insertText: `${n.name}.\\\${$0}`,
    snippet: true,
    kind: 'namespace',
    detail: 'Braze namespace',
    documentation: n.summary,
    retrigger: true,
  }))
}

function namespaceKeyEntries(namespace: string, facts: SampleFacts): CompletionEntry[] {
  const fromSamples = BRAZE_NAMESPACE_FIELDS.has(namespace) ? facts.braze[namespace as BrazeSampleNamespace] : []
  const documented = NAMESPACES.find((n) => n.name === namespace)?.keys ?? []
  const keys = [...new Set([...documented, ...fromSamples])]
  return keys.map((key) => ({
    label: `\${${key}}`,
    insertText: `\${${key}}`,
    snippet: false,
    kind: 'property',
    detail: fromSamples.includes(key) ? `${namespace}, found in samples` : namespace,
  }))
}

function variableEntries(names: readonly string[]): CompletionEntry[] {
  return names.map((name) => ({ label: name, insertText: name, snippet: false, kind: 'variable', detail: 'Defined in this template' }))
}

function rootEntries(): CompletionEntry[] {
  return ZENDESK_ROOTS.map((root) => {
    const info = ZENDESK_PLACEHOLDERS.find((p) => p.name === root)
    return { label: root, insertText: root, snippet: false, kind: 'placeholder', detail: 'Zendesk placeholder', documentation: info?.summary ?? '' }
  })
}

/** The children of `parent` (`ticket.requester`), dynamic names filled in from the samples. */
function placeholderEntries(parent: string, facts: SampleFacts): CompletionEntry[] {
  const depth = parent.split('.').length + 1
  const children = ZENDESK_PLACEHOLDERS.filter((p) => p.name.startsWith(`${parent}.`) && p.name.split('.').length === depth)
  const seen = new Set<string>()
  const entries: CompletionEntry[] = []
  for (const child of children) {
    for (const name of concreteNames(child, facts)) {
      const label = name.label.slice(parent.length + 1)
      if (seen.has(label)) continue
      seen.add(label)
      entries.push({
        label,
        insertText: label,
        snippet: false,
        kind: 'placeholder',
        detail: name.detail ?? (child.confirmed ? 'Zendesk placeholder' : 'Zendesk placeholder (unconfirmed)'),
        documentation: placeholderDoc(child),
      })
    }
  }
  return entries
}

function concreteNames(placeholder: ZendeskPlaceholder, facts: SampleFacts): { label: string; detail?: string }[] {
  const name = placeholder.name
  if (!placeholder.dynamic) return [{ label: name }]
  const last = name.slice(name.lastIndexOf('.') + 1)
  if (/ticket_field(_option_title)?_<id>$/.test(last)) {
    return facts.zendesk.ticketFields.map((f) => ({
      label: name.replace('<id>', String(f.id)),
      detail: f.title ? `Ticket field “${f.title}”` : `Ticket field ${f.id}`,
    }))
  }
  if (last === '<key>') {
    const keys = name.includes('organization.custom_fields') ? facts.zendesk.organizationFields : facts.zendesk.userFields
    return keys.map((key) => ({ label: name.replace('<key>', key), detail: 'Custom field, found in samples' }))
  }
  return []
}

export function placeholderDoc(p: ZendeskPlaceholder): string {
  const example = p.example !== undefined ? `\n\nExample: \`${p.example.replaceAll('\n', '⏎')}\`` : ''
  const unconfirmed = p.confirmed ? '' : '\n\n_UNCONFIRMED: Zendesk does not document this exactly._'
  return `${p.summary}${example}${unconfirmed}`
}
