/**
 * What a flow run keeps of its HTTP traffic: every exchange of every step, with secrets masked
 * the way sends mask them. Calls made through `ZendeskAuth` (fetching, changing and deleting the
 * ticket) are recorded by wrapping its fetch; sends record the stand-in request `sendTemplate`
 * returns.
 *
 * Credentials that only appear during the run (an OAuth access token Zendesk issues, a webhook's
 * signing secret) are learnt from the answers that carry them, before anything shows those answers.
 */
import type { FlowExchange, SendResult } from '../../../shared/api/contract.js'
import { maskSecrets, SECRET_MASK } from '../../../shared/environment/substitute.js'
import type { RenderedRequest } from '../../../shared/render/render.js'
import type { ExchangeOutcome } from '../exchange.js'

/** JSON keys whose string values are credentials handed out during a run. */
const CREDENTIAL_KEYS = new Set(['access_token', 'refresh_token', 'secret', 'token', 'signing_secret'])

export class SecretMasker {
  private readonly values = new Set<string>()

  add(...values: (string | undefined)[]): void {
    for (const value of values) if (value) this.values.add(value)
  }

  get known(): string[] {
    return [...this.values]
  }

  mask(text: string): string {
    return maskSecrets(text, this.known)
  }

  /** Every credential an answer hands out, remembered so nothing shows it afterwards. */
  learnFrom(body: string): void {
    let parsed: unknown
    try {
      parsed = JSON.parse(body)
    } catch {
      return
    }
    const visit = (value: unknown, key: string | undefined): void => {
      if (typeof value === 'string') {
        if (key !== undefined && CREDENTIAL_KEYS.has(key)) this.add(value)
      } else if (Array.isArray(value)) {
        for (const item of value) visit(item, undefined)
      } else if (value && typeof value === 'object') {
        for (const [k, v] of Object.entries(value)) visit(v, k)
      }
    }
    visit(parsed, undefined)
  }

  /** Header values masked; the credential of an Authorization header never shown, whatever it is. */
  headers(headers: Record<string, string>): Record<string, string> {
    const out: Record<string, string> = {}
    for (const [name, value] of Object.entries(headers)) {
      out[name] = name.toLowerCase() === 'authorization' ? `${/^\S+\s+/.exec(value)?.[0] ?? ''}${SECRET_MASK}` : this.mask(value)
    }
    return out
  }

  request(request: RenderedRequest): RenderedRequest {
    return { method: request.method, url: this.mask(request.url), headers: this.headers(request.headers), body: this.mask(request.body) }
  }
}

/** Collects the exchanges of the step that is running. */
export class ExchangeLog {
  private sink: FlowExchange[] = []

  constructor(
    private readonly masker: SecretMasker,
    private readonly clock: () => Date,
  ) {}

  /** From now on, exchanges go to this step's list. */
  into(list: FlowExchange[]): void {
    this.sink = list
  }

  /** A send's result, as `sendTemplate` shows it: stand-ins such as `<BRAZE_REST_API_KEY>` are kept. */
  addSend(label: string, at: Date, result: Recorded): FlowExchange {
    const { request } = result
    const shown = { ...request, url: this.masker.mask(request.url), headers: mapValues(request.headers, (v) => this.masker.mask(v)), body: this.masker.mask(request.body) }
    return this.push(label, at, { ...result, request: shown })
  }

  /** An exchange made with `exchange()` or fetch: the request holds real credentials. */
  addExchange(label: string, at: Date, request: RenderedRequest, outcome: ExchangeOutcome): FlowExchange {
    return this.push(label, at, { request: this.masker.request(request), ...outcome })
  }

  /** A fetch that records every exchange it makes into the running step. */
  fetch(inner: typeof fetch = fetch): typeof fetch {
    return async (input, init = {}) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.toString() : input.url
      const request: RenderedRequest = {
        method: (init.method ?? 'GET').toUpperCase(),
        url,
        headers: Object.fromEntries(new Headers(init.headers).entries()),
        body: typeof init.body === 'string' ? init.body : '',
      }
      const at = this.clock()
      const started = performance.now()
      const label = `${request.method} ${labelPath(url)}`
      try {
        const response = await inner(input, init)
        const body = await response.clone().text()
        this.masker.learnFrom(body)
        this.addExchange(label, at, request, {
          response: {
            status: response.status,
            statusText: response.statusText,
            headers: Object.fromEntries(response.headers.entries()),
            body,
            json: isJson(body),
            truncated: false,
          },
          failure: null,
          timingMs: elapsed(started),
        })
        return response
      } catch (err) {
        const error = err as Error
        const kind = error.name === 'TimeoutError' ? 'timeout' : error.name === 'AbortError' ? 'cancelled' : 'network'
        this.addExchange(label, at, request, { response: null, failure: { kind, message: error.message }, timingMs: elapsed(started) })
        throw err
      }
    }
  }

  private push(label: string, at: Date, recorded: Recorded): FlowExchange {
    const { response, failure } = recorded
    const exchange: FlowExchange = {
      label,
      at: at.toISOString(),
      request: recorded.request,
      response: response && { ...response, headers: this.masker.headers(response.headers), body: this.masker.mask(response.body) },
      failure: failure && { ...failure, message: this.masker.mask(failure.message) },
      timingMs: recorded.timingMs,
    }
    this.sink.push(exchange)
    return exchange
  }
}

type Recorded = Pick<SendResult, 'request' | 'response' | 'failure' | 'timingMs'>

function mapValues(record: Record<string, string>, change: (value: string) => string): Record<string, string> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, change(v)]))
}

/** Path and query of a URL, for a label (the host is in the request itself). */
function labelPath(url: string): string {
  try {
    const { pathname, search } = new URL(url)
    return pathname + search
  } catch {
    return url
  }
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 10) / 10
}
