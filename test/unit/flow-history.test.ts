/**
 * A flow run is one history entry beside the sends, marked `kind: flow`: send lines (which have
 * no kind) list as before, flow runs list on their own, secrets are masked on disk; and a run
 * reads as JUnit XML, one test case per step.
 */
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { FlowRun, FlowStep, SendResult } from '../../shared/api/contract.js'
import { maskSecrets } from '../../shared/environment/substitute.js'
import { flowRunJUnit } from '../../shared/flow/junit.js'
import { HistoryStore } from '../../electron/services/history.js'

const step = (id: FlowStep['id'], status: FlowStep['status'], summary: string, extra: Partial<FlowStep> = {}): FlowStep => ({
  id,
  title: `The ${id} step`,
  status,
  summary,
  startedAt: '2026-11-24T12:00:00.000Z',
  durationMs: 12.5,
  exchanges: [],
  diagnostics: [],
  warnings: [],
  ...extra,
})

function flowRun(overrides: Partial<FlowRun> = {}): FlowRun {
  return {
    id: 'run-1',
    flow: 'nps-round-trip',
    title: 'NPS round trip',
    mode: 'simulate',
    options: { keep: false, confirmProduction: false },
    status: 'failed',
    startedAt: '2026-11-24T12:00:00.000Z',
    finishedAt: '2026-11-24T12:00:01.500Z',
    durationMs: 1500,
    failure: { step: 'evaluate-trigger', reason: 'Zendesk would not fire the trigger: "status changed to solved" is not met (status went from new to pending).' },
    steps: [
      step('create-ticket', 'passed', 'Zendesk created ticket #7.', {
        exchanges: [{
          label: 'Create the ticket',
          at: '2026-11-24T12:00:00.000Z',
          request: { method: 'POST', url: 'https://acme.zendesk.com/api/v2/tickets.json', headers: { Authorization: 'Bearer <ZENDESK_OAUTH_TOKEN>' }, body: '{}' },
          response: { status: 201, statusText: 'Created', headers: {}, body: '{"ticket": {"id": 7}}', json: true, truncated: false },
          failure: null,
          timingMs: 40,
        }],
      }),
      step('evaluate-trigger', 'failed', 'Zendesk would not fire the trigger: "status changed to solved" is not met (status went from new to <pending> & co).', {
        diagnostics: [{ severity: 'error', code: 'json-invalid', message: 'Rendered body is not valid JSON', line: 3, column: 9, file: 'templates/t.liquid' }],
      }),
      step('cleanup', 'skipped', 'Kept on request (--keep).'),
    ],
    ticket: { id: 7, url: null, deleted: false },
    trigger: [],
    verification: null,
    savedSample: null,
    warnings: [],
    historyId: null,
    ...overrides,
  }
}

const sendResult: SendResult = {
  request: { method: 'POST', url: 'https://rest.iad-01.braze.com/users/track', headers: {}, body: '{}' },
  response: null,
  failure: null,
  diagnostics: [],
  timingMs: 1,
  historyId: null,
  warnings: [],
}

describe('flow runs in the history', () => {
  it('are one entry each, listed apart from the sends, which list as before', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hookbench-history-'))
    const history = new HistoryStore(dir, (text) => maskSecrets(text, ['s3cret-token-value']))
    await history.append({ template: 'templates/a.liquid', sample: 's', environment: 'sandbox', result: sendResult })
    const entry = await history.appendFlowRun(flowRun({ warnings: ['leaked s3cret-token-value'] }))
    await history.append({ template: 'templates/b.liquid', sample: 's', environment: 'sandbox', result: sendResult })
    await history.close()

    const sends = await history.list()
    expect(sends.entries.map((e) => e.template)).toEqual(['templates/b.liquid', 'templates/a.liquid'])
    expect(sends.skipped).toEqual([])
    const runs = await history.listFlowRuns()
    expect(runs.entries).toHaveLength(1)
    expect(runs.entries[0]).toMatchObject({ kind: 'flow', id: entry.id, flow: 'nps-round-trip', run: { historyId: entry.id, status: 'failed' } })
    expect(await history.getFlowRun(entry.id)).toMatchObject({ id: entry.id })
    expect((await history.listFlowRuns({ flow: 'other' })).entries).toEqual([])

    const onDisk = readFileSync(join(dir, '.hookbench/history/history.jsonl'), 'utf8')
    expect(onDisk.trim().split('\n')).toHaveLength(3)
    expect(onDisk).not.toContain('s3cret-token-value')
    expect(onDisk).toContain('leaked <secret>')
  })

  it('reads a history written before flow runs existed, and reports a damaged line once (in the send listing)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hookbench-history-'))
    mkdirSync(join(dir, '.hookbench/history'), { recursive: true })
    const old = { id: 'a', at: '2026-01-01T00:00:00.000Z', template: 't', sample: 's', environment: 'e', result: sendResult }
    writeFileSync(join(dir, '.hookbench/history/history.jsonl'), `${JSON.stringify(old)}\n{not json\n`)
    const history = new HistoryStore(dir, (t) => t)
    expect(await history.list()).toEqual({ entries: [old], skipped: [{ line: 2, reason: expect.any(String) }] })
    expect(await history.listFlowRuns()).toEqual({ entries: [], skipped: [] })
  })
})

describe('a run as JUnit XML', () => {
  it('has one test case per step: failures with their reason and problems, skipped steps, exchanges as output', () => {
    const xml = flowRunJUnit(flowRun({ historyId: 'h-1' }))
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="hookbench flow" tests="3" failures="1" skipped="1" time="1.500">/)
    expect(xml).toContain('<testsuite name="flow nps-round-trip" tests="3" failures="1" errors="0" skipped="1" time="1.500" timestamp="2026-11-24T12:00:00Z">')
    expect(xml.match(/<testcase /g)).toHaveLength(3)
    expect(xml).toContain('<testcase classname="hookbench.flow.nps-round-trip" name="1. The create-ticket step [create-ticket]" time="0.013">')
    expect(xml).toContain('<system-out>Zendesk created ticket #7.\nCreate the ticket: POST https://acme.zendesk.com/api/v2/tickets.json → 201 Created (40 ms)</system-out>')
    expect(xml).toContain('<failure message="Zendesk would not fire the trigger: &quot;status changed to solved&quot; is not met (status went from new to &lt;pending&gt; &amp; co)." type="evaluate-trigger">templates/t.liquid:3:9: error: Rendered body is not valid JSON [json-invalid]</failure>')
    expect(xml).toContain('<skipped message="Kept on request (--keep)."/>')
    expect(xml).toContain('<property name="ticket" value="7"/>')
    expect(xml).toContain('<property name="history" value="h-1"/>')
    expect(xml.trimEnd().endsWith('</testsuites>')).toBe(true)
  })
})
