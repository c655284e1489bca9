/**
 * One HTTP exchange with a sandbox, as Braze and Zendesk would make it: redirects are reported,
 * never followed; a timeout and a response-size cap protect the app; the timing is measured.
 */
import type { SendResult } from '../../shared/api/contract.js'
import type { RenderedRequest } from '../../shared/render/render.js'
import { requestViaNode, type RawResponse, type TransportOptions } from './nodeHttp.js'

export interface ExchangeOptions {
  /** Default 30 s. */
  timeoutMs?: number
  /** Larger bodies are cut there and marked truncated. Default 5 MB. */
  maxResponseBytes?: number
  signal?: AbortSignal
  /** Send through this fetch instead of Node's http clients: flow runs record and sign with it. */
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
    const sendBody = !METHODS_WITHOUT_BODY.has(request.method)
    const raw = options.fetchImpl
      ? await requestViaFetch(options.fetchImpl, request, { signal, maxBytes, sendBody })
      : await requestViaNode(request, { signal, maxBytes, sendBody })
    const pretty = prettyJson(raw.text, raw.headers['content-type'])
    const location = raw.status >= 300 && raw.status < 400 ? raw.headers.location : undefined
    return {
      response: {
        status: raw.status,
        statusText: raw.statusText,
        headers: raw.headers,
        body: pretty ?? raw.text,
        json: pretty !== undefined,
        truncated: raw.truncated,
        ...(location ? { redirectLocation: location } : {}),
      },
      failure: raw.truncated
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

/** Through a caller's fetch, which may record or sign what it sends (flow runs). */
async function requestViaFetch(fetchImpl: typeof fetch, request: RenderedRequest, options: TransportOptions): Promise<RawResponse> {
  const response = await fetchImpl(request.url, {
    method: request.method,
    headers: request.headers,
    body: options.sendBody ? request.body : undefined,
    redirect: 'manual',
    signal: options.signal,
  })
  const { text, truncated } = await readCapped(response, options.maxBytes)
  const headers: Record<string, string> = {}
  response.headers.forEach((value, name) => {
    headers[name] = value
  })
  return { status: response.status, statusText: response.statusText, headers, text, truncated }
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
  // fetch wraps the system error in `cause`; Node's http clients throw it as it is.
  const error = err as Error & { code?: string; cause?: { code?: string; message?: string } }
  if (error.name === 'AbortError') return { kind: 'cancelled', message: 'The request was cancelled.' }
  const code = error.cause?.code ?? error.code
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
