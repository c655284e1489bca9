/**
 * One templated piece of a request (the body, the URL, a header value, a content block):
 * parsed once, rendered many times, every problem located in the file it came from.
 */
import { AssertionError, Context, LiquidError, toValueSync, type Emitter, type Liquid, type Template } from 'liquidjs'
import type { OffsetDiagnostic, Severity } from '../diagnostics.js'
import type { Dialect, LintOptions, Preprocessed } from './dialect.js'
import { findAbort, setRenderEnv, type RenderEnv, type TokenLike } from './env.js'
import { stringify, TraceEmitter } from './trace.js'

export interface PartSource {
  /** Unique within one render; given to liquidjs as the token file so positions can be traced back. */
  id: string
  /** The text as the user wrote it. */
  text: string
  /** Offset in `text` → offset in the file the user edits. */
  toFile(offset: number): number
  /** The file, when it is not the template itself (a content block). */
  file?: string
}

export interface CompiledPart {
  source: PartSource
  pre: Preprocessed
  /** Null when the template could not be parsed. */
  templates: Template[] | null
  /** Lint and parse problems, in file coordinates. */
  diagnostics: OffsetDiagnostic[]
}

export interface PartOutput {
  text: string
  /** Set when `{% abort_message %}` fired. */
  aborted?: { reason: string | null }
  /** A render error, located; the text is what was rendered before it. */
  error?: OffsetDiagnostic
}

/** Maps liquidjs tokens (by their `file`, the part id) back to file positions. */
export class Locator {
  private readonly parts = new Map<string, CompiledPart>()

  add(part: CompiledPart): void {
    this.parts.set(part.source.id, part)
  }

  /** A problem at a token, in the coordinates of the file the token's text came from. */
  at(token: TokenLike & { file?: string }, severity: Severity, code: string, message: string, hint?: string): OffsetDiagnostic {
    const part = token.file === undefined ? undefined : this.parts.get(token.file)
    const diagnostic: OffsetDiagnostic = { severity, code, message, start: 0 }
    if (part) {
      const { start, end } = part.pre.map.rangeToSource(token.begin, token.end)
      diagnostic.start = part.source.toFile(start)
      diagnostic.end = part.source.toFile(Math.max(start, end - 1)) + 1
      if (part.source.file) diagnostic.file = part.source.file
    }
    if (hint) diagnostic.hint = hint
    return diagnostic
  }

  /** A file offset for an offset inside a token's (preprocessed) input. */
  fileOffset(token: { file?: string }, inputOffset: number): { offset: number; file?: string } | undefined {
    const part = token.file === undefined ? undefined : this.parts.get(token.file)
    if (!part) return undefined
    const offset = part.source.toFile(part.pre.map.toSource(inputOffset))
    return part.source.file ? { offset, file: part.source.file } : { offset }
  }
}

export function compilePart(
  dialect: Dialect,
  liquid: Liquid,
  source: PartSource,
  options: LintOptions,
  locator: Locator,
): CompiledPart {
  const pre = dialect.preprocess(source.text)
  const toFile = (d: OffsetDiagnostic): OffsetDiagnostic => {
    const out: OffsetDiagnostic = { ...d, start: source.toFile(d.start), end: source.toFile((d.end ?? d.start + 1) - 1) + 1 }
    if (source.file) out.file = source.file
    return out
  }
  const part: CompiledPart = { source, pre, templates: null, diagnostics: dialect.lint(source.text, options).map(toFile) }
  locator.add(part)
  try {
    part.templates = liquid.parse(pre.text, source.id)
  } catch (err) {
    const located = liquidErrorDiagnostic(err, locator, 'liquid-syntax')
    // A rule the linter already named in the same tag says more than the parser's complaint.
    const { start, end } = enclosingMarkup(source, located.start)
    const named = part.diagnostics.some((d) => d.severity === 'error' && d.start >= start && d.start < end)
    if (!named) part.diagnostics.push(located)
  }
  return part
}

/** The `{{ }}` or `{% %}` around a file offset of a part, in file offsets (the offset itself when outside). */
function enclosingMarkup(source: PartSource, fileOffset: number): { start: number; end: number } {
  const local = source.text.length === 0 ? 0 : fileOffset - source.toFile(0)
  const open = Math.max(source.text.lastIndexOf('{%', local), source.text.lastIndexOf('{{', local))
  const close = source.text.slice(Math.max(open, 0)).search(/[%}]\}/)
  if (open < 0 || close < 0) return { start: fileOffset, end: fileOffset + 1 }
  return { start: source.toFile(open), end: source.toFile(open + close + 2) }
}

/**
 * Renders a compiled part synchronously; one fresh context per part, as Braze scopes variables per
 * field. The parts of one request share one `budget` (time and allocations); a part rendered on its
 * own gets a fresh one.
 */
export function renderPart(
  part: CompiledPart,
  liquid: Liquid,
  scope: Record<string, unknown>,
  env: RenderEnv,
  locator: Locator,
  emitter?: TraceEmitter,
  budget: RenderBudget = newRenderBudget(liquid),
): PartOutput {
  if (!part.templates) return { text: '' }
  const ctx = new Context(scope, liquid.options, { sync: true }, { renderLimit: budget.time, memoryLimit: budget.allocations })
  setRenderEnv(ctx, env)
  try {
    return { text: toValueSync(liquid.renderer.renderTemplates(part.templates, ctx, emitter ?? new CappedEmitter())) as string }
  } catch (err) {
    const text = emitter?.buffer ?? ''
    const abort = findAbort(err)
    if (abort) return { text, aborted: { reason: abort.reason } }
    const error = liquidErrorDiagnostic(err, locator, 'liquid-render')
    // A limit already spent when the part starts has no token: point at the part, not the file's top.
    return { text, error: hasToken(err) ? error : { ...error, start: part.source.toFile(0), ...(part.source.file ? { file: part.source.file } : {}) } }
  }
}

/**
 * Runaway templates must not freeze the editor or the app: a render of one request (its URL,
 * headers and body together) stops after this long.
 */
export const RENDER_TIME_LIMIT_MS = 2000
/** Webhook payloads are kilobytes: a part that writes more than this many characters is a runaway loop. */
export const RENDER_OUTPUT_LIMIT = 5 * 1024 * 1024
/**
 * What liquidjs lets one render allocate, counted in range and array elements and in characters
 * of strings that filters build. Without it `{% for i in (1..100000000) %}` builds its whole
 * range, gigabytes and seconds, before the time limit is first checked.
 */
export const RENDER_ALLOCATION_LIMIT = 20_000_000

/** What one render may spend, shared by all parts of a request so that each does not get the full limit. */
export interface RenderBudget {
  time: Context['renderLimit']
  allocations: Context['memoryLimit']
}

export function newRenderBudget(liquid: Liquid): RenderBudget {
  const ctx = new Context({}, liquid.options, { renderLimit: RENDER_TIME_LIMIT_MS, memoryLimit: RENDER_ALLOCATION_LIMIT })
  return { time: ctx.renderLimit, allocations: ctx.memoryLimit }
}

class OutputTooLarge extends Error {}

/** liquidjs's plain emitter, but stopping a render whose output passes {@link RENDER_OUTPUT_LIMIT}. */
class CappedEmitter implements Emitter {
  buffer = ''

  write(html: unknown): void {
    this.buffer += stringify(html)
    if (this.buffer.length > RENDER_OUTPUT_LIMIT) throw new OutputTooLarge()
  }
}

/** liquidjs's words for its own limits (its limiter keeps the message private). */
const LIQUID_LIMIT_CODES: Record<string, string> = {
  'template render limit exceeded': 'render-time-limit',
  'memory alloc limit exceeded': 'render-memory-limit',
}

const LIMIT_PROBLEMS: Record<string, { message: string; hint: string }> = {
  'render-time-limit': {
    message: `Rendering took over ${RENDER_TIME_LIMIT_MS / 1000} s and was stopped here: a loop runs too long.`,
    hint: 'Loop over fewer items, e.g. {% for item in list limit: 100 %}, or check the bounds of (1..n) ranges.',
  },
  'render-output-too-large': {
    message: `Rendering wrote over ${RENDER_OUTPUT_LIMIT / 1024 / 1024} MB and was stopped here: far more than any webhook payload.`,
    hint: 'A loop around this point repeats much more often than intended.',
  },
  'render-memory-limit': {
    message: `Rendering was stopped here: a range, list or string is too large (over ${RENDER_ALLOCATION_LIMIT.toLocaleString('en-US')} items or characters in all).`,
    hint: 'Check the bounds of (1..n) ranges and loops that keep appending to a string.',
  },
}

/** The codes of diagnostics that say a render was stopped by one of the limits above. */
export const RENDER_LIMIT_CODES: ReadonlySet<string> = new Set(Object.keys(LIMIT_PROBLEMS))

/** The limit that stopped a render, as a diagnostic code; undefined for any other error. */
function renderLimitCode(err: unknown): string | undefined {
  if (err instanceof OutputTooLarge) return 'render-output-too-large'
  if (err instanceof AssertionError) return LIQUID_LIMIT_CODES[err.message]
  return undefined
}

function hasToken(err: unknown): boolean {
  return LiquidError.is(err) && (err as { token?: unknown }).token !== undefined
}

/** liquidjs appends where the error is; Hookbench says that itself, in file coordinates. */
const POSITION_SUFFIX = /(?:, file:[^,]*)?, line:\d+, col:\d+$|, file:[^,]*$/

export function liquidErrorDiagnostic(err: unknown, locator: Locator, code: string): OffsetDiagnostic {
  const liquidErr = LiquidError.is(err) ? (err as LiquidError & { token?: TokenLike & { file?: string }; originalError?: Error }) : undefined
  const inner = liquidErr ? liquidErr.originalError : err
  const limit = renderLimitCode(inner)
  if (limit) {
    const { message, hint } = LIMIT_PROBLEMS[limit]!
    if (liquidErr?.token) return locator.at(liquidErr.token, 'error', limit, message, hint)
    return { severity: 'error', code: limit, message, hint, start: 0 }
  }
  if (liquidErr) {
    const original = liquidErr.originalError
    const message = (original && !LiquidError.is(original) ? original.message : liquidErr.message.split('\n')[0]!).replace(POSITION_SUFFIX, '')
    if (liquidErr.token) return locator.at(liquidErr.token, 'error', code, message)
    return { severity: 'error', code, message, start: 0 }
  }
  return { severity: 'error', code, message: err instanceof Error ? err.message : String(err), start: 0 }
}
