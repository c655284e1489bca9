import { describe, expect, it } from 'vitest'
import { lintZendesk } from '../../shared/zendesk/lints.js'

interface Found {
  code: string
  /** The text the diagnostic points at. */
  at: string
  severity: string
}

function lint(template: string, jsonBody = true): Found[] {
  return lintZendesk(template, { jsonBody }).map((d) => ({ code: d.code, at: template.slice(d.start, d.end), severity: d.severity }))
}

function codes(template: string, jsonBody = true): string[] {
  return lint(template, jsonBody).map((d) => d.code)
}

describe('zendesk-unquoted-placeholder (JSON bodies, zendesk.md §2)', () => {
  it('flags a bare placeholder that can be empty, pointing at it, with the if/else null hint', () => {
    const template = '{"assignee_id": {{ ticket.assignee.id }}}'
    const [d] = lintZendesk(template, { jsonBody: true })
    expect(d).toMatchObject({ code: 'zendesk-unquoted-placeholder', severity: 'warning' })
    expect(template.slice(d!.start, d!.end)).toBe('ticket.assignee.id')
    expect(d!.hint).toContain('{% if ticket.assignee.id %}{{ticket.assignee.id}}{% else %}null{% endif %}')
  })

  it('flags bare custom fields and dynamic content, whose type is the account’s choice', () => {
    expect(lint('{"model": {{ticket.ticket_field_360010}}, "x": {{dc.amount}}}').map((d) => d.at)).toEqual([
      'ticket.ticket_field_360010',
      'dc.amount',
    ])
  })

  it('flags bare text: Zendesk adds no quotes', () => {
    const [d] = lintZendesk('{"status": {{ticket.status}}}', { jsonBody: true })
    expect(d?.code).toBe('zendesk-unquoted-placeholder')
    expect(d?.message).toContain('not valid JSON')
  })

  it('flags a bare user list, which prints Ruby text', () => {
    expect(lint('{"ccs": {{ticket.ccs}}}')).toEqual([{ code: 'zendesk-unquoted-placeholder', at: 'ticket.ccs', severity: 'warning' }])
  })

  it('accepts quoted placeholders, ids that are always set and business-hours flags', () => {
    expect(codes('{"t": "{{ticket.title}}", "id": {{ticket.id}}, "r": {{ticket.requester.id}}, "u": {{current_user.id}}, "b": {{ticket.in_business_hours}}}')).toEqual([])
  })

  it('accepts the if/else null pattern and other guards on the same object', () => {
    expect(codes('{"a": {% if ticket.assignee.id %}{{ticket.assignee.id}}{% else %}null{% endif %}}')).toEqual([])
    expect(codes('{"a": {% if ticket.assignee %}{{ticket.assignee.id}}{% else %}null{% endif %}}')).toEqual([])
    expect(codes('{"a": {% unless ticket.group.id == blank %}{{ticket.group.id}}{% endunless %}}')).toEqual([])
  })

  it('accepts outputs made non-empty by a filter', () => {
    expect(codes('{"a": {{ticket.assignee.id | default: "null"}}, "n": {{ticket.comments | size}}}')).toEqual([])
  })

  it('accepts loop variables that are always set, and template variables', () => {
    expect(codes('[{% for c in ticket.comments %}{{c.author.id}}{% unless forloop.last %},{% endunless %}{% endfor %}]')).toEqual([])
    expect(codes('{% assign n = 1 %}{"n": {{n}}}')).toEqual([])
  })

  it('is silent outside JSON bodies', () => {
    expect(codes('assignee={{ticket.assignee.id}}', false)).toEqual([])
  })
})

describe('zendesk-comments-inspect-text (zendesk.md §1.5)', () => {
  it('flags a bare {{ticket.comments}} and {{ticket.public_comments}}, quoted or not, in any body', () => {
    expect(lint('{"c": "{{ticket.comments}}"}')).toEqual([{ code: 'zendesk-comments-inspect-text', at: 'ticket.comments', severity: 'warning' }])
    expect(codes('{{ ticket.public_comments }}', false)).toEqual(['zendesk-comments-inspect-text'])
    expect(lintZendesk('{{ticket.comments}}', { jsonBody: false })[0]?.hint).toContain('{% for comment in ticket.comments %}')
  })

  it('flags it in {% echo %} too', () => {
    expect(codes('{% echo ticket.comments %}', false)).toEqual(['zendesk-comments-inspect-text'])
  })

  it('accepts loops, properties and filters over the comments', () => {
    const template =
      '{% for comment in ticket.comments %}"{{comment.value}}"{% endfor %}' +
      '"{{ticket.comments.first.value}}" {{ticket.comments | size}} "{{ticket.latest_comment.value}}"'
    expect(codes(template)).toEqual([])
  })
})

describe('zendesk-tags-used-as-array (zendesk.md §2)', () => {
  it.each([
    ['a for loop over it', '{% for tag in ticket.tags %}{{tag}}{% endfor %}', 'ticket.tags'],
    ['an index', '{{ticket.tags[0]}}', 'ticket.tags[0]'],
    ['.first', '{{ticket.tags.first}}', 'ticket.tags.first'],
    ['.last', '{% if ticket.tags.last == "vip" %}{% endif %}', 'ticket.tags.last'],
    ['.size', '{% assign n = ticket.tags.size %}', 'ticket.tags.size'],
    ['| first', '{{ticket.tags | first}}', 'ticket.tags'],
    ['| join', '{{ticket.tags | join: ","}}', 'ticket.tags'],
  ])('flags %s', (_how, template, at) => {
    expect(lint(template, false)).toEqual([{ code: 'zendesk-tags-used-as-array', at, severity: 'warning' }])
    expect(lintZendesk(template, { jsonBody: false })[0]?.hint).toContain('| split: " "')
  })

  it('flags an unquoted {{ticket.tags}} in a JSON body', () => {
    expect(codes('{"tags": {{ticket.tags}}}')).toEqual(['zendesk-tags-used-as-array'])
  })

  it('accepts the string use and a split list', () => {
    const template =
      '{"tags": "{{ticket.tags}}", "list": [{% assign tags = ticket.tags | split: " " %}' +
      '{% for tag in tags %}"{{tag}}"{% unless forloop.last %},{% endunless %}{% endfor %}], "n": {{tags.size}}}' +
      '{% if ticket.tags contains "vip" %}{% endif %}'
    expect(codes(template)).toEqual([])
  })
})

describe('zendesk-unknown-placeholder', () => {
  it('flags a misspelt placeholder and suggests the closest name', () => {
    const [d] = lintZendesk('{{ticket.requester.nmae}}', { jsonBody: false })
    expect(d).toMatchObject({ code: 'zendesk-unknown-placeholder', severity: 'warning', start: 2, end: 23, hint: 'Did you mean ticket.requester.name?' })
    expect(d?.message).toContain('renders empty')
  })

  it('suggests the ticket. prefix for a bare object name', () => {
    expect(lintZendesk('{{requester.email}}', { jsonBody: false })[0]?.hint).toBe('Did you mean ticket.requester.email?')
  })

  it('checks loop variables against the element of the collection', () => {
    const [d] = lintZendesk('{% for c in ticket.comments %}{{c.valu}}{{c.author.name}}{% endfor %}', { jsonBody: false })
    expect(d).toMatchObject({ code: 'zendesk-unknown-placeholder', hint: 'Did you mean c.value?' })
  })

  it('checks references in tags', () => {
    expect(lint('{% if ticket.statsu == "Solved" %}{% endif %}', false)).toEqual([
      { code: 'zendesk-unknown-placeholder', at: 'ticket.statsu', severity: 'warning' },
    ])
  })

  it('checks every line of {% liquid %}', () => {
    expect(lint('{% liquid\n  assign who = ticket.requester.name\n  echo ticket.requestr.name\n%}', false).map((d) => d.at)).toEqual([
      'ticket.requestr.name',
    ])
  })

  it('flags a variable the template never assigns', () => {
    expect(codes('{{ name }}', false)).toEqual(['zendesk-unknown-placeholder'])
  })

  it('accepts documented, dynamic and template-defined names', () => {
    const template =
      '{{ticket.ticket_field_360010}}{{ticket.ticket_field_option_title_360010}}{{ticket.organization.custom_fields.tier.title}}' +
      '{{ticket.requester.custom_fields.plan}}{{dc.signoff}}{{satisfaction.rating_url}}{{current_user.organization.name}}' +
      '{% capture note %}x{% endcapture %}{{note}}{% increment counter %}{{counter}}' +
      '{% for cc in ticket.ccs %}{{cc.email}}{{forloop.index}}{% endfor %}' +
      '{% for i in (1..3) %}{{i}}{% endfor %}{{ticket.comments.first.author.role}}'
    expect(codes(template, false)).toEqual([])
  })
})

describe('zendesk-updated-at-with-time', () => {
  it('flags the undocumented ticket.updated_at_with_time instead of calling it unknown', () => {
    const [d, ...rest] = lintZendesk('"{{ticket.updated_at_with_time}}"', { jsonBody: true })
    expect(rest).toEqual([])
    expect(d).toMatchObject({ code: 'zendesk-updated-at-with-time', severity: 'warning' })
    expect(d?.hint).toContain('ticket.updated_at_with_timestamp')
  })

  it('accepts the documented forms and the comment _with_time', () => {
    expect(codes('"{{ticket.updated_at_with_timestamp}}" "{{ticket.updated_at}}" "{{ticket.latest_comment.created_at_with_time}}"')).toEqual([])
  })
})

describe('zendesk-json-filter', () => {
  it('UNCONFIRMED, likely unsupported: flags | json in outputs and assigns, pointing at the filter', () => {
    expect(lint('{"t": "{{ticket.title | json}}"}{% assign x = ticket.title | upcase | json %}')).toEqual([
      { code: 'zendesk-json-filter', at: 'json', severity: 'warning' },
      { code: 'zendesk-json-filter', at: 'json', severity: 'warning' },
    ])
    expect(lintZendesk('{{ticket.title | json}}', { jsonBody: false })[0]?.message).toContain('UNCONFIRMED')
  })

  it('accepts other filters and a variable named json', () => {
    expect(codes('{% assign json = ticket.title | escape %}"{{ json | upcase }}"')).toEqual([])
  })
})

describe('lintZendesk', () => {
  it('reports in source order and never throws on half-typed templates', () => {
    expect(() => lintZendesk('{"a": {{ticket.assignee.', { jsonBody: true })).not.toThrow()
    expect(() => lintZendesk('{% for x in %}{% if %}{{ | }}', { jsonBody: true })).not.toThrow()
    const found = lintZendesk('{{ticket.nope}} {{ticket.tags.first}} {{ticket.comments}}', { jsonBody: false })
    expect(found.map((d) => d.start)).toEqual([...found.map((d) => d.start)].sort((a, b) => a - b))
  })

  it('finds nothing in a clean webhook body', () => {
    const body = `{
  "ticket_id": {{ticket.id}},
  "status": "{{ticket.status}}",
  "assignee_id": {% if ticket.assignee.id %}{{ticket.assignee.id}}{% else %}null{% endif %},
  "requester": { "id": {{ticket.requester.id}}, "email": "{{ticket.requester.email}}" },
  "tags": [{% assign tags = ticket.tags | split: " " %}{% for tag in tags %}"{{tag}}"{% unless forloop.last %},{% endunless %}{% endfor %}],
  "comments": [{% for comment in ticket.public_comments %}{"author": "{{comment.author.name}}", "text": "{{comment.value}}"}{% unless forloop.last %},{% endunless %}{% endfor %}]
}`
    expect(lint(body)).toEqual([])
  })
})
