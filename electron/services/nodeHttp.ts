/**
 * One request through Node's own http and https clients, on keep-alive agents. For a small
 * exchange this takes about half the time of `fetch`, which runs the whole WHATWG fetch algorithm
 * and its streams; that difference was most of what a send cost Hookbench itself
 * (`npm run bench`). Redirects are never followed; compressed bodies are decoded as fetch would.
 */
import http from 'node:http'
import https from 'node:https'
import type { Readable } from 'node:stream'
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib'
import type { RenderedRequest } from '../../shared/render/render.js'

export interface RawResponse {
  status: number
  statusText: string
  /** Lower-case names; repeated headers joined with ", " as fetch's Headers joins them. */
  headers: Record<string, string>
  text: string
  truncated: boolean
}

export interface TransportOptions {
  signal: AbortSignal
  /** The decoded body is cut there and marked truncated. */
  maxBytes: number
  /** False for GET and HEAD. */
  sendBody: boolean
}

const agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) }

/** Headers the transport owns: the body's length is measured, never taken from the template. */
const FRAMING = new Set(['content-length', 'transfer-encoding'])

export function requestViaNode(request: RenderedRequest, options: TransportOptions): Promise<RawResponse> {
  return new Promise<RawResponse>((resolve, reject) => {
    const url = new URL(request.url)
    const secure = url.protocol === 'https:'
    const body = options.sendBody ? Buffer.from(request.body, 'utf8') : undefined
    const headers: Record<string, string | number> = {}
    for (const [name, value] of Object.entries(request.headers)) if (!FRAMING.has(name.toLowerCase())) headers[name] = value
    if (body) headers['Content-Length'] = body.length
    let outgoing: http.ClientRequest
    try {
      outgoing = (secure ? https : http).request(url, { method: request.method, headers, agent: secure ? agents.https : agents.http, signal: options.signal })
    } catch (err) {
      // A header value with a line break or a name with a space is refused before anything is sent.
      reject(err)
      return
    }
    outgoing.on('error', reject)
    outgoing.on('response', (incoming) => {
      const stream = decoded(incoming)
      const chunks: Buffer[] = []
      let size = 0
      const done = (truncated: boolean) =>
        resolve({ status: incoming.statusCode ?? 0, statusText: incoming.statusMessage ?? '', headers: joinHeaders(incoming.rawHeaders), text: Buffer.concat(chunks).toString('utf8'), truncated })
      const onData = (chunk: Buffer) => {
        if (size + chunk.length <= options.maxBytes) {
          chunks.push(chunk)
          size += chunk.length
          return
        }
        // Cut at the cap; whatever else arrives (a decoder's buffered output) is not read.
        chunks.push(chunk.subarray(0, options.maxBytes - size))
        stream.off('data', onData)
        incoming.destroy()
        done(true)
      }
      stream.on('data', onData)
      stream.on('end', () => done(false))
      stream.on('error', reject)
    })
    outgoing.end(body)
  })
}

function decoded(incoming: http.IncomingMessage): Readable {
  const encoding = String(incoming.headers['content-encoding'] ?? '').trim().toLowerCase()
  const decoder = encoding === 'gzip' || encoding === 'x-gzip' ? createGunzip() : encoding === 'deflate' ? createInflate() : encoding === 'br' ? createBrotliDecompress() : undefined
  if (!decoder) return incoming
  incoming.on('error', (err) => decoder.destroy(err))
  return incoming.pipe(decoder)
}

function joinHeaders(raw: string[]): Record<string, string> {
  const headers: Record<string, string> = {}
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase()
    headers[name] = name in headers ? `${headers[name]}, ${raw[i + 1]}` : raw[i + 1]!
  }
  return headers
}
