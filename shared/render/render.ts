/**
 * Rendering a compiled template against one sample: the exact request (method, URL, headers,
 * body), whether `abort_message` fired, and every problem located in the template.
 *
 * The fast path renders without tracing. Only when the JSON body is broken or a payload check
 * fires is the body rendered again with a trace, to find the template text responsible.
 */
import { TokenKind } from 'liquidjs'
import { checkPayload, inferTarget, type PayloadIssue } from '../checks/index.js'
import { LineIndex, locate, sortDiagnostics, type Diagnostic, type OffsetDiagnostic } from '../diagnostics.js'
import type { ConnectedContentRequest, RenderEnv } from '../engine/env.js'
import { newRenderBudget, RENDER_LIMIT_CODES, renderPart, type CompiledPart } from '../engine/part.js'
import { inputOffsetOf, TraceEmitter, type OutputSegment } from '../engine/trace.js'
import type { CannedResponse } from '../samples/types.js'
import { compileContentBlock, type CompiledTemplate } from './compile.js'
import { parseJson, spanAtPath, type JsonSyntaxError } from './json.js'

export interface RenderedRequest {
  method: string
  url: string
  headers: Record<string, string>
  body: string
}

export interface RenderResult {
  request: RenderedRequest
  /** Set when `{% abort_message %}` fired: Braze would not send. `reason` null for a bare abort. */
  aborted: { reason: string | null } | null
  diagnostics: Diagnostic[]
}

export interface RenderOptions {
  /** What `'now'` means (default: the clock). */
  now?: Date
  /** Parse the body as JSON and run the payload checks (default true). */
  checkJson?: boolean
  /** Catalog rows for `{% catalog_items %}` beyond the sample's own. */
  catalogs?: Record<string, Record<string, unknown>[]>
}

export function renderTemplate(compiled: CompiledTemplate, sample: unknown, options: RenderOptions = {}): RenderResult {
  const { file } = compiled
  const scope = compiled.dialect.scope(sample as never)
  const runtime: OffsetDiagnostic[] = []
  const usedBlocks = new Set<CompiledPart>()
  const env = renderEnvFor(compiled, sample, options, runtime, usedBlocks)
  const request: RenderedRequest = { method: file.meta.method, url: '', headers: {}, body: '' }
  let aborted: RenderResult['aborted'] = null
  // One time and allocation budget for the whole request; once it is spent, the parts left would only say so again.
  const budget = newRenderBudget(compiled.liquid)
  let stopped = false

  const render = (part: CompiledPart): string => {
    if (aborted || stopped) return ''
    const out = renderPart(part, compiled.liquid, scope, env, compiled.locator, undefined, budget)
    if (out.aborted) aborted = out.aborted
    if (out.error) runtime.push(out.error)
    stopped = out.error !== undefined && RENDER_LIMIT_CODES.has(out.error.code)
    return out.text
  }
  if (compiled.url) request.url = render(compiled.url).trim()
  for (const h of compiled.headers) {
    const value = render(h.part).trim()
    request.headers[h.name] = value
    if (FORBIDDEN_IN_HEADER.test(value)) runtime.push(headerCharacterDiagnostic(h.name, h.part, value))
  }
  request.body = render(compiled.body)

  if (!aborted && (options.checkJson ?? true) && compiled.lintOptions.jsonBody && request.body.trim() !== '') {
    runtime.push(...checkBody(compiled, request, scope, env))
  }
  const offsets = [
    ...compiled.diagnostics,
    ...[...usedBlocks].flatMap((b) => b.diagnostics),
    ...dedupe(runtime),
  ]
  return { request, aborted, diagnostics: toFileDiagnostics(compiled, offsets) }
}

/** HTTP header values may hold tabs and visible characters only (RFC 9110 §5.5). */
const FORBIDDEN_IN_HEADER = /[\x00-\x08\x0a-\x1f\x7f]/

function headerCharacterDiagnostic(name: string, part: CompiledPart, value: string): OffsetDiagnostic {
  const found = value.match(FORBIDDEN_IN_HEADER)![0]
  const what = found === '\n' || found === '\r' ? 'a line break' : `the control character U+${found.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`
  return {
    severity: 'error',
    code: 'header-invalid-character',
    message: `Header "${name}" renders with ${what}, which HTTP does not allow in a header value: nothing can be sent.`,
    hint: 'A value from the sample may hold a line break: remove it with | strip_newlines or | replace.',
    start: part.source.toFile(0),
    end: part.source.toFile(part.source.text.length),
  }
}

/** Problems of the template alone (no sample), for `hookbench check` and the editor. */
export function templateDiagnostics(compiled: CompiledTemplate): Diagnostic[] {
  return toFileDiagnostics(compiled, compiled.diagnostics)
}

function renderEnvFor(
  compiled: CompiledTemplate,
  sample: unknown,
  options: RenderOptions,
  runtime: OffsetDiagnostic[],
  usedBlocks: Set<CompiledPart>,
): RenderEnv {
  const record = (sample ?? {}) as { connected_content?: Record<string, CannedResponse>; catalogs?: Record<string, Record<string, unknown>[]> }
  return {
    now: options.now ?? new Date(),
    connectedContent: (req: ConnectedContentRequest) =>
      record.connected_content?.[`${req.method} ${req.url}`] ?? record.connected_content?.[req.url],
    contentBlock: (name) => {
      const part = compileContentBlock(compiled, name)
      if (!part) return undefined
      usedBlocks.add(part)
      return part.templates ?? []
    },
    catalog: (name) => record.catalogs?.[name] ?? options.catalogs?.[name],
    report: (token, severity, code, message, hint) => {
      runtime.push(compiled.locator.at(token, severity, code, message, hint))
    },
  }
}

function checkBody(
  compiled: CompiledTemplate,
  request: RenderedRequest,
  scope: Record<string, unknown>,
  env: RenderEnv,
): OffsetDiagnostic[] {
  const parsed = parseJson(request.body)
  if (!parsed.ok) return [jsonErrorDiagnostic(compiled, trace(compiled, scope, env), parsed.error)]
  const target = compiled.target ?? inferTarget(request.method, request.url)
  if (!target) return []
  const issues = checkPayload(target, parsed.value)
  if (issues.length === 0) return []
  const emitter = trace(compiled, scope, env)
  return issues.map((issue) => payloadDiagnostic(compiled, emitter, issue))
}

/** The body rendered again, this time recording which template token wrote each character. */
function trace(compiled: CompiledTemplate, scope: Record<string, unknown>, env: RenderEnv): TraceEmitter {
  const emitter = new TraceEmitter()
  // Problems were recorded by the first render; the second must not report them again.
  renderPart(compiled.body, compiled.liquid, scope, { ...env, report: () => {} }, compiled.locator, emitter)
  return emitter
}

function jsonErrorDiagnostic(compiled: CompiledTemplate, emitter: TraceEmitter, error: JsonSyntaxError): OffsetDiagnostic {
  const rendered = new LineIndex(emitter.buffer).position(error.offset)
  const message = `Rendered body is not valid JSON: ${error.message} (rendered line ${rendered.line}, column ${rendered.column}).`
  const empty = emptyOutputBefore(emitter, error.offset)
  const segment = empty ?? emitter.segmentAt(error.offset)
  if (!segment) return { severity: 'error', code: 'json-invalid', message, start: compiled.body.source.toFile(0) }
  const diagnostic = segment.literal
    ? literalDiagnostic(compiled, segment, error.offset, message)
    : compiled.locator.at(segment.token, 'error', 'json-invalid', message)
  const hint = jsonHint(compiled, emitter, segment, error.offset, empty !== undefined)
  if (hint) diagnostic.hint = hint
  return diagnostic
}

function literalDiagnostic(compiled: CompiledTemplate, segment: OutputSegment, offset: number, message: string): OffsetDiagnostic {
  const at = compiled.locator.fileOffset(segment.token, inputOffsetOf(segment, offset))
  if (!at) return compiled.locator.at(segment.token, 'error', 'json-invalid', message)
  return { severity: 'error', code: 'json-invalid', message, start: at.offset, end: at.offset + 1, ...(at.file ? { file: at.file } : {}) }
}

/** An output that rendered nothing right before the error, e.g. `"id": {{missing}},` → `"id": ,`. */
function emptyOutputBefore(emitter: TraceEmitter, offset: number): OutputSegment | undefined {
  let k = offset
  while (k > 0 && /\s/.test(emitter.buffer[k - 1]!)) k--
  return emitter.emptyOutputs.find((s) => s.start === k || s.start === offset)
}

function jsonHint(
  compiled: CompiledTemplate,
  emitter: TraceEmitter,
  segment: OutputSegment,
  offset: number,
  empty: boolean,
): string | undefined {
  const braze = compiled.dialect.id === 'braze'
  if (empty) {
    return braze
      ? 'This output rendered empty, leaving no JSON value: quote it ("{{…}}") or give it a default (| default: 0).'
      : 'This placeholder rendered empty, leaving no JSON value: quote it, or use {% if %}…{% else %}null{% endif %}.'
  }
  if (segment.literal || segment.token.kind !== TokenKind.Output) {
    return /^[^{["\s]/.test(emitter.buffer.slice(offset)) && offset === emitter.buffer.search(/\S/)
      ? 'The body must start with { or [: remove the text before the JSON (e.g. a pasted "<< Choose one >>").'
      : undefined
  }
  const ch = emitter.buffer[offset] ?? ''
  if (braze && (ch.charCodeAt(0) < 0x20 || ch === '"' || ch === '\\' || insideOutput(segment, offset))) {
    return 'This output inserted text that breaks the JSON string: add | json_escape to it.'
  }
  return braze ? undefined : 'This placeholder is not inside quotes: its value was inserted as raw JSON.'
}

function insideOutput(segment: OutputSegment, offset: number): boolean {
  return offset > segment.start && offset < segment.end
}

function payloadDiagnostic(compiled: CompiledTemplate, emitter: TraceEmitter, issue: PayloadIssue): OffsetDiagnostic {
  const where = issue.path.length > 0 ? issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('').slice(1) : 'body'
  const message = issue.message.includes(where) ? issue.message : `${where}: ${issue.message}`
  const span = spanAtPath(emitter.buffer, issue.path)
  const base: OffsetDiagnostic = { severity: issue.severity, code: issue.code, message, start: compiled.body.source.toFile(0) }
  if (issue.hint) base.hint = issue.hint
  if (!span) return base
  const range = issue.at === 'key' && span.key ? span.key : span.value
  const segment = emitter.segmentAt(range.start)
  if (!segment) return base
  if (!segment.literal) return { ...compiled.locator.at(segment.token, issue.severity, issue.code, message, issue.hint) }
  const start = compiled.locator.fileOffset(segment.token, inputOffsetOf(segment, range.start))
  const endSegment = emitter.segmentAt(range.end - 1)
  const end =
    endSegment === segment ? compiled.locator.fileOffset(segment.token, inputOffsetOf(segment, range.end - 1)) : undefined
  if (!start) return base
  return { ...base, start: start.offset, end: (end?.offset ?? start.offset) + 1, ...(start.file ? { file: start.file } : {}) }
}

function dedupe(list: OffsetDiagnostic[]): OffsetDiagnostic[] {
  const seen = new Set<string>()
  return list.filter((d) => {
    const key = `${d.file ?? ''}:${d.start}:${d.code}:${d.message}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

function toFileDiagnostics(compiled: CompiledTemplate, list: OffsetDiagnostic[]): Diagnostic[] {
  if (list.length === 0) return []
  const templateIndex = new LineIndex(compiled.file.text)
  const blockIndexes = new Map<string, LineIndex>()
  for (const part of compiled.blocks.values()) {
    if (part?.source.file) blockIndexes.set(part.source.file, new LineIndex(part.source.text))
  }
  return sortDiagnostics(list.map((d) => locate(d, (d.file && blockIndexes.get(d.file)) || templateIndex)))
}
