/**
 * End-to-end: `hookbench export` (each --for, stand-ins vs --include-secrets, --format, --out)
 * and `hookbench import-template` in a workspace made by `hookbench init`, the CLI run as a
 * child process with secrets in HOOKBENCH_SECRET_* variables.
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { EXPORT_TARGETS } from '../../shared/export/index.js'
import { parseTemplateFile, type TemplateFile } from '../../shared/template/file.js'

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'hookbench.js')

function hookbench(cwd: string, args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
    execFile(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, ...env } }, (err, stdout, stderr) =>
      done({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    )
  })
}

const NPS = 'templates/nps-detractor-to-zendesk-ticket.liquid'
const SOLVED = 'templates/solved-ticket-to-braze-users-track.liquid'
const SECRETS = { HOOKBENCH_SECRET_ZENDESK_OAUTH_TOKEN: 'zd-oauth-live-8c1e2f', HOOKBENCH_SECRET_BRAZE_REST_API_KEY: 'braze-live-key-41d7' }
const SECRET_VALUES = Object.values(SECRETS)

function request(file: TemplateFile) {
  return {
    dialect: file.meta.dialect,
    method: file.meta.method,
    url: file.url?.text,
    headers: file.headers.map((h) => [h.name, h.source.text]),
    body: file.body.text,
  }
}

describe('hookbench export and import-template', { timeout: 20_000 }, () => {
  let ws: string
  const read = (path: string) => readFileSync(join(ws, path), 'utf8')

  beforeAll(async () => {
    ws = join(mkdtempSync(join(tmpdir(), 'hookbench-export-')), 'acme')
    expect((await hookbench(tmpdir(), ['init', ws])).code).toBe(0)
    // The Zendesk example gets its trigger's conditions.
    writeFileSync(join(ws, SOLVED), read(SOLVED).replace('\n---\n{', '\nzendesk:\n  trigger:\n    conditions: status-solved\n---\n{'))
  })

  it('--for braze prints the composer fields, the environment put in, secrets as stand-ins', async () => {
    const run = await hookbench(ws, ['export', NPS, '--for', 'braze', '--env', 'sandbox'], SECRETS)
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('Webhook URL:        https://acme1589812345.zendesk.com/api/v2/tickets.json\n')
    expect(run.stdout).toContain('  Authorization  Bearer <ZENDESK_OAUTH_TOKEN>\n')
    expect(run.stdout).toContain(`Request body (Raw text):\n${read(NPS).split('\n---\n')[1]}`)
    // The workspace's samples were rendered: the one without an order is reported, located.
    expect(run.stderr).toMatch(/nps-detractor-to-zendesk-ticket\.liquid:20:1: info: With sample cust-20417: Connected Content/)
  })

  it('--for braze --format json gives the fields as JSON', async () => {
    const run = await hookbench(ws, ['export', NPS, '--for', 'braze', '--env', 'sandbox', '--format', 'json'])
    expect(JSON.parse(run.stdout)).toMatchObject({
      webhookUrl: 'https://acme1589812345.zendesk.com/api/v2/tickets.json',
      httpMethod: 'POST',
      requestBody: { mode: 'Raw text' },
      requestHeaders: [{ key: 'Content-Type', value: 'application/json' }, { key: 'Authorization', value: 'Bearer <ZENDESK_OAUTH_TOKEN>' }],
    })
  })

  it('--for braze-api gives the messaging-API webhook object', async () => {
    const run = await hookbench(ws, ['export', NPS, '--for', 'braze-api', '--env', 'sandbox', '--format', 'json'])
    const object = JSON.parse(run.stdout)
    expect(Object.keys(object)).toEqual(['url', 'request_method', 'request_headers', 'body'])
    expect(object.body).toBe(read(NPS).split('\n---\n')[1])
  })

  it('--for zendesk-webhook gives the POST /api/v2/webhooks body, the Braze key a stand-in', async () => {
    const run = await hookbench(ws, ['export', SOLVED, '--for', 'zendesk-webhook', '--env', 'sandbox', '--format', 'json'], SECRETS)
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout).webhook).toMatchObject({
      endpoint: 'https://rest.iad-01.braze.com/users/track',
      subscriptions: ['conditional_ticket_events'],
      authentication: { type: 'bearer_token', data: { token: '<BRAZE_REST_API_KEY>' }, add_position: 'header' },
    })
    const text = await hookbench(ws, ['export', SOLVED, '--for', 'zendesk-webhook', '--env', 'sandbox'])
    expect(text.stdout).toContain('Authentication:     Bearer token\n  Token:            <BRAZE_REST_API_KEY>\n')
  })

  it('--for zendesk-trigger gives the POST /api/v2/triggers body, the webhook id a stand-in until deployed', async () => {
    const run = await hookbench(ws, ['export', SOLVED, '--for', 'zendesk-trigger', '--env', 'sandbox', '--format', 'json'])
    const { trigger } = JSON.parse(run.stdout)
    expect(trigger.conditions.all).toEqual([
      { field: 'update_type', operator: 'is', value: 'Change' },
      { field: 'status', operator: 'value', value: 'solved' },
    ])
    expect(trigger.actions).toEqual([{ field: 'notification_webhook', value: ['<WEBHOOK_ID>', read(SOLVED).split('\n---\n')[1]] }])
    expect(run.stderr).toMatch(/info: The trigger's action names the webhook as <WEBHOOK_ID>/)
  })

  it('--include-secrets puts the real values in, and warns', async () => {
    const run = await hookbench(ws, ['export', SOLVED, '--for', 'zendesk-webhook', '--env', 'sandbox', '--format', 'json', '--include-secrets'], SECRETS)
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout).webhook.authentication.data.token).toBe(SECRETS.HOOKBENCH_SECRET_BRAZE_REST_API_KEY)
    expect(run.stderr).toContain('warning: this export holds real secret values')
  })

  it('--include-secrets with a secret not set says how to set it, and exits 1', async () => {
    const run = await hookbench(ws, ['export', SOLVED, '--for', 'zendesk-webhook', '--env', 'sandbox', '--include-secrets'])
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/error: .*braze_rest_api_key.*\[ref-secret-not-stored\]\n  hint: Set it in the environment: export HOOKBENCH_SECRET_BRAZE_REST_API_KEY=/)
  })

  it('never prints or saves a secret value without --include-secrets, whatever the target and format', async () => {
    const runs = EXPORT_TARGETS.flatMap((target) =>
      [NPS, SOLVED].flatMap((template, t) => [
        ...['text', 'json'].map(async (format) => {
          const run = await hookbench(ws, ['export', template, '--for', target, '--env', 'sandbox', '--format', format], SECRETS)
          return run.stdout + run.stderr
        }),
        ...['json', 'txt'].map(async (extension) => {
          const path = join(ws, '..', `all-${target}-${t}.${extension}`)
          const run = await hookbench(ws, ['export', template, '--for', target, '--env', 'sandbox', '--out', path], SECRETS)
          return run.stdout + run.stderr + readFileSync(path, 'utf8')
        }),
      ]),
    )
    const all = (await Promise.all(runs)).join('\n')
    expect(all).toContain('<ZENDESK_OAUTH_TOKEN>')
    expect(all).toContain('<BRAZE_REST_API_KEY>')
    for (const value of SECRET_VALUES) expect(all).not.toContain(value)
  }, 30_000)

  it('--out FILE.json saves the API payload, FILE.txt the body byte for byte', async () => {
    const json = join(ws, '..', 'webhook.json')
    const saved = await hookbench(ws, ['export', SOLVED, '--for', 'zendesk-webhook', '--env', 'sandbox', '--out', json])
    expect(saved.code).toBe(0)
    expect(saved.stdout).toBe(`wrote ${json} (the body of POST /api/v2/webhooks)\n`)
    expect(JSON.parse(readFileSync(json, 'utf8')).webhook.name).toBe('Solved ticket → Braze event and attributes')
    const txt = join(ws, '..', 'body.txt')
    await hookbench(ws, ['export', NPS, '--for', 'braze', '--env', 'sandbox', '--out', txt])
    expect(readFileSync(txt, 'utf8')).toBe(parseTemplateFile(read(NPS), NPS).body.text)
  })

  it('--out with --include-secrets makes a file only its owner can read', async () => {
    const json = join(ws, '..', 'secret.json')
    await hookbench(ws, ['export', SOLVED, '--for', 'zendesk-webhook', '--env', 'sandbox', '--include-secrets', '--out', json], SECRETS)
    expect(statSync(json).mode & 0o777).toBe(0o600)
  })

  it('refuses bad usage with exit 2', async () => {
    expect((await hookbench(ws, ['export', NPS, '--for', 'braze', '--out', 'x.md'])).stderr).toMatch(/name a \.json file .* or a \.txt file/)
    expect((await hookbench(ws, ['export', NPS, '--for', 'braze', '--include-secrets'])).code).toBe(2)
    expect((await hookbench(ws, ['export', NPS, '--for', 'mailchimp'])).code).toBe(2)
    expect((await hookbench(ws, ['export', NPS])).code).toBe(2)
  })

  it('exits 1 for a template with errors, printing the export all the same', async () => {
    const run = await hookbench(ws, ['export', SOLVED, '--for', 'braze', '--env', 'sandbox'])
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/:6:10: error: This is a Zendesk template: Braze does not understand Zendesk placeholders\. \[export-wrong-dialect\]/)
    expect(run.stdout).toContain('Braze webhook composer, Compose tab')
  })

  it('imports a pasted Braze body with URL, method and headers, never overwriting', async () => {
    const pasted = join(ws, '..', 'pasted-body.txt')
    writeFileSync(pasted, '{"ticket": {"subject": "{{${first_name} | json_escape}}"}}\n')
    const args = ['import-template', 'braze', pasted, '--name', 'Pasted hook', '--url', 'https://acme1589812345.zendesk.com/api/v2/tickets.json', '--method', 'post', '--header', 'Content-Type: application/json', '--header', 'Authorization: Bearer zd-pasted-123456', '--env', 'sandbox']
    const first = await hookbench(ws, args)
    expect(first.code).toBe(0)
    expect(first.stdout).toBe('created templates/Pasted hook.liquid\n')
    expect(first.stderr).toMatch(/warning: The Authorization header held a credential in the clear; the template refers to %\{secret\.zendesk_oauth_token\}/)
    const file = parseTemplateFile(read('templates/Pasted hook.liquid'), 'p.liquid')
    expect(request(file)).toEqual({
      dialect: 'braze',
      method: 'POST',
      url: 'https://%{env.zendesk_subdomain}.zendesk.com/api/v2/tickets.json',
      headers: [['Content-Type', 'application/json'], ['Authorization', 'Bearer %{secret.zendesk_oauth_token}']],
      body: '{"ticket": {"subject": "{{${first_name} | json_escape}}"}}\n',
    })
    expect(read('templates/Pasted hook.liquid')).not.toContain('zd-pasted-123456')
    const second = await hookbench(ws, args)
    expect(second.stdout).toBe('created templates/Pasted hook (2).liquid (Pasted hook was taken)\n')
    expect(readdirSync(join(ws, 'templates')).filter((n) => n.startsWith('Pasted hook'))).toHaveLength(2)
  })

  it('round trip: an exported Zendesk webhook and trigger import back as the same template', async () => {
    const webhook = join(ws, '..', 'rt-webhook.json')
    const trigger = join(ws, '..', 'rt-trigger.json')
    await hookbench(ws, ['export', SOLVED, '--for', 'zendesk-webhook', '--env', 'sandbox', '--out', webhook])
    await hookbench(ws, ['export', SOLVED, '--for', 'zendesk-trigger', '--env', 'sandbox', '--out', trigger])
    const run = await hookbench(ws, ['import-template', 'zendesk-trigger', trigger, '--webhook', webhook, '--env', 'sandbox', '--name', 'solved-again'])
    expect(run.code).toBe(0)
    expect(run.stdout).toBe('created templates/solved-again.liquid\n')
    const original = parseTemplateFile(read(SOLVED), SOLVED)
    const back = parseTemplateFile(read('templates/solved-again.liquid'), 'solved-again.liquid')
    expect(back.diagnostics).toEqual([])
    expect(request(back)).toEqual(request(original))
    expect(back.meta.zendesk?.trigger?.conditions).toEqual({ preset: 'status-solved' })
    // And it exports to the same payload again.
    const again = await hookbench(ws, ['export', 'templates/solved-again.liquid', '--for', 'zendesk-trigger', '--env', 'sandbox', '--format', 'json'])
    const before = JSON.parse(readFileSync(trigger, 'utf8'))
    expect(JSON.parse(again.stdout).trigger.actions).toEqual(before.trigger.actions)
    expect(JSON.parse(again.stdout).trigger.conditions).toEqual(before.trigger.conditions)
  })

  it('round trip: an exported Braze webhook object imports back as the same template', async () => {
    const object = join(ws, '..', 'rt-braze.json')
    await hookbench(ws, ['export', NPS, '--for', 'braze-api', '--env', 'sandbox', '--out', object])
    const run = await hookbench(ws, ['import-template', 'braze', object, '--env', 'sandbox', '--name', 'nps-again'])
    expect(run.code).toBe(0)
    expect(request(parseTemplateFile(read('templates/nps-again.liquid'), 'n.liquid'))).toEqual(request(parseTemplateFile(read(NPS), NPS)))
  })

  it('reports unreadable input located in it, with exit 2, creating nothing', async () => {
    const broken = join(ws, '..', 'broken-trigger.json')
    writeFileSync(broken, '{\n  "trigger": {\n    "title": "x",\n  }\n}\n')
    const before = readdirSync(join(ws, 'templates')).length
    const run = await hookbench(ws, ['import-template', 'zendesk-trigger', broken])
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/broken-trigger\.json:4:3: error: Not valid JSON/)
    expect(readdirSync(join(ws, 'templates'))).toHaveLength(before)
  })
})
