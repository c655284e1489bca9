/**
 * End-to-end: the `flow.*` calls of the API contract, through the app's services (as Electron IPC
 * and the web bridge call them, inputs and outputs validated), against the fakes: list, read,
 * run, start and follow progress, the history, and re-running a run from the history.
 */
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FlowEvent, FlowHistoryEntry, FlowProgress, FlowRun, FlowSummary } from '../../shared/api/contract.js'
import { dispatch, type ApiHandlers } from '../../electron/services/apiDispatch.js'
import { createAppServices } from '../../electron/services/app.js'
import { flowApiHandlers } from '../../electron/services/flow/api.js'
import { HistoryStore } from '../../electron/services/history.js'
import { MemorySecretStore } from '../../electron/services/secrets/memoryStore.js'
import { openWorkspace } from '../../electron/services/workspace/index.js'
import { startFakeBraze, type FakeBraze } from '../fakes/braze.js'
import { startFakeZendesk, type FakeZendesk } from '../fakes/zendesk.js'
import { FLOW, makeFlowWorkspace, type FlowWorkspace } from './flowWorkspace.js'

let zendesk: FakeZendesk
let braze: FakeBraze
let ws: FlowWorkspace
let handlers: ApiHandlers

const call = async <T>(name: string, input: unknown): Promise<T> => {
  const outcome = await dispatch(handlers, name, input)
  if (!outcome.ok) throw Object.assign(new Error(outcome.error.message), outcome.error, { status: outcome.status })
  return outcome.value as T
}

/** Without `verify`, the app needs no Braze address of its own: the webhook's URL is the template's. */
const DELIVER_ONLY = FLOW.replace(/verify:[\s\S]*$/, '')

beforeAll(async () => {
  zendesk = await startFakeZendesk()
  braze = await startFakeBraze()
  ws = await makeFlowWorkspace(zendesk, braze)
  ws.write('flows/deliver-only.yaml', DELIVER_ONLY)
  ws.write('flows/broken.yaml', FLOW.replace('agent_update:', 'agent_updates:'))
  handlers = createAppServices({ mode: 'browser', version: '0.0.0', userDataDir: join(ws.root, '..', 'userdata'), secrets: new MemorySecretStore() }).handlers
  await call('workspace.open', { dir: ws.root })
  for (const [name, value] of Object.entries(ws.secrets)) await call('secrets.set', { environment: 'sandbox', name, value })
})
afterAll(async () => {
  await zendesk.close()
  await braze.close()
})

describe('flow calls of the API', () => {
  it('flow.list: every flow with the steps a run takes, and the problems of a broken one', async () => {
    const flows = await call<FlowSummary[]>('flow.list', {})
    expect(flows.map((f) => f.name)).toEqual(['broken', 'deliver-only', 'nps-round-trip'])
    const roundTrip = flows.find((f) => f.name === 'nps-round-trip')!
    expect(roundTrip).toMatchObject({ path: 'flows/nps-round-trip.yaml', title: 'NPS detractor round trip', mode: 'simulate', brazeTemplate: 'detractor-to-zendesk', zendeskTemplate: 'solved-to-braze', diagnostics: [] })
    expect(roundTrip.steps.map((s) => s.id)).toContain('verify-braze')
    const broken = flows.find((f) => f.name === 'broken')!
    expect(broken.steps).toEqual([])
    expect(broken.diagnostics).toEqual([expect.objectContaining({ code: 'flow-unknown-key', file: 'flows/broken.yaml', line: 7, column: 1, hint: 'Did you mean `agent_update`?' })])
  })

  it('flow.read: the text and the summary', async () => {
    const read = await call<{ text: string; hash: string; summary: FlowSummary }>('flow.read', { name: 'deliver-only' })
    expect(read.text).toBe(DELIVER_ONLY)
    expect(read.hash).toMatch(/^[0-9a-f]{64}$/)
    expect(read.summary.steps.find((s) => s.id === 'verify-braze')?.title).toBe('Verify on the Braze profile')
  })

  it('flow.run: the whole run, kept as one history entry beside the sends; flow.rerun runs it again with its options', async () => {
    const run = await call<FlowRun>('flow.run', { name: 'deliver-only', keep: true })
    expect(run.status).toBe('passed')
    expect(run.steps.find((s) => s.id === 'verify-braze')).toMatchObject({ status: 'skipped', summary: 'The flow names nothing to verify (verify: events, attributes).' })
    expect(run.options).toEqual({ keep: true, confirmProduction: false })
    expect(zendesk.state.tickets.has(run.ticket!.id)).toBe(true)
    expect(run.historyId).toMatch(/^[0-9a-f-]{36}$/)

    const history = await call<FlowHistoryEntry[]>('flow.history', { flow: 'deliver-only' })
    expect(history.map((e) => e.id)).toEqual([run.historyId])
    expect(history[0]!.run.historyId).toBe(run.historyId)
    expect(await call('history.list', {})).toEqual([])

    const again = await call<FlowRun>('flow.rerun', { historyId: run.historyId })
    expect(again.status).toBe('passed')
    expect(again.options).toEqual({ keep: true, confirmProduction: false })
    expect(again.ticket!.id).not.toBe(run.ticket!.id)
    expect((await call<FlowHistoryEntry[]>('flow.history', {})).map((e) => e.id)).toEqual([again.historyId, run.historyId])

    const onDisk = await new HistoryStore(ws.root, (t) => t).listFlowRuns()
    expect(JSON.stringify(onDisk)).not.toContain(ws.secrets.zendesk_oauth_token)
  })

  it('flow.start answers at once; flow.progress gives the events as they come, then the run', async () => {
    const { runId } = await call<{ runId: string }>('flow.start', { name: 'deliver-only' })
    const events: FlowEvent[] = []
    let progress: FlowProgress
    do {
      progress = await call<FlowProgress>('flow.progress', { runId, after: events.length })
      events.push(...progress.events)
      if (!progress.done) await new Promise((resolve) => setTimeout(resolve, 5))
    } while (!progress.done)
    expect(progress.error).toBeNull()
    expect(progress.run).toMatchObject({ id: runId, status: 'passed', historyId: expect.any(String) })
    expect(events[0]).toMatchObject({ type: 'run-started', run: { id: runId } })
    expect(events.at(-1)).toMatchObject({ type: 'run-finished' })
    expect(events.filter((e) => e.type === 'step-finished').map((e) => (e as { step: { id: string } }).step.id)).toEqual(progress.run!.steps.map((s) => s.id))
    expect(await call('flow.cancel', { runId })).toEqual({ cancelled: false })
  })

  it('flow.cancel stops a started run between steps; its ticket is still deleted', async () => {
    // A slow Zendesk keeps the run busy long enough to cancel it.
    zendesk.delayNext(150)
    const { runId } = await call<{ runId: string }>('flow.start', { name: 'deliver-only' })
    expect(await call('flow.cancel', { runId })).toEqual({ cancelled: true })
    let progress: FlowProgress
    do {
      await new Promise((resolve) => setTimeout(resolve, 10))
      progress = await call<FlowProgress>('flow.progress', { runId })
    } while (!progress.done)
    const run = progress.run!
    expect(run.status).toBe('failed')
    expect(run.steps.find((s) => s.status === 'skipped')?.summary).toBe('Not run: the run was cancelled.')
    expect(run.failure?.reason).toBe('The run was cancelled.')
    if (run.ticket) expect(run.ticket.deleted).toBe(true)
    zendesk.clearFaults()
  })

  it('answers a flow that cannot start with its problems, located', async () => {
    await expect(call('flow.run', { name: 'broken' })).rejects.toMatchObject({
      code: 'flow-invalid',
      status: 400,
      message: 'flows/broken.yaml has 1 error; fix it first.',
      diagnostics: [expect.objectContaining({ code: 'flow-unknown-key', line: 7 })],
    })
    await expect(call('flow.start', { name: 'broken' })).rejects.toMatchObject({ code: 'flow-invalid' })
    await expect(call('flow.run', { name: 'nope' })).rejects.toMatchObject({ code: 'not-found', status: 404 })
    await expect(call('flow.progress', { runId: 'nope' })).rejects.toMatchObject({ code: 'not-found', status: 404 })
    await expect(call('flow.rerun', { historyId: 'nope' })).rejects.toMatchObject({ code: 'not-found' })
    await expect(call('flow.run', { name: '../etc/passwd' })).rejects.toMatchObject({ code: 'invalid-name' })
  })

  it('verifies on the Braze profile when given where Braze answers (the handlers on their own)', async () => {
    const secrets = new MemorySecretStore(ws.secrets)
    const history = new HistoryStore(ws.root, (t) => t)
    const own = flowApiHandlers(
      async () => ({
        workspace: await openWorkspace(ws.root),
        history,
        secretsFor: () => secrets,
        rememberSecrets: () => {},
        contentBlocks: async () => () => undefined,
      }),
      { brazeBaseUrl: braze.url },
    )
    const outcome = await dispatch(own as ApiHandlers, 'flow.run', { name: 'nps-round-trip' })
    expect(outcome.ok).toBe(true)
    const run = (outcome as { value: FlowRun }).value
    expect(run.status).toBe('passed')
    expect(run.verification?.met).toBe(true)
  })
})
