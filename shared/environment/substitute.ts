/**
 * Environment references in templates: `%{env.NAME}` (a variable of the selected environment)
 * and `%{secret.NAME}` (a secret it declares). One syntax for the URL, headers and body that
 * neither Braze Liquid (`{{${x}}}`, `{% %}`) nor Zendesk placeholders use.
 *
 * References are replaced as plain text BEFORE Liquid runs, so they also work inside Liquid
 * (`{{ 'a@b.c/token:%{secret.zendesk_api_token}' | base64_encode }}`). To write a literal
 * `%{env.x}`, break it with Liquid: `%{{ '{' }}env.x}` renders as `%{env.x}` and is no reference.
 */
import type { OffsetDiagnostic } from '../diagnostics.js'
import { bytesToBase64, utf8Bytes } from '../engine/bytes.js'
import type { PartSource } from '../engine/part.js'
import { SourceMap, type Edit } from '../engine/sourceMap.js'
import { closest } from '../engine/suggest.js'
import type { TemplateFile } from '../template/file.js'

/** Names of variables and secrets: what a reference can spell. */
export const NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/

export type ReferenceKind = 'env' | 'secret'

export interface Reference {
  kind: ReferenceKind
  name: string
  /** Offset of `%`. */
  start: number
  /** Offset just past `}`. */
  end: number
}

/** What a template can refer to: the selected environment. */
export interface ReferenceValues {
  /** The environment's name, for messages. */
  environment: string
  /** Its variables, derived ones included (e.g. `braze_rest_host`). */
  env: Readonly<Record<string, string>>
  /** The secret names it declares. */
  secretNames: readonly string[]
  /** A declared secret's stored value; undefined when none is stored. */
  secrets: (name: string) => string | undefined
  /** How to store a missing secret, for the hint; by default both the app and the CLI way. */
  missingSecretHint?: (name: string) => string
}

/**
 * `real` inserts secret values (only for the request actually sent); `standIn` inserts
 * `<SECRET_NAME>` for everything shown, logged, kept in history or exported.
 */
export type SubstitutionMode = 'real' | 'standIn'

/** `<ZENDESK_API_TOKEN>` for `zendesk_api_token`: visibly not a real value. */
export function secretStandIn(name: string): string {
  return `<${name.toUpperCase()}>`
}

/** The variable the CLI reads a secret from. */
export function secretEnvVarName(name: string): string {
  return `HOOKBENCH_SECRET_${name.toUpperCase()}`
}

const defaultMissingSecretHint = (name: string) =>
  `Store its value in Hookbench's environment settings, or for the CLI: export ${secretEnvVarName(name)}=…`

// ---------------------------------------------------------------------------------------------
// Scanning

/** `%{` then everything up to a brace or line end: a reference, a broken one, or neither. */
const CANDIDATE = /%\{([^{}\n]*)(\})?/g
const WELL_FORMED = /^(env|secret)\.([A-Za-z_][A-Za-z0-9_]*)$/
/** Content that shows someone meant a reference (`%{env.}`, `%{ env.x }`, `%{name}`, `%{}`). */
const MEANT_AS_REFERENCE = /^\s*(?:[A-Za-z_.]|$)/

interface Malformed {
  start: number
  end: number
  message: string
  hint?: string
}

function scan(text: string): { references: Reference[]; malformed: Malformed[] } {
  const references: Reference[] = []
  const malformed: Malformed[] = []
  for (const match of text.matchAll(CANDIDATE)) {
    const content = match[1]!
    const closed = match[2] !== undefined
    const start = match.index
    const end = start + match[0].length
    const good = closed ? WELL_FORMED.exec(content) : null
    if (good) {
      references.push({ kind: good[1] as ReferenceKind, name: good[2]!, start, end })
    } else if (closed ? MEANT_AS_REFERENCE.test(content) : /^\s*(?:env|secret)\b/.test(content)) {
      malformed.push({ start, end, ...explainMalformed(content, closed) })
    }
  }
  return { references, malformed }
}

/** Every well-formed reference in `text`, in order (for substitution, highlighting, completion). */
export function findReferences(text: string): Reference[] {
  return scan(text).references
}

const NAME_RULE = 'a name uses letters, digits and _, and does not start with a digit'

function explainMalformed(content: string, closed: boolean): { message: string; hint?: string } {
  const trimmed = content.trim()
  const shown = `%{${content}${closed ? '}' : ''}`
  if (!closed) return { message: `\`${shown}\` is not closed.`, hint: `End it with }: %{${trimmed}}` }
  if (trimmed === '') return { message: '`%{}` is empty.', hint: 'Write %{env.NAME} for a variable or %{secret.NAME} for a secret.' }
  if (trimmed !== content && WELL_FORMED.test(trimmed)) {
    return { message: `\`${shown}\` has spaces inside the braces.`, hint: `Write %{${trimmed}}` }
  }
  const dot = trimmed.indexOf('.')
  if (dot < 0) {
    return {
      message: `\`${shown}\` does not say whether \`${trimmed}\` is a variable or a secret.`,
      hint: `Write %{env.${trimmed}} for a variable or %{secret.${trimmed}} for a secret.`,
    }
  }
  const kind = trimmed.slice(0, dot)
  const name = trimmed.slice(dot + 1)
  if (kind !== 'env' && kind !== 'secret') {
    const suggestion = closest(kind, ['env', 'secret'])
    return {
      message: `\`${shown}\`: unknown kind \`${kind}\`; references start with env. or secret.`,
      hint: suggestion ? `Did you mean %{${suggestion}.${name}}?` : `Write %{env.${name}} or %{secret.${name}}.`,
    }
  }
  if (name === '') return { message: `\`${shown}\` names no ${kind === 'env' ? 'variable' : 'secret'}.`, hint: `Write %{${kind}.NAME}.` }
  return { message: `\`${shown}\`: \`${name}\` is not a valid name; ${NAME_RULE}.` }
}

// ---------------------------------------------------------------------------------------------
// Substitution

export interface SubstitutedText {
  text: string
  /** Offsets of `text` back to the input. */
  map: SourceMap
  /** Problems, in offsets of the input text. */
  diagnostics: OffsetDiagnostic[]
}

/**
 * Replaces the references in `text`. `values` null means no environment is selected. A
 * reference that cannot be resolved stays as written (visibly unrendered) and gets an error.
 */
export function substituteText(text: string, values: ReferenceValues | null, mode: SubstitutionMode): SubstitutedText {
  const { references, malformed } = scan(text)
  const diagnostics: OffsetDiagnostic[] = malformed.map((m) => ({
    severity: 'error',
    code: 'ref-malformed',
    message: m.message,
    start: m.start,
    end: m.end,
    ...(m.hint ? { hint: m.hint } : {}),
  }))
  const edits: Edit[] = []
  for (const ref of references) {
    const { value, problem } = resolve(ref, values, mode)
    if (problem) diagnostics.push({ ...problem, start: ref.start, end: ref.end })
    if (value === undefined) continue
    edits.push({ from: ref.start, to: ref.end, insert: value })
    if (/\{\{|\{%/.test(value)) diagnostics.push(markupWarning(ref))
  }
  const { text: out, map } = SourceMap.apply(text, edits)
  return { text: out, map, diagnostics: diagnostics.sort((a, b) => a.start - b.start) }
}

type Problem = Omit<OffsetDiagnostic, 'start' | 'end'>
/** A value to insert, a problem, or both (a stand-in shown despite a missing value). */
type Resolution = { value?: string; problem?: Problem }

function resolve(ref: Reference, values: ReferenceValues | null, mode: SubstitutionMode): Resolution {
  const written = `%{${ref.kind}.${ref.name}}`
  if (!values) {
    return {
      problem: {
        severity: 'error',
        code: 'ref-no-environment',
        message: `\`${written}\` needs an environment, and none is selected.`,
        hint: 'Select an environment that defines it.',
      },
    }
  }
  const where = `environment \`${values.environment}\``
  if (ref.kind === 'env') {
    if (Object.hasOwn(values.env, ref.name)) return { value: values.env[ref.name]! }
    const suggestion = closest(ref.name, Object.keys(values.env))
    const isSecret = values.secretNames.includes(ref.name)
    return {
      problem: {
        severity: 'error',
        code: 'ref-unknown-variable',
        message: `\`${written}\`: ${where} has no variable \`${ref.name}\`.`,
        hint: isSecret
          ? `\`${ref.name}\` is a secret: write %{secret.${ref.name}}.`
          : suggestion
            ? `Did you mean %{env.${suggestion}}?`
            : `Add "${ref.name}" to "variables" in the environment file.`,
      },
    }
  }
  if (!values.secretNames.includes(ref.name)) {
    const suggestion = closest(ref.name, values.secretNames)
    const isVariable = Object.hasOwn(values.env, ref.name)
    return {
      problem: {
        severity: 'error',
        code: 'ref-undeclared-secret',
        message: `\`${written}\`: ${where} declares no secret \`${ref.name}\`.`,
        hint: isVariable
          ? `\`${ref.name}\` is a variable: write %{env.${ref.name}}.`
          : suggestion
            ? `Did you mean %{secret.${suggestion}}?`
            : `Add "${ref.name}" to "secrets" in the environment file (the name only; the value is stored outside it).`,
      },
    }
  }
  const value = values.secrets(ref.name)
  if (value === undefined || value === '') {
    const problem: Problem = {
      // A preview shows the stand-in anyway; only a real send cannot go without the value.
      severity: mode === 'real' ? 'error' : 'warning',
      code: 'ref-secret-not-stored',
      message: `\`${written}\`: no value is stored for secret \`${ref.name}\` of ${where}.`,
      hint: (values.missingSecretHint ?? defaultMissingSecretHint)(ref.name),
    }
    return mode === 'real' ? { problem } : { value: secretStandIn(ref.name), problem }
  }
  return { value: mode === 'real' ? value : secretStandIn(ref.name) }
}

function markupWarning(ref: Reference): OffsetDiagnostic {
  return {
    severity: 'warning',
    code: 'ref-value-has-markup',
    message: `The value of \`%{${ref.kind}.${ref.name}}\` contains {{ or {%: it is inserted before Liquid runs, so Liquid will interpret it.`,
    hint: 'Wrap the reference in {% raw %}…{% endraw %} if the value must stay literal.',
    start: ref.start,
    end: ref.end,
  }
}

/**
 * A new part with its references replaced. Its `toFile` goes through the substitution map and
 * then the original `toFile`, so every later position still points at what the user wrote.
 * Diagnostics are in file offsets.
 */
export function substituteReferences(
  source: PartSource,
  values: ReferenceValues | null,
  mode: SubstitutionMode,
): { source: PartSource; diagnostics: OffsetDiagnostic[] } {
  // Most parts hold no reference at all; they are passed on as they are.
  if (!source.text.includes('%{')) return { source, diagnostics: [] }
  const { text, map, diagnostics } = substituteText(source.text, values, mode)
  const located = diagnostics.map((d) => {
    const out: OffsetDiagnostic = {
      ...d,
      start: source.toFile(d.start),
      end: source.toFile((d.end ?? d.start + 1) - 1) + 1,
    }
    if (source.file) out.file = source.file
    return out
  })
  if (text === source.text) return { source, diagnostics: located }
  const substituted: PartSource = { ...source, text, toFile: (offset) => source.toFile(map.toSource(offset)) }
  return { source: substituted, diagnostics: located }
}

/** The template with references replaced in its URL, header values and body. */
export function substituteTemplateFile(
  file: TemplateFile,
  values: ReferenceValues | null,
  mode: SubstitutionMode,
): { file: TemplateFile; diagnostics: OffsetDiagnostic[] } {
  const diagnostics: OffsetDiagnostic[] = []
  const substitute = (source: PartSource): PartSource => {
    const result = substituteReferences(source, values, mode)
    diagnostics.push(...result.diagnostics)
    return result.source
  }
  const out: TemplateFile = {
    ...file,
    body: substitute(file.body),
    headers: file.headers.map((h) => ({ ...h, source: substitute(h.source) })),
  }
  if (file.url) out.url = substitute(file.url)
  return { file: out, diagnostics }
}

// ---------------------------------------------------------------------------------------------
// Masking

export const SECRET_MASK = '<secret>'

/** Base64 fragments shorter than this (6 bytes) would match ordinary text by chance. */
const MIN_FRAGMENT_BYTES = 6
/** Both base64 alphabets: a match is widened to the whole encoded run around it. */
const BASE64_CHAR = /[A-Za-z0-9+/_-]/

/**
 * The last line of defence before anything is written to disk or logged: every occurrence of
 * each secret value, and of its percent- and JSON-escaped forms, becomes `<secret>`; so does
 * every standard or URL-safe base64 run that encodes it anywhere inside, which covers the
 * value alone and Basic-auth forms such as `email/token:secret` and `id:secret`.
 */
export function maskSecrets(text: string, secretValues: readonly string[]): string {
  const ranges: [number, number][] = []
  for (const value of new Set(secretValues)) {
    if (value === '') continue
    const { literals, fragments } = searchFormsOf(value)
    for (const form of literals) {
      for (let i = text.indexOf(form); i >= 0; i = text.indexOf(form, i + 1)) ranges.push([i, i + form.length])
    }
    for (const fragment of fragments) {
      for (let i = text.indexOf(fragment); i >= 0; i = text.indexOf(fragment, i + 1)) {
        ranges.push(widenToBase64Run(text, i, i + fragment.length))
      }
    }
  }
  return replaceRanges(text, ranges, SECRET_MASK)
}

/**
 * Every send masks its request, response and history line with the same few values: their
 * encodings are worked out once. Bounded, and in memory only, like the values themselves.
 */
const FORMS_CACHE_SIZE = 32
const formsCache = new Map<string, { literals: string[]; fragments: string[] }>()

function searchFormsOf(value: string): { literals: string[]; fragments: string[] } {
  let forms = formsCache.get(value)
  if (!forms) {
    forms = { literals: [...literalForms(value)], fragments: base64Fragments(value) }
    formsCache.set(value, forms)
    if (formsCache.size > FORMS_CACHE_SIZE) formsCache.delete(formsCache.keys().next().value!)
  }
  return forms
}

function literalForms(value: string): Set<string> {
  const forms = new Set([value, encodeURIComponent(value), JSON.stringify(value).slice(1, -1)])
  // Too short for fragment matching: at least catch the value's own encodings.
  if (utf8Bytes(value).length < MIN_FRAGMENT_BYTES + 2) {
    const encoded = bytesToBase64(utf8Bytes(value))
    for (const e of [encoded, toUrlSafe(encoded)]) forms.add(e).add(e.replace(/=+$/, ''))
  }
  return forms
}

/**
 * Base64 works on 3-byte groups, so the value's bytes inside any longer encoded text start at
 * one of three alignments. For each, the groups lying wholly inside the value encode to a fixed
 * fragment that every such encoding contains, whatever comes before or after the value.
 */
function base64Fragments(value: string): string[] {
  const bytes = utf8Bytes(value)
  const fragments: string[] = []
  for (let shift = 0; shift < 3; shift++) {
    const whole = Math.floor((bytes.length - shift) / 3) * 3
    if (whole < MIN_FRAGMENT_BYTES) continue
    const encoded = bytesToBase64(bytes.subarray(shift, shift + whole))
    fragments.push(encoded)
    if (toUrlSafe(encoded) !== encoded) fragments.push(toUrlSafe(encoded))
  }
  return fragments
}

const toUrlSafe = (base64: string) => base64.replaceAll('+', '-').replaceAll('/', '_')

function widenToBase64Run(text: string, start: number, end: number): [number, number] {
  while (start > 0 && BASE64_CHAR.test(text[start - 1]!)) start--
  while (end < text.length && BASE64_CHAR.test(text[end]!)) end++
  while (end < text.length && text[end] === '=') end++
  return [start, end]
}

function replaceRanges(text: string, ranges: [number, number][], replacement: string): string {
  const merged: [number, number][] = []
  for (const [start, end] of [...ranges].sort((a, b) => a[0] - b[0])) {
    const last = merged.at(-1)
    if (last && start <= last[1]) last[1] = Math.max(last[1], end)
    else merged.push([start, end])
  }
  let out = ''
  let copied = 0
  for (const [start, end] of merged) {
    out += text.slice(copied, start) + replacement
    copied = end
  }
  return out + text.slice(copied)
}
