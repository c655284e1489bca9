/** Flow files (flows/NAME.yaml): what they say, their defaults, and every problem located. */
import { describe, expect, it } from 'vitest'
import { parseFlowFile, REQUESTER_EMAIL } from '../../shared/flow/file.js'
import { describeUpdate, planSteps } from '../../shared/flow/plan.js'

const FLOW = `name: NPS round trip
environment: sandbox
braze_to_zendesk:
  template: nps-detractor-to-zendesk-ticket
  sample: detractors#user-1002
agent_update:
  status: solved
  comment: { body: Solved by the flow., public: false }
zendesk_to_braze:
  template: solved-ticket-to-braze-users-track
  environment: braze-dev
verify:
  events: [zendesk_ticket_solved]
  attributes:
    last_zendesk_ticket_id: "{{ticket.id}}"
    nps_followed_up: true
`

const parse = (text: string) => parseFlowFile(text, 'flows/nps.yaml')
const problems = (text: string) => parse(text).diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.code}: ${d.message}${d.hint ? ` (${d.hint})` : ''}`)

describe('flow files', () => {
  it('reads the sides, the agent update and what to verify, with the defaults filled in', () => {
    const { flow, diagnostics } = parse(FLOW)
    expect(diagnostics).toEqual([])
    expect(flow).toEqual({
      name: 'nps',
      title: 'NPS round trip',
      mode: 'simulate',
      brazeToZendesk: { template: 'nps-detractor-to-zendesk-ticket', sample: 'detractors', sampleLabel: 'user-1002', environment: 'sandbox', environmentPath: ['environment'] },
      agentUpdate: { status: 'solved', comment: { body: 'Solved by the flow.', public: false } },
      zendeskToBraze: { template: 'solved-ticket-to-braze-users-track', environment: 'braze-dev', environmentPath: ['zendesk_to_braze', 'environment'] },
      verify: {
        user: { email: REQUESTER_EMAIL },
        events: ['zendesk_ticket_solved'],
        attributes: { last_zendesk_ticket_id: '{{ticket.id}}', nps_followed_up: true },
        timeoutMs: 60_000,
        intervalMs: 2_000,
      },
      cleanup: true,
    })
  })

  it('names the user by external_id or email, or as requester-email', () => {
    const user = (value: string) => parse(FLOW.replace('verify:\n', `verify:\n  user: ${value}\n`)).flow?.verify?.user
    expect(user('{external_id: cust-10482}')).toEqual({ external_id: 'cust-10482' })
    expect(user('{email: "{{ticket.requester.email}}"}')).toEqual({ email: '{{ticket.requester.email}}' })
    expect(user('requester-email')).toEqual({ email: REQUESTER_EMAIL })
    expect(problems(FLOW.replace('verify:\n', 'verify:\n  user: {external_id: a, email: b}\n'))).toEqual([
      '13:9 error flow-invalid: verify.user: name the user by external_id or by email (one of them)',
    ])
    expect(problems(FLOW.replace('verify:\n', 'verify:\n  user: requester\n'))).toEqual([
      '13:9 error flow-invalid: verify.user: must be requester-email, {external_id: …} or {email: …}',
    ])
  })

  it('locates unknown keys at the key, with the key it probably meant', () => {
    expect(problems(FLOW.replace('  sample: detractors', '  sampel: detractors'))).toEqual([
      '4:3 error flow-invalid: braze_to_zendesk.sample: is required',
      '5:3 error flow-unknown-key: Unknown key `braze_to_zendesk.sampel`. (Did you mean `sample`?)',
    ])
    expect(problems(`${FLOW}clean_up: false\n`)).toEqual(['17:1 error flow-unknown-key: Unknown key `clean_up`. (Did you mean `cleanup`?)'])
  })

  it('locates wrong values: an agent update in the API\'s lowercase, timings, an empty verify', () => {
    expect(problems(FLOW.replace('status: solved', 'status: Solved'))).toEqual([
      '7:11 error flow-invalid: agent_update.status: must be one of new, open, pending, hold, solved, closed (lowercase, as the API takes it)',
    ])
    expect(problems(FLOW.replace('verify:\n', 'verify:\n  timeout_seconds: 1\n  interval_seconds: 5\n'))).toEqual([
      '14:21 error flow-invalid: verify.interval_seconds: must not be longer than timeout_seconds',
    ])
    expect(problems(FLOW.replace(/verify:[\s\S]*$/, 'verify: {}\n'))).toEqual(['12:9 error flow-invalid: verify: name at least one event or attribute to look for'])
    expect(problems(FLOW.replace('mode', 'x').replace('name: NPS round trip', 'mode: replay'))).toEqual([
      '1:7 error flow-invalid: mode: must be simulate (Hookbench plays Zendesk) or live (deployed with hookbench deploy)',
    ])
  })

  it('needs an environment for each side, its own or the shared one', () => {
    expect(problems(FLOW.replace('environment: sandbox\n', ''))).toEqual([
      "3:3 error flow-environment-missing: braze_to_zendesk: name its environment (braze_to_zendesk.environment), or one for both sides (environment).",
    ])
  })

  it('reports YAML that does not parse, and a file that is not a mapping', () => {
    expect(problems('braze_to_zendesk: [unclosed\n')[0]).toMatch(/^\d+:\d+ error flow-yaml: The flow file is not valid YAML/)
    expect(problems('- a list\n')).toEqual(['1:1 error flow-shape: A flow file is a YAML mapping: braze_to_zendesk, zendesk_to_braze, verify …'])
    expect(problems('')).toEqual(['1:1 error flow-shape: A flow file is a YAML mapping: braze_to_zendesk, zendesk_to_braze, verify …'])
  })

  it('locates later problems at the value they concern', () => {
    const parsed = parse(FLOW)
    const d = parsed.diagnosticAt(['zendesk_to_braze', 'template'], 'error', 'flow-template-missing', 'No template.')
    expect(d).toMatchObject({ file: 'flows/nps.yaml', line: 10, column: 13, endLine: 10, endColumn: 47 })
  })
})

describe('the steps of a run', () => {
  const flow = parse(FLOW).flow!

  it('simulate: the baseline once the ticket tells who the user is, Zendesk played by Hookbench', () => {
    expect(planSteps(flow).map((s) => s.id)).toEqual([
      'render-braze', 'create-ticket', 'fetch-ticket', 'braze-baseline', 'update-ticket',
      'evaluate-trigger', 'render-zendesk', 'deliver-webhook', 'verify-braze', 'cleanup',
    ])
  })

  it('live: the deployment checked first; a user named outright is looked at before the ticket exists; a sample to save', () => {
    const live = parse(FLOW.replace('name: NPS', 'mode: live\nname: NPS').replace('verify:\n', 'verify:\n  user: {external_id: cust-10482}\n')).flow!
    const steps = planSteps(live, { saveSample: 'round-trip' })
    expect(steps.map((s) => s.id)).toEqual([
      'check-deployment', 'render-braze', 'braze-baseline', 'create-ticket', 'fetch-ticket', 'update-ticket', 'save-sample',
      'evaluate-trigger', 'render-zendesk', 'deliver-webhook', 'verify-braze', 'cleanup',
    ])
    expect(steps.find((s) => s.id === 'render-braze')?.title).toBe('Render nps-detractor-to-zendesk-ticket for detractors#user-1002')
    expect(steps.find((s) => s.id === 'update-ticket')?.title).toBe('Change the ticket as an agent would: status → solved, comment')
    expect(steps.find((s) => s.id === 'verify-braze')?.title).toBe('Verify on the Braze profile: event zendesk_ticket_solved, last_zendesk_ticket_id = {{ticket.id}}, nps_followed_up = true')
  })

  it('describes an agent update in a few words', () => {
    expect(describeUpdate({ status: 'pending', priority: 'high', tags: ['a'] })).toBe('status → pending, priority → high, tags')
  })
})
