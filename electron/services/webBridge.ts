/**
 * Browser mode: the built UI and the same API as the desktop app, over HTTP on 127.0.0.1 only.
 * Every API call needs the per-run token (printed in the URL's fragment, which browsers never
 * send to servers), and requests with a foreign Host or Origin are refused, so neither other
 * sites in the browser nor DNS rebinding can reach the user's workspace or secrets.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { homedir } from 'node:os'
import { extname, join, normalize, resolve, sep } from 'node:path'
import { TOKEN_HEADER } from '../../shared/api/httpClient.js'
import { SECURITY_HEADERS } from '../security.js'
import { dispatch, type ApiHandlers } from './apiDispatch.js'
import { createAppServices } from './app.js'
import { MemorySecretStore } from './secrets/memoryStore.js'

export type WebBridgeOptions = {
  /** The built renderer (`dist/renderer`). */
  staticDir: string
  /** 0 picks a free port. */
  port?: number
  /** Fixed token for tests; random otherwise. */
  token?: string
} & (
  | { handlers: ApiHandlers }
  | {
      /** Open this workspace at start (else the last one). */
      workspaceDir?: string
      /** Where settings are kept (default: a folder in the user's config directory). */
      userDataDir?: string
      version?: string
    }
)

export interface WebBridge {
  /** Open this: it carries the token in its fragment. */
  url: string
  origin: string
  token: string
  close(): Promise<void>
}

const MAX_BODY_BYTES = 10 * 1024 * 1024
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ttf': 'font/ttf',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
}

export async function startWebBridge(options: WebBridgeOptions): Promise<WebBridge> {
  const token = options.token ?? randomBytes(32).toString('hex')
  const handlers = 'handlers' in options ? options.handlers : browserModeServices(options)
  const staticDir = resolve(options.staticDir)
  const server = createServer()
  await new Promise<void>((done, fail) => {
    server.once('error', fail)
    server.listen(options.port ?? 0, '127.0.0.1', done)
  })
  const { port } = server.address() as AddressInfo
  const allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`])
  const allowedOrigins = new Set([...allowedHosts].map((h) => `http://${h}`))

  server.on('request', (req, res) => {
    handle(req, res).catch((err: unknown) => send(res, 500, { code: 'internal', message: (err as Error).message }))
  })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!allowedHosts.has(req.headers.host ?? '')) return send(res, 421, { code: 'bad-host', message: 'Unknown Host header.' })
    const origin = req.headers.origin
    if (origin !== undefined && !allowedOrigins.has(origin)) {
      return send(res, 403, { code: 'bad-origin', message: 'Requests from other sites are refused.' })
    }
    const path = new URL(req.url ?? '/', 'http://localhost').pathname
    if (path.startsWith('/api/')) {
      if (req.method !== 'POST') return send(res, 405, { code: 'method', message: 'API calls are POST.' })
      if (!tokenMatches(req.headers[TOKEN_HEADER.toLowerCase()], token)) {
        return send(res, 401, { code: 'bad-token', message: 'Missing or wrong Hookbench token.' })
      }
      const body = await readJson(req)
      if (!body.ok) return send(res, 400, { code: 'bad-json', message: body.message })
      const outcome = await dispatch(handlers, decodeURIComponent(path.slice(5)), body.value)
      return outcome.ok ? send(res, 200, outcome.value) : send(res, outcome.status, outcome.error)
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, { code: 'method', message: 'Not allowed.' })
    return serveStatic(staticDir, path, res)
  }

  return {
    url: `http://127.0.0.1:${port}/#token=${token}`,
    origin: `http://127.0.0.1:${port}`,
    token,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections()
        server.close(() => done())
      }),
  }
}

/**
 * Browser mode has no OS keychain: secrets typed in the UI are kept in this process's memory
 * for this run only, never written anywhere.
 */
function browserModeServices(options: { workspaceDir?: string; userDataDir?: string; version?: string }): ApiHandlers {
  const memory = new MemorySecretStore()
  const secrets = Object.assign(memory, {
    storageWarning: () => 'Browser mode keeps secrets in memory for this run only: they are gone when `npm run web` stops.',
  })
  return createAppServices({
    mode: 'browser',
    version: options.version ?? '0.0.0',
    userDataDir: options.userDataDir ?? join(homedir(), '.config', 'hookbench-web'),
    secrets,
    ...(options.workspaceDir ? { workspaceDir: options.workspaceDir } : {}),
  }).handlers
}

function tokenMatches(given: string | string[] | undefined, token: string): boolean {
  if (typeof given !== 'string' || given.length !== token.length) return false
  return timingSafeEqual(Buffer.from(given), Buffer.from(token))
}

async function readJson(req: IncomingMessage): Promise<{ ok: true; value: unknown } | { ok: false; message: string }> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > MAX_BODY_BYTES) return { ok: false, message: 'Request body too large.' }
    chunks.push(chunk)
  }
  const text = Buffer.concat(chunks).toString('utf8')
  try {
    return { ok: true, value: text === '' ? {} : JSON.parse(text) }
  } catch {
    return { ok: false, message: 'Request body is not JSON.' }
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'application/json', 'Cache-Control': 'no-store' })
  res.end(JSON.stringify(body))
}

async function serveStatic(root: string, path: string, res: ServerResponse): Promise<void> {
  const relative = normalize(decodeURIComponent(path)).replace(/^([/\\])+/, '')
  let file = join(root, relative)
  if (file !== root && !file.startsWith(root + sep)) return send(res, 404, { code: 'not-found', message: 'Not found.' })
  const info = await stat(file).catch(() => undefined)
  // The UI is a single page: unknown paths get the page, never a directory listing.
  if (!info || info.isDirectory()) file = join(root, 'index.html')
  const found = await stat(file).catch(() => undefined)
  if (!found) return send(res, 404, { code: 'not-built', message: 'The UI is not built: run `npm run build:renderer`.' })
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
    'Content-Length': String(found.size),
    'Cache-Control': 'no-cache',
  })
  createReadStream(file).pipe(res)
}
