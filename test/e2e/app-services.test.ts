/** The API the UI uses, over the real services, a temp workspace and the fakes. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dispatch, type ApiHandlers } from '../../electron/services/apiDispatch.js'
import { createAppServices } from '../../electron/services/app.js'
import { importBrazeUser, importZendeskTicket } from '../../electron/services/sandboxImport.js'
import { MemorySecretStore } from '../../electron/services/secrets/memoryStore.js'
import { openWorkspace } from '../../electron/services/workspace/index.js'
import { parseEnvironment } from '../../shared/environment/model.js'
import { DEFAULT_BRAZE_API_KEY, startFakeBraze, type FakeBraze } from '../fakes/braze.js'
import { startFakeZendesk, type FakeZendesk } from '../fakes/zendesk.js'
import { clientCredentialsToken } from '../support/zendeskOAuth.js'

/** One API call through the same dispatch IPC and the bridge use; a refusal throws its ApiError. */
async function callOrThrow(handlers: ApiHandlers, name: string, input: unknown): Promise<never> {
  const outcome = await dispatch(handlers, name, input)
  if (!outcome.ok) throw Object.assign(new Error(outcome.error.message), outcome.error)
  return outcome.value as never
}

describe('app services (the API behind IPC and the web bridge)', () => {
  let zendesk: FakeZendesk
  let handlers: ApiHandlers
  let ws: string
  const secrets = new MemorySecretStore()
  const call = (name: string, input: unknown) => callOrThrow(handlers, name, input)

  beforeAll(async () => {
    zendesk = await startFakeZendesk()
    ws = join(mkdtempSync(join(tmpdir(), 'hookbench-app-')), 'ws')
    handlers = createAppServices({ mode: 'browser', version: '9.9.9', userDataDir: join(ws, '..', 'userdata'), secrets }).handlers
  })
  afterAll(() => zendesk.close())

  it('has no workspace until one is created, then remembers it', async () => {
    expect(await call('workspace.current', {})).toBeNull()
    expect(await call('workspace.create', { dir: ws })).toEqual({ dir: ws, name: 'ws' })
    const again = createAppServices({ mode: 'browser', version: '9.9.9', userDataDir: join(ws, '..', 'userdata'), secrets }).handlers
    expect((await dispatch(again, 'workspace.current', {})).ok).toBe(true)
    expect(await call('app.info', {})).toMatchObject({ version: '9.9.9', mode: 'browser' })
  })

  it('lists, reads and saves with conflict detection', async () => {
    const items = (await call('workspace.list', {})) as { kind: string; name: string }[]
    expect(items.filter((i) => i.kind === 'template').map((i) => i.name).sort()).toEqual([
      'nps-detractor-to-zendesk-ticket',
      'solved-ticket-to-braze-users-track',
    ])
    const ref = { kind: 'template', name: 'nps-detractor-to-zendesk-ticket' }
    const { text, hash } = (await call('workspace.read', ref)) as { text: string; hash: string }
    const saved = (await call('workspace.save', { ...ref, text: `${text}\n`, expectedHash: hash })) as { hash: string }
    expect(saved.hash).not.toBe(hash)
    await expect(call('workspace.save', { ...ref, text, expectedHash: hash })).rejects.toMatchObject({ code: 'conflict' })
  })

  it('validates inputs at the boundary', async () => {
    const outcome = await dispatch(handlers, 'workspace.read', { kind: 'script', name: 'x' })
    expect(outcome).toMatchObject({ ok: false, status: 400, error: { code: 'invalid-input' } })
    expect(await dispatch(handlers, 'fs.readAnything', {})).toMatchObject({ ok: false, status: 404 })
  })

  it('stores secrets write-only, for declared names only', async () => {
    await expect(call('secrets.set', { environment: 'sandbox', name: 'unknown_key', value: 'x' })).rejects.toMatchObject({ code: 'secret-undeclared' })
    await call('secrets.set', { environment: 'sandbox', name: 'zendesk_oauth_token', value: await clientCredentialsToken(zendesk) })
    const status = (await call('secrets.status', { environment: 'sandbox' })) as { secrets: { name: string; stored: boolean }[] }
    expect(status.secrets).toEqual([
      { name: 'zendesk_oauth_token', stored: true },
      { name: 'braze_rest_api_key', stored: false },
    ])
    expect(JSON.stringify(status)).not.toMatch(/"value"/)
  })

  it('imports samples from pasted text, reporting what it made', async () => {
    const text = JSON.stringify({ users: [{ external_id: 'pasted-1', first_name: 'Pat' }] })
    const report = (await call('import.text', { format: 'braze-export', text, source: 'clipboard' })) as { created: { name: string; kind: string }[] }
    expect(report.created).toEqual([{ kind: 'braze-user', name: 'pasted-1', path: 'samples/braze-users/pasted-1.json' }])
    const again = (await call('import.text', { format: 'braze-export', text, source: 'clipboard' })) as { created: unknown[]; skipped: string[] }
    expect(again.created).toEqual([])
    expect(again.skipped[0]).toMatch(/already/)
  })

  it('sends from the workspace to the fake and records masked history', async () => {
    const envPath = join(ws, 'environments/sandbox.json')
    const env = JSON.parse(readFileSync(envPath, 'utf8'))
    writeFileSync(envPath, JSON.stringify({ ...env, allowedHosts: [new URL(zendesk.url).host] }))
    const path = join(ws, 'templates/nps-detractor-to-zendesk-ticket.liquid')
    writeFileSync(path, readFileSync(path, 'utf8').replace('https://%{env.zendesk_subdomain}.zendesk.com', zendesk.url))
    const result = (await call('send', { template: 'nps-detractor-to-zendesk-ticket', sample: { name: 'cust-10482' }, environment: 'sandbox' })) as {
      response: { status: number }
      historyId: string
      request: { headers: Record<string, string> }
    }
    expect(result.response.status).toBe(201)
    expect(result.request.headers.Authorization).toBe('Bearer <ZENDESK_OAUTH_TOKEN>')
    const history = (await call('history.list', { template: 'nps-detractor-to-zendesk-ticket' })) as { id: string }[]
    expect(history[0]!.id).toBe(result.historyId)
    // The ticket this send created becomes a sample, straight from the sandbox.
    const ticketId = String(JSON.parse((result as unknown as { response: { body: string } }).response.body).ticket.id)
    const envFile = JSON.parse(readFileSync(envPath, 'utf8'))
    writeFileSync(envPath, JSON.stringify({ ...envFile, zendesk: { auth: { type: 'oauth_access_token', token: 'zendesk_oauth_token' } } }))
    const outcome = await dispatch(handlers, 'import.sandbox', { source: 'zendesk-ticket', id: ticketId, environment: 'sandbox' })
    // The environment's Zendesk host is the real one; the fake is reached only through the template's URL.
    expect(outcome).toMatchObject({ ok: false, error: { message: expect.stringMatching(/acme1589812345\.zendesk\.com|not among the hosts/) } })
    const onDisk = readFileSync(join(ws, '.hookbench/history/history.jsonl'), 'utf8')
    for (const value of await Promise.all((await secrets.list()).map((k) => secrets.get(k)))) expect(onDisk).not.toContain(value!)
  })
})

describe('hand-off through the API: export, deploy, import', () => {
  let zendesk: FakeZendesk
  let handlers: ApiHandlers
  let ws: string
  const secrets = new MemorySecretStore()
  const call = (name: string, input: unknown) => callOrThrow(handlers, name, input)
  beforeAll(async () => {
    zendesk = await startFakeZendesk()
    ws = join(mkdtempSync(join(tmpdir(), 'hookbench-handoff-')), 'ws')
    handlers = createAppServices({ mode: 'browser', version: '0', userDataDir: join(ws, '..', 'u'), secrets }).handlers
    await call('workspace.create', { dir: ws })
    const envPath = join(ws, 'environments/sandbox.json')
    const env = JSON.parse(readFileSync(envPath, 'utf8'))
    writeFileSync(envPath, JSON.stringify({
      ...env,
      variables: { ...env.variables, zendesk_base_url: zendesk.url },
      allowedHosts: [...env.allowedHosts, new URL(zendesk.url).host],
      zendesk: { auth: { type: 'oauth_access_token', token: 'zendesk_oauth_token' } },
    }))
    await call('secrets.set', { environment: 'sandbox', name: 'zendesk_oauth_token', value: await clientCredentialsToken(zendesk) })
    await call('secrets.set', { environment: 'sandbox', name: 'braze_rest_api_key', value: 'braze-key-1234567890' })
    // The example leaves its trigger's conditions to the user.
    const template = join(ws, 'templates/solved-ticket-to-braze-users-track.liquid')
    writeFileSync(template, readFileSync(template, 'utf8').replace('\n---\n{', '\nzendesk:\n  trigger:\n    conditions: status-solved\n---\n{'))
  })
  afterAll(() => zendesk.close())

  it('exports with stand-ins, and real values only when asked', async () => {
    expect(await call('export.targets', { template: 'solved-ticket-to-braze-users-track' })).toEqual(['zendesk-webhook', 'zendesk-trigger'])
    const masked = (await call('export.run', { template: 'solved-ticket-to-braze-users-track', target: 'zendesk-webhook', environment: 'sandbox' })) as { json: string; containsSecrets: boolean; fields: { label: string; value: string }[] }
    expect(masked.containsSecrets).toBe(false)
    expect(masked.json).toContain('<BRAZE_REST_API_KEY>')
    expect(masked.json).not.toContain('braze-key-1234567890')
    expect(masked.fields.find((f) => f.label === 'Token')?.value).toBe('<BRAZE_REST_API_KEY>')
    const real = (await call('export.run', { template: 'solved-ticket-to-braze-users-track', target: 'zendesk-webhook', environment: 'sandbox', includeSecrets: true })) as { json: string; containsSecrets: boolean }
    expect(real).toMatchObject({ containsSecrets: true })
    expect(real.json).toContain('braze-key-1234567890')
    await expect(call('export.run', { template: 'solved-ticket-to-braze-users-track', target: 'braze', environment: null })).rejects.toMatchObject({ code: 'invalid-input' })
  })

  it('deploys the webhook and trigger, then updates them', async () => {
    const first = (await call('deploy.run', { template: 'solved-ticket-to-braze-users-track', environment: 'sandbox' })) as { webhook: { action: string }; trigger: { action: string }; recorded: boolean }
    expect(first).toMatchObject({ webhook: { action: 'created' }, trigger: { action: 'created' }, recorded: true })
    const second = (await call('deploy.run', { template: 'solved-ticket-to-braze-users-track', environment: 'sandbox' })) as { webhook: { action: string } }
    expect(second.webhook.action).toBe('updated')
    expect(zendesk.state.webhooks.size).toBe(1)
    expect(zendesk.state.triggers.size).toBe(1)
    expect(readFileSync(join(ws, 'templates/solved-ticket-to-braze-users-track.liquid'), 'utf8')).toMatch(/deployed:\n\s+sandbox:/)
  })

  it('imports a pasted Braze webhook as a new template, never overwriting', async () => {
    const pasted = JSON.stringify({ url: 'https://x.zendesk.com/api/v2/tickets.json', request_method: 'POST', request_headers: { 'Content-Type': 'application/json' }, body: '{"ticket": {"subject": "{{${first_name}}}"}}' })
    const made = (await call('import.template', { from: 'braze', text: pasted, name: 'pasted-webhook' })) as { name: string }
    expect(made.name).toBe('pasted-webhook')
    expect(readFileSync(join(ws, 'templates/pasted-webhook.liquid'), 'utf8')).toContain('{"ticket": {"subject": "{{${first_name}}}"}}')
    await expect(call('import.template', { from: 'braze', text: pasted, name: 'pasted-webhook' })).rejects.toMatchObject({ code: 'exists' })
  })
})

describe('samples imported from the sandbox', () => {
  let zendesk: FakeZendesk
  let braze: FakeBraze
  beforeAll(async () => {
    zendesk = await startFakeZendesk()
    braze = await startFakeBraze({ seed: { users: [{ external_id: 'cust-1', attributes: { first_name: 'Ana', email: 'ana@example.com' }, custom_attributes: { plan: 'pro' } }] } })
  })
  afterAll(async () => {
    await zendesk.close()
    await braze.close()
  })

  async function workspaceWith(allowed: string[], variables: Record<string, string> = {}) {
    const dir = join(mkdtempSync(join(tmpdir(), 'hookbench-import-')), 'ws')
    const handlers = createAppServices({ mode: 'browser', version: '0', userDataDir: join(dir, '..', 'u'), secrets: new MemorySecretStore() }).handlers
    await dispatch(handlers, 'workspace.create', { dir })
    const text = JSON.stringify({
      kind: 'sandbox',
      variables: { zendesk_subdomain: 'acme', braze_instance: 'US-01', ...variables },
      secrets: ['zendesk_oauth_token', 'braze_rest_api_key'],
      allowedHosts: allowed,
      zendesk: { auth: { type: 'oauth_access_token', token: 'zendesk_oauth_token' } },
    })
    const environment = parseEnvironment(text, 'environments/x.json').environment!
    return { workspace: await openWorkspace(dir), environment }
  }

  it('imports a Braze user by external_id through /users/export/ids', async () => {
    const { workspace, environment } = await workspaceWith([new URL(braze.url).host])
    const store = new MemorySecretStore()
    await store.set('braze_rest_api_key', DEFAULT_BRAZE_API_KEY)
    const report = await importBrazeUser('cust-1', { workspace, environment, secrets: store, baseUrl: braze.url })
    expect(report.created.map((c) => c.name)).toEqual(['cust-1'])
    const sample = JSON.parse((await workspace.read('braze-user', 'cust-1')).text)
    expect(sample).toMatchObject({ external_id: 'cust-1', first_name: 'Ana', custom_attributes: { plan: 'pro' } })
    await expect(importBrazeUser('nobody', { workspace, environment, secrets: store, baseUrl: braze.url })).rejects.toMatchObject({ code: 'not-found' })
  })

  it('finds the Braze API at braze_base_url when the environment sets it', async () => {
    const { workspace, environment } = await workspaceWith([new URL(braze.url).host], { braze_base_url: braze.url })
    const store = new MemorySecretStore()
    await store.set('braze_rest_api_key', DEFAULT_BRAZE_API_KEY)
    const report = await importBrazeUser('cust-1', { workspace, environment, secrets: store })
    expect(report.created.map((c) => c.name)).toEqual(['cust-1'])
  })

  it('imports a Zendesk ticket with its users, organization, group and comments', async () => {
    const { workspace, environment } = await workspaceWith([new URL(zendesk.url).host])
    const store = new MemorySecretStore()
    await store.set('zendesk_oauth_token', await clientCredentialsToken(zendesk))
    const created = await fetch(`${zendesk.url}/api/v2/tickets.json`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${await store.get('zendesk_oauth_token')}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ ticket: { subject: 'Printer on fire', comment: { body: 'Smoke!' }, requester: { name: 'Jo', email: 'jo@example.com' } } }),
    }).then((r) => r.json() as Promise<{ ticket: { id: number } }>)
    const report = await importZendeskTicket(created.ticket.id, { workspace, environment, secrets: store, baseUrl: zendesk.url })
    expect(report.created).toHaveLength(1)
    const sample = JSON.parse((await workspace.read('zendesk-ticket', report.created[0]!.name)).text)
    expect(sample.ticket.subject).toBe('Printer on fire')
    expect(sample.users.map((u: { email: string }) => u.email)).toContain('jo@example.com')
    expect(sample.comments[0].body ?? sample.comments[0].plain_body).toMatch(/Smoke/)
    await expect(importZendeskTicket(999999, { workspace, environment, secrets: store, baseUrl: zendesk.url })).rejects.toMatchObject({ status: 404 })
  })
})
