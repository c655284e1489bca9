import { describe, expect, it } from 'vitest'
import { jsonEscapeText, zendeskDialect } from '../../shared/zendesk/dialect.js'
import { loadZendeskSample, renderZendesk } from '../fixtures/zendesk/samples.js'

const json = (template: string, fixture: 'ticket-minimal' | 'ticket-solved' = 'ticket-solved'): string =>
  renderZendesk(template, fixture, true)

describe('zendeskDialect', () => {
  it('describes itself', () => {
    expect(zendeskDialect.id).toBe('zendesk')
    expect(zendeskDialect.sampleKind).toBe('zendesk-ticket')
  })

  it('rewrites nothing: preprocess is the identity', () => {
    const text = '{"a": "{{ticket.title}}"}'
    const { text: out, map } = zendeskDialect.preprocess(text)
    expect(out).toBe(text)
    expect(map.toSource(9)).toBe(9)
  })

  it('caches one liquid instance per mode', () => {
    const jsonLiquid = zendeskDialect.liquid({ jsonBody: true })
    expect(zendeskDialect.liquid({ jsonBody: true })).toBe(jsonLiquid)
    expect(zendeskDialect.liquid({ jsonBody: false })).not.toBe(jsonLiquid)
  })

  it('lints with the Zendesk rules', () => {
    expect(zendeskDialect.lint('{"a": {{ticket.assignee.id}}}', { jsonBody: true }).map((d) => d.code)).toEqual([
      'zendesk-unquoted-placeholder',
    ])
  })
})

describe('JSON bodies: every output is JSON-escaped, no quotes added (zendesk.md §2)', () => {
  it('keeps a multi-line description with quotes and backslashes valid JSON', () => {
    const body = json('{"description": "{{ticket.description}}", "title": "{{ticket.title}}"}')
    const parsed = JSON.parse(body) as { description: string; title: string }
    expect(parsed.title).toBe('Printer "LaserJet 5" shows error E-42')
    expect(parsed.description).toBe(renderZendesk('{{ticket.description}}', 'ticket-solved'))
    expect(parsed.description).toContain('\n\nour printer "LaserJet 5" shows E-42 since Monday.\nPath: C:\\Printers\\lj5')
  })

  it('does not add quotes: an unquoted text placeholder is inserted raw', () => {
    expect(json('{"status": {{ticket.status}}}')).toBe('{"status": Solved}')
  })

  it('renders bare numbers for ids: "id": 343 parses', () => {
    expect(JSON.parse(json('{"id": {{ticket.id}}}', 'ticket-minimal'))).toEqual({ id: 343 })
  })

  it('renders an empty unquoted placeholder as nothing, which breaks the JSON', () => {
    const body = json('{"assignee_id": {{ticket.assignee.id}}}', 'ticket-minimal')
    expect(body).toBe('{"assignee_id": }')
    expect(() => JSON.parse(body)).toThrow()
  })

  it('renders the documented if/else null pattern as valid JSON either way', () => {
    const template = '{"assignee_id": {% if ticket.assignee.id %}{{ticket.assignee.id}}{% else %}null{% endif %}}'
    expect(JSON.parse(json(template, 'ticket-minimal'))).toEqual({ assignee_id: null })
    expect(JSON.parse(json(template, 'ticket-solved'))).toEqual({ assignee_id: 7001 })
  })

  it('renders the TriggerMesh body as in its rendered example', () => {
    const template = `{
  "id": {{ticket.id}},
  "title": "{{ticket.title}}",
  "description": "{{ticket.description}}",
  "url": "{{ticket.url}}",
  "status": "{{ticket.status}}",
  "priority": "{{ticket.priority}}",
  "ticket_type": "{{ticket.ticket_type}}",
  "via": "{{ticket.via}}",
  "tags": "{{ticket.tags}}",
  "due_date": "{{ticket.due_date}}",
  "cc_names": "{{ticket.cc_names}}",
  "ccs": "{{ticket.ccs}}",
  "requester_field": "{{ticket.requester_field}}",
  "ticket_field": "{{ticket.ticket_field_ID}}",
  "requester": { "name": "{{ticket.requester.name}}", "language": "{{ticket.requester.language}}" }
}`
    expect(JSON.parse(json(template, 'ticket-minimal'))).toEqual({
      id: 343,
      title: 'Demo ticket',
      description: '----------------------------------------------\n\nDemo, Jan 29, 2021, 11:10\n\nhello world',
      url: 'triggermesh.zendesk.com/agent/tickets/343',
      status: 'Open',
      priority: '',
      ticket_type: 'Ticket',
      via: 'Web Form',
      tags: 'oracle',
      due_date: '',
      cc_names: '',
      ccs: '[]',
      requester_field: '',
      ticket_field: '',
      requester: { name: 'Demo', language: 'English' },
    })
  })

  it('keeps Ruby inspect text of comments valid inside a JSON string (Pipedream body)', () => {
    const body = JSON.parse(json('{"ticketComments": "{{ticket.comments}}"}')) as { ticketComments: string }
    expect(body.ticketComments).toBe(renderZendesk('{{ticket.comments}}', 'ticket-solved'))
  })

  it('escapes values, not the literal text of the template', () => {
    expect(json('{"a": "line\\n{{ticket.tags}}"}')).toBe('{"a": "line\\nvip printer emea"}')
  })

  it('escapes computed outputs too (filters, assigned variables)', () => {
    expect(json('{% assign t = ticket.title | upcase %}"{{t}}" "{{ ticket.title | append: "\\\\" }}"')).toBe(
      '"PRINTER \\"LASERJET 5\\" SHOWS ERROR E-42" "Printer \\"LaserJet 5\\" shows error E-42\\\\"',
    )
  })

  it('a | raw filter does not skip escaping: Ruby Liquid has no raw filter', () => {
    expect(json('"{{ticket.title | raw}}"')).toBe('"Printer \\"LaserJet 5\\" shows error E-42"')
  })

  it('UNCONFIRMED: | json is skipped like an unknown filter in Ruby lax mode, so the value is escaped once, without quotes', () => {
    expect(json('"{{ticket.title | json}}"')).toBe(json('"{{ticket.title}}"'))
  })

  it('UNCONFIRMED: a {{ }} inside {% capture %} is escaped again when the captured text is output', () => {
    expect(json('{% capture t %}{{ticket.title}}{% endcapture %}"{{t}}"')).toBe('"Printer \\\\\\"LaserJet 5\\\\\\" shows error E-42"')
  })

  it('escapes control characters the way JSON requires', () => {
    expect(jsonEscapeText('a\tb\u0001"\\')).toBe('a\\tb\\u0001\\"\\\\')
  })
})

describe('other bodies (URL parameters, form fields): no escaping', () => {
  it('writes placeholder text as it is', () => {
    expect(renderZendesk('{{ticket.title}}', 'ticket-solved')).toBe('Printer "LaserJet 5" shows error E-42')
  })
})

describe('Liquid as Zendesk runs it', () => {
  it('has the Shopify standard filters, not liquidjs extras', () => {
    const liquid = zendeskDialect.liquid({ jsonBody: false })
    expect(liquid.filters.split).toBeDefined()
    expect(liquid.filters.jsonify).toBeUndefined()
  })

  it('splits ticket.tags into a real list', () => {
    expect(renderZendesk('{% assign tags = ticket.tags | split: " " %}{{tags.size}} {{tags.first}} {{tags | join: ","}}', 'ticket-solved')).toBe(
      '3 vip vip,printer,emea',
    )
  })

  it('uses Ruby truthiness: an empty string is true', () => {
    expect(renderZendesk('{% assign e = "" %}{% if e %}true{% endif %}', 'ticket-minimal')).toBe('true')
  })

  it('UNCONFIRMED: an unset priority or due date is nil (renders blank, false in {% if %})', () => {
    expect(renderZendesk('[{{ticket.priority}}]{% if ticket.priority or ticket.due_date %}set{% else %}unset{% endif %}', 'ticket-minimal')).toBe(
      '[]unset',
    )
  })

  it('formats dates in UTC (a sample has no account time zone)', () => {
    const sample = loadZendeskSample('ticket-solved')
    expect(renderZendesk('{{ ticket.created_at_with_timestamp | date: "%H:%M" }}', sample)).toBe('08:15')
  })
})
