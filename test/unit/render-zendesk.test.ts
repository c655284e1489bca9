import { describe, expect, it } from 'vitest'
import { renderTemplate } from '../../shared/render/render.js'
import { compileFixture, compileSource, sampleFixture } from '../support/fixtures.js'

const ticket = () => sampleFixture('zendesk/ticket-solved.json', 'zendesk-ticket')
const minimal = () => sampleFixture('zendesk/ticket-minimal.json', 'zendesk-ticket')
const HEADER = '---\ndialect: zendesk\nheaders:\n  Content-Type: application/json\n---\n'

describe('rendering the Zendesk → Braze /users/track webhook', () => {
  it('renders valid JSON with placeholder values escaped as Zendesk does', () => {
    const result = renderTemplate(compileFixture('workspace/templates/solved-ticket-to-braze.liquid'), ticket())
    expect(result.diagnostics.filter((d) => d.severity !== 'info')).toEqual([])
    const body = JSON.parse(result.request.body)
    expect(body.events[0]).toMatchObject({ name: 'zendesk_ticket_solved', properties: { ticket_id: 4521, status: 'Solved' } })
    expect(body.events[0].properties.subject).toBe('Printer "LaserJet 5" shows error E-42')
    expect(result.request.headers.Authorization).toBe('Bearer BRAZE_REST_API_KEY')
  })
})

describe('Zendesk traps are located in the template', () => {
  it('an unquoted placeholder that rendered empty breaks the JSON at that placeholder', () => {
    const source = `${HEADER}{"assignee_id": {{ticket.assignee.id}}, "id": {{ticket.id}}}`
    const result = renderTemplate(compileSource(source), minimal())
    const lint = result.diagnostics.find((d) => d.code === 'zendesk-unquoted-placeholder')
    expect(lint).toMatchObject({ severity: 'warning', line: 6, column: 19 })
    const error = result.diagnostics.find((d) => d.code === 'json-invalid')!
    expect(error).toMatchObject({ severity: 'error', line: 6, column: 17 })
    expect(error.hint).toMatch(/else %\}null/)
  })

  it('payload problems of /users/track are located at the key in the template', () => {
    const source = `---\ndialect: zendesk\ntarget: braze.users.track\nurl: https://rest.iad-01.braze.com/users/track\n---\n{\n  "events": [\n    { "name": "solved", "time": "{{ticket.updated_at_with_timestamp}}" }\n  ]\n}`
    const result = renderTemplate(compileSource(source), ticket())
    const missing = result.diagnostics.find((d) => d.severity === 'error')!
    expect(missing.message).toMatch(/identifier|external_id/)
    expect(missing.line).toBe(8)
  })
})
