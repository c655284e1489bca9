/**
 * End-to-end: `hookbench deploy` as a user runs it, in a workspace from `hookbench init`,
 * against the fake Zendesk (the environment's zendesk_base_url points the account at it;
 * credentials still go only to hosts the environment allows).
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseTemplateFile } from '../../shared/template/file.js'
import { DEFAULT_ZENDESK_OAUTH_CLIENT, startFakeZendesk, type FakeZendesk } from '../fakes/zendesk.js'

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'hookbench.js')

function hookbench(cwd: string, args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
    execFile(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, ...env } }, (err, stdout, stderr) =>
      done({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    )
  })
}

const SOLVED = 'templates/solved-ticket-to-braze-users-track.liquid'
const SECRETS = {
  HOOKBENCH_SECRET_ZENDESK_CLIENT_SECRET: DEFAULT_ZENDESK_OAUTH_CLIENT.clientSecret,
  HOOKBENCH_SECRET_BRAZE_REST_API_KEY: 'braze-cli-key-77aa01',
}

describe('hookbench deploy', { timeout: 20_000 }, () => {
  let zendesk: FakeZendesk
  let ws: string
  const read = (path: string) => readFileSync(join(ws, path), 'utf8')

  function environmentFile(kind: 'sandbox' | 'production') {
    return JSON.stringify({
      kind,
      variables: { zendesk_subdomain: zendesk.subdomain, zendesk_base_url: zendesk.url, braze_instance: 'US-01' },
      secrets: ['zendesk_client_secret', 'braze_rest_api_key'],
      allowedHosts: [new URL(zendesk.url).host, 'rest.iad-01.braze.com'],
      zendesk: { auth: { type: 'oauth_client_credentials', clientId: DEFAULT_ZENDESK_OAUTH_CLIENT.clientId, clientSecret: 'zendesk_client_secret' } },
    }, null, 2)
  }

  beforeAll(async () => {
    zendesk = await startFakeZendesk()
    ws = join(mkdtempSync(join(tmpdir(), 'hookbench-deploy-cli-')), 'acme')
    expect((await hookbench(tmpdir(), ['init', ws])).code).toBe(0)
    writeFileSync(join(ws, 'environments/sandbox.json'), environmentFile('sandbox'))
    writeFileSync(join(ws, 'environments/production.json'), environmentFile('production'))
    writeFileSync(join(ws, SOLVED), read(SOLVED).replace('\n---\n{', '\nzendesk:\n  trigger:\n    conditions: status-solved\n---\n{'))
  })
  afterAll(async () => {
    await zendesk.close()
  })

  const deploy = (env: string, extra: string[] = []) => hookbench(ws, ['deploy', SOLVED, '--env', env, ...extra], SECRETS)

  it('creates the webhook and trigger, records the ids, then updates them on the second run', async () => {
    const before = read(SOLVED)
    const first = await deploy('sandbox')
    expect(first.code).toBe(0)
    const [, webhookId] = /^webhook (\S+) created$/m.exec(first.stdout)!
    const [, triggerId] = /^trigger (\d+) created$/m.exec(first.stdout)!
    expect(first.stdout).toContain(`ids recorded in ${SOLVED} (zendesk.deployed.sandbox)\n`)
    const deployed = parseTemplateFile(read(SOLVED), SOLVED).meta.zendesk?.deployed
    expect(deployed).toEqual({ sandbox: { account: zendesk.subdomain, webhookId, triggerId: Number(triggerId) } })
    // Comments and the folded description are still there, as written.
    expect(read(SOLVED).startsWith(before.slice(0, before.indexOf('zendesk:\n')))).toBe(true)

    const second = await deploy('sandbox')
    expect(second.code).toBe(0)
    expect(second.stdout).toBe(`webhook ${webhookId} updated\ntrigger ${triggerId} updated\nids recorded in ${SOLVED} (zendesk.deployed.sandbox)\n`)
    expect(zendesk.state.webhooks.size).toBe(1)
    expect(zendesk.state.triggers.size).toBe(1)
    expect(zendesk.state.webhooks.get(webhookId!)!.authentication).toMatchObject({ data: { token: SECRETS.HOOKBENCH_SECRET_BRAZE_REST_API_KEY } })
    for (const value of Object.values(SECRETS)) expect(first.stdout + first.stderr + second.stdout + second.stderr).not.toContain(value)
  })

  it('after the deploy, export names the deployed webhook in the trigger', async () => {
    const run = await hookbench(ws, ['export', SOLVED, '--for', 'zendesk-trigger', '--env', 'sandbox', '--format', 'json'])
    const webhookId = parseTemplateFile(read(SOLVED), SOLVED).meta.zendesk!.deployed!.sandbox!.webhookId
    expect(JSON.parse(run.stdout).trigger.actions[0].value[0]).toBe(webhookId)
  })

  it('refuses production without --yes-production, sending nothing (exit 1)', async () => {
    const before = zendesk.requests.length
    const run = await deploy('production')
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(/✗ refused: "production" is a production environment: confirm to create the webhook and trigger there \(--yes-production\)\./)
    expect(zendesk.requests.length).toBe(before)
    const confirmed = await deploy('production', ['--yes-production', '--format', 'json'])
    expect(confirmed.code).toBe(0)
    expect(JSON.parse(confirmed.stdout)).toMatchObject({ environment: 'production', webhook: { action: 'created' }, trigger: { action: 'created' }, recorded: true })
  })

  it('says which secret is missing, and exits 1 without sending', async () => {
    const before = zendesk.requests.length
    const run = await hookbench(ws, ['deploy', SOLVED, '--env', 'sandbox'], { HOOKBENCH_SECRET_ZENDESK_CLIENT_SECRET: 'x' })
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/error: .*braze_rest_api_key.*\[ref-secret-not-stored\]\n  hint: Set it in the environment: export HOOKBENCH_SECRET_BRAZE_REST_API_KEY=/)
    expect(zendesk.requests.length).toBe(before)
  })

  it('refuses a Braze template', async () => {
    const run = await hookbench(ws, ['deploy', 'templates/nps-detractor-to-zendesk-ticket.liquid', '--env', 'sandbox'], SECRETS)
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(/✗ refused: Only Zendesk → Braze templates are deployed/)
  })
})
