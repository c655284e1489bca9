/** Hover documentation for filters, Braze attributes and namespaces, Zendesk placeholders and references. Pure. */
import { NAMESPACES, STANDARD_ATTRIBUTES } from '../../../shared/braze/attributes.js'
import { BRAZE_FILTERS } from '../../../shared/braze/filters/catalog.js'
import { resolvePlaceholder, ZENDESK_ROOTS } from '../../../shared/zendesk/catalog.js'
import type { Dialect } from '../lib/items.js'
import type { SampleFacts } from '../lib/sampleFacts.js'
import { liquidContextAt } from './liquidContext.js'

export interface HoverContext {
  dialect: Dialect
  facts: SampleFacts
  /** The selected environment: its variables' values and which secrets have a stored value. */
  environment: { name: string; variables: Readonly<Record<string, string>>; secrets: readonly string[]; stored: readonly string[] } | null
}

export interface HoverDoc {
  markdown: string
  /** Offsets in the text of the span described. */
  start: number
  end: number
}

/** The span around `offset` matched by `pattern` (global), if any. */
function spanAt(line: string, lineStart: number, offset: number, pattern: RegExp): RegExpExecArray | null {
  for (const match of line.matchAll(pattern)) {
    const start = lineStart + match.index
    if (offset >= start && offset < start + match[0].length) return match as RegExpExecArray
  }
  return null
}

export function hoverAt(text: string, offset: number, context: HoverContext): HoverDoc | null {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1
  const lineEnd = text.indexOf('\n', offset)
  const line = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd)
  const at = (match: RegExpExecArray, markdown: string): HoverDoc => ({ markdown, start: lineStart + match.index, end: lineStart + match.index + match[0].length })

  const reference = spanAt(line, lineStart, offset, /%\{(env|secret)\.([A-Za-z_]\w*)\}/g)
  if (reference) return at(reference, referenceDoc(reference[1] as 'env' | 'secret', reference[2]!, context))

  if (!liquidContextAt(text.slice(0, offset))) return null

  const filter = spanAt(line, lineStart, offset, /(?<=\|\s*)[A-Za-z_]\w*/g)
  if (filter) {
    const info = BRAZE_FILTERS.find((f) => f.name === filter[0])
    if (!info) return at(filter, `**${filter[0]}**: not a known filter; Liquid skips unknown filters silently.`)
    const support = info.support === 'supported' ? '' : info.support === 'unconfirmed' ? '\n\n_Unconfirmed in Braze._' : '\n\n**Not supported by Braze**: it is skipped.'
    const alternative = info.alternative ? `\n\nInstead: \`${info.alternative}\`` : ''
    return at(filter, `\`${info.signature}\`\n\n${info.summary}${support}${alternative}`)
  }

  if (context.dialect === 'braze') {
    const attribute = spanAt(line, lineStart, offset, /(?:([A-Za-z_]\w*)\.)?\$\{(\w+)\}/g)
    if (attribute) return at(attribute, brazeAttributeDoc(attribute[1], attribute[2]!, context.facts))
    const namespace = spanAt(line, lineStart, offset, /\b[A-Za-z_]\w*(?=\.\$\{)/g)
    const info = namespace ? NAMESPACES.find((n) => n.name === namespace[0]) : undefined
    return namespace && info ? at(namespace, `**${info.name}**\n\n${info.summary}`) : null
  }

  const path = spanAt(line, lineStart, offset, /\b[A-Za-z_]\w*(?:\.\w+)*/g)
  if (!path || !ZENDESK_ROOTS.includes(path[0].split('.')[0]!)) return null
  // Describe the path up to the segment under the cursor.
  const upTo = path[0].slice(0, offset - (lineStart + path.index))
  const segments = path[0].split('.').slice(0, upTo.split('.').length)
  const node = resolvePlaceholder(segments.map((s) => (/^\d+$/.test(s) ? Number(s) : s)))
  const name = segments.join('.')
  const field = /ticket_field(?:_option_title)?_(\d+)$/.exec(name)
  const title = field ? context.facts.zendesk.ticketFields.find((f) => f.id === Number(field[1]))?.title : undefined
  const end = lineStart + path.index + name.length
  if (!node) return { markdown: `**${name}**: not a Zendesk placeholder; Zendesk renders it empty.`, start: lineStart + path.index, end }
  const example = node.example !== undefined ? `\n\nExample: \`${node.example.replaceAll('\n', '⏎')}\`` : ''
  const unconfirmed = node.confirmed === false ? '\n\n_UNCONFIRMED: Zendesk does not document this exactly._' : ''
  const titled = title ? ` — ticket field “${title}”` : ''
  return { markdown: `**${name}**${titled}\n\n${node.summary}${example}${unconfirmed}`, start: lineStart + path.index, end }
}

function brazeAttributeDoc(namespace: string | undefined, key: string, facts: SampleFacts): string {
  if (namespace) {
    const info = NAMESPACES.find((n) => n.name === namespace)
    const inSamples = (facts.braze as Record<string, string[] | undefined>)[namespace]?.includes(key)
    return `**${namespace}.\${${key}}**\n\n${info?.summary ?? 'Not a Braze namespace.'}${inSamples ? '\n\nFound in the workspace samples.' : ''}`
  }
  const attribute = STANDARD_ATTRIBUTES.find((a) => a.tag === key)
  if (!attribute) return `**\${${key}}** is not a Braze standard attribute: it renders blank. Custom attributes are written \`custom_attribute.\${${key}}\`.`
  const field = attribute.exportField ? `\n\nSample field: \`${attribute.exportField}\`` : ''
  return `**\${${key}}**: Braze standard attribute\n\n${attribute.summary}${field}`
}

function referenceDoc(kind: 'env' | 'secret', name: string, context: HoverContext): string {
  const environment = context.environment
  if (!environment) return `\`%{${kind}.${name}}\`: pick an environment to resolve it.`
  if (kind === 'env') {
    const value = environment.variables[name]
    return value === undefined
      ? `Environment **${environment.name}** has no variable \`${name}\`.`
      : `Variable of **${environment.name}**: \`${value}\``
  }
  if (!environment.secrets.includes(name)) return `Environment **${environment.name}** declares no secret \`${name}\`.`
  return environment.stored.includes(name)
    ? `Secret of **${environment.name}**: a value is stored. The preview shows a stand-in; only a send uses the value.`
    : `Secret of **${environment.name}**: **no value stored yet** (set it in the environment's Secrets panel).`
}
