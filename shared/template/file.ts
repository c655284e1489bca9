/**
 * Template files: a YAML front-matter header (name, dialect, method, URL, headers …) and then
 * the raw body exactly as it is pasted into the Braze or Zendesk dashboard. One plain text file,
 * so templates can live in git. A file without front matter is a body-only template.
 */
import { isMap, isScalar, parseDocument, type Node, type Scalar } from 'yaml'
import { z } from 'zod'
import type { OffsetDiagnostic } from '../diagnostics.js'
import type { DialectId } from '../engine/dialect.js'
import type { PartSource } from '../engine/part.js'
import { closest } from '../engine/suggest.js'
import { TARGETS, type TargetId } from '../checks/index.js'

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const
export type HttpMethod = (typeof HTTP_METHODS)[number]

const metaSchema = z.object({
  name: z.string().optional(),
  description: z.string().optional(),
  dialect: z.enum(['braze', 'zendesk']).optional(),
  target: z
    .string()
    .refine((t) => t in TARGETS, { message: `unknown target; known targets: ${Object.keys(TARGETS).join(', ')}` })
    .optional(),
  method: z
    .string()
    .transform((m) => m.toUpperCase())
    .pipe(z.enum(HTTP_METHODS))
    .optional(),
  url: z.string().optional(),
  headers: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  /** Zendesk webhooks send JSON, XML or form-encoded bodies (zendesk.md §3.1). */
  request_format: z.enum(['json', 'xml', 'form_encoded']).optional(),
})

const KNOWN_KEYS = Object.keys(metaSchema.shape)

export interface TemplateMeta {
  name?: string
  description?: string
  dialect: DialectId
  target?: TargetId
  method: HttpMethod
  requestFormat?: 'json' | 'xml' | 'form_encoded'
}

export interface HeaderPart {
  name: string
  source: PartSource
}

export interface TemplateFile {
  path: string
  text: string
  hasFrontMatter: boolean
  meta: TemplateMeta
  body: PartSource
  url?: PartSource
  headers: HeaderPart[]
  /** Problems of the file itself (front matter), in file offsets. */
  diagnostics: OffsetDiagnostic[]
}

export interface ParseOptions {
  /** The dialect of a file whose front matter names none (CLI `--dialect`); default braze. */
  defaultDialect?: DialectId
}

const OPENING = /^\uFEFF?---[ \t]*\r?\n/
const CLOSING = /^(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/m

export function parseTemplateFile(text: string, path: string, options: ParseOptions = {}): TemplateFile {
  const defaults: TemplateMeta = { dialect: options.defaultDialect ?? 'braze', method: 'POST' }
  const opening = OPENING.exec(text)
  if (!opening) {
    return { path, text, hasFrontMatter: false, meta: defaults, body: bodyPart(text, 0), headers: [], diagnostics: [] }
  }
  const yamlStart = opening[0].length
  const rest = text.slice(yamlStart)
  const closing = CLOSING.exec(rest)
  if (!closing) {
    return {
      path,
      text,
      hasFrontMatter: false,
      meta: defaults,
      body: bodyPart(text, 0),
      headers: [],
      diagnostics: [
        {
          severity: 'error',
          code: 'front-matter-unclosed',
          message: 'The front matter opened by `---` on line 1 is never closed: add a line `---` before the body.',
          start: 0,
          end: 3,
        },
      ],
    }
  }
  const yamlText = rest.slice(0, closing.index)
  const bodyStart = yamlStart + closing.index + closing[0].length
  const file: TemplateFile = {
    path,
    text,
    hasFrontMatter: true,
    meta: defaults,
    body: bodyPart(text.slice(bodyStart), bodyStart),
    headers: [],
    diagnostics: [],
  }
  readFrontMatter(yamlText, yamlStart, file)
  return file
}

function bodyPart(text: string, offset: number): PartSource {
  return { id: 'body', text, toFile: (o) => offset + o }
}

function readFrontMatter(yamlText: string, base: number, file: TemplateFile): void {
  const doc = parseDocument(yamlText, { prettyErrors: false, uniqueKeys: true })
  for (const error of doc.errors) {
    const [start, end] = error.pos
    const startsWithBrace = /[{[]/.test(yamlText.slice(start - 1, start + 1))
    file.diagnostics.push({
      severity: 'error',
      code: 'front-matter-yaml',
      message: `Front matter is not valid YAML: ${error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`,
      start: base + start,
      end: base + Math.max(end, start + 1),
      ...(startsWithBrace
        ? { hint: 'A value that starts with { or [ must be quoted in YAML, e.g. X-User: "{{${user_id}}}"' }
        : {}),
    })
  }
  if (doc.errors.length > 0) return
  const root = doc.contents
  if (root === null) return
  if (!isMap(root)) {
    file.diagnostics.push(at(root, base, 'front-matter-shape', 'Front matter must be a YAML mapping of keys to values.'))
    return
  }
  const parsed = metaSchema.safeParse(doc.toJS())
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const node = doc.getIn(issue.path as (string | number)[], true) as Node | undefined
      const where = issue.path.join('.')
      file.diagnostics.push(at(node ?? root, base, 'front-matter-invalid', `${where}: ${issue.message}`))
    }
  }
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : ''
    if (KNOWN_KEYS.includes(key)) continue
    const suggestion = closest(key, KNOWN_KEYS)
    file.diagnostics.push({
      ...at(pair.key as Node, base, 'front-matter-unknown-key', `Unknown front-matter key \`${key}\`.`),
      severity: 'warning',
      hint: suggestion ? `Did you mean \`${suggestion}\`?` : `Known keys: ${KNOWN_KEYS.join(', ')}.`,
    })
  }
  if (!parsed.success) return
  const meta = parsed.data
  file.meta = {
    dialect: meta.dialect ?? file.meta.dialect,
    method: meta.method ?? 'POST',
    ...(meta.name !== undefined ? { name: meta.name } : {}),
    ...(meta.description !== undefined ? { description: meta.description } : {}),
    ...(meta.target !== undefined ? { target: meta.target as TargetId } : {}),
    ...(meta.request_format !== undefined ? { requestFormat: meta.request_format } : {}),
  }
  const url = doc.get('url', true)
  if (isScalar(url)) file.url = scalarPart('url', url, yamlText, base)
  const headers = doc.get('headers', true)
  if (isMap(headers)) {
    headers.items.forEach((pair, i) => {
      if (!isScalar(pair.key) || !isScalar(pair.value)) return
      const name = String(pair.key.value)
      file.headers.push({ name, source: scalarPart(`header:${i}:${name}`, pair.value, yamlText, base) })
    })
  }
}

/**
 * A templated YAML value. Plain and simply-quoted scalars hold their text verbatim, so offsets
 * map one to one; escapes or folded lines break that, and then everything points at the value.
 */
function scalarPart(id: string, scalar: Scalar, yamlText: string, base: number): PartSource {
  const text = String(scalar.value ?? '')
  const [start] = scalar.range ?? [0, 0]
  const contentStart = start + (scalar.type === 'QUOTE_DOUBLE' || scalar.type === 'QUOTE_SINGLE' ? 1 : 0)
  const verbatim = yamlText.startsWith(text, contentStart)
  return { id, text, toFile: verbatim ? (o) => base + contentStart + o : () => base + contentStart }
}

function at(node: Node, base: number, code: string, message: string): OffsetDiagnostic {
  const [start, end] = node.range ?? [0, 1]
  return { severity: 'error', code, message, start: base + start, end: base + Math.max(end, start + 1) }
}
