/**
 * Secrets never land anywhere: with known secret values, render, send (both directions), record
 * history, export every target and deploy; then scan the workspace (history and trash included),
 * the app's settings folder, everything logged and every export output for those values, raw and
 * encoded. The app's own secret store is the only place they exist, encrypted.
 */
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { dispatch, type ApiHandlers } from '../../electron/services/apiDispatch.js'
import { createAppServices } from '../../electron/services/app.js'
import { SafeStorageSecretStore } from '../../electron/services/secrets/safeStorageStore.js'
import { DEFAULT_BRAZE_API_KEY, startFakeBraze, type FakeBraze } from '../fakes/braze.js'
import { startFakeZendesk, type FakeZendesk } from '../fakes/zendesk.js'
import { FakeSafeStorage } from '../support/fakeSafeStorage.js'
import { clientCredentialsToken } from '../support/zendeskOAuth.js'

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name)
    return e.isDirectory() ? filesUnder(path) : statSync(path).isFile() ? [path] : []
  })
}

/** A value and the forms it could leak in: base64 (also inside Basic auth), URL- and JSON-escaped. */
function forms(secret: string): string[] {
  return [secret, Buffer.from(secret).toString('base64'), encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)]
}

describe('secret values never leave the secret store', () => {
  let zendesk: FakeZendesk
  let braze: FakeBraze
  let handlers: ApiHandlers
  let ws: string
  let userData: string
  const outputs: string[] = []
  const logged: string[] = []
  const secrets: Record<string, string> = {}

  const call = async (name: string, input: unknown) => {
    const outcome = await dispatch(handlers, name, input)
    outputs.push(JSON.stringify(outcome))
    if (!outcome.ok) throw new Error(outcome.error.message)
    return outcome.value as never
  }

  beforeAll(async () => {
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' ')))
    }
    zendesk = await startFakeZendesk()
    braze = await startFakeBraze()
    const root = mkdtempSync(join(tmpdir(), 'hookbench-scan-'))
    ws = join(root, 'ws')
    userData = join(root, 'user-data')
    const store = new SafeStorageSecretStore({ safeStorage: new FakeSafeStorage(), file: join(userData, 'secrets.json') })
    handlers = createAppServices({ mode: 'electron', version: '0', userDataDir: userData, secrets: store }).handlers
    await call('workspace.create', { dir: ws })
    const envPath = join(ws, 'environments/sandbox.json')
    const env = JSON.parse(readFileSync(envPath, 'utf8'))
    writeFileSync(envPath, JSON.stringify({
      ...env,
      variables: { ...env.variables, zendesk_base_url: zendesk.url, braze_url: braze.url },
      allowedHosts: [new URL(zendesk.url).host, new URL(braze.url).host],
      zendesk: { auth: { type: 'oauth_access_token', token: 'zendesk_oauth_token' } },
    }))
    for (const [file, url] of [
      ['nps-detractor-to-zendesk-ticket.liquid', '%{env.zendesk_base_url}/api/v2/tickets.json'],
      ['solved-ticket-to-braze-users-track.liquid', '%{env.braze_url}/users/track'],
    ] as const) {
      const path = join(ws, 'templates', file)
      let text = readFileSync(path, 'utf8').replace(/^url: .*$/m, `url: "${url}"`)
      if (file.startsWith('solved')) text = text.replace('\n---\n{', '\nzendesk:\n  trigger:\n    conditions: status-solved\n---\n{')
      writeFileSync(path, text)
    }
    secrets.zendesk_oauth_token = await clientCredentialsToken(zendesk)
    secrets.braze_rest_api_key = DEFAULT_BRAZE_API_KEY
    for (const [name, value] of Object.entries(secrets)) await call('secrets.set', { environment: 'sandbox', name, value })
  })
  afterAll(async () => {
    vi.restoreAllMocks()
    await zendesk.close()
    await braze.close()
  })

  it('renders, sends, records, exports and deploys with real secrets', async () => {
    const sent = (await call('send', { template: 'nps-detractor-to-zendesk-ticket', sample: { name: 'cust-10482' }, environment: 'sandbox' })) as { response: { status: number } }
    expect(sent.response?.status, JSON.stringify(sent)).toBe(201)
    // The real values did reach the services they are for.
    expect(zendesk.requests.some((r) => r.headers.authorization === `Bearer ${secrets.zendesk_oauth_token}`)).toBe(true)
    const tracked = (await call('send', { template: 'solved-ticket-to-braze-users-track', sample: { name: 'ticket-7314' }, environment: 'sandbox' })) as { response: { status: number } }
    expect(tracked.response.status).toBe(201)
    for (const template of ['nps-detractor-to-zendesk-ticket', 'solved-ticket-to-braze-users-track']) {
      for (const target of (await call('export.targets', { template })) as string[]) {
        await call('export.run', { template, target, environment: 'sandbox' })
      }
    }
    const deployed = (await call('deploy.run', { template: 'solved-ticket-to-braze-users-track', environment: 'sandbox' })) as { recorded: boolean }
    expect(deployed.recorded).toBe(true)
    await call('workspace.delete', { kind: 'template', name: 'nps-detractor-to-zendesk-ticket' })
    expect(((await call('history.list', {})) as unknown[]).length).toBe(2)
  })

  it('finds no secret in the workspace, the settings folder, the logs or the outputs', () => {
    const places = [
      ...filesUnder(ws).map((path) => ({ where: path, text: readFileSync(path, 'latin1') })),
      ...filesUnder(userData).map((path) => ({ where: path, text: readFileSync(path, 'latin1') })),
      ...logged.map((text, i) => ({ where: `log line ${i}`, text })),
      ...outputs.map((text, i) => ({ where: `API output ${i}`, text })),
    ]
    expect(places.some((p) => p.where.endsWith('history.jsonl'))).toBe(true)
    expect(places.some((p) => p.where.endsWith('secrets.json'))).toBe(true)
    const leaks = places.flatMap(({ where, text }) =>
      Object.entries(secrets).flatMap(([name, value]) => forms(value).filter((form) => text.includes(form)).map((form) => `${name} as "${form}" in ${where}`)),
    )
    expect(leaks).toEqual([])
  })
})
