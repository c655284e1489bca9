/**
 * What custom tags and filters can reach while a template renders.
 *
 * It lives in a liquidjs context register rather than in the scope, so a
 * template can never read or overwrite it.
 */
import type { Context, Template } from 'liquidjs'
import type { CannedResponse } from '../samples/types.js'
import type { Severity } from '../diagnostics.js'

export interface ConnectedContentRequest {
  url: string
  method: 'GET' | 'POST'
  headers: Record<string, string>
  body?: string
}

/** Where a problem found while rendering lies: any liquidjs token will do. */
export interface TokenLike {
  input: string
  begin: number
  end: number
}

export interface RenderEnv {
  /** The instant `'now'` means; fixed per render so every output agrees. */
  now: Date
  /** Answers a Connected Content call offline; `undefined` when the sample has no canned answer. */
  connectedContent(request: ConnectedContentRequest): CannedResponse | undefined
  /** Parses a content block for inclusion; `undefined` when no block has that name. */
  contentBlock(name: string): Template[] | undefined
  /** Rows of a catalog, `undefined` when the sample and workspace hold no such catalog. */
  catalog(name: string): Record<string, unknown>[] | undefined
  /** Records a problem found while rendering, located at a token of the template. */
  report(at: TokenLike, severity: Severity, code: string, message: string, hint?: string): void
}

const REGISTER = 'hookbench'

export function setRenderEnv(ctx: Context, env: RenderEnv): void {
  ctx.setRegister(REGISTER, env)
}

export function renderEnv(ctx: Context): RenderEnv {
  const env = ctx.getRegister<RenderEnv | undefined>(REGISTER)
  if (!env) throw new Error('Hookbench render environment missing: render through shared/engine, not liquidjs directly')
  return env
}

/** Thrown by `{% abort_message %}`; the renderer turns it into `aborted: {reason}`. */
export class AbortMessage extends Error {
  constructor(readonly reason: string | null) {
    super(reason === null ? '{% abort_message %} called' : reason)
    this.name = 'AbortMessage'
  }
}

/** Finds an {@link AbortMessage} inside the errors liquidjs wraps around what a tag throws. */
export function findAbort(err: unknown): AbortMessage | undefined {
  let e: unknown = err
  for (let depth = 0; e && depth < 10; depth++) {
    if (e instanceof AbortMessage) return e
    e = (e as { originalError?: unknown }).originalError
  }
  return undefined
}

/** `'now'` for filters: the render's fixed instant, or the clock outside a Hookbench render. */
export function currentTime(ctx: Context): Date {
  return ctx.getRegister<RenderEnv | undefined>(REGISTER)?.now ?? new Date()
}
