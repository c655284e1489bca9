/**
 * The loopback HTTP server under both fakes: records every request, applies queued faults,
 * hands the rest to the vendor's `handle`, and closes without leaving handles open (pending
 * delays are cancelled, keep-alive sockets destroyed).
 */
import { createServer, STATUS_CODES, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { FaultQueue, type FaultControls } from './faults.js'
import type { FakeRequest, FakeResponse } from './http.js'

/** A request as it arrived, for assertions. */
export interface RecordedRequest {
  method: string
  /** Path without the query string. */
  path: string
  /** The query string including `?`, or `''`. */
  search: string
  headers: IncomingHttpHeaders
  /** The body exactly as received. */
  body: string
}

export interface FakeHttpServerOptions {
  handle(request: FakeRequest): Promise<FakeResponse>
  /** The vendor's body for an injected failure that names only a status. */
  defaultErrorBody(status: number): unknown
  /** Delay before handling every request (ms); a queued `delayNext` adds to it. */
  responseDelayMs?: number
}

export interface FakeHttpServer extends FaultControls {
  /** `http://127.0.0.1:PORT`. */
  url: string
  requests: RecordedRequest[]
  close(): Promise<void>
}

export async function startFakeHttpServer(options: FakeHttpServerOptions): Promise<FakeHttpServer> {
  const faults = new FaultQueue(options.defaultErrorBody)
  const requests: RecordedRequest[] = []
  const delays = new Set<NodeJS.Timeout>()

  /** Resolves after `ms`, unless the server closes first (then never: the socket is gone anyway). */
  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(() => {
        delays.delete(timer)
        resolve()
      }, ms)
      delays.add(timer)
    })

  async function respond(incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> {
    const rawBody = await readBody(incoming)
    const url = new URL(incoming.url ?? '/', 'http://fake.invalid')
    const method = incoming.method ?? 'GET'
    requests.push({ method, path: url.pathname, search: url.search, headers: incoming.headers, body: rawBody })

    const fault = faults.take()
    if (fault?.kind === 'drop') {
      incoming.socket.destroy()
      return
    }
    const delayMs = (options.responseDelayMs ?? 0) + (fault?.kind === 'delay' ? fault.ms : 0)
    if (delayMs > 0) await sleep(delayMs)
    const response =
      fault?.kind === 'respond'
        ? fault.response
        : await options.handle({ method, path: url.pathname, query: url.searchParams, headers: incoming.headers, rawBody })
    write(outgoing, response)
  }

  const server = createServer((incoming, outgoing) => {
    respond(incoming, outgoing).catch((error: unknown) => {
      // A bug in a fake must fail the test loudly, not look like an API answer.
      if (!outgoing.headersSent) write(outgoing, { status: 500, body: { fake_server_error: String(error) } })
      else outgoing.destroy()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    failNext: (status, body, headers) => faults.failNext(status, body, headers),
    delayNext: (ms) => faults.delayNext(ms),
    redirectNext: (location, status) => faults.redirectNext(location, status),
    dropNext: () => faults.dropNext(),
    clearFaults: () => faults.clearFaults(),
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const timer of delays) clearTimeout(timer)
        delays.clear()
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      }),
  }
}

function readBody(incoming: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk))
    incoming.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    incoming.on('error', reject)
  })
}

function write(outgoing: ServerResponse, response: FakeResponse): void {
  if (outgoing.destroyed) return // the client gave up (e.g. timed out during a delay)
  const headers: Record<string, string> = { ...response.headers }
  let payload: string | undefined
  if (response.body !== undefined && response.status !== 204) {
    if (typeof response.body === 'string') {
      payload = response.body
      headers['Content-Type'] ??= 'text/plain; charset=utf-8'
    } else {
      payload = JSON.stringify(response.body)
      headers['Content-Type'] ??= 'application/json; charset=utf-8'
    }
  }
  outgoing.writeHead(response.status, STATUS_CODES[response.status] ?? 'Unknown', headers)
  outgoing.end(payload)
}
