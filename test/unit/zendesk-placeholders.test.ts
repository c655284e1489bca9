import { describe, expect, it } from 'vitest'
import { buildZendeskScope, COMMENT_SEPARATOR } from '../../shared/zendesk/placeholders.js'
import { loadZendeskSample, renderZendesk } from '../fixtures/zendesk/samples.js'

const minimal = (template: string): string => renderZendesk(template, 'ticket-minimal')
const solved = (template: string): string => renderZendesk(template, 'ticket-solved')

describe('ticket placeholders: the TriggerMesh rendered example (zendesk.md §1.4)', () => {
  it.each([
    ['ticket.id', '343'],
    ['ticket.title', 'Demo ticket'],
    ['ticket.status', 'Open'],
    ['ticket.priority', ''],
    ['ticket.ticket_type', 'Ticket'],
    ['ticket.via', 'Web Form'],
    ['ticket.url', 'triggermesh.zendesk.com/agent/tickets/343'],
    ['ticket.tags', 'oracle'],
    ['ticket.due_date', ''],
    ['ticket.due_date_with_timestamp', ''],
    ['ticket.cc_names', ''],
    ['ticket.ccs', '[]'],
    ['ticket.requester_field', ''],
    ['ticket.ticket_field_ID', ''],
    ['ticket.requester.language', 'English'],
    ['ticket.created_at_with_timestamp', '2021-01-29T11:10Z'],
  ])('{{%s}} renders %j', (placeholder, expected) => {
    expect(minimal(`{{${placeholder}}}`)).toBe(expected)
  })

  it('formats the description with the separator line and the author/date header', () => {
    expect(minimal('{{ticket.description}}')).toBe(`${COMMENT_SEPARATOR}\n\nDemo, Jan 29, 2021, 11:10\n\nhello world`)
    expect(COMMENT_SEPARATOR).toBe('----------------------------------------------')
  })

  it('formats the description from the ticket when the sample has no comments', () => {
    const sample = loadZendeskSample('ticket-minimal')
    delete sample.comments
    expect(renderZendesk('{{ticket.description}}', sample)).toBe(`${COMMENT_SEPARATOR}\n\nDemo, Jan 29, 2021, 11:10\n\nhello world`)
  })
})

describe('ticket placeholders: a full export', () => {
  it.each([
    ['ticket.title', 'Printer "LaserJet 5" shows error E-42'],
    ['ticket.status', 'Solved'],
    ['ticket.priority', 'High'],
    ['ticket.ticket_type', 'Incident'],
    ['ticket.tags', 'vip printer emea'],
    ['ticket.external_id', 'ORD-88812'],
    ['ticket.account', 'Acme Inc'],
    ['ticket.brand.name', 'Acme Printers'],
    ['ticket.group.name', 'Hardware Support'],
    ['ticket.group.id', '360001'],
    ['ticket.updated_at_with_timestamp', '2024-03-05T14:02Z'],
    ['ticket.due_date_with_timestamp', '2024-03-08T12:00Z'],
    ['ticket.in_business_hours', 'true'],
    ['ticket.ticket_form', 'Hardware issue'],
  ])('{{%s}} renders %j', (placeholder, expected) => {
    expect(solved(`{{${placeholder}}}`)).toBe(expected)
  })

  it('UNCONFIRMED human date formats: created_at as "Mar 4, 2024", in UTC', () => {
    expect(solved('{{ticket.created_at}}|{{ticket.updated_at}}|{{ticket.due_date}}')).toBe('Mar 4, 2024|Mar 5, 2024|Mar 8, 2024')
  })

  it('UNCONFIRMED exact form: url_with_protocol and link add https:// to the agent URL', () => {
    expect(solved('{{ticket.url}}|{{ticket.url_with_protocol}}|{{ticket.link}}')).toBe(
      'acme.zendesk.com/agent/tickets/4521|https://acme.zendesk.com/agent/tickets/4521|https://acme.zendesk.com/agent/tickets/4521',
    )
  })

  it('takes the host from the ticket API URL when the sample has no account subdomain', () => {
    const sample = loadZendeskSample('ticket-solved')
    delete sample.account
    expect(renderZendesk('{{ticket.url}}', sample)).toBe('acme.zendesk.com/agent/tickets/4521')
  })

  it('UNCONFIRMED channel name: email renders Mail', () => {
    expect(solved('{{ticket.via}}')).toBe('Mail')
  })

  it('renders custom ticket fields as their stored value and drop-down options by title', () => {
    expect(solved('{{ticket.ticket_field_360010}}|{{ticket.ticket_field_option_title_360010}}')).toBe('laserjet_5|LaserJet 5')
    expect(solved('{{ticket.ticket_field_360012}}|{{ticket.ticket_field_360013}}|{{ticket.ticket_field_360014}}')).toBe(
      'Serial 5X-991|true|',
    )
  })

  it('UNCONFIRMED multi-select forms: tags space-separated, titles comma-separated', () => {
    expect(solved('{{ticket.ticket_field_360011}}|{{ticket.ticket_field_option_title_360011}}')).toBe('toner paper_jam|Toner, Paper jam')
  })

  it('renders the organization with shared flags, tags and custom fields (with .title)', () => {
    expect(
      solved(
        '{{ticket.organization.name}}|{{ticket.organization.id}}|{{ticket.organization.is_shared}}|' +
          '{{ticket.organization.is_shared_comments}}|{{ticket.organization.tags}}|{{ticket.organization.external_id}}|' +
          '{{ticket.organization.custom_fields.tier}}|{{ticket.organization.custom_fields.region}}|' +
          '{{ticket.organization.custom_fields.region.title}}',
      ),
    ).toBe('Example Corp|501|true|false|enterprise emea|acct-77|gold|emea_west|EMEA West')
  })

  it('compares an organization custom field as its value', () => {
    expect(solved('{% if ticket.organization.custom_fields.region == "emea_west" %}yes{% endif %}')).toBe('yes')
  })

  it('UNCONFIRMED: the ", " separator of cc_names; ccs loop as users', () => {
    expect(solved('{{ticket.cc_names}}|{{ticket.email_cc_names}}|{{ticket.follower_names}}')).toBe('Bo Chen|Bo Chen|Ada Lead')
    expect(solved('{% for cc in ticket.ccs %}{{cc.email}}{% endfor %}')).toBe('bo.chen@example.com')
  })

  it('renders unknown placeholders and missing records empty', () => {
    expect(solved('[{{ticket.nope}}{{ticket.requester.nope}}{{nothing.at.all}}]')).toBe('[]')
    expect(minimal('[{{ticket.assignee.name}}{{ticket.assignee.id}}{{ticket.organization.name}}{{ticket.group.name}}]')).toBe('[]')
  })
})

describe('user placeholders (zendesk.md §1.2)', () => {
  it('renders the requester from the sideloaded users', () => {
    expect(
      solved(
        '{{ticket.requester.name}}|{{ticket.requester.email}}|{{ticket.requester.phone}}|{{ticket.requester.external_id}}|' +
          '{{ticket.requester.details}}|{{ticket.requester.notes}}|{{ticket.requester.time_zone}}|{{ticket.requester.locale}}|' +
          '{{ticket.requester.role}}|{{ticket.requester.id}}|{{ticket.requester.language}}|{{ticket.requester.organization.name}}',
      ),
    ).toBe(
      'Jane Doe|jane.doe@example.com|+31 20 555 0101|crm-1234|Office manager, building B|Prefers email|Amsterdam|en-GB|end-user|9001|English|Example Corp',
    )
  })

  it('UNCONFIRMED name split: first word, then the rest', () => {
    expect(solved('{{ticket.requester.first_name}}|{{ticket.requester.last_name}}')).toBe('Jane|Doe')
  })

  it('UNCONFIRMED: user tags space-separated like ticket.tags', () => {
    expect(solved('{{ticket.requester.tags}}')).toBe('vip newsletter')
  })

  it('reads user custom fields from user_fields', () => {
    expect(solved('{{ticket.requester.custom_fields.plan}}|{{ticket.requester.custom_fields.seats}}')).toBe('premium|25')
  })

  it('resolves assignee, submitter and current_user', () => {
    expect(solved('{{ticket.assignee.name}}|{{ticket.assignee.signature}}|{{ticket.submitter.name}}|{{current_user.name}}|{{current_user.role}}')).toBe(
      'Sam Agent|Sam from Acme Support|Jane Doe|Sam Agent|agent',
    )
  })

  it('UNCONFIRMED: languages are named in English from the locale language (de → German)', () => {
    expect(solved('{% for cc in ticket.ccs %}{{cc.language}}{% endfor %}')).toBe('German')
  })

  it('UNCONFIRMED: a user printed whole shows the name, also through string filters', () => {
    expect(solved('{{ticket.requester}}|{{ticket.requester | append: "!"}}')).toBe('Jane Doe|Jane Doe!')
  })
})

describe('comment placeholders (zendesk.md §1.5)', () => {
  it('UNCONFIRMED order: ticket.comments lists newest first', () => {
    expect(solved('{% for c in ticket.comments %}{{c.id}},{% endfor %}')).toBe('30003,30002,30001,')
    expect(solved('{{ticket.comments.first.author.role}}|{{ticket.comments.size}}')).toBe('agent|3')
  })

  it('reads comment properties and the author', () => {
    expect(
      solved(
        '{% for c in ticket.comments %}{{c.id}} {{c.is_public}} {{c.author.name}} {{c.author.id}} {{c.author.email}} {{c.author.role}}\n{% endfor %}',
      ),
    ).toBe(
      '30003 true Sam Agent 7001 sam@acme.example agent\n' +
        '30002 false Sam Agent 7001 sam@acme.example agent\n' +
        '30001 true Jane Doe 9001 jane.doe@example.com end-user\n',
    )
  })

  it('UNCONFIRMED formats: comment created_at and created_at_with_time', () => {
    expect(solved('{{ticket.latest_comment.created_at}}|{{ticket.latest_comment.created_at_with_time}}')).toBe('Mar 5, 2024|Mar 5, 2024, 14:02')
  })

  it('keeps public comments apart from internal notes', () => {
    expect(solved('{% for c in ticket.public_comments %}{{c.id}},{% endfor %}')).toBe('30003,30001,')
    expect(solved('{{ticket.latest_public_comment.value}}')).toBe('Hello Jane, please replace the toner cartridge; E-42 means it is empty.')
  })

  it('loops over attachments with filename and url', () => {
    expect(solved('{% for c in ticket.comments %}{% for a in c.attachments %}{{a.filename}} {{a.url}}{% endfor %}{% endfor %}')).toBe(
      'error-e42.jpg https://acme.zendesk.com/attachments/token/abc123/?name=error-e42.jpg',
    )
  })

  it('formats the *_formatted placeholders like the description', () => {
    expect(solved('{{ticket.latest_comment_formatted}}')).toBe(
      `${COMMENT_SEPARATOR}\n\nSam Agent, Mar 5, 2024, 14:02\n\nHello Jane, please replace the toner cartridge; E-42 means it is empty.`,
    )
    expect(solved('{{ticket.comments_formatted}}').split(COMMENT_SEPARATOR)).toHaveLength(4)
    expect(solved('{{ticket.public_comments_formatted}}').split(COMMENT_SEPARATOR)).toHaveLength(3)
  })

  it('UNCONFIRMED markup: the *_html placeholders write the header and the text as HTML paragraphs', () => {
    expect(solved('{{ticket.latest_comment_html}}')).toBe(
      '<p><strong>Sam Agent</strong>, Mar 5, 2024, 14:02</p><p>Hello Jane, please replace the toner cartridge; E-42 means it is empty.</p>',
    )
  })

  it('UNCONFIRMED: a comment printed whole shows its text', () => {
    expect(solved('{{ticket.latest_comment}}')).toBe('Hello Jane, please replace the toner cartridge; E-42 means it is empty.')
  })

  it('UNCONFIRMED exact text: a bare {{ticket.comments}} renders Ruby inspect text', () => {
    const text = solved('{{ticket.comments}}')
    expect(text).toMatch(/^\[#<Comment id: 30003, account_id: 11223, parent_id: 30002, ticket_id: 4521, author_id: 7001, /)
    expect(text).toContain('created_at: "2024-03-05 14:02:51.000000000 +0000"')
    expect(text).toContain('value: "Hi,\\n\\nour printer \\"LaserJet 5\\" shows E-42 since Monday.\\nPath: C:\\\\Printers\\\\lj5\\n\\nThanks, Jane"')
    // The shape Pipedream's parser expects (PipedreamHQ/pipedream#18260).
    expect([...text.matchAll(/#<Comment (.*?)(value: "[^"]*")(.*?)>/g)]).toHaveLength(3)
  })
})

describe('satisfaction and dynamic content', () => {
  it('renders satisfaction.* from the sample', () => {
    expect(solved('{{satisfaction.current_rating}}|{{satisfaction.current_comment}}|{{satisfaction.rating_section}}')).toBe(
      'Good|Quick and friendly!|How would you rate our support?',
    )
    expect(solved('{{satisfaction.positive_rating_url}}')).toContain('intention=16')
  })

  it('UNCONFIRMED wording: without the sample satisfaction, shows the API score and comment', () => {
    const sample = loadZendeskSample('ticket-solved')
    delete sample.satisfaction
    expect(renderZendesk('{{satisfaction.current_rating}}|{{satisfaction.current_comment}}', sample)).toBe('good|Quick and friendly!')
  })

  it('renders dc.<name> from the sample dynamic_content', () => {
    expect(solved('{{dc.signoff}}|{{dc.missing}}')).toBe('Kind regards, the Acme team|')
  })
})

describe('buildZendeskScope', () => {
  it('provides the four Zendesk roots', () => {
    expect(Object.keys(buildZendeskScope(loadZendeskSample('ticket-minimal'))).sort()).toEqual(['current_user', 'dc', 'satisfaction', 'ticket'])
  })

  it('UNCONFIRMED default: in_business_hours is "false" when the sample does not say', () => {
    expect(minimal('{{ticket.in_business_hours}}')).toBe('false')
  })

  it('keeps print forms out of the data: JSON of a user has data properties only', () => {
    const scope = buildZendeskScope(loadZendeskSample('ticket-solved')) as { ticket: { requester: object } }
    const keys = Object.keys(JSON.parse(JSON.stringify(scope.ticket.requester)) as object)
    expect(keys).toContain('email')
    expect(keys.some((k) => k.includes('toString'))).toBe(false)
  })
})
