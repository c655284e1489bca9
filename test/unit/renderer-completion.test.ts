import { describe, expect, it } from 'vitest'
import { completionsAt, filterSnippet, type CompletionContext } from '../../renderer/src/editor/completion.js'
import { definedVariables, liquidContextAt } from '../../renderer/src/editor/liquidContext.js'
import { NO_FACTS, type SampleFacts } from '../../renderer/src/lib/sampleFacts.js'

const facts: SampleFacts = {
  braze: { ...NO_FACTS.braze, custom_attribute: ['plan', 'seats'], event_properties: ['score'] },
  zendesk: { ticketFields: [{ id: 360010, title: 'Printer model' }], userFields: ['plan'], organizationFields: ['tier'] },
}
const braze: CompletionContext = { dialect: 'braze', facts, variables: ['score'], environment: null }
const zendesk: CompletionContext = { ...braze, dialect: 'zendesk' }

const labels = (before: string, context: CompletionContext, after = '') => completionsAt(before, after, context)?.entries.map((e) => e.label) ?? []

describe('where the cursor is', () => {
  it('is inside the innermost unclosed output or tag', () => {
    expect(liquidContextAt('{"a": "{{${first')).toEqual({ opener: '{{', expression: '${first' })
    expect(liquidContextAt('{{ x }} text')).toBeNull()
    expect(liquidContextAt('{% if {{${x}}} > ')).toEqual({ opener: '{%', expression: ' if {{${x}}} > ' })
    expect(liquidContextAt('{%- assign a = 1 -%}{{-')).toEqual({ opener: '{{', expression: '' })
  })

  it('knows the variables a template defines', () => {
    expect(definedVariables("{% assign plan = 'x' %}{% capture body %}{% endcapture %}{% for c in list %}{% connected_content https://x :save order %}")).toEqual([
      'body',
      'c',
      'order',
      'plan',
    ])
  })
})

describe('Braze completion', () => {
  it('closes an output that is not closed yet, whatever the editor auto-closed', () => {
    const insert = (before: string, after: string) => completionsAt(before, after, braze)!.entries.find((e) => e.label === '${first_name}')!
    expect(insert('{{$', '').insertText).toBe('\\${first_name\\}$0\\}\\}')
    expect(insert('{{$', '}').insertText).toBe('\\${first_name\\}$0\\}')
    expect(insert('{{$', '}}')).toMatchObject({ insertText: '${first_name}', snippet: false })
    // `${` auto-closed its own brace: that one is replaced, the output still needs both.
    expect(insert('{{${', '}').insertText).toBe('\\${first_name\\}$0\\}\\}')
    expect(insert('{% if $', ' %}')).toMatchObject({ insertText: '${first_name}', snippet: false })
  })

  it('offers standard attributes as ${…} at the start of an output', () => {
    const found = completionsAt('{{', '}}', braze)!
    expect(found.entries.map((e) => e.label)).toContain('${first_name}')
    expect(found.entries.map((e) => e.label)).toContain('custom_attribute.${…}')
    expect(found.entries.map((e) => e.label)).toContain('score')
  })

  it('replaces a typed $ or ${ and an auto-closed brace', () => {
    expect(completionsAt('{{$', '}}', braze)).toMatchObject({ replaceBefore: 1, replaceAfter: 0 })
    const typed = completionsAt('{{${fir', '}}}', braze)!
    expect(typed).toMatchObject({ replaceBefore: 5, replaceAfter: 1 })
    expect(typed.entries.find((e) => e.label === '${first_name}')).toMatchObject({ insertText: '${first_name}', snippet: false })
  })

  it('offers the custom attributes and event properties found in samples', () => {
    expect(labels('{{custom_attribute.${', braze, '}}}')).toEqual(['${plan}', '${seats}'])
    expect(labels('{{event_properties.$', braze)).toEqual(['${score}'])
    expect(labels('{{campaign.${', braze)).toContain('${dispatch_id}')
  })

  it('offers supported filters with their arguments as snippets', () => {
    const found = completionsAt('{{${first_name} | json', '}}', braze)!
    expect(found.replaceBefore).toBe(4)
    const names = found.entries.map((e) => e.label)
    expect(names).toContain('json_escape')
    expect(names).toContain('hmac_sha256_base64')
    expect(names).not.toContain('pluralize')
    expect(found.entries.find((e) => e.label === 'truncate')?.insertText).toBe('truncate: ${1:length}, ${2:ellipsis}')
  })

  it('offers tag names after {%, Braze tags included', () => {
    expect(labels('{% ', braze)).toEqual(expect.arrayContaining(['if', 'assign', 'abort_message', 'connected_content']))
    expect(labels('{% ', zendesk)).not.toContain('abort_message')
  })

  it('offers nothing outside Liquid', () => {
    expect(completionsAt('{"a": "b', '"}', braze)).toBeNull()
  })
})

describe('Zendesk completion', () => {
  it('offers the roots, then the children of a path', () => {
    expect(labels('{{', zendesk)).toEqual(expect.arrayContaining(['ticket', 'current_user', 'satisfaction']))
    const children = labels('{{ticket.', zendesk)
    expect(children).toEqual(expect.arrayContaining(['id', 'title', 'requester', 'status']))
    expect(children).not.toContain('requester.email')
    expect(labels('{{ticket.requester.', zendesk)).toContain('email')
  })

  it('fills in ticket field ids and custom field keys from the samples', () => {
    const children = completionsAt('{{ticket.ticket_f', '}}', zendesk)!
    expect(children.replaceBefore).toBe(8)
    expect(children.entries.map((e) => e.label)).toEqual(expect.arrayContaining(['ticket_field_360010', 'ticket_field_option_title_360010']))
    expect(children.entries.find((e) => e.label === 'ticket_field_360010')?.detail).toContain('Printer model')
    expect(labels('{{ticket.requester.custom_fields.', zendesk)).toEqual(['plan'])
    expect(labels('{{ticket.organization.custom_fields.', zendesk)).toEqual(['tier'])
  })

  it('offers the standard Liquid filters', () => {
    const names = labels('{{ticket.title | ', zendesk)
    expect(names).toContain('upcase')
    expect(names).not.toContain('json_escape')
  })
})

describe('references', () => {
  it('offers the selected environment variables and secrets', () => {
    const context: CompletionContext = { ...braze, environment: { variables: ['zendesk_subdomain'], secrets: ['api_token'] } }
    const found = completionsAt('url: https://%{en', '}', context)!
    expect(found).toMatchObject({ replaceBefore: 4, replaceAfter: 1 })
    expect(found.entries.map((e) => e.label)).toEqual(['%{env.zendesk_subdomain}', '%{secret.api_token}'])
  })
})

it('turns filter signatures into snippets', () => {
  expect(filterSnippet('json_escape')).toBe('json_escape')
  expect(filterSnippet('replace: search, replacement')).toBe('replace: ${1:search}, ${2:replacement}')
})
