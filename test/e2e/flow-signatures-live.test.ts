/**
 * End-to-end: the webhook's signature checked by a receiver that verifies it (a loopback
 * endpoint in front of the fake Braze that recomputes the HMAC and refuses a bad one), and live
 * mode, where the trigger deployed with `hookbench deploy` fires in Zendesk itself.
 *
 * The fake Zendesk cannot fire triggers (it stores them, it does not run them on ticket
 * updates), so the live test plays Zendesk's part: when the agent's change is made, it renders
 * the deployed trigger's body for the ticket and calls the webhook's endpoint with the webhook's
 * method, Bearer token and signature, as Zendesk would.
 */
import { createHmac } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FlowEvent, FlowRun, FlowStep } from '../../shared/api/contract.js'
import { compileTemplate } from '../../shared/render/compile.js'
import { renderTemplate } from '../../shared/render/render.js'
import { parseEnvironment } from '../../shared/environment/model.js'
import { parseTemplateFile } from '../../shared/template/file.js'
import { ZENDESK_TEST_SIGNING_SECRET } from '../../shared/zendesk/signature.js'
import { deployTemplate } from '../../electron/services/deploy/index.js'
import { runWorkspaceFlow } from '../../electron/services/flow/index.js'
import { MemorySecretStore } from '../../electron/services/secrets/memoryStore.js'
import { openWorkspace } from '../../electron/services/workspace/index.js'
import { startFakeBraze, type FakeBraze } from '../fakes/braze.js'
import { startFakeZendesk, type FakeZendesk } from '../fakes/zendesk.js'
import { FLOW, makeFlowWorkspace, type FlowWorkspace } from './flowWorkspace.js'

let zendesk: FakeZendesk
let braze: FakeBraze

beforeAll(async () => {
  zendesk = await startFakeZendesk()
  braze = await startFakeBraze({ applyDelayMs: 20 })
})
afterAll(async () => {
  await zendesk.close()
  await braze.close()
})

/** Base64 HMAC-SHA256 of timestamp + body, recomputed here from the documented formula (zendesk.md §0 item 5). */
const hmac = (secret: string, timestamp: string, body: string) => createHmac('sha256', secret).update(timestamp + body).digest('base64')

/**
 * A webhook receiver that verifies Zendesk's signature with the secret it expects, answers 401
 * to a bad one, and passes good requests on to the fake Braze.
 */
async function startVerifyingReceiver(secret: () => string): Promise<{ url: string; verdicts: boolean[]; close(): Promise<void> }> {
  const verdicts: boolean[] = []
  const server: Server = createServer((req, res) => {
    let body = ''
    req.setEncoding('utf8')
    req.on('data', (chunk: string) => (body += chunk))
    req.on('end', () => {
      const timestamp = String(req.headers['x-zendesk-webhook-signature-timestamp'] ?? '')
      const valid = timestamp !== '' && req.headers['x-zendesk-webhook-signature'] === hmac(secret(), timestamp, body)
      verdicts.push(valid)
      if (!valid) {
        res.writeHead(401, { 'Content-Type': 'application/json' }).end(JSON.stringify({ message: 'Invalid webhook signature' }))
        return
      }
      fetch(`${braze.url}${req.url}`, { method: req.method!, headers: { Authorization: String(req.headers.authorization), 'Content-Type': String(req.headers['content-type']) }, body })
        .then(async (answer) => res.writeHead(answer.status, { 'Content-Type': 'application/json' }).end(await answer.text()))
        .catch(() => res.writeHead(502).end())
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  return { url: `http://127.0.0.1:${port}`, verdicts, close: () => new Promise((resolve) => server.close(() => resolve())) }
}

async function run(ws: FlowWorkspace, flow = 'nps-round-trip', onEvent?: (event: FlowEvent) => void): Promise<FlowRun> {
  const store = new MemorySecretStore(ws.secrets)
  const outcome = await runWorkspaceFlow(
    { workspace: await openWorkspace(ws.root), secretsFor: () => store, brazeBaseUrl: braze.url },
    { flow, options: { keep: false, confirmProduction: false }, ...(onEvent ? { onEvent } : {}) },
  )
  return outcome.run
}

/** `hookbench deploy` of the workspace's Zendesk → Braze template to the fake Zendesk: ids recorded in its front matter. */
async function deploy(ws: FlowWorkspace): Promise<{ webhookId: string; triggerId: number }> {
  const path = join(ws.root, 'templates/solved-to-braze.liquid')
  const envPath = join(ws.root, 'environments/sandbox.json')
  const environment = parseEnvironment(readFileSync(envPath, 'utf8'), envPath).environment!
  const result = await deployTemplate({ path, text: readFileSync(path, 'utf8'), environment, secrets: new MemorySecretStore(ws.secrets) })
  expect(result.failure).toBeUndefined()
  return { webhookId: result.webhook!.id, triggerId: result.trigger!.id }
}

const stepOf = (flowRun: FlowRun, id: FlowStep['id']) => flowRun.steps.find((s) => s.id === id)!

describe('the webhook signature, checked by a receiver that verifies it', () => {
  it('is accepted when signed with the static test secret (no deployed webhook)', async () => {
    const receiver = await startVerifyingReceiver(() => ZENDESK_TEST_SIGNING_SECRET)
    try {
      const ws = await makeFlowWorkspace(zendesk, braze, receiver.url)
      const result = await run(ws)
      expect(result.failure).toBeNull()
      expect(receiver.verdicts).toEqual([true])
      expect(stepOf(result, 'deliver-webhook').exchanges[0]!.label).toMatch(/signed with Zendesk's static test signing secret/)
    } finally {
      await receiver.close()
    }
  })

  it("is accepted when signed with the deployed webhook's own secret, read from GET /api/v2/webhooks/{id}/signing_secret", async () => {
    let expected = ''
    const receiver = await startVerifyingReceiver(() => expected)
    try {
      const ws = await makeFlowWorkspace(zendesk, braze, receiver.url)
      const { webhookId } = await deploy(ws)
      expected = zendesk.state.webhooks.get(webhookId)!.signing_secret
      const result = await run(ws)
      expect(result.failure).toBeNull()
      expect(receiver.verdicts).toEqual([true])
      const deliver = stepOf(result, 'deliver-webhook')
      expect(deliver.exchanges.map((e) => e.label)).toEqual([
        `GET /api/v2/webhooks/${webhookId}/signing_secret`,
        `Webhook for the ticket's change, signed with the signing secret of the deployed webhook ${webhookId}`,
      ])
      // The secret itself is never shown.
      expect(JSON.stringify(result)).not.toContain(expected)
      expect(deliver.exchanges[0]!.response!.body).toContain('"secret":"<secret>"')
    } finally {
      await receiver.close()
    }
  })

  it('is refused when the receiver expects another secret: the delivery fails with its answer', async () => {
    const receiver = await startVerifyingReceiver(() => 'the-secret-of-another-webhook')
    try {
      const ws = await makeFlowWorkspace(zendesk, braze, receiver.url)
      const result = await run(ws)
      expect(receiver.verdicts).toEqual([false])
      expect(result.failure).toEqual({ step: 'deliver-webhook', reason: 'Braze answered 401 Unauthorized: Invalid webhook signature.' })
      expect(stepOf(result, 'verify-braze').status).toBe('skipped')
      expect(stepOf(result, 'cleanup').status).toBe('passed')
    } finally {
      await receiver.close()
    }
  })

  it('falls back to the test secret, saying so, when the recorded webhook is gone', async () => {
    const ws = await makeFlowWorkspace(zendesk, braze)
    const { webhookId } = await deploy(ws)
    zendesk.state.webhooks.delete(webhookId)
    const result = await run(ws)
    expect(result.failure).toBeNull()
    const [warning, ...more] = stepOf(result, 'deliver-webhook').warnings
    expect(more).toEqual([])
    expect(warning).toMatch(new RegExp(`^The signing secret of webhook ${webhookId} could not be read \\(Zendesk answered 404: Webhook not found.*\\): signed with Zendesk's static test secret instead, which a receiver that checks signatures refuses\\.$`))
  })
})

describe('live mode: the deployed trigger fires in Zendesk', () => {
  const LIVE = FLOW.replace('name: NPS detractor round trip', 'name: NPS round trip, live\nmode: live')

  /** What Zendesk does when the trigger fires: the action's body rendered for the ticket, sent as the webhook says. */
  async function fireTriggerAsZendesk(ids: { webhookId: string; triggerId: number }, ticketId: number, token: string): Promise<void> {
    const webhook = zendesk.state.webhooks.get(ids.webhookId)!
    const action = zendesk.state.triggers.get(ids.triggerId)!.actions.find((a) => a.field === 'notification_webhook')!
    const [, bodyTemplate] = action.value as [string, string]
    const headers = { Authorization: `Bearer ${token}` }
    const ticket = await (await fetch(`${zendesk.url}/api/v2/tickets/${ticketId}.json?include=users,organizations,groups`, { headers })).json()
    const compiled = compileTemplate(parseTemplateFile(bodyTemplate, 'trigger action', { defaultDialect: 'zendesk' }))
    const body = renderTemplate(compiled, ticket).request.body
    const timestamp = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z')
    const authentication = webhook.authentication as { data: { token: string } }
    await fetch(webhook.endpoint, {
      method: webhook.http_method,
      headers: {
        'Content-Type': 'application/json',
        Authorization: `Bearer ${authentication.data.token}`,
        'X-Zendesk-Webhook-Signature': hmac(webhook.signing_secret, timestamp, body),
        'X-Zendesk-Webhook-Signature-Timestamp': timestamp,
      },
      body,
    })
  }

  it('checks the deployment, skips Zendesk\'s part, and verifies that the event arrived', async () => {
    const ws = await makeFlowWorkspace(zendesk, braze)
    ws.write('flows/live.yaml', LIVE)
    const ids = await deploy(ws)
    const tracked = braze.requests.filter((r) => r.path === '/users/track').length
    let fired: Promise<void> | undefined
    const result = await run(ws, 'live', (event) => {
      // Zendesk fires the trigger a moment after the agent's change.
      if (event.type === 'step-finished' && event.step.id === 'update-ticket') {
        const ticketId = Number(/#(\d+)/.exec(event.step.summary ?? '')![1])
        fired = new Promise((resolve) => setTimeout(resolve, 30)).then(() => fireTriggerAsZendesk(ids, ticketId, ws.secrets.zendesk_oauth_token!))
      }
    })
    await fired

    expect(result.failure).toBeNull()
    expect(result.mode).toBe('live')
    expect(result.steps.map((s) => [s.id, s.status])).toEqual([
      ['check-deployment', 'passed'],
      ['render-braze', 'passed'],
      ['create-ticket', 'passed'],
      ['fetch-ticket', 'passed'],
      ['braze-baseline', 'passed'],
      ['update-ticket', 'passed'],
      ['evaluate-trigger', 'skipped'],
      ['render-zendesk', 'skipped'],
      ['deliver-webhook', 'skipped'],
      ['verify-braze', 'passed'],
      ['cleanup', 'passed'],
    ])
    expect(stepOf(result, 'check-deployment').summary).toBe(`Trigger ${ids.triggerId} ("Braze – ticket solved") is active and calls webhook ${ids.webhookId} (${braze.url}/users/track).`)
    expect(stepOf(result, 'deliver-webhook').summary).toBe('Live mode: Zendesk fires its own trigger and calls the webhook; Hookbench only checks that Braze got it.')
    expect(stepOf(result, 'braze-baseline').warnings[0]).toMatch(/^Live mode: the trigger may have fired before this baseline/)
    expect(result.verification).toMatchObject({ met: true })
    // Only "Zendesk" (the test) called Braze's /users/track: Hookbench delivered nothing itself.
    expect(braze.requests.filter((r) => r.path === '/users/track').length).toBe(tracked + 1)
  })

  it('times out saying what Braze showed when the trigger never fires', async () => {
    const ws = await makeFlowWorkspace(zendesk, braze)
    ws.write('flows/live.yaml', LIVE.replace('timeout_seconds: 3', 'timeout_seconds: 0.2'))
    await deploy(ws)
    const result = await run(ws, 'live')
    expect(result.failure?.step).toBe('verify-braze')
    expect(result.failure?.reason).toMatch(/^Braze did not show what the flow expects within 0\.2 s \(\d+ lookup\(s\)\)\. Last seen on the profile with email priya\.raman@northwind\.example: /)
  })

  it('fails the deployment check when the trigger was switched off in Zendesk', async () => {
    const ws = await makeFlowWorkspace(zendesk, braze)
    ws.write('flows/live.yaml', LIVE)
    const { triggerId } = await deploy(ws)
    zendesk.state.triggers.get(triggerId)!.active = false
    const tickets = zendesk.state.tickets.size
    const result = await run(ws, 'live')
    expect(result.failure).toEqual({ step: 'check-deployment', reason: `The trigger ${triggerId} ("Braze – ticket solved") is inactive: Zendesk does not fire it. Activate it, or deploy again.` })
    expect(zendesk.state.tickets.size).toBe(tickets)
  })

  it('does not start when nothing is deployed, saying how to deploy', async () => {
    const ws = await makeFlowWorkspace(zendesk, braze)
    ws.write('flows/live.yaml', LIVE)
    await expect(run(ws, 'live')).rejects.toMatchObject({
      kind: 'invalid',
      diagnostics: [
        expect.objectContaining({
          code: 'flow-not-deployed',
          file: 'flows/live.yaml',
          line: 3,
          message: 'Live mode needs the webhook and trigger of templates/solved-to-braze.liquid deployed to "sandbox", and none is recorded in its front matter.',
          hint: 'Run: hookbench deploy templates/solved-to-braze.liquid --env sandbox',
        }),
      ],
    })
  })
})
