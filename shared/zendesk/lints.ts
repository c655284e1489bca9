/**
 * The Zendesk traps visible in a template's source (zendesk.md §1.5, §1.7, §2).
 *
 * Codes (stable):
 * - `zendesk-unquoted-placeholder`: a placeholder outside a JSON string that can render empty or as text
 * - `zendesk-comments-inspect-text`: a bare `{{ticket.comments}}` / `{{ticket.public_comments}}`
 * - `zendesk-tags-used-as-array`: `ticket.tags` (one space-separated string) used as a list
 * - `zendesk-unknown-placeholder`: a name Zendesk does not know; it renders empty
 * - `zendesk-updated-at-with-time`: the undocumented `ticket.updated_at_with_time`
 * - `zendesk-json-filter`: `| json`, which Zendesk does not document (UNCONFIRMED, likely unsupported)
 */
import type { OffsetDiagnostic } from '../diagnostics.js'
import type { LintOptions } from '../engine/dialect.js'
import { placeOutputsInJson, scanLiquid } from '../engine/jsonContext.js'
import { closest } from '../engine/suggest.js'
import {
  placeholderNamesUnder,
  resolvePlaceholder,
  ZENDESK_PLACEHOLDER_NAMES,
  ZENDESK_ROOTS,
  type PlaceholderNode,
} from './catalog.js'
import { pathText, readMarkupRefs, type FilterRef, type PathStep, type VariableRef } from './liquidRefs.js'

export function lintZendesk(text: string, options: LintOptions): OffsetDiagnostic[] {
  const statements = readStatements(text)
  const uses = collectUses(text, statements)
  const diagnostics: OffsetDiagnostic[] = []
  for (const use of uses) {
    const found =
      tagsUsedAsArray(use, options) ??
      commentsInspectText(use) ??
      unknownPlaceholder(text, use) ??
      (options.jsonBody ? unquotedPlaceholder(text, use) : undefined)
    if (found) diagnostics.push(found)
  }
  for (const statement of statements) {
    for (const filter of filtersOf(text, statement)) {
      if (filter.name === 'json') diagnostics.push(jsonFilter(filter))
    }
  }
  return diagnostics.sort((a, b) => a.start - b.start)
}

// ---------------------------------------------------------------------------------------------
// Reading the template: statements, variables and where each variable is used.

/** An output (`{{ }}`, `echo`) or a tag, with the offsets of its expression or arguments. */
type Statement =
  | { kind: 'output'; start: number; end: number; json: 'string' | 'bare' | 'unplaced' }
  | { kind: 'tag'; name: string; start: number; end: number }

function readStatements(text: string): Statement[] {
  const placements = new Map(placeOutputsInJson(text).map((p) => [p.start, p.inJsonString]))
  const statements: Statement[] = []
  for (const segment of scanLiquid(text)) {
    if (segment.kind === 'output') {
      const json = placements.get(segment.start) ? 'string' : 'bare'
      statements.push({ kind: 'output', start: segment.markupStart, end: segment.markupEnd, json })
    } else if (segment.kind === 'tag') {
      addTag(text, segment.markupStart, segment.markupEnd, statements)
    }
  }
  return statements
}

/** Adds a tag given its markup; `{% liquid %}` adds one statement per line. */
function addTag(text: string, markupStart: number, markupEnd: number, statements: Statement[]): void {
  const m = /^\s*(#|[A-Za-z_]\w*)/.exec(text.slice(markupStart, markupEnd))
  if (!m) return
  const name = m[1]!
  const argsStart = markupStart + m[0].length
  if (name === 'liquid') {
    let lineStart = argsStart
    for (const line of text.slice(argsStart, markupEnd).split('\n')) {
      addTag(text, lineStart, lineStart + line.length, statements)
      lineStart += line.length + 1
    }
  } else if (name === 'echo') {
    // An echo's place in JSON is not tracked: only `{{ }}` outputs are placed.
    statements.push({ kind: 'output', start: argsStart, end: markupEnd, json: 'unplaced' })
  } else {
    statements.push({ kind: 'tag', name, start: argsStart, end: markupEnd })
  }
}

/** A variable read by the template, and what it means there. */
interface Use {
  ref: VariableRef
  /** The placeholder path (a loop variable replaced by its collection's element), or null for template variables. */
  steps: PathStep[] | null
  node: PlaceholderNode | undefined
  /** The loop variable the reference starts from, and the element path it stands for. */
  loop?: { variable: string; element: PathStep[] }
  /** Set when the reference is the value of an output; `sole` when it is the whole expression. */
  output?: { statement: Statement & { kind: 'output' }; filters: FilterRef[]; sole: boolean }
  /** The collection of a `for` or `tablerow`. */
  loopCollection: boolean
  /** Placeholder paths tested by the enclosing `if`/`unless`/`case` blocks. */
  guards: string[]
}

interface Block {
  tag: string
  conditions: string[]
  loop?: { variable: string; element: PathStep[] | null }
}

const BLOCK_ENDS: Record<string, string> = {
  endif: 'if',
  endunless: 'unless',
  endcase: 'case',
  endfor: 'for',
  endtablerow: 'tablerow',
}

const LOOP_MARKUP = /^\s*([\w-]+)\s+in\s+/
const ASSIGN_MARKUP = /^\s*([\w-]+)\s*=\s*/

function collectUses(text: string, statements: Statement[]): Use[] {
  const locals = templateVariables(text, statements)
  const blocks: Block[] = []
  const uses: Use[] = []

  const use = (ref: VariableRef, extra: Partial<Use> = {}): Use => {
    const root = ref.steps[0] as string
    const loop = [...blocks].reverse().find((b) => b.loop?.variable === root)?.loop
    let steps: PathStep[] | null = ref.steps
    let loopInfo: Use['loop']
    if (loop) {
      steps = loop.element && [...loop.element, ...ref.steps.slice(1)]
      if (loop.element) loopInfo = { variable: root, element: loop.element }
    } else if (locals.has(root)) {
      steps = null
    }
    const guards = blocks.flatMap((b) => b.conditions)
    const u: Use = { ref, steps, node: steps ? resolvePlaceholder(steps) : undefined, loopCollection: false, guards, ...extra }
    if (loopInfo) u.loop = loopInfo
    uses.push(u)
    return u
  }

  for (const statement of statements) {
    if (statement.kind === 'output') {
      const { variables, filters } = readMarkupRefs(text, statement.start, statement.end)
      const valueStart = firstNonBlank(text, statement.start, statement.end)
      for (const ref of variables) {
        const isValue = ref.start === valueStart
        use(ref, isValue ? { output: { statement, filters, sole: filters.length === 0 && variables.length === 1 } } : {})
      }
      continue
    }
    const { name } = statement
    if (BLOCK_ENDS[name]) {
      const index = blocks.map((b) => b.tag).lastIndexOf(BLOCK_ENDS[name]!)
      if (index >= 0) blocks.splice(index)
      continue
    }
    if (name === 'if' || name === 'unless' || name === 'case') {
      blocks.push({ tag: name, conditions: [] })
    }
    if (name === 'if' || name === 'unless' || name === 'case' || name === 'elsif' || name === 'when') {
      const block = blocks[blocks.length - 1]
      for (const ref of readMarkupRefs(text, statement.start, statement.end).variables) {
        const u = use(ref)
        if (u.steps && block && block.tag !== 'for' && block.tag !== 'tablerow') block.conditions.push(pathText(u.steps))
      }
    } else if (name === 'for' || name === 'tablerow') {
      const m = LOOP_MARKUP.exec(text.slice(statement.start, statement.end))
      const collectionStart = statement.start + (m ? m[0].length : 0)
      let element: PathStep[] | null = null
      for (const ref of readMarkupRefs(text, collectionStart, statement.end).variables) {
        const isCollection = ref.start === collectionStart
        const u = use(ref, { loopCollection: isCollection })
        if (isCollection && u.steps && u.node?.value === 'list') element = [...u.steps, 'first']
      }
      blocks.push({ tag: name, conditions: [], loop: { variable: m?.[1] ?? '', element } })
    } else if (name === 'assign' || name === 'cycle') {
      const m = name === 'assign' ? ASSIGN_MARKUP.exec(text.slice(statement.start, statement.end)) : null
      for (const ref of readMarkupRefs(text, statement.start + (m ? m[0].length : 0), statement.end).variables) use(ref)
    }
  }
  return uses
}

/** Names the template defines itself (`assign`, `capture`, loop variables …): not placeholders. */
function templateVariables(text: string, statements: Statement[]): Set<string> {
  const names = new Set(['forloop', 'tablerowloop'])
  const definers: Record<string, RegExp> = {
    assign: ASSIGN_MARKUP,
    capture: /^\s*['"]?([\w-]+)/,
    increment: /^\s*([\w-]+)/,
    decrement: /^\s*([\w-]+)/,
    for: LOOP_MARKUP,
    tablerow: LOOP_MARKUP,
  }
  for (const statement of statements) {
    const pattern = statement.kind === 'tag' ? definers[statement.name] : undefined
    const m = pattern?.exec(text.slice(statement.start, statement.end))
    if (m) names.add(m[1]!)
  }
  return names
}

function filtersOf(text: string, statement: Statement): FilterRef[] {
  if (statement.kind === 'tag' && !['assign', 'if', 'elsif', 'unless', 'case', 'when', 'cycle'].includes(statement.name)) return []
  return readMarkupRefs(text, statement.start, statement.end).filters
}

function firstNonBlank(text: string, start: number, end: number): number {
  let i = start
  while (i < end && /\s/.test(text[i]!)) i++
  return i
}

function isPath(steps: readonly PathStep[] | null, ...expected: string[]): boolean {
  return steps !== null && steps.length >= expected.length && expected.every((s, i) => steps[i] === s)
}

function source(text: string, ref: VariableRef): string {
  return text.slice(ref.start, ref.end)
}

// ---------------------------------------------------------------------------------------------
// The rules.

const TAGS_HINT =
  'Split it first: {% assign tags = ticket.tags | split: " " %}. For a JSON array: ' +
  '[{% for tag in tags %}"{{tag}}"{% unless forloop.last %},{% endunless %}{% endfor %}]'

/** Filters that treat their input as a list. */
const LIST_FILTERS = new Set(['first', 'last', 'size', 'join', 'sort', 'sort_natural', 'uniq', 'reverse', 'map', 'where', 'compact', 'concat'])

function tagsUsedAsArray(use: Use, options: LintOptions): OffsetDiagnostic | undefined {
  if (use.loop || !isPath(use.steps, 'ticket', 'tags')) return undefined
  const steps = use.steps!
  const next = steps[2]
  let how: string | undefined
  if (use.loopCollection) how = 'a for loop over it runs once, over the whole string'
  else if (next === 'size') how = '.size counts its characters, not its tags'
  else if (typeof next === 'number' || next === 'first' || next === 'last') how = `${next === 'first' || next === 'last' ? `.${next}` : `[${next}]`} reads nothing in Zendesk`
  else if (steps.length === 2 && use.ref.pipedInto && LIST_FILTERS.has(use.ref.pipedInto.name)) how = `| ${use.ref.pipedInto.name} does not see separate tags`
  else if (steps.length === 2 && options.jsonBody && use.output?.sole && use.output.statement.json === 'bare')
    how = 'written outside quotes it renders words like `vip printer`, not a JSON array'
  if (!how) return undefined
  return {
    severity: 'warning',
    code: 'zendesk-tags-used-as-array',
    message: `ticket.tags is one space-separated string, not an array: ${how}`,
    start: use.ref.start,
    end: use.ref.end,
    hint: TAGS_HINT,
  }
}

function commentsInspectText(use: Use): OffsetDiagnostic | undefined {
  if (!use.output?.sole || use.loop || !use.steps || use.steps.length !== 2) return undefined
  if (!isPath(use.steps, 'ticket', 'comments') && !isPath(use.steps, 'ticket', 'public_comments')) return undefined
  const name = pathText(use.steps)
  return {
    severity: 'warning',
    code: 'zendesk-comments-inspect-text',
    message: `{{${name}}} renders Ruby inspect text ([#<Comment id: …, value: "…", …>]), not JSON or readable text`,
    start: use.ref.start,
    end: use.ref.end,
    hint: `Loop and pick fields: {% for comment in ${name} %}{{comment.author.name}}: {{comment.value}}{% endfor %}`,
  }
}

function unknownPlaceholder(text: string, use: Use): OffsetDiagnostic | undefined {
  if (!use.steps || use.node) return undefined
  const written = source(text, use.ref)
  const at = { start: use.ref.start, end: use.ref.end }
  if (!use.loop && pathText(use.steps) === 'ticket.updated_at_with_time') {
    return {
      severity: 'warning',
      code: 'zendesk-updated-at-with-time',
      message: 'ticket.updated_at_with_time is not documented (`_with_time` exists only on comments); Hookbench renders it empty',
      ...at,
      hint: 'Use ticket.updated_at_with_timestamp (ISO 8601, UTC) or ticket.updated_at.',
    }
  }
  const root = use.ref.steps[0] as string
  const isZendeskRoot = use.loop || ZENDESK_ROOTS.includes(root)
  const suggestion = suggest(use, written)
  return {
    severity: 'warning',
    code: 'zendesk-unknown-placeholder',
    message: isZendeskRoot
      ? `${written} is not a Zendesk placeholder; it renders empty`
      : `${written} is neither a Zendesk placeholder nor a variable this template assigns; it renders empty`,
    ...at,
    ...(suggestion ? { hint: `Did you mean ${suggestion}?` } : {}),
  }
}

function suggest(use: Use, written: string): string | undefined {
  if (use.loop) return closest(written, placeholderNamesUnder(use.loop.element, use.loop.variable))
  const root = use.ref.steps[0] as string
  if (!ZENDESK_ROOTS.includes(root) && resolvePlaceholder(['ticket', ...use.ref.steps])) return `ticket.${written}`
  return closest(written, ZENDESK_PLACEHOLDER_NAMES)
}

/** Filters whose result is never empty (or a number), making a bare output safe. */
const NEVER_EMPTY_FILTERS = new Set(['default', 'size', 'plus', 'minus', 'times', 'divided_by', 'modulo', 'abs', 'ceil', 'floor', 'round', 'at_least', 'at_most'])

function unquotedPlaceholder(text: string, use: Use): OffsetDiagnostic | undefined {
  const output = use.output
  const node = use.node
  if (!output || output.statement.json !== 'bare' || !node || !use.steps) return undefined
  if (output.filters.some((f) => NEVER_EMPTY_FILTERS.has(f.name))) return undefined
  const written = source(text, use.ref)
  const at = { severity: 'warning' as const, code: 'zendesk-unquoted-placeholder', start: use.ref.start, end: use.ref.end }
  const scalar = node.value === 'number' || node.value === 'boolean' || node.anyType
  if (scalar) {
    if (node.alwaysSet || isGuarded(use)) return undefined
    return {
      ...at,
      message: `${written} is outside a JSON string and renders nothing when it has no value, leaving invalid JSON such as "key": ,`,
      hint: `Write {% if ${written} %}{{${written}}}{% else %}null{% endif %}, or quote it if a string is acceptable.`,
    }
  }
  if (node.value === 'list') {
    return {
      ...at,
      message: `${written} renders Ruby text ([] when empty, Ruby inspect text otherwise), not a JSON array`,
      hint: `Build the array with a loop: [{% for x in ${written} %}"{{x.email}}"{% unless forloop.last %},{% endunless %}{% endfor %}]`,
    }
  }
  return {
    ...at,
    message: `${written} renders text outside a JSON string; Zendesk does not add quotes, so the body is not valid JSON`,
    hint: `Put it inside quotes: "{{${written}}}". Zendesk escapes the value for you.`,
  }
}

/** Whether an enclosing `if`/`unless`/`case` tests this placeholder or an object it belongs to. */
function isGuarded(use: Use): boolean {
  const path = pathText(use.steps!)
  return use.guards.some((g) => g === path || (g.includes('.') && path.startsWith(`${g}.`)))
}

function jsonFilter(filter: FilterRef): OffsetDiagnostic {
  return {
    severity: 'warning',
    code: 'zendesk-json-filter',
    message:
      'json is not a documented Zendesk filter (UNCONFIRMED, likely unsupported: Ruby Liquid skips unknown filters, leaving the value as it is)',
    start: filter.start,
    end: filter.end,
    hint: 'In a JSON body Zendesk already escapes every placeholder: write "key": "{{ticket.title}}".',
  }
}
