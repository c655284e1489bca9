import { describe, expect, it } from 'vitest'
import { renderTemplate } from '../../shared/render/render.js'
import { compileFixture, compileSource, fixture, sampleFixture } from '../support/fixtures.js'

const USERS = 'workspace/samples/braze-users/detractors.json'
const user = (label: string) => sampleFixture(USERS, 'braze-user', label)
const now = new Date('2026-03-05T14:07:09Z')

describe('rendering the Braze → Zendesk ticket webhook', () => {
  const compiled = compileFixture('workspace/templates/negative-survey-to-zendesk.liquid')

  it('renders the exact request for a detractor', () => {
    const result = renderTemplate(compiled, user('user-1001'), { now })
    // json_escape escaped the comment's line break: Braze documents only quotes and backslashes (UNCONFIRMED).
    expect(result.diagnostics.map((d) => `${d.severity} ${d.code} ${d.line}`)).toEqual(['info braze-json-escape-control 18'])
    expect(result.aborted).toBeNull()
    expect(result.request.method).toBe('POST')
    expect(result.request.url).toBe('https://acme-sandbox.zendesk.com/api/v2/tickets.json')
    expect(result.request.headers).toEqual({
      'Content-Type': 'application/json',
      Authorization: `Basic ${Buffer.from('agent@acme.com/token:TOKEN').toString('base64')}`,
    })
    expect(JSON.parse(result.request.body)).toEqual({
      ticket: {
        subject: 'Alice rated us 2/10',
        comment: { body: 'The export button "does nothing".\nPlease fix it.\n\nPlan: enterprise', public: false },
        requester: { name: "Alice O'Neil", email: 'alice@example.com' },
        priority: 'urgent',
        tags: ['braze', 'nps_detractor', 'plan_enterprise'],
        external_id: 'braze-user-1001',
      },
    })
  })

  it('renders missing attributes blank and applies defaults', () => {
    const body = JSON.parse(renderTemplate(compiled, user('user-1002'), { now }).request.body)
    expect(body.ticket.subject).toBe('A customer rated us 4/10')
    expect(body.ticket.requester.name).toBe(' ')
    expect(body.ticket.priority).toBe('normal')
    expect(body.ticket.tags).toContain('plan_free')
  })

  it('reports abort_message with its reason instead of a request', () => {
    const result = renderTemplate(compiled, user('user-1003'), { now })
    expect(result.aborted).toEqual({ reason: 'Survey score is not negative' })
    expect(result.diagnostics).toEqual([])
  })
})

describe('invalid JSON after render is located in the template', () => {
  it('points at the output that injected a raw newline, with a json_escape hint', () => {
    const compiled = compileFixture('broken/missing-json-escape.liquid')
    const result = renderTemplate(compiled, user('user-1001'), { now })
    const error = result.diagnostics.find((d) => d.code === 'json-invalid')!
    expect(error).toMatchObject({ severity: 'error', line: 12, column: 27 })
    expect(error.message).toMatch(/not valid JSON/)
    expect(error.hint).toMatch(/json_escape/)
  })

  it('points at stray text pasted before the JSON', () => {
    const result = renderTemplate(compileFixture('broken/pasted-example.liquid'), user('user-1001'), { now })
    const error = result.diagnostics.find((d) => d.code === 'json-invalid')!
    expect(error).toMatchObject({ line: 9, column: 1 })
    expect(error.hint).toMatch(/Choose one/)
  })

  it('points at an output that rendered empty where a value was needed', () => {
    const source = '---\nheaders:\n  Content-Type: application/json\n---\n{"seats": {{custom_attribute.${seats}}}, "x": 1}'
    const result = renderTemplate(compileSource(source), user('user-1002'), { now })
    const error = result.diagnostics.find((d) => d.code === 'json-invalid')!
    expect(error).toMatchObject({ line: 5, column: 11 })
    expect(error.hint).toMatch(/rendered empty/)
  })

  it('points at a header whose value renders with a line break', () => {
    // user-1001's survey comment holds a line break; HTTP cannot carry it in a header.
    const source = '---\nheaders:\n  Content-Type: application/json\n  X-Comment: "{{event_properties.${comment}}}"\n---\n{"a": 1}'
    const result = renderTemplate(compileSource(source), user('user-1001'), { now })
    const error = result.diagnostics.find((d) => d.code === 'header-invalid-character')!
    expect(error).toMatchObject({ severity: 'error', line: 4, column: 15 })
    expect(error.message).toMatch(/"X-Comment" renders with a line break/)
  })
})

describe('payload checks are located at the JSON key or value in the template', () => {
  it('flags a capitalised priority for Zendesk ticket create', () => {
    const compiled = compileFixture('broken/missing-json-escape.liquid')
    const result = renderTemplate(compiled, user('user-1002'), { now })
    const priority = result.diagnostics.find((d) => d.message.includes('priority'))!
    expect(priority).toMatchObject({ line: 13 })
    const line = fixture('broken/missing-json-escape.liquid').split('\n')[12]!
    expect(line.slice(priority.column - 1)).toMatch(/^"Urgent"|^"priority"/)
    expect(priority.hint).toMatch(/downcase/)
  })
})

describe('Liquid errors are located', () => {
  it('a tag that is never closed', () => {
    const result = renderTemplate(compileSource('{"a": "{% if ${first_name} %}x"}'), user('user-1001'), { now })
    expect(result.diagnostics[0]).toMatchObject({ severity: 'error', code: 'liquid-syntax', line: 1, column: 8 })
  })

  it('a tag Braze does not have', () => {
    const result = renderTemplate(compileSource('x\n{% include "a" %}'), user('user-1001'), { now })
    expect(result.diagnostics[0]).toMatchObject({ severity: 'error', line: 2, column: 1 })
  })
})

describe('content blocks and Connected Content', () => {
  const blocks = { order_defaults: fixture('workspace/content-blocks/order_defaults.liquid') }
  const compiled = compileFixture('workspace/templates/welcome-with-content-block.liquid', blocks)

  it('includes the block (its variables are visible) and answers Connected Content from the sample', () => {
    const result = renderTemplate(compiled, user('user-1001'), { now })
    expect(result.diagnostics).toEqual([])
    expect(result.request.url).toBe('https://hooks.example.com/orders/user-1001')
    expect(JSON.parse(result.request.body)).toEqual({ user: 'user-1001', order_id: 'ord_77', status: 200, currency: 'EUR' })
  })

  it('warns, naming the URL, when the sample has no canned answer', () => {
    const result = renderTemplate(compiled, user('user-1002'), { now })
    const warning = result.diagnostics.find((d) => d.code === 'connected-content-unanswered')!
    expect(warning).toMatchObject({ severity: 'warning', line: 10 })
    expect(warning.message).toContain('https://api.example.com/orders/user-1002')
    expect(JSON.parse(result.request.body)).toMatchObject({ order_id: 'none', currency: 'USD' })
  })

  it('locates problems inside a content block in the block file', () => {
    const broken = compileFixture('workspace/templates/welcome-with-content-block.liquid', {
      order_defaults: "{% assign x = 'a' | pluralize %}",
    })
    const result = renderTemplate(broken, user('user-1001'), { now })
    expect(result.diagnostics.find((d) => d.code === 'braze-unsupported-filter')).toMatchObject({
      file: 'content-blocks/order_defaults.liquid',
      line: 1,
      column: 21,
    })
  })

  it('reports a missing content block at the include', () => {
    const result = renderTemplate(compileFixture('workspace/templates/welcome-with-content-block.liquid'), user('user-1001'), { now })
    expect(result.diagnostics.find((d) => d.code === 'content-block-missing')).toMatchObject({ severity: 'error', line: 9, column: 1 })
  })
})
