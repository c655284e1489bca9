import { describe, expect, it } from 'vitest'
import { hoverAt, type HoverContext } from '../../renderer/src/editor/hover.js'
import { NO_FACTS } from '../../renderer/src/lib/sampleFacts.js'

const braze: HoverContext = { dialect: 'braze', facts: NO_FACTS, environment: null }
const hover = (text: string, at: string, context: HoverContext = braze) => hoverAt(text, text.indexOf(at) + 1, context)

describe('hover documentation', () => {
  it('documents a filter, with Braze support', () => {
    const text = '{{${first_name} | json_escape | pluralize}}'
    const doc = hover(text, 'json_escape')!
    expect(doc.markdown).toContain('JSON string')
    expect(text.slice(doc.start, doc.end)).toBe('json_escape')
    expect(hover(text, 'pluralize')!.markdown).toContain('Not supported by Braze')
  })

  it('documents Braze attributes and namespaces', () => {
    expect(hover('{{${email_address}}}', 'email_address')!.markdown).toContain('export field `email`')
    expect(hover('{{${plan}}}', 'plan')!.markdown).toContain('not a Braze standard attribute')
    expect(hover('{{event_properties.${score}}}', 'score')!.markdown).toContain('event_properties')
  })

  it('documents Zendesk placeholders up to the segment under the cursor', () => {
    const zendesk: HoverContext = {
      ...braze,
      dialect: 'zendesk',
      facts: { ...NO_FACTS, zendesk: { ...NO_FACTS.zendesk, ticketFields: [{ id: 360010, title: 'Printer model' }] } },
    }
    const text = '{"e": "{{ticket.requester.email}}", "f": "{{ticket.ticket_field_360010}}"}'
    const requester = hover(text, 'requester', zendesk)!
    expect(text.slice(requester.start, requester.end)).toBe('ticket.requester')
    expect(hover(text, 'email', zendesk)!.markdown).toContain('email address')
    expect(hover(text, 'ticket_field_360010', zendesk)!.markdown).toContain('Printer model')
    expect(hover('{{ticket.nope}}', 'nope', zendesk)!.markdown).toContain('not a Zendesk placeholder')
  })

  it('says nothing outside Liquid', () => {
    expect(hover('{"ticket": 1}', 'ticket', { ...braze, dialect: 'zendesk' })).toBeNull()
  })

  it('resolves references against the selected environment, never showing secrets', () => {
    const context: HoverContext = { ...braze, environment: { name: 'sandbox', variables: { host: 'acme.zendesk.com' }, secrets: ['token'], stored: [] } }
    expect(hover('url: https://%{env.host}/', 'env.host', context)!.markdown).toContain('acme.zendesk.com')
    expect(hover('%{secret.token}', 'secret', context)!.markdown).toContain('no value stored')
    expect(hover('%{env.host}', 'env', braze)!.markdown).toContain('pick an environment')
  })
})
