import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { gzipSync } from 'node:zlib'
import { afterEach, describe, expect, it } from 'vitest'
import { exchange } from '../../electron/services/exchange.js'

/** What the server received, and how it answers next. */
interface Received {
  method: string
  headers: IncomingMessage['headers']
  body: string
}

let server: Server | undefined
afterEach(() => {
  server?.closeAllConnections()
  server?.close()
  server = undefined
})

async function serve(answer: (res: ServerResponse, received: Received) => void): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = []
  server = createServer((req, res) => {
    let body = ''
    req.setEncoding('utf8')
    req.on('data', (chunk: string) => (body += chunk))
    req.on('end', () => {
      const entry = { method: req.method ?? '', headers: req.headers, body }
      received.push(entry)
      answer(res, entry)
    })
  })
  await new Promise<void>((done) => server!.listen(0, '127.0.0.1', done))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`, received }
}

const post = (url: string, headers: Record<string, string> = {}, body = '{"a":1}') => ({ method: 'POST', url, headers: { 'Content-Type': 'application/json', ...headers }, body })

describe('exchange through Node http', () => {
  it('sends the body with its measured length, whatever length the template claimed', async () => {
    const { url, received } = await serve((res) => res.end())
    await exchange(post(url, { 'Content-Length': '3' }, '{"subject":"Café"}'))
    expect(received[0]).toMatchObject({ method: 'POST', body: '{"subject":"Café"}' })
    expect(received[0]!.headers['content-length']).toBe(String(Buffer.byteLength('{"subject":"Café"}')))
  })

  it('sends no body with GET', async () => {
    const { url, received } = await serve((res) => res.end('ok'))
    const outcome = await exchange({ method: 'GET', url, headers: {}, body: 'ignored' })
    expect(outcome.response?.body).toBe('ok')
    expect(received[0]).toMatchObject({ method: 'GET', body: '' })
  })

  it('decodes a gzip answer and pretty-prints its JSON', async () => {
    const { url } = await serve((res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' })
      res.end(gzipSync('{"ticket":{"id":7}}'))
    })
    const outcome = await exchange(post(url, { 'Accept-Encoding': 'gzip' }))
    expect(outcome.response).toMatchObject({ status: 200, json: true, body: '{\n  "ticket": {\n    "id": 7\n  }\n}' })
  })

  it('keeps repeated response headers, joined as fetch joins them', async () => {
    const { url } = await serve((res) => {
      res.setHeader('X-Seen', ['one', 'two'])
      res.end()
    })
    expect((await exchange(post(url))).response?.headers['x-seen']).toBe('one, two')
  })

  it('cuts a decoded body at the cap', async () => {
    const { url } = await serve((res) => {
      res.writeHead(200, { 'Content-Encoding': 'gzip' })
      res.end(gzipSync('x'.repeat(50_000)))
    })
    const outcome = await exchange(post(url), { maxResponseBytes: 1024 })
    expect(outcome.response).toMatchObject({ truncated: true, body: 'x'.repeat(1024) })
    expect(outcome.failure).toMatchObject({ kind: 'too-large', message: expect.stringMatching(/larger than 1 KB/) })
  })

  it('refuses a header value with a line break before sending anything', async () => {
    const { url, received } = await serve((res) => res.end())
    const outcome = await exchange(post(url, { 'X-Note': 'one\r\nInjected: yes' }))
    expect(outcome.response).toBeNull()
    expect(outcome.failure).toMatchObject({ kind: 'network', message: expect.stringMatching(/X-Note/) })
    expect(received).toHaveLength(0)
  })

  it('gives up on an answer that stops halfway, as a timeout', async () => {
    const { url } = await serve((res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' })
      res.write('{"ticket": {"id": 1, "subject": "')
    })
    const outcome = await exchange(post(url), { timeoutMs: 150 })
    expect(outcome.response).toBeNull()
    expect(outcome.failure).toMatchObject({ kind: 'timeout', message: expect.stringMatching(/within 0.15 s/) })
  })

  it('reports cancellation by the caller', async () => {
    const { url } = await serve(() => undefined)
    const controller = new AbortController()
    const pending = exchange(post(url), { signal: controller.signal })
    setTimeout(() => controller.abort(), 20)
    expect((await pending).failure?.kind).toBe('cancelled')
  })
})
