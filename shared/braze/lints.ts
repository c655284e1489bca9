/**
 * Braze's Liquid rules (braze.md §1.1, §2.2, §2.3, §3.4) as located diagnostics.
 *
 * Braze renders many mistakes silently (an unsupported filter is skipped, a missing attribute is
 * blank), so these are found in the source before rendering, at the exact characters concerned.
 */
import type { OffsetDiagnostic } from '../diagnostics.js'
import type { LintOptions } from '../engine/dialect.js'
import { closest } from '../engine/suggest.js'
import { NAMESPACES, STANDARD_ATTRIBUTES, isNamespace, isStandardAttribute } from './attributes.js'
import { BRAZE_FILTERS, brazeFilterSupport } from './filters/catalog.js'
import { lintMissingJsonEscape } from './jsonEscapeLint.js'
import { scanBraze, type Region } from './regions.js'

/** Tags where Braze allows no filters (braze.md §2.2). */
const NO_FILTER_TAGS = new Set(['if', 'elsif', 'unless', 'case', 'when', 'for', 'tablerow'])
/** Tags where Braze allows no parentheses for grouping (a `(1..5)` range is not grouping). */
const NO_PARENTHESES_TAGS = new Set(['if', 'elsif', 'unless', 'case', 'when', 'assign'])
/** Standard Liquid 5.2 tags that Braze neither documents nor rules out (braze.md §3.4). */
const UNCONFIRMED_TAGS = new Set(['raw', 'cycle', 'tablerow', 'increment', 'decrement', 'ifchanged', 'continue'])

const CURLY_QUOTES = /[\u2018\u2019\u201C\u201D]/g
const OPERATORS = /==|!=|>=|<=|<|>|\bcontains\b|\band\b|\bor\b/g
const RANGE = /\(\s*[^()\s]+\s*\.\.\s*[^()\s]+\s*\)/g
const FILTER = /\|\s*([A-Za-z_]\w*)?/g
const VARIABLE_NAME = /^[A-Za-z0-9_]+$/
const ASSIGNED = /^\s*(?:assign|capture)\s+([^\s=]+)/
/** Every way a template names a variable of its own. */
const DEFINED = [
  /^\s*(?:assign|capture|increment|decrement)\s+([A-Za-z_]\w*)/,
  /^\s*(?:for|tablerow)\s+([A-Za-z_]\w*)\s+in\b/,
  /:save\s+([A-Za-z_]\w*)/,
]
/** Tags whose arguments are URLs, ids and names rather than variables. */
const FREE_TEXT_TAGS = new Set(['connected_content', 'catalog_items', 'catalog_selection_items', 'message_extras', 'content_blocks'])

interface Markup {
  tagName: string
  /** Offset of `text` in the template. */
  start: number
  /** The markup with quoted strings and nested `{{ }}` delimiters blanked out, same length. */
  masked: string
}

export function lintBraze(text: string, options: LintOptions): OffsetDiagnostic[] {
  const { regions } = scanBraze(text)
  const out: OffsetDiagnostic[] = []
  const assigned = new Set<string>()
  const markups: Markup[] = []
  for (const region of regions) {
    checkCurlyQuotes(text, region, out)
    checkAttributes(region, out)
    if (!region.terminated) {
      const what = region.kind === 'output' ? '`{{` is never closed by `}}`' : '`{%` is never closed by `%}`'
      out.push({ severity: 'error', code: 'liquid-unclosed', message: what, start: region.start, end: region.start + 2 })
      continue
    }
    if (region.kind === 'output' && region.nested.length > 0) {
      const inner = region.nested[0]!
      out.push({
        severity: 'error',
        code: 'braze-two-attributes',
        message: 'Braze cannot put a second expression inside an output: assign one of them to a variable first.',
        start: inner.start,
        end: inner.end,
        hint: '{% assign b = custom_attribute.${b} %}{{ custom_attribute.${a} | plus: b }}',
      })
    }
    for (const markup of markupsOf(text, region)) {
      markups.push(markup)
      for (const pattern of DEFINED) {
        const m = pattern.exec(markup.masked)
        if (m) assigned.add(m[1]!)
      }
      if (markup.tagName === 'connected_content') assigned.add('connected')
      if (markup.tagName.startsWith('catalog_')) assigned.add('items')
    }
  }
  for (const markup of markups) {
    checkTagRules(markup, out)
    checkFilters(markup, out)
    checkVariableNames(markup, out)
    checkMissingDollar(markup, assigned, out)
  }
  if (options.jsonBody) out.push(...lintMissingJsonEscape(text))
  return out
}

/** The markup of a region; a `{% liquid %}` tag yields one markup per line, each its own tag. */
function markupsOf(text: string, region: Region): Markup[] {
  const masked = mask(text, region)
  const base: Markup = { tagName: region.kind === 'output' ? '' : region.tagName, start: region.innerStart, masked }
  if (region.tagName !== 'liquid') return [base]
  const lines: Markup[] = []
  let offset = 0
  const body = masked.replace(/^\s*liquid/, (m) => ' '.repeat(m.length))
  for (const line of body.split('\n')) {
    const name = /^\s*([A-Za-z_]\w*)/.exec(line)?.[1]
    if (name) lines.push({ tagName: name, start: region.innerStart + offset, masked: line })
    offset += line.length + 1
  }
  return lines
}

function mask(text: string, region: Region): string {
  const chars = text.slice(region.innerStart, region.innerEnd).split('')
  const blank = (from: number, to: number) => {
    for (let i = Math.max(from, region.innerStart); i < Math.min(to, region.innerEnd); i++) chars[i - region.innerStart] = ' '
  }
  for (const q of region.quotes) blank(q.start, q.end)
  for (const inner of region.nested) {
    blank(inner.start, inner.innerStart)
    blank(inner.innerEnd, inner.end)
    for (const q of inner.quotes) blank(q.start, q.end)
  }
  for (const ref of region.attributes) blank(ref.start, ref.end)
  return chars.join('')
}

function checkCurlyQuotes(text: string, region: Region, out: OffsetDiagnostic[]): void {
  const inner = text.slice(region.start, region.end)
  for (const m of inner.matchAll(CURLY_QUOTES)) {
    const start = region.start + m.index!
    out.push({
      severity: 'error',
      code: 'braze-curly-quote',
      message: `Curly quote ${m[0]} breaks Liquid in Braze; use a straight quote.`,
      start,
      end: start + 1,
      hint: m[0] === '\u2018' || m[0] === '\u2019' ? "'" : '"',
    })
  }
}

function checkAttributes(region: Region, out: OffsetDiagnostic[]): void {
  for (const ref of region.attributes) {
    if (ref.namespace === null) {
      if (!isStandardAttribute(ref.name)) {
        const suggestion = closest(ref.name, STANDARD_ATTRIBUTES.map((a) => a.tag))
        out.push({
          severity: 'warning',
          code: 'braze-unknown-attribute',
          message: `\${${ref.name}} is not a Braze standard attribute; it renders blank.`,
          start: ref.start,
          end: ref.end,
          hint: suggestion
            ? `Did you mean \${${suggestion}}? Custom attributes are written {{custom_attribute.\${${ref.name}}}}.`
            : `Custom attributes are written {{custom_attribute.\${${ref.name}}}}.`,
        })
      }
      continue
    }
    const namespace = NAMESPACES.find((n) => n.name === ref.namespace)
    if (!namespace) {
      const start = ref.namespaceStart ?? ref.start
      const suggestion = closest(ref.namespace, NAMESPACES.map((n) => n.name))
      out.push({
        severity: 'warning',
        code: 'braze-unknown-namespace',
        message: `${ref.namespace} is not a Braze personalization namespace; it renders blank.`,
        start,
        end: start + ref.namespace.length,
        ...(suggestion ? { hint: `Did you mean ${suggestion}?` } : {}),
      })
    } else if (namespace.keys && !namespace.keys.includes(ref.name)) {
      out.push({
        severity: 'warning',
        code: 'braze-unknown-attribute',
        message: `${namespace.name}.\${${ref.name}} is not documented; known: ${namespace.keys.join(', ')}.`,
        start: ref.start,
        end: ref.end,
      })
    }
  }
}

function checkTagRules(markup: Markup, out: OffsetDiagnostic[]): void {
  const { tagName, masked, start } = markup
  if (UNCONFIRMED_TAGS.has(tagName)) {
    const at = start + masked.indexOf(tagName)
    out.push({
      severity: 'warning',
      code: 'braze-unconfirmed-tag',
      message: `{% ${tagName} %} exists in Liquid 5 but Braze does not document it: test it in Braze before relying on it.`,
      start: at,
      end: at + tagName.length,
    })
  }
  if (NO_FILTER_TAGS.has(tagName)) {
    for (const m of masked.matchAll(FILTER)) {
      out.push({
        severity: 'error',
        code: 'braze-filter-in-condition',
        message: `Braze does not allow filters inside {% ${tagName} %}.`,
        start: start + m.index!,
        end: start + m.index! + m[0].length,
        hint: `Apply the filter in an {% assign %} first, then use the variable in {% ${tagName} %}.`,
      })
    }
  }
  if (tagName === 'assign') {
    const eq = masked.indexOf('=')
    const value = eq < 0 ? '' : masked.slice(eq + 1)
    for (const m of value.matchAll(OPERATORS)) {
      const at = start + eq + 1 + m.index!
      out.push({
        severity: 'error',
        code: 'braze-operator-in-assign',
        message: `Braze does not allow the operator \`${m[0]}\` inside {% assign %}.`,
        start: at,
        end: at + m[0].length,
        hint: 'Compute the condition with {% if %} and assign inside its branches.',
      })
    }
  }
  if (NO_PARENTHESES_TAGS.has(tagName)) {
    const withoutRanges = masked.replace(RANGE, (r) => ' '.repeat(r.length))
    const at = withoutRanges.search(/[()]/)
    if (at >= 0) {
      out.push({
        severity: 'error',
        code: 'braze-parentheses',
        message: `Parentheses are not valid in Braze Liquid ({% ${tagName} %}).`,
        start: start + at,
        end: start + at + 1,
        hint: 'Use nested {% if %} tags or a helper variable for compound logic.',
      })
    }
  }
}

function checkFilters(markup: Markup, out: OffsetDiagnostic[]): void {
  for (const m of markup.masked.matchAll(FILTER)) {
    const name = m[1]
    if (!name) continue
    const at = markup.start + m.index! + m[0].length - name.length
    const support = brazeFilterSupport(name)
    if (support === 'supported') continue
    if (support === 'unconfirmed') {
      out.push({
        severity: 'warning',
        code: 'braze-unconfirmed-filter',
        message: `\`${name}\` exists in Liquid 5.2 but Braze does not document it: test it in Braze before relying on it.`,
        start: at,
        end: at + name.length,
      })
      continue
    }
    const info = BRAZE_FILTERS.find((f) => f.name === name)
    const suggestion = info?.alternative ?? closest(name, BRAZE_FILTERS.filter((f) => f.support === 'supported').map((f) => f.name))
    out.push({
      severity: 'error',
      code: support === 'unsupported' ? 'braze-unsupported-filter' : 'braze-unknown-filter',
      message:
        support === 'unsupported'
          ? `Braze does not support the filter \`${name}\`: it is skipped and the value passes through unchanged.`
          : `\`${name}\` is not a Braze filter: Braze skips unknown filters silently.`,
      start: at,
      end: at + name.length,
      ...(suggestion ? { hint: support === 'unsupported' ? `Instead: ${suggestion}.` : `Did you mean \`${suggestion}\`?` } : {}),
    })
  }
}

function checkVariableNames(markup: Markup, out: OffsetDiagnostic[]): void {
  if (markup.tagName !== 'assign' && markup.tagName !== 'capture') return
  const m = ASSIGNED.exec(markup.masked)
  if (!m) return
  const name = m[1]!
  const at = markup.start + m.index + m[0].length - name.length
  if (!VARIABLE_NAME.test(name)) {
    out.push({
      severity: 'error',
      code: 'braze-variable-name',
      message: `Variable names in Braze may use only ASCII letters, digits and _: \`${name}\`.`,
      start: at,
      end: at + name.length,
    })
  } else if (isStandardAttribute(name) || isNamespace(name)) {
    out.push({
      severity: 'warning',
      code: 'braze-assign-shadows-tag',
      message: `\`${name}\` looks like a personalization tag; Braze warns that such a variable can change how the message logic behaves.`,
      start: at,
      end: at + name.length,
      hint: `Rename it, e.g. \`${name}_value\`.`,
    })
  }
}

const BARE_PATH = /(?:^|[\s=:,])([A-Za-z_]\w*)(\.[A-Za-z_]\w*)?/g

/** `{{first_name}}` and `{{custom_attribute.plan}}` render blank: Braze attributes need `${…}`. */
function checkMissingDollar(markup: Markup, assigned: Set<string>, out: OffsetDiagnostic[]): void {
  if (FREE_TEXT_TAGS.has(markup.tagName)) return
  const blank = (m: string) => ' '.repeat(m.length)
  const tail = (markup.tagName === '' ? markup.masked : markup.masked.replace(/^\s*\w+/, blank))
    // Filter names and their keyword arguments are not variables (`| time_zone: ${time_zone}`).
    .replace(/\|\s*\w+/g, blank)
    .replace(/\b\w+(?=:\s)/g, blank)
  for (const m of tail.matchAll(BARE_PATH)) {
    const [, root, member] = m
    if (!root || assigned.has(root)) continue
    const at = markup.start + m.index! + m[0].indexOf(root)
    if (isStandardAttribute(root) && !member) {
      out.push({
        severity: 'warning',
        code: 'braze-missing-dollar',
        message: `\`${root}\` is not a variable here and renders blank: Braze attributes are written \${${root}}.`,
        start: at,
        end: at + root.length,
        hint: `{{\${${root}}}}`,
      })
    } else if (member && isNamespace(root) && root !== 'content_blocks') {
      const key = member.slice(1)
      out.push({
        severity: 'warning',
        code: 'braze-missing-dollar',
        message: `Braze reads attributes as ${root}.\${${key}}; \`${root}${member}\` is not the documented form.`,
        start: at,
        end: at + root.length + member.length,
        hint: `{{${root}.\${${key}}}}`,
      })
    }
  }
}
