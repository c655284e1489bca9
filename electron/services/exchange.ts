/**
 * One HTTP exchange with a sandbox, as Braze and Zendesk would make it: redirects are reported,
 * never followed; a timeout and a response-size cap protect the app; the timing is measured.
 */
import type { SendResult } from '../../shared/api/contract.js'
import type { RenderedRequest } from '../../shared/render/render.js'

export interface ExchangeOptions {
  /** Default 30 s. */
  timeoutMs?: number
  /** Larger bodies are cut there and marked truncated. Default 5 MB. */
  maxResponseBytes?: number
  signal?: AbortSignal
  fetchImpl?: typeof fetch
}

export type ExchangeOutcome = Pick<SendResult, 'response' | 'failure' | 'timingMs'>

const METHODS_WITHOUT_BODY = new Set(['GET', 'HEAD'])

export async function exchange(request: RenderedRequest, options: ExchangeOptions = {}): Promise<ExchangeOutcome> {
  const timeoutMs = options.timeoutMs ?? 30_000
  const maxBytes = options.maxResponseBytes ?? 5 * 1024 * 1024
  // A plain timer rather than AbortSignal.timeout(): it is cleared the moment the answer is in.
  const timeout = new AbortController()
  const timer = setTimeout(() => timeout.abort(), timeoutMs)
  const signal = options.signal ? AbortSignal.any([timeout.signal, options.signal]) : timeout.signal
  const started = performance.now()
  const elapsed = () => Math.round((performance.now() - started) * 10) / 10
  try {
    const response = await (options.fetchImpl ?? fetch)(request.url, {
      method: request.method,
      headers: request.headers,
      body: METHODS_WITHOUT_BODY.has(request.method) ? undefined : request.body,
      redirect: 'manual',
      signal,
    })
    const { text, truncated } = await readCapped(response, maxBytes)
    const headers: Record<string, string> = {}
    response.headers.forEach((value, name) => {
      headers[name] = value
    })
    const pretty = prettyJson(text, headers['content-type'])
    const location = response.status >= 300 && response.status < 400 ? response.headers.get('location') : null
    return {
      response: {
        status: response.status,
        statusText: response.statusText,
        headers,
        body: pretty ?? text,
        json: pretty !== undefined,
        truncated,
        ...(location ? { redirectLocation: location } : {}),
      },
      failure: truncated
        ? { kind: 'too-large', message: `The response is larger than ${formatBytes(maxBytes)}; it was cut there.` }
        : null,
      timingMs: elapsed(),
    }
  } catch (err) {
    return { response: null, failure: describeFailure(err, timeout.signal, timeoutMs, request.url), timingMs: elapsed() }
  } finally {
    clearTimeout(timer)
  }
}

async function readCapped(response: Response, maxBytes: number): Promise<{ text: string; truncated: boolean }> {
  if (!response.body) return { text: '', truncated: false }
  const declared = Number(response.headers.get('content-length') ?? NaN)
  if (declared <= maxBytes) return { text: await response.text(), truncated: false }
  const reader = response.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  let truncated = false
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    if (size + value.length > maxBytes) {
      chunks.push(value.subarray(0, maxBytes - size))
      truncated = true
      await reader.cancel()
      break
    }
    chunks.push(value)
    size += value.length
  }
  return { text: new TextDecoder().decode(concat(chunks)), truncated }
}

function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0))
  let offset = 0
  for (const c of chunks) {
    out.set(c, offset)
    offset += c.length
  }
  return out
}

function prettyJson(text: string, contentType: string | undefined): string | undefined {
  if (!/json/i.test(contentType ?? '') && !/^\s*[{[]/.test(text)) return undefined
  try {
    return JSON.stringify(JSON.parse(text), null, 2)
  } catch {
    return undefined
  }
}

function describeFailure(err: unknown, timeout: AbortSignal, timeoutMs: number, url: string): NonNullable<SendResult['failure']> {
  if (timeout.aborted) return { kind: 'timeout', message: `No response from ${hostOf(url)} within ${timeoutMs / 1000} s.` }
  const error = err as Error & { cause?: { code?: string; message?: string } }
  if (error.name === 'AbortError') return { kind: 'cancelled', message: 'The request was cancelled.' }
  const code = error.cause?.code
  const reasons: Record<string, string> = {
    ENOTFOUND: `the host ${hostOf(url)} was not found (DNS)`,
    ECONNREFUSED: `${hostOf(url)} refused the connection`,
    ECONNRESET: `${hostOf(url)} closed the connection`,
    CERT_HAS_EXPIRED: `the TLS certificate of ${hostOf(url)} has expired`,
    DEPTH_ZERO_SELF_SIGNED_CERT: `the TLS certificate of ${hostOf(url)} is self-signed`,
  }
  const reason = (code && reasons[code]) ?? error.cause?.message ?? error.message
  return { kind: 'network', message: `Could not reach ${hostOf(url)}: ${reason}.` }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host
  } catch {
    return url
  }
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${Math.round(n / 1024 / 1024)} MB` : `${Math.round(n / 1024)} KB`
}
