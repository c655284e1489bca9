/**
 * Template files: a YAML front-matter header (name, dialect, method, URL, headers …) and then
 * the raw body exactly as it is pasted into the Braze or Zendesk dashboard. One plain text file,
 * so templates can live in git. A file without front matter is a body-only template.
 */
import { isMap, isScalar, parseDocument, type Node, type Scalar, type YAMLMap } from 'yaml'
import { z } from 'zod'
import { HTTP_METHODS, type HttpMethod } from './methods.js'
import type { OffsetDiagnostic } from '../diagnostics.js'
import type { DialectId } from '../engine/dialect.js'
import type { PartSource } from '../engine/part.js'
import { closest } from '../engine/suggest.js'
import { TARGETS, type TargetId } from '../checks/index.js'
import { triggerConditionsSchema, type TriggerConditionsSpec } from '../export/triggerConditions.js'

export { HTTP_METHODS, type HttpMethod } from './methods.js'

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
  /** How a Zendesk → Braze template is handed to Zendesk: its webhook and trigger (zendesk.md §3, §4). */
  zendesk: z
    .object({
      webhook: z.object({ name: z.string().optional(), description: z.string().optional() }).optional(),
      trigger: z
        .object({
          title: z.string().optional(),
          description: z.string().optional(),
          active: z.boolean().optional(),
          // The OAS example sends a string ("10026"); a number is accepted and kept as its digits.
          category_id: z.union([z.string(), z.number().int()]).transform(String).optional(),
          conditions: triggerConditionsSchema.optional(),
        })
        .optional(),
      /**
       * Written by `hookbench deploy`, per environment name: webhook and trigger ids belong to one
       * Zendesk account, and a trigger id of the sandbox may name an unrelated trigger in production.
       */
      deployed: z
        .record(
          z.string(),
          z.object({
            account: z.string().optional(),
            webhook_id: z.string().min(1).optional(),
            trigger_id: z.union([z.number().int().positive(), z.string().regex(/^\d+$/, 'must be a number').transform(Number)]).optional(),
          }),
        )
        .optional(),
    })
    .optional(),
})

const KNOWN_KEYS = Object.keys(metaSchema.shape)

/** Keys inside nested front-matter maps, for unknown-key warnings (`*`: any key, e.g. an environment name). */
type KeyTree = { readonly [key: string]: KeyTree | true }
const NESTED_KEYS: KeyTree = {
  zendesk: {
    webhook: { name: true, description: true },
    trigger: { title: true, description: true, active: true, category_id: true, conditions: true },
    deployed: { '*': { account: true, webhook_id: true, trigger_id: true } },
  },
}

export interface TemplateMeta {
  name?: string
  description?: string
  dialect: DialectId
  target?: TargetId
  method: HttpMethod
  requestFormat?: 'json' | 'xml' | 'form_encoded'
  zendesk?: ZendeskMeta
}

/** The `zendesk:` block: names, trigger conditions, and what `hookbench deploy` created. */
export interface ZendeskMeta {
  webhook?: { name?: string; description?: string }
  trigger?: {
    title?: string
    description?: string
    active?: boolean
    categoryId?: string
    conditions?: TriggerConditionsSpec
  }
  /** By environment name. */
  deployed?: Record<string, DeployedIds>
}

/** The ids a deploy to one environment got back, and the account (Zendesk subdomain) they belong to. */
export interface DeployedIds {
  account?: string
  webhookId?: string
  triggerId?: number
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
  /** Offsets of the YAML between the `---` lines, when there is front matter. */
  frontMatter?: { start: number; end: number }
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
    frontMatter: { start: yamlStart, end: yamlStart + yamlText.length },
  }
  readFrontMatter(yamlText, yamlStart, file)
  return file
}

/**
 * Where a front-matter value is, in file offsets: the node at `path`, or its nearest ancestor
 * that exists (a missing key is reported where it belongs). Undefined without front matter.
 */
export function frontMatterSpan(file: Pick<TemplateFile, 'text' | 'frontMatter'>, path: readonly (string | number)[]): { start: number; end: number } | undefined {
  if (!file.frontMatter) return undefined
  const { start, end } = file.frontMatter
  const doc = parseDocument(file.text.slice(start, end), { prettyErrors: false })
  const node = nearestNode(doc, path)
  if (!node?.range) return undefined
  return { start: start + node.range[0], end: start + Math.max(node.range[1], node.range[0] + 1) }
}

function nearestNode(doc: ReturnType<typeof parseDocument>, path: readonly (string | number)[]): Node | undefined {
  for (let length = path.length; length > 0; length--) {
    const node = doc.getIn(path.slice(0, length), true)
    if (node && typeof node === 'object') return node as Node
  }
  return doc.contents ?? undefined
}

function bodyPart(text: string, offset: number): PartSource {
  return { id: 'body', text, toFile: (o) => offset + o }
}

/** Later YAML errors mostly follow from the first ones, and pasted junk can make one per character. */
const MAX_YAML_ERRORS = 10

function readFrontMatter(yamlText: string, base: number, file: TemplateFile): void {
  const doc = parseDocument(yamlText, { prettyErrors: false, uniqueKeys: true })
  for (const error of doc.errors.slice(0, MAX_YAML_ERRORS)) {
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
  let data: unknown
  try {
    data = doc.toJS()
  } catch (err) {
    // yaml refuses to expand aliases into an exponential tree ("billion laughs"): a problem of the file, not a crash.
    const reason = err instanceof Error ? err.message : String(err)
    file.diagnostics.push(at(root, base, 'front-matter-yaml', `Front matter cannot be read: its aliases (*name) expand too far (${reason}).`))
    return
  }
  const parsed = metaSchema.safeParse(data)
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const node = nearestNode(doc, issue.path as (string | number)[])
      const where = issue.path.join('.')
      file.diagnostics.push(at(node ?? root, base, 'front-matter-invalid', `${where}: ${issue.message}`))
    }
  }
  warnUnknownKeys(root, KNOWN_KEYS, NESTED_KEYS, '', base, file)
  if (!parsed.success) return
  const meta = parsed.data
  file.meta = {
    dialect: meta.dialect ?? file.meta.dialect,
    method: meta.method ?? 'POST',
    ...(meta.name !== undefined ? { name: meta.name } : {}),
    ...(meta.description !== undefined ? { description: meta.description } : {}),
    ...(meta.target !== undefined ? { target: meta.target as TargetId } : {}),
    ...(meta.request_format !== undefined ? { requestFormat: meta.request_format } : {}),
    ...(meta.zendesk !== undefined ? { zendesk: zendeskMeta(meta.zendesk) } : {}),
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

/** Unknown keys are warnings, not errors: a typo should not stop a render, but must not go unnoticed. */
function warnUnknownKeys(map: YAMLMap, known: readonly string[], nested: KeyTree, prefix: string, base: number, file: TemplateFile): void {
  for (const pair of map.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : ''
    if (!known.includes(key) && !known.includes('*')) {
      const suggestion = closest(key, known)
      file.diagnostics.push({
        ...at(pair.key as Node, base, 'front-matter-unknown-key', `Unknown front-matter key \`${prefix}${key}\`.`),
        severity: 'warning',
        hint: suggestion ? `Did you mean \`${prefix}${suggestion}\`?` : `Known keys${prefix ? ` of \`${prefix.slice(0, -1)}\`` : ''}: ${known.join(', ')}.`,
      })
      continue
    }
    const below = nested[key] ?? nested['*']
    if (below && below !== true && isMap(pair.value)) {
      warnUnknownKeys(pair.value, Object.keys(below), below, `${prefix}${key}.`, base, file)
    }
  }
}

type ZendeskMetaInput = NonNullable<z.output<typeof metaSchema>['zendesk']>

/** The `zendesk:` block in TypeScript spelling, with only the keys that were written. */
function zendeskMeta(input: ZendeskMetaInput): ZendeskMeta {
  const out: ZendeskMeta = {}
  if (input.webhook) out.webhook = definedOnly(input.webhook)
  if (input.trigger) {
    const { category_id, ...trigger } = input.trigger
    out.trigger = definedOnly({ ...trigger, categoryId: category_id })
  }
  if (input.deployed) {
    out.deployed = Object.fromEntries(
      Object.entries(input.deployed).map(([environment, ids]) => [
        environment,
        definedOnly({ account: ids.account, webhookId: ids.webhook_id, triggerId: ids.trigger_id }),
      ]),
    )
  }
  return out
}

function definedOnly<T extends object>(value: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> }
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
