/**
 * End-to-end: `hookbench flow run` and `hookbench flow list` as CI runs them, against the fake
 * Zendesk and fake Braze: each format (text step by step, the run as JSON, JUnit XML), and the
 * exit codes (0 every step passed, 1 a step failed or the run was refused, 2 bad usage or a
 * flow file with errors). The CLI runs as a child process, secrets in HOOKBENCH_SECRET_*.
 */
import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FlowRun, FlowSummary } from '../../shared/api/contract.js'
import { startFakeBraze, type FakeBraze } from '../fakes/braze.js'
import { startFakeZendesk, type FakeZendesk } from '../fakes/zendesk.js'
import { FLOW, makeFlowWorkspace, type FlowWorkspace } from './flowWorkspace.js'

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'hookbench.js')

function hookbench(cwd: string, args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
    execFile(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, ...env } }, (err, stdout, stderr) =>
      done({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    )
  })
}

let zendesk: FakeZendesk
let braze: FakeBraze
let ws: FlowWorkspace
const flowRun = (args: string[], env: Record<string, string> = ws.secretEnv) => hookbench(ws.root, ['flow', 'run', ...args], env)

beforeAll(async () => {
  zendesk = await startFakeZendesk()
  braze = await startFakeBraze()
  ws = await makeFlowWorkspace(zendesk, braze)
  ws.write('flows/not-fired.yaml', FLOW.replace('status: solved', 'status: pending'))
  ws.write('flows/broken.yaml', FLOW.replace('sample: priya', 'sample: priya\n  smaple: x'))
})
afterAll(async () => {
  await zendesk.close()
  await braze.close()
})

describe('hookbench flow run', () => {
  it('text: one line per step as it finishes, the verdict, exit 0', async () => {
    const run = await flowRun(['nps-round-trip'])
    expect(run.code).toBe(0)
    const lines = run.stdout.split('\n')
    expect(lines[0]).toBe('flow nps-round-trip (simulate): NPS detractor round trip')
    expect(lines.filter((l) => l.startsWith('✓ '))).toHaveLength(10)
    expect(run.stdout).toMatch(/✓ Send it to Zendesk \(sandbox\): the test ticket is created \(\d+ ms\)\n {4}Zendesk created ticket #\d+ \(201 Created\)\./)
    expect(run.stdout).toMatch(/\npassed in [\d.]+ s \(10 passed, 0 failed, 0 skipped\)\nhistory: [0-9a-f-]{36}\n$/)
    // Template warnings go to stderr, located, with paths from where the command runs.
    expect(run.stderr).toMatch(/^templates\/detractor-to-zendesk\.liquid:12:58: warning: .*\[braze-missing-json-escape\]/m)
    for (const secret of Object.values(ws.secrets)) expect(run.stdout + run.stderr).not.toContain(secret)
    const history = readFileSync(join(ws.root, '.hookbench/history/history.jsonl'), 'utf8')
    expect(history).toContain('"kind":"flow"')
    for (const secret of Object.values(ws.secrets)) expect(history).not.toContain(secret)
  })

  it('json: the whole run; a failed step exits 1 with its reason', async () => {
    const run = await flowRun(['not-fired', '--format', 'json'])
    expect(run.code).toBe(1)
    const result = JSON.parse(run.stdout) as FlowRun
    expect(result.status).toBe('failed')
    expect(result.failure?.step).toBe('evaluate-trigger')
    expect(result.failure?.reason).toContain('"status changed to solved" is not met (status went from new to pending)')
    expect(result.historyId).toMatch(/^[0-9a-f-]{36}$/)
    expect(result.steps.find((s) => s.id === 'cleanup')?.status).toBe('passed')
  })

  it('text: a failure says where and why, and the steps after it are listed as skipped', async () => {
    const run = await flowRun(['not-fired'])
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(/✗ Check the trigger's conditions of solved-to-braze: would Zendesk fire it\? \(\d+ ms\)\n {4}Zendesk would not fire the trigger/)
    expect(run.stdout).toContain('- Render solved-to-braze for the ticket\n    Not run: the step "Check the trigger\'s conditions of solved-to-braze: would Zendesk fire it?" failed.')
    expect(run.stdout).toMatch(/\nfailed at "Check the trigger's conditions of solved-to-braze: would Zendesk fire it\?" after [\d.]+ s \(6 passed, 1 failed, 3 skipped\): Zendesk would not fire the trigger/)
  })

  it('junit: one test case per step, the failed one with its reason, skipped ones marked', async () => {
    const run = await flowRun(['not-fired', '--format', 'junit', '--keep'])
    expect(run.code).toBe(1)
    const xml = run.stdout
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="hookbench flow" tests="10" failures="1" skipped="4"')).toBe(true)
    expect(xml.match(/<testcase /g)).toHaveLength(10)
    expect(xml).toMatch(/<testcase classname="hookbench\.flow\.not-fired" name="6\. Check the trigger's conditions of solved-to-braze: would Zendesk fire it\? \[evaluate-trigger\]" time="[\d.]+">\n {6}<failure message="Zendesk would not fire the trigger, so it would not call the webhook\. [^"]*&quot;status changed to solved&quot; is not met/)
    expect(xml).toContain('<skipped message="Kept on request (--keep): ticket #')
    expect(xml.trimEnd().endsWith('</testsuites>')).toBe(true)
    const passing = await flowRun(['nps-round-trip', '--format', 'junit'])
    expect(passing.code).toBe(0)
    expect(passing.stdout).toContain('tests="10" failures="0" skipped="0"')
  })

  it('takes a flow file by path, and saves the ticket as a sample', async () => {
    const run = await hookbench(join(ws.root, 'flows'), ['flow', 'run', 'nps-round-trip.yaml', '--save-sample', 'from-flow'], ws.secretEnv)
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('✓ Save the ticket as the sample from-flow')
    expect(JSON.parse(readFileSync(join(ws.root, 'samples/zendesk-tickets/from-flow.json'), 'utf8')).ticket.status).toBe('solved')
  })

  it('exit 2 for a flow file with errors (located) or an unknown flow; exit 1 when refused', async () => {
    const broken = await flowRun(['broken'])
    expect(broken.code).toBe(2)
    expect(broken.stderr).toContain('flows/broken.yaml:7:3: error: Unknown key `braze_to_zendesk.smaple`. [flow-unknown-key]\n  hint: Did you mean `sample`?')
    expect(broken.stderr).toContain('hookbench: flows/broken.yaml has 1 error; fix it first.')
    expect(broken.stdout).toBe('')

    const junit = await flowRun(['broken', '--format', 'junit'])
    expect(junit.code).toBe(2)
    expect(junit.stdout).toContain('<testsuites name="hookbench flow" tests="1" failures="1" skipped="0" time="0.000">')
    expect(junit.stdout).toContain('<failure message="flows/broken.yaml has 1 error; fix it first." type="setup">flows/broken.yaml:7:3: error: Unknown key `braze_to_zendesk.smaple`. [flow-unknown-key]</failure>')

    const unknown = await flowRun(['nope'])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toBe('hookbench: No flow "nope" in flows/ (flows: broken, not-fired, nps-round-trip).\n')

    const usage = await flowRun(['nps-round-trip', '--format', 'xml'])
    expect(usage.code).toBe(2)

    ws.writeEnvironment('production', { kind: 'production' })
    ws.write('flows/production.yaml', FLOW.replace('environment: sandbox', 'environment: production'))
    const refused = await flowRun(['production'])
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(/^hookbench: "production" is a production environment: confirm to run the flow against it \(--yes-production\)/)
  })

  it('says which secret is missing, located in the template, and exits 1', async () => {
    const { HOOKBENCH_SECRET_ZENDESK_OAUTH_TOKEN: _token, ...withoutToken } = ws.secretEnv
    const run = await flowRun(['nps-round-trip'], withoutToken)
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/templates\/detractor-to-zendesk\.liquid:\d+:\d+: error: .*zendesk_oauth_token.*\[ref-secret-not-stored\]/)
    expect(run.stdout).toMatch(/✗ Render detractor-to-zendesk for priya \(\d+ ms\)\n {4}Not sent: the template has errors/)
  })
})

describe('hookbench flow list', () => {
  it('lists the flows with what they connect, and the problems of broken ones', async () => {
    const run = await hookbench(ws.root, ['flow', 'list'])
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^nps-round-trip +simulate +detractor-to-zendesk → solved-to-braze {2}NPS detractor round trip$/m)
    expect(run.stdout).toMatch(/^broken +1 error\(s\) {2}broken$/m)
    expect(run.stderr).toContain('flows/broken.yaml:7:3: error: Unknown key')
    const json = JSON.parse((await hookbench(ws.root, ['flow', 'list', '--format', 'json'])).stdout) as FlowSummary[]
    expect(json.map((f) => f.name)).toContain('nps-round-trip')
  })
})
