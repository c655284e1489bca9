/**
 * End-to-end: `hookbench init`, `send`, `history` and `import` as a user runs them, against the
 * fake Zendesk and Braze. The CLI runs as a child process (asynchronously, so the fakes in this
 * process keep answering), with secrets in HOOKBENCH_SECRET_* variables.
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_BRAZE_API_KEY, startFakeBraze, type FakeBraze } from '../fakes/braze.js'
import { startFakeZendesk, type FakeZendesk } from '../fakes/zendesk.js'
import { clientCredentialsToken } from '../support/zendeskOAuth.js'

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'hookbench.js')

function hookbench(cwd: string, args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
    execFile(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, ...env } }, (err, stdout, stderr) =>
      done({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    )
  })
}

describe('a workspace from `hookbench init`, sent to the fakes', () => {
  let zendesk: FakeZendesk
  let braze: FakeBraze
  let ws: string
  let ZENDESK_TOKEN: string
  let secrets: Record<string, string>

  beforeAll(async () => {
    zendesk = await startFakeZendesk()
    ZENDESK_TOKEN = await clientCredentialsToken(zendesk)
    secrets = { HOOKBENCH_SECRET_ZENDESK_OAUTH_TOKEN: ZENDESK_TOKEN, HOOKBENCH_SECRET_BRAZE_REST_API_KEY: DEFAULT_BRAZE_API_KEY }
    braze = await startFakeBraze({ now: () => Date.parse('2026-11-24T12:00:00Z') })
    ws = join(mkdtempSync(join(tmpdir(), 'hookbench-ws-')), 'acme')
    const init = await hookbench(tmpdir(), ['init', ws])
    expect(init.code).toBe(0)
    expect(init.stdout).toContain('templates/nps-detractor-to-zendesk-ticket.liquid')
    // Point the examples and the environment at the fakes instead of the real sandboxes.
    const env = JSON.parse(readFileSync(join(ws, 'environments/sandbox.json'), 'utf8'))
    env.allowedHosts = [new URL(zendesk.url).host, new URL(braze.url).host]
    writeFileSync(join(ws, 'environments/sandbox.json'), JSON.stringify(env, null, 2))
    for (const [file, from, to] of [
      ['nps-detractor-to-zendesk-ticket.liquid', 'https://%{env.zendesk_subdomain}.zendesk.com', zendesk.url],
      ['solved-ticket-to-braze-users-track.liquid', 'https://%{env.braze_rest_host}', braze.url],
    ] as const) {
      const path = join(ws, 'templates', file)
      writeFileSync(path, readFileSync(path, 'utf8').replace(from, to))
    }
  })
  afterAll(async () => {
    await zendesk.close()
    await braze.close()
  })

  it('sends the Braze → Zendesk example: the ticket is created and the answer printed', async () => {
    const run = await hookbench(ws, ['send', 'templates/nps-detractor-to-zendesk-ticket.liquid', '--sample', 'samples/braze-users/cust-10482.json', '--env', 'sandbox'], secrets)
    expect(run.stdout).toMatch(/→ 201 Created/)
    expect(run.stdout).toContain('Authorization: Bearer <ZENDESK_OAUTH_TOKEN>')
    expect(run.stdout + run.stderr).not.toContain(ZENDESK_TOKEN)
    expect(run.code).toBe(0)
    expect([...zendesk.state.tickets.values()].map((t) => t.subject)).toContain('Priya rated us 3/10')
  })

  it('sends the Zendesk → Braze example with --format json', async () => {
    const run = await hookbench(ws, ['send', 'templates/solved-ticket-to-braze-users-track.liquid', '--sample', 'samples/zendesk-tickets/ticket-7314.json', '--env', 'sandbox', '--format', 'json'], secrets)
    const result = JSON.parse(run.stdout)
    expect(result.response.status).toBe(201)
    expect(JSON.parse(result.response.body).message).toBe('success')
    expect(result.request.headers.Authorization).toBe('Bearer <BRAZE_REST_API_KEY>')
    expect(result.historyId).toMatch(/[0-9a-f-]{36}/)
    expect(run.code).toBe(0)
  })

  it('exits 1 and shows the answer on a 4xx', async () => {
    const run = await hookbench(ws, ['send', 'templates/nps-detractor-to-zendesk-ticket.liquid', '--sample', 'samples/braze-users/cust-10482.json', '--env', 'sandbox'], {
      ...secrets,
      HOOKBENCH_SECRET_ZENDESK_OAUTH_TOKEN: 'expired-or-wrong',
    })
    expect(run.stdout).toMatch(/→ 401/)
    expect(run.stdout).toContain("Couldn't authenticate you")
    expect(run.code).toBe(1)
  })

  it('exits 3 without sending when abort_message fires', async () => {
    const before = zendesk.requests.length
    const samples = readdirSync(join(ws, 'samples/braze-users'))
    const results = await Promise.all(samples.map((s) => hookbench(ws, ['send', 'templates/nps-detractor-to-zendesk-ticket.liquid', '--sample', `samples/braze-users/${s}`, '--env', 'sandbox', '--dry-run'], secrets)))
    const aborted = results.find((r) => r.code === 3)!
    expect(aborted.stdout).toMatch(/✗ aborted: abort_message fired/)
    expect(zendesk.requests.length).toBe(before)
  })

  it('says which secret is missing and exits 1', async () => {
    const run = await hookbench(ws, ['send', 'templates/nps-detractor-to-zendesk-ticket.liquid', '--sample', 'samples/braze-users/cust-10482.json', '--env', 'sandbox'])
    expect(run.stderr).toMatch(/nps-detractor-to-zendesk-ticket\.liquid:\d+:\d+: error: .*zendesk_oauth_token.*\[ref-secret-not-stored\]/)
    expect(run.stderr).toContain('export HOOKBENCH_SECRET_ZENDESK_OAUTH_TOKEN=')
    expect(run.code).toBe(1)
  })

  it('lists the history, secrets masked on disk', async () => {
    const run = await hookbench(ws, ['history'])
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/201 +POST http:\/\/127\.0\.0\.1:\d+\/users\/track/)
    expect(run.stdout).toMatch(/401 +POST .*\/api\/v2\/tickets\.json/)
    const onDisk = readFileSync(join(ws, '.hookbench/history/history.jsonl'), 'utf8')
    expect(onDisk).not.toContain(ZENDESK_TOKEN)
    expect(onDisk).not.toContain(DEFAULT_BRAZE_API_KEY)
    const filtered = await hookbench(ws, ['history', '--template', 'templates/solved-ticket-to-braze-users-track.liquid', '--format', 'json'])
    expect(JSON.parse(filtered.stdout).map((e: { template: string }) => e.template)).toEqual(['templates/solved-ticket-to-braze-users-track.liquid'])
  })

  it('imports a Braze export file, one sample per user, never overwriting', async () => {
    const exportFile = join(ws, '..', 'export.json')
    writeFileSync(exportFile, JSON.stringify({ message: 'success', users: [{ external_id: 'u-1', first_name: 'Ana' }, { external_id: 'u-2' }] }))
    const first = await hookbench(ws, ['import', 'braze-export', exportFile])
    expect(first.stdout).toContain('2 created, 0 skipped')
    expect(first.code).toBe(0)
    const again = await hookbench(ws, ['import', 'braze-export', exportFile])
    expect(again.stdout).toContain('0 created, 2 skipped')
  })

  it('refuses to init a folder that holds other files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hookbench-busy-'))
    writeFileSync(join(dir, 'notes.txt'), 'mine')
    const run = await hookbench(tmpdir(), ['init', dir])
    expect(run.code).toBe(2)
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('mine')
  })
})
