/**
 * Output tracing: which template token wrote each piece of the rendered text.
 *
 * Rendering is fast and untraced; only when the output turns out broken (invalid JSON, a
 * payload problem) is the same render repeated with a {@link TraceEmitter}, so that an offset
 * of the output can be mapped to the `{{ }}` or the literal text of the template that wrote it.
 */
import { toValue, type Context, type Emitter, type Liquid, type Template } from 'liquidjs'
import type { TokenLike } from './env.js'

export interface OutputSegment {
  /** Range in the rendered text. */
  start: number
  end: number
  /** The innermost template token being rendered when this text was written. */
  token: TokenLike & { file?: string; kind?: number }
  /** Literal text is copied verbatim, so offsets inside it map one to one. */
  literal: boolean
}

/** As liquidjs writes a value: nil as nothing, arrays joined. */
export function stringify(value: unknown): string {
  const v = toValue(value)
  if (typeof v === 'string') return v
  if (v === null || v === undefined) return ''
  if (Array.isArray(v)) return v.map(stringify).join('')
  return String(v)
}

export class TraceEmitter implements Emitter {
  buffer = ''
  readonly segments: OutputSegment[] = []
  /** Outputs that wrote nothing (a missing value), where they would have written. */
  readonly emptyOutputs: OutputSegment[] = []
  private readonly stack: Template[] = []

  write(html: unknown): void {
    const text = stringify(html)
    const current = this.stack[this.stack.length - 1]
    if (current) {
      const segment: OutputSegment = {
        start: this.buffer.length,
        end: this.buffer.length + text.length,
        token: current.token as OutputSegment['token'],
        literal: isLiteral(current),
      }
      if (text.length > 0) this.segments.push(segment)
      else if (!segment.literal) this.emptyOutputs.push(segment)
    }
    this.buffer += text
  }

  enter(template: Template): void {
    this.stack.push(template)
  }

  leave(): void {
    this.stack.pop()
  }

  /** The segment that wrote the character at `offset` (the last one for an offset at the end). */
  segmentAt(offset: number): OutputSegment | undefined {
    let lo = 0
    let hi = this.segments.length - 1
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      const s = this.segments[mid]!
      if (offset < s.start) hi = mid - 1
      else if (offset >= s.end) lo = mid + 1
      else return s
    }
    return offset >= this.buffer.length ? this.segments[this.segments.length - 1] : undefined
  }
}

/** liquidjs's HTML template: literal text between Liquid markup. */
function isLiteral(template: Template): boolean {
  return typeof (template.token as { getContent?: unknown }).getContent === 'function'
}

/** Where, in the token's input, the character at `offset` of the output came from. */
export function inputOffsetOf(segment: OutputSegment, offset: number): number {
  if (!segment.literal) return segment.token.begin
  const trimLeft = (segment.token as { trimLeft?: number }).trimLeft ?? 0
  return segment.token.begin + trimLeft + Math.max(0, Math.min(offset, segment.end - 1) - segment.start)
}

const TRACING = Symbol('hookbench.tracing')

/**
 * Makes a liquidjs instance tell a {@link TraceEmitter} which template is rendering. Other
 * emitters take liquidjs's own path untouched, so untraced renders pay one `instanceof`.
 */
export function enableTracing(liquid: Liquid): void {
  const renderer = liquid.renderer as Liquid['renderer'] & { [TRACING]?: true }
  if (renderer[TRACING]) return
  const original = renderer.renderTemplates.bind(renderer)
  renderer.renderTemplates = (templates: Template[], ctx: Context, emitter?: Emitter) =>
    emitter instanceof TraceEmitter
      ? original(templates.map((t) => traced(t, emitter)), ctx, emitter)
      : original(templates, ctx, emitter)
  renderer[TRACING] = true
}

function traced(template: Template, emitter: TraceEmitter): Template {
  return {
    token: template.token,
    *render(ctx: Context, em: Emitter): Generator<unknown, string, unknown> {
      emitter.enter(template)
      try {
        // Tags that return their text instead of writing it are written here, while still attributed.
        const html = yield template.render(ctx, em)
        if (html) em.write(html)
        return ''
      } finally {
        emitter.leave()
      }
    },
  } as Template
}
