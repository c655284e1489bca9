/**
 * End-to-end: flow runs in simulate mode against the fake Zendesk and fake Braze. Hookbench
 * renders the Braze → Zendesk template for the sample user, creates the ticket, fetches it,
 * changes it as an agent, checks the trigger's conditions, delivers the Zendesk → Braze webhook
 * signed as Zendesk would, and waits for Braze's asynchronous /users/track to show the result.
 */
import { createHmac } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FlowEvent, FlowRun, FlowRunOptions, FlowStep } from '../../shared/api/contract.js'
import { maskSecrets } from '../../shared/environment/substitute.js'
import { loadSamples } from '../../shared/samples/load.js'
import { ZENDESK_TEST_SIGNING_SECRET } from '../../shared/zendesk/signature.js'
import { FlowSetupError, runWorkspaceFlow } from '../../electron/services/flow/index.js'
import { HistoryStore } from '../../electron/services/history.js'
import { MemorySecretStore } from '../../electron/services/secrets/memoryStore.js'
import { openWorkspace } from '../../electron/services/workspace/index.js'
import { startFakeBraze, type FakeBraze } from '../fakes/braze.js'
import { startFakeZendesk, type FakeZendesk } from '../fakes/zendesk.js'
import { FLOW, makeFlowWorkspace, ZENDESK_TO_BRAZE, type FlowWorkspace } from './flowWorkspace.js'

let zendesk: FakeZendesk
let braze: FakeBraze

beforeAll(async () => {
  zendesk = await startFakeZendesk()
  // Long enough that the first look at the profile often finds nothing yet: the check must wait.
  braze = await startFakeBraze({ applyDelayMs: 40 })
})
afterAll(async () => {
  await zendesk.close()
  await braze.close()
})

interface RunInput {
  flow?: string
  options?: Partial<FlowRunOptions>
  onEvent?: (event: FlowEvent) => void
}

async function runIn(ws: FlowWorkspace, input: RunInput = {}): Promise<FlowRun> {
  const store = new MemorySecretStore(ws.secrets)
  const { run } = await runWorkspaceFlow(
    {
      workspace: await openWorkspace(ws.root),
      secretsFor: () => store,
      brazeBaseUrl: braze.url,
      record: async (finished, secretValues) => {
        const history = new HistoryStore(ws.root, (text) => maskSecrets(text, secretValues))
        const entry = await history.appendFlowRun(finished)
        await history.close()
        return entry.id
      },
    },
    { flow: input.flow ?? 'nps-round-trip', options: { keep: false, confirmProduction: false, ...input.options }, ...(input.onEvent ? { onEvent: input.onEvent } : {}) },
  )
  return run
}

const stepOf = (run: FlowRun, id: FlowStep['id']) => run.steps.find((s) => s.id === id)!
const statuses = (run: FlowRun) => Object.fromEntries(run.steps.map((s) => [s.id, s.status]))
const tracked = () => braze.requests.filter((r) => r.path === '/users/track')

describe('flow runs, simulate mode', () => {
  it('passes end to end: ticket created, trigger fires on the change, Braze shows the event, ticket deleted; one history entry, secrets masked', async () => {
    const ws = await makeFlowWorkspace(zendesk, braze)
    const events: FlowEvent[] = []
    const before = tracked().length
    const run = await runIn(ws, { onEvent: (e) => events.push(e) })

    expect(run.failure).toBeNull()
    expect(run.status).toBe('passed')
    expect(run.steps.map((s) => [s.id, s.status])).toEqual([
      ['render-braze', 'passed'],
      ['create-ticket', 'passed'],
      ['fetch-ticket', 'passed'],
      ['braze-baseline', 'passed'],
      ['update-ticket', 'passed'],
      ['evaluate-trigger', 'passed'],
      ['render-zendesk', 'passed'],
      ['deliver-webhook', 'passed'],
      ['verify-braze', 'passed'],
      ['cleanup', 'passed'],
    ])
    const ticketId = run.ticket!.id
    expect(stepOf(run, 'create-ticket').summary).toBe(`Zendesk created ticket #${ticketId} (201 Created).`)
    expect(stepOf(run, 'evaluate-trigger').summary).toBe('It fires on the change: "update_type is Change": this update changed the ticket. "status changed to solved": status went from new to solved.')
    expect(run.trigger.map((t) => [t.update, t.fires])).toEqual([['Create', false], ['Change', true]])
    expect(run.verification).toMatchObject({ user: { email: 'priya.raman@northwind.example' }, met: true })
    expect(stepOf(run, 'verify-braze').summary).toContain(`last_zendesk_ticket_id is ${ticketId}`)

    // Every step keeps what it sent and got, with timing.
    const create = stepOf(run, 'create-ticket')
    expect(create.exchanges).toHaveLength(1)
    expect(create.exchanges[0]).toMatchObject({ label: 'Create the ticket', request: { method: 'POST', headers: { Authorization: 'Bearer <ZENDESK_OAUTH_TOKEN>' } }, response: { status: 201 } })
    expect(stepOf(run, 'fetch-ticket').exchanges.map((e) => e.label)).toContain(`GET /api/v2/tickets/${ticketId}/comments.json`)
    for (const step of run.steps) expect(step.durationMs).toBeGreaterThanOrEqual(0)

    // Delivered as Zendesk would: JSON, Bearer key, signed over the exact body.
    const sent = tracked().slice(before)
    expect(sent).toHaveLength(1)
    const { headers, body } = sent[0]!
    expect(headers['content-type']).toBe('application/json')
    expect(headers.authorization).toBe(`Bearer ${ws.secrets.braze_rest_api_key}`)
    const timestamp = String(headers['x-zendesk-webhook-signature-timestamp'])
    expect(timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
    expect(headers['x-zendesk-webhook-signature']).toBe(createHmac('sha256', ZENDESK_TEST_SIGNING_SECRET).update(timestamp + body).digest('base64'))
    const delivered = stepOf(run, 'deliver-webhook').exchanges[0]!
    expect(delivered.request.headers).toMatchObject({ Authorization: 'Bearer <BRAZE_REST_API_KEY>', 'X-Zendesk-Webhook-Signature': headers['x-zendesk-webhook-signature'] })
    expect(JSON.parse(body).events[0]).toMatchObject({ email: 'priya.raman@northwind.example', name: 'zendesk_ticket_solved', properties: { ticket_id: ticketId } })

    // Cleaned up.
    expect(run.ticket).toMatchObject({ deleted: true })
    expect(zendesk.state.tickets.has(ticketId)).toBe(false)

    // Progress: the run, then each step as it starts and finishes, then the run again.
    expect(events[0]).toMatchObject({ type: 'run-started', run: { status: 'running' } })
    expect((events[0] as { run: FlowRun }).run.steps.every((s) => s.status === 'pending')).toBe(true)
    expect(events.slice(1, 3)).toMatchObject([
      { type: 'step-started', step: { id: 'render-braze', status: 'running' } },
      { type: 'step-finished', step: { id: 'render-braze', status: 'passed' } },
    ])
    expect(events.at(-1)).toMatchObject({ type: 'run-finished', run: { status: 'passed' } })
    expect(events.filter((e) => e.type === 'step-finished')).toHaveLength(10)

    // One history entry; no secret in it, nor in what the run returned.
    const history = await new HistoryStore(ws.root, (t) => t).listFlowRuns()
    expect(history.entries.map((e) => e.id)).toEqual([run.historyId])
    const onDisk = readFileSync(join(ws.root, '.hookbench/history/history.jsonl'), 'utf8')
    for (const secret of Object.values(ws.secrets)) {
      expect(onDisk).not.toContain(secret)
      expect(JSON.stringify(run)).not.toContain(secret)
      expect(JSON.stringify(events)).not.toContain(secret)
    }
    expect(onDisk).toContain('\\"access_token\\":\\"<secret>\\"')
  })

  it('fires on the creation for a "ticket-created" trigger, without an agent update', async () => {
    const ws = await makeFlowWorkspace(zendesk, braze)
    ws.write('templates/solved-to-braze.liquid', ZENDESK_TO_BRAZE.replace('conditions: status-solved', 'conditions: ticket-created'))
    ws.write('flows/nps-round-trip.yaml', FLOW.replace('agent_update:\n  status: solved\n', ''))
    const run = await runIn(ws)
    expect(run.failure).toBeNull()
    expect(run.steps.map((s) => s.id)).not.toContain('update-ticket')
    expect(run.trigger.map((t) => [t.update, t.fires])).toEqual([['Create', true]])
    expect(stepOf(run, 'evaluate-trigger').summary).toBe('It fires on the creation: "update_type is Create": this update created the ticket.')
    expect(stepOf(run, 'deliver-webhook').exchanges[0]!.label).toBe("Webhook for the ticket's creation, signed with Zendesk's static test signing secret (no deployed webhook recorded)")
  })

  it('fails where the trigger\'s conditions do not match, naming the condition; nothing is delivered; the ticket is still deleted', async () => {
    const ws = await makeFlowWorkspace(zendesk, braze)
    ws.write('flows/nps-round-trip.yaml', FLOW.replace('status: solved', 'status: pending'))
    const before = tracked().length
    const run = await runIn(ws)

    expect(run.status).toBe('failed')
    expect(run.failure?.step).toBe('evaluate-trigger')
    expect(run.failure?.reason).toContain('Zendesk would not fire the trigger, so it would not call the webhook.')
    expect(run.failure?.reason).toContain('"status changed to solved" is not met (status went from new to pending)')
    expect(run.trigger[1]!.conditions.find((c) => c.met === false)).toMatchObject({ field: 'status', operator: 'value', value: 'solved' })
    expect(statuses(run)).toMatchObject({ 'render-zendesk': 'skipped', 'deliver-webhook': 'skipped', 'verify-braze': 'skipped', cleanup: 'passed' })
    expect(stepOf(run, 'deliver-webhook').summary).toBe(`Not run: the step "${stepOf(run, 'evaluate-trigger').title}" failed.`)
    expect(tracked().length).toBe(before)
    expect(zendesk.state.tickets.has(run.ticket!.id)).toBe(false)
  })

  it('fails where the Zendesk → Braze body breaks JSON for this ticket, located in the template, and sends nothing to Braze', async () => {
    const ws = await makeFlowWorkspace(zendesk, braze)
    // The test ticket has no group: an unquoted {{ticket.group.id}} leaves `"zendesk_group_id": ,`.
    ws.write('templates/solved-to-braze.liquid', ZENDESK_TO_BRAZE.replace('"last_zendesk_ticket_id": {{ticket.id}}', '"last_zendesk_ticket_id": {{ticket.id}}, "zendesk_group_id": {{ticket.group.id}}'))
    const before = tracked().length
    const run = await runIn(ws)

    expect(run.failure?.step).toBe('render-zendesk')
    expect(run.failure?.reason).toMatch(/^For the ticket after its change: Not sent: the template has errors \(line 24, column \d+: Rendered body is not valid JSON/)
    const located = stepOf(run, 'render-zendesk').diagnostics.find((d) => d.code === 'json-invalid')
    expect(located).toMatchObject({ severity: 'error', file: 'templates/solved-to-braze.liquid', line: 24 })
    // The lint that warns about exactly this trap is reported with it.
    expect(stepOf(run, 'render-zendesk').diagnostics).toContainEqual(expect.objectContaining({ severity: 'warning', code: 'zendesk-unquoted-placeholder', line: 24 }))
    expect(statuses(run)).toMatchObject({ 'deliver-webhook': 'skipped', cleanup: 'passed' })
    expect(tracked().length).toBe(before)
  })

  it('fails when Braze answers 201 with errors (a minor error; its object shape is UNCONFIRMED): the refused object is named', async () => {
    const ws = await makeFlowWorkspace(zendesk, braze)
    const minor = { message: 'success', events_processed: 0, attributes_processed: 1, errors: [{ type: "'external_id' or 'braze_id' or 'user_alias' is required", input_array: 'events', index: 0 }] }
    const run = await runIn(ws, {
      // The next request Braze gets is the webhook's /users/track (the signing secret comes from Zendesk).
      onEvent: (e) => e.type === 'step-started' && e.step.id === 'deliver-webhook' && braze.failNext(201, minor),
    })
    expect(run.failure?.step).toBe('deliver-webhook')
    expect(run.failure?.reason).toBe(
      "Braze answered 201 but reported errors: events[0]: 'external_id' or 'braze_id' or 'user_alias' is required: the objects with errors were not processed, the rest were (minor errors, braze.md §5.2).",
    )
    expect(stepOf(run, 'deliver-webhook').exchanges[0]!.response).toMatchObject({ status: 201, json: true })
    expect(statuses(run)).toMatchObject({ 'verify-braze': 'skipped', cleanup: 'passed' })
  })

  it('times out with what it saw when Braze never shows the expected data', async () => {
    const ws = await makeFlowWorkspace(zendesk, braze)
    ws.write('flows/nps-round-trip.yaml', FLOW.replace('timeout_seconds: 3', 'timeout_seconds: 0.3').replace('events: [zendesk_ticket_solved]', 'events: [zendesk_ticket_reopened]'))
    const run = await runIn(ws)
    expect(run.failure?.step).toBe('verify-braze')
    expect(run.failure?.reason).toMatch(
      /^Braze did not show what the flow expects within 0\.3 s \(\d+ lookup\(s\)\)\. Last seen on the profile with email priya\.raman@northwind\.example: zendesk_ticket_reopened is not on the profile \(it has zendesk_ticket_solved ×\d+\)\.$/,
    )
    expect(run.verification).toMatchObject({ met: false, findings: [{ name: 'zendesk_ticket_reopened', met: false }, { name: 'last_zendesk_ticket_id', met: true }] })
    expect(stepOf(run, 'verify-braze').exchanges.length).toBe(run.verification!.attempts)
  })

  it('deletes the ticket at the end, keeps it with --keep (or cleanup: false), and saves it as a sample on request', async () => {
    const ws = await makeFlowWorkspace(zendesk, braze)
    const kept = await runIn(ws, { options: { keep: true, saveSample: 'round-trip ticket' } })
    expect(kept.status).toBe('passed')
    expect(stepOf(kept, 'cleanup')).toMatchObject({ status: 'skipped', summary: `Kept on request (--keep): ticket #${kept.ticket!.id} stays in "sandbox".` })
    expect(zendesk.state.tickets.has(kept.ticket!.id)).toBe(true)
    expect(kept.ticket?.deleted).toBe(false)

    expect(kept.savedSample).toEqual({ name: 'round-trip ticket', path: 'samples/zendesk-tickets/round-trip ticket.json' })
    const text = readFileSync(join(ws.root, kept.savedSample!.path), 'utf8')
    const sample = loadSamples(text, kept.savedSample!.path, 'zendesk-ticket')
    expect(sample.diagnostics).toEqual([])
    expect(sample.samples[0]!.data).toMatchObject({ ticket: { id: kept.ticket!.id, status: 'solved' }, comments: [expect.any(Object)], account: { subdomain: zendesk.subdomain } })

    ws.write('flows/no-cleanup.yaml', `${FLOW}cleanup: false\n`)
    const noCleanup = await runIn(ws, { flow: 'no-cleanup' })
    expect(stepOf(noCleanup, 'cleanup').summary).toMatch(/^Kept: the flow says cleanup: false\./)
    expect(zendesk.state.tickets.has(noCleanup.ticket!.id)).toBe(true)

    const deleted = await runIn(ws)
    expect(stepOf(deleted, 'cleanup')).toMatchObject({ status: 'passed', summary: `Ticket #${deleted.ticket!.id} deleted.` })
    expect(stepOf(deleted, 'cleanup').exchanges[0]).toMatchObject({ request: { method: 'DELETE' }, response: { status: 204 } })
    expect(zendesk.state.tickets.has(deleted.ticket!.id)).toBe(false)

    // The sample name is checked before anything is created.
    await expect(runIn(ws, { options: { saveSample: 'Round-Trip Ticket' } })).rejects.toMatchObject({
      name: 'FlowSetupError',
      kind: 'invalid',
      message: '--save-sample: the Zendesk ticket sample "round-trip ticket" exists already (samples/zendesk-tickets/round-trip ticket.json); pick another name.',
    })
  })

  it('refuses a production environment unless confirmed; confirmed, its ticket is never deleted', async () => {
    const ws = await makeFlowWorkspace(zendesk, braze)
    ws.writeEnvironment('sandbox', { kind: 'production' })
    const tickets = zendesk.state.tickets.size
    await expect(runIn(ws)).rejects.toMatchObject({ kind: 'refused', message: expect.stringMatching(/^"sandbox" is a production environment: confirm to run the flow against it \(--yes-production\)/) })
    expect(zendesk.state.tickets.size).toBe(tickets)

    const run = await runIn(ws, { options: { confirmProduction: true } })
    expect(run.status).toBe('passed')
    const cleanup = stepOf(run, 'cleanup')
    expect(cleanup.status).toBe('skipped')
    expect(cleanup.summary).toBe(`Refused: "sandbox" is a production environment, where Hookbench never deletes tickets. Ticket #${run.ticket!.id} stays; delete it by hand if it should go.`)
    expect(cleanup.exchanges).toEqual([])
    expect(run.warnings).toContain(cleanup.summary)
    expect(zendesk.state.tickets.has(run.ticket!.id)).toBe(true)
  })

  it('stops at the Braze template: abort_message, or errors located in the template; no ticket is created', async () => {
    const ws = await makeFlowWorkspace(zendesk, braze)
    ws.write('samples/braze-users/priya.json', JSON.stringify({ external_id: 'cust-1', first_name: 'Pat', email: 'pat@example.com', event_properties: { score: 9 } }))
    const template = readFileSync(join(ws.root, 'templates/detractor-to-zendesk.liquid'), 'utf8')
    ws.write('templates/detractor-to-zendesk.liquid', template.replace('---\n{', "---\n{%- if event_properties.${score} > 6 -%}{% abort_message('Not a detractor') %}{%- endif -%}\n{"))
    const tickets = zendesk.state.tickets.size
    const aborted = await runIn(ws)
    expect(aborted.failure).toEqual({ step: 'render-braze', reason: 'abort_message fired: Not a detractor. Braze would not send this message.' })
    expect(statuses(aborted)).toMatchObject({ 'create-ticket': 'skipped', cleanup: 'skipped' })
    expect(stepOf(aborted, 'cleanup').summary).toBe('No ticket was created: nothing to delete.')
    expect(aborted.ticket).toBeNull()
    expect(zendesk.state.tickets.size).toBe(tickets)

    ws.write('templates/detractor-to-zendesk.liquid', template.replace('"tags": ["braze", "nps_detractor"]', '"tags": ["braze", "nps_detractor"], "priority": "{% if true %}high"'))
    const broken = await runIn(ws)
    expect(broken.failure?.step).toBe('render-braze')
    expect(broken.failure?.reason).toMatch(/^Not sent: the template has errors \(line 15, column \d+: /)
    expect(stepOf(broken, 'render-braze').diagnostics.find((d) => d.severity === 'error')).toMatchObject({ file: 'templates/detractor-to-zendesk.liquid', line: 15 })
  })

  it('does not start when the flow names what does not exist: every problem located in the flow file', async () => {
    const ws = await makeFlowWorkspace(zendesk, braze)
    ws.write('flows/broken.yaml', FLOW.replace('template: solved-to-braze', 'template: solved-to-braz').replace('sample: priya', 'sample: nobody').replace('environment: sandbox', 'environment: sandbx'))
    const error = (await runIn(ws, { flow: 'broken' }).catch((e: unknown) => e)) as FlowSetupError
    expect(error).toBeInstanceOf(FlowSetupError)
    expect(error.kind).toBe('invalid')
    expect(error.diagnostics.map((d) => `${d.file}:${d.line}:${d.column}: ${d.message}${d.hint ? ` (${d.hint})` : ''}`)).toEqual([
      'flows/broken.yaml:3:14: No environment "sandbx" in environments/. (Did you mean "sandbox"?)',
      'flows/broken.yaml:6:11: No Braze user sample "nobody" in samples/braze-users/.',
      'flows/broken.yaml:10:13: No template "solved-to-braz" in templates/. (Did you mean "solved-to-braze"?)',
    ])

    ws.write('flows/swapped.yaml', FLOW.replace('template: detractor-to-zendesk', 'template: solved-to-braze').replace('template: solved-to-braze\nverify', 'template: detractor-to-zendesk\nverify'))
    await expect(runIn(ws, { flow: 'swapped' })).rejects.toMatchObject({
      diagnostics: [
        expect.objectContaining({ code: 'flow-template-dialect', line: 5, message: 'templates/solved-to-braze.liquid is a zendesk template; braze_to_zendesk takes a Braze → Zendesk (dialect: braze) template.' }),
        expect.objectContaining({ code: 'flow-template-dialect', line: 10 }),
      ],
    })

    ws.write('flows/typo.yaml', FLOW.replace('verify:', 'verfy:'))
    await expect(runIn(ws, { flow: 'typo' })).rejects.toMatchObject({ kind: 'invalid', diagnostics: [expect.objectContaining({ code: 'flow-unknown-key', line: 11, hint: 'Did you mean `verify`?' })] })
    await expect(runIn(ws, { flow: 'missing' })).rejects.toMatchObject({ code: 'not-found', message: 'No flow "missing" in flows/ (flows: broken, nps-round-trip, swapped, typo).' })
    expect(existsSync(join(ws.root, '.hookbench/history/history.jsonl'))).toBe(false)
  })
})
