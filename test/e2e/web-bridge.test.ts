/** Browser mode's local bridge: the same API over HTTP, refused to anyone but the page it served. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHttpApi, TOKEN_HEADER } from '../../shared/api/httpClient.js'
import { startWebBridge, type WebBridge } from '../../electron/services/webBridge.js'

/** Raw requests, so the Host header can be forged as a DNS-rebinding page would. */
function raw(url: string, options: { method?: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((done, fail) => {
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = ''
      res.on('data', (c) => (body += c))
      res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body }))
    })
    req.on('error', fail)
    req.end(options.body)
  })
}

describe('the web bridge', () => {
  let bridge: WebBridge
  let root: string
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'hookbench-bridge-'))
    const staticDir = join(root, 'ui')
    mkdirSync(join(staticDir, 'assets'), { recursive: true })
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Hookbench</title>')
    writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)')
    writeFileSync(join(root, 'secret.txt'), 'outside the UI folder')
    bridge = await startWebBridge({ staticDir, port: 0, userDataDir: join(root, 'userdata'), version: '1.2.3' })
  })
  afterAll(() => bridge.close())

  const api = (headers: Record<string, string>) =>
    raw(`${bridge.origin}/api/app.info`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: '{}' })

  it('listens on 127.0.0.1 and hands out its token in the URL fragment', () => {
    expect(bridge.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]{64}$/)
  })

  it('answers API calls that carry the token', async () => {
    const client = createHttpApi(bridge.origin, bridge.token)
    expect(await client['app.info']({})).toMatchObject({ version: '1.2.3', mode: 'browser' })
    await expect(client['workspace.list']({})).rejects.toMatchObject({ code: 'no-workspace' })
  })

  it('refuses calls without the token or with a wrong one', async () => {
    expect((await api({})).status).toBe(401)
    expect((await api({ [TOKEN_HEADER]: 'f'.repeat(64) })).status).toBe(401)
  })

  it('refuses calls from another origin, even with the token', async () => {
    const res = await api({ [TOKEN_HEADER]: bridge.token, Origin: 'https://evil.example' })
    expect(res.status).toBe(403)
  })

  it('refuses a non-loopback Host (DNS rebinding)', async () => {
    const res = await api({ [TOKEN_HEADER]: bridge.token, Host: `evil.example:${new URL(bridge.origin).port}` })
    expect(res.status).toBe(421)
  })

  it('validates inputs with the contract', async () => {
    const res = await raw(`${bridge.origin}/api/workspace.read`, {
      method: 'POST',
      headers: { [TOKEN_HEADER]: bridge.token },
      body: JSON.stringify({ kind: '../../etc', name: 'passwd' }),
    })
    expect(res.status).toBe(400)
    expect(JSON.parse(res.body).code).toBe('invalid-input')
  })

  it('serves the UI with a strict CSP on every response, and nothing outside it', async () => {
    const page = await raw(`${bridge.origin}/`, {})
    expect(page.status).toBe(200)
    expect(page.headers['content-security-policy']).toMatch(/default-src 'self'/)
    expect(page.headers['x-content-type-options']).toBe('nosniff')
    expect((await raw(`${bridge.origin}/assets/app.js`, {})).headers['content-type']).toMatch(/javascript/)
    const escape = await raw(`${bridge.origin}/..%2Fsecret.txt`, {})
    expect(escape.body).not.toContain('outside the UI folder')
    const denied = await api({})
    expect(denied.headers['content-security-policy']).toMatch(/default-src 'self'/)
  })
})
