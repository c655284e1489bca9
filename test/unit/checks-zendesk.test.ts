import { describe, expect, it } from 'vitest'
import { checkPayload, inferTarget, TARGETS, type PayloadIssue } from '../../shared/checks/index.js'

/** The official example of zendesk.md §5.1. */
const OFFICIAL_EXAMPLE = {
  ticket: { comment: { body: 'The smoke is very colorful.' }, priority: 'urgent', subject: 'My printer is on fire!' },
}

const check = (body: unknown): PayloadIssue[] => checkPayload('zendesk.tickets.create', body)

/** The official example with some ticket fields added or replaced. */
const checkTicket = (fields: Record<string, unknown>): PayloadIssue[] => check({ ticket: { ...OFFICIAL_EXAMPLE.ticket, ...fields } })

type Expected = Pick<PayloadIssue, 'code' | 'path'> & Partial<PayloadIssue>

/** Exactly one issue, matching `expected`. */
function expectOnly(issues: PayloadIssue[], expected: Expected): PayloadIssue {
  expect(issues).toMatchObject([expected])
  return issues[0]!
}

describe('valid baselines', () => {
  it('accepts the official example', () => {
    expect(check(OFFICIAL_EXAMPLE)).toEqual([])
  })

  it('accepts a ticket using every documented field with a valid value', () => {
    const ticket = {
      subject: 'Printer',
      comment: { body: 'Hello', html_body: '<p>Hello</p>', public: false, author_id: 1, uploads: ['tok'] },
      requester: { name: 'Pablo', email: 'pablito@example.org', locale_id: 8 },
      submitter_id: 2,
      assignee_id: 3,
      assignee_email: 'agent@example.org',
      group_id: 4,
      organization_id: 5,
      brand_id: 6,
      ticket_form_id: 7,
      type: 'incident',
      priority: 'low',
      status: 'pending',
      custom_status_id: 9,
      tags: ['vip', 'billing'],
      custom_fields: [{ id: 10, value: 'gold' }, { id: 11, value: ['a', 'b'] }, { id: 12, value: null }],
      external_id: 'ext-1',
      due_at: '2013-12-12T05:35Z',
      collaborators: [1, 'a@example.org'],
      email_ccs: [],
      followers: [],
      recipient: 'support@example.org',
      via_followup_source_id: 13,
      macro_ids: [14, 15],
      safe_update: true,
      updated_stamp: '2024-05-01T09:00:00Z',
    }
    expect(check({ ticket })).toEqual([])
  })

  it('accepts html_body instead of body', () => {
    expect(checkTicket({ comment: { html_body: '<p>Hi</p>' } })).toEqual([])
  })

  it('treats null optional fields as unset', () => {
    expect(checkTicket({ assignee_id: null, priority: null, tags: null })).toEqual([])
  })

  it.each(['problem', 'incident', 'question', 'task'])('accepts type %s', (type) => {
    expect(checkTicket({ type })).toEqual([])
  })
  it.each(['urgent', 'high', 'normal', 'low'])('accepts priority %s', (priority) => {
    expect(checkTicket({ priority })).toEqual([])
  })
  it.each(['new', 'open', 'pending', 'hold', 'solved', 'closed'])('accepts status %s', (status) => {
    expect(checkTicket({ status })).toEqual([])
  })
})

describe('body shape', () => {
  it.each([
    ['an array', [OFFICIAL_EXAMPLE]],
    ['a string', 'ticket'],
    ['null', null],
    ['a number', 42],
  ])('reports a body that is %s once, at the root', (_what, body) => {
    expectOnly(check(body), { code: 'payload-not-object', path: [], at: 'value', severity: 'error' })
  })

  it('reports a missing ticket object', () => {
    expectOnly(check({}), { code: 'zendesk-ticket-missing', path: [], severity: 'error' })
  })

  it('suggests wrapping ticket fields sent at the root', () => {
    const issue = expectOnly(check(OFFICIAL_EXAMPLE.ticket), { code: 'zendesk-ticket-missing', path: [] })
    expect(issue.hint).toContain('{"ticket":')
  })

  it('points out a wrongly cased ticket key', () => {
    const issue = expectOnly(check({ Ticket: OFFICIAL_EXAMPLE.ticket }), { code: 'zendesk-ticket-missing', path: [] })
    expect(issue.hint).toContain('"Ticket"')
  })

  it('reports a ticket that is not an object', () => {
    expectOnly(check({ ticket: 'hello' }), { code: 'zendesk-wrong-type', path: ['ticket'], at: 'value', severity: 'error' })
  })

  it('warns about keys beside ticket', () => {
    expectOnly(check({ ...OFFICIAL_EXAMPLE, subject: 'x' }), { code: 'zendesk-unknown-field', path: ['subject'], at: 'key', severity: 'warning' })
  })
})

describe('comment', () => {
  it('requires a comment', () => {
    expectOnly(check({ ticket: { subject: 'x' } }), { code: 'zendesk-comment-missing', path: ['ticket'], at: 'key', severity: 'error' })
  })

  it('treats a null comment as missing', () => {
    expectOnly(checkTicket({ comment: null }), { code: 'zendesk-comment-missing', path: ['ticket'] })
  })

  it('requires a comment object', () => {
    expectOnly(checkTicket({ comment: 'Hello' }), { code: 'zendesk-wrong-type', path: ['ticket', 'comment'], at: 'value', severity: 'error' })
  })

  it('requires body or html_body', () => {
    expectOnly(checkTicket({ comment: { public: true } }), {
      code: 'zendesk-comment-body-missing',
      path: ['ticket', 'comment'],
      at: 'key',
      severity: 'error',
    })
  })

  it('requires a string body', () => {
    expectOnly(checkTicket({ comment: { body: { text: 'x' } } }), { code: 'zendesk-wrong-type', path: ['ticket', 'comment', 'body'], severity: 'error' })
  })

  it('warns about an empty body', () => {
    expectOnly(checkTicket({ comment: { body: '' } }), { code: 'zendesk-empty-value', path: ['ticket', 'comment', 'body'], at: 'value', severity: 'warning' })
  })

  it('warns (UNCONFIRMED coercion) about public as the string "true"', () => {
    const issue = expectOnly(checkTicket({ comment: { body: 'x', public: 'true' } }), {
      code: 'zendesk-coercible-type',
      path: ['ticket', 'comment', 'public'],
      severity: 'warning',
    })
    expect(issue.hint).toContain('UNCONFIRMED')
  })

  it('rejects public that is not a boolean', () => {
    expectOnly(checkTicket({ comment: { body: 'x', public: 'yes' } }), { code: 'zendesk-wrong-type', path: ['ticket', 'comment', 'public'], severity: 'error' })
  })

  it('warns about read-only comment fields', () => {
    const issue = expectOnly(checkTicket({ comment: { body: 'x', plain_body: 'x' } }), {
      code: 'zendesk-unknown-field',
      path: ['ticket', 'comment', 'plain_body'],
      at: 'key',
    })
    expect(issue.hint).toContain('read-only')
  })
})

describe('type, priority and status', () => {
  it.each([
    ['status', 'Open', 'open'],
    ['priority', 'Urgent', 'urgent'],
    ['type', 'Question', 'question'],
    ['status', 'PENDING', 'pending'],
  ])('warns about %s "%s" in another case, hinting | downcase (acceptance UNCONFIRMED)', (field, value, lower) => {
    const issue = expectOnly(checkTicket({ [field]: value }), { code: 'zendesk-enum-case', path: ['ticket', field], at: 'value', severity: 'warning' })
    expect(issue.hint).toContain('| downcase')
    expect(issue.hint).toContain(`"${lower}"`)
    expect(issue.hint).toContain('UNCONFIRMED')
  })

  it('names the field and the accepted values', () => {
    const issue = expectOnly(checkTicket({ priority: 'Urgent' }), { code: 'zendesk-enum-case', path: ['ticket', 'priority'] })
    expect(issue.message).toBe('ticket.priority is "Urgent"; Zendesk accepts urgent, high, normal, low')
  })

  it.each([
    ['type', 'bug'],
    ['priority', 'critical'],
    ['status', 'resolved'],
  ])('rejects %s "%s"', (field, value) => {
    expectOnly(checkTicket({ [field]: value }), { code: 'zendesk-enum-invalid', path: ['ticket', field], severity: 'error' })
  })

  it('explains type "Ticket", which {{ticket.ticket_type}} renders when unset', () => {
    const issue = expectOnly(checkTicket({ type: 'Ticket' }), { code: 'zendesk-enum-invalid', path: ['ticket', 'type'] })
    expect(issue.hint).toContain('ticket.ticket_type')
  })

  it('warns about an empty priority (an unset {{ticket.priority}})', () => {
    expectOnly(checkTicket({ priority: '' }), { code: 'zendesk-empty-value', path: ['ticket', 'priority'], severity: 'warning' })
  })

  it('rejects a non-string status', () => {
    expectOnly(checkTicket({ status: ['open'] }), { code: 'zendesk-wrong-type', path: ['ticket', 'status'], severity: 'error' })
  })
})

describe('requester', () => {
  it('accepts {name, email, locale_id} (locale_id UNCONFIRMED but widely used)', () => {
    expect(checkTicket({ requester: { name: 'Pablo', email: 'p@example.org', locale_id: 8 } })).toEqual([])
  })

  it('requires email', () => {
    expectOnly(checkTicket({ requester: { name: 'Pablo' } }), {
      code: 'zendesk-requester-email-missing',
      path: ['ticket', 'requester'],
      at: 'key',
      severity: 'error',
    })
  })

  it('warns about an empty email', () => {
    expectOnly(checkTicket({ requester: { email: '' } }), { code: 'zendesk-empty-value', path: ['ticket', 'requester', 'email'], severity: 'warning' })
  })

  it('warns (UNCONFIRMED) about locale_id as a numeric string', () => {
    expectOnly(checkTicket({ requester: { email: 'p@example.org', locale_id: '8' } }), {
      code: 'zendesk-coercible-type',
      path: ['ticket', 'requester', 'locale_id'],
    })
  })

  it('warns about unknown requester fields', () => {
    expectOnly(checkTicket({ requester: { email: 'p@example.org', phone: '+1' } }), {
      code: 'zendesk-unknown-field',
      path: ['ticket', 'requester', 'phone'],
      at: 'key',
    })
  })

  it('requires an object', () => {
    expectOnly(checkTicket({ requester: 'p@example.org' }), { code: 'zendesk-wrong-type', path: ['ticket', 'requester'] })
  })

  it('warns when both requester and requester_id are sent', () => {
    expectOnly(checkTicket({ requester: { email: 'p@example.org' }, requester_id: 5 }), {
      code: 'zendesk-requester-conflict',
      path: ['ticket', 'requester'],
      at: 'key',
      severity: 'warning',
    })
  })
})

describe('ids', () => {
  const ID_FIELDS = ['requester_id', 'assignee_id', 'group_id', 'organization_id', 'submitter_id', 'brand_id', 'ticket_form_id', 'custom_status_id']

  it.each(ID_FIELDS)('accepts an integer %s', (field) => {
    expect(checkTicket({ [field]: 123 })).toEqual([])
  })

  it.each(ID_FIELDS)('rejects a non-numeric %s', (field) => {
    expectOnly(checkTicket({ [field]: 'abc' }), { code: 'zendesk-wrong-type', path: ['ticket', field], at: 'value', severity: 'error' })
  })

  it.each(ID_FIELDS)('rejects a fractional %s', (field) => {
    expectOnly(checkTicket({ [field]: 12.5 }), { code: 'zendesk-wrong-type', path: ['ticket', field], severity: 'error' })
  })

  it.each(ID_FIELDS)('warns (UNCONFIRMED coercion) about a quoted %s', (field) => {
    const issue = expectOnly(checkTicket({ [field]: '123' }), { code: 'zendesk-coercible-type', path: ['ticket', field], severity: 'warning' })
    expect(issue.hint).toContain('Remove the quotes')
  })

  it.each(ID_FIELDS)('warns about an empty %s', (field) => {
    expectOnly(checkTicket({ [field]: '' }), { code: 'zendesk-empty-value', path: ['ticket', field], severity: 'warning' })
  })
})

describe('tags', () => {
  it('rejects a space-separated string, as {{ticket.tags}} renders', () => {
    const issue = expectOnly(checkTicket({ tags: 'vip billing' }), { code: 'zendesk-tags-not-array', path: ['ticket', 'tags'], at: 'value', severity: 'error' })
    expect(issue.hint).toContain('split')
  })

  it('warns about an empty tags string', () => {
    expectOnly(checkTicket({ tags: '' }), { code: 'zendesk-empty-value', path: ['ticket', 'tags'] })
  })

  it('rejects a tags object', () => {
    expectOnly(checkTicket({ tags: { vip: true } }), { code: 'zendesk-wrong-type', path: ['ticket', 'tags'], severity: 'error' })
  })

  it('flags a non-string tag at its index', () => {
    expectOnly(checkTicket({ tags: ['vip', { a: 1 }] }), { code: 'zendesk-wrong-type', path: ['ticket', 'tags', 1] })
  })

  it('warns about an empty tag', () => {
    expectOnly(checkTicket({ tags: ['vip', ''] }), { code: 'zendesk-empty-value', path: ['ticket', 'tags', 1], severity: 'warning' })
  })

  it('warns about a tag with whitespace (API behaviour UNCONFIRMED)', () => {
    expectOnly(checkTicket({ tags: ['vip billing'] }), { code: 'zendesk-tag-whitespace', path: ['ticket', 'tags', 0], severity: 'warning' })
  })
})

describe('custom_fields', () => {
  it('requires an array', () => {
    expectOnly(checkTicket({ custom_fields: { id: 1, value: 'x' } }), { code: 'zendesk-wrong-type', path: ['ticket', 'custom_fields'] })
  })

  it('requires object entries', () => {
    expectOnly(checkTicket({ custom_fields: [123] }), { code: 'zendesk-wrong-type', path: ['ticket', 'custom_fields', 0], at: 'value' })
  })

  it('requires an id', () => {
    expectOnly(checkTicket({ custom_fields: [{ value: 'x' }] }), {
      code: 'zendesk-custom-field-id-missing',
      path: ['ticket', 'custom_fields', 0],
      at: 'value',
      severity: 'error',
    })
  })

  it('requires an integer id', () => {
    expectOnly(checkTicket({ custom_fields: [{ id: 'abc', value: 'x' }] }), { code: 'zendesk-wrong-type', path: ['ticket', 'custom_fields', 0, 'id'] })
  })

  it('warns about an entry without value (API behaviour UNCONFIRMED)', () => {
    expectOnly(checkTicket({ custom_fields: [{ id: 1 }] }), {
      code: 'zendesk-custom-field-value-missing',
      path: ['ticket', 'custom_fields', 0],
      severity: 'warning',
    })
  })

  it('warns about unknown entry keys', () => {
    expectOnly(checkTicket({ custom_fields: [{ id: 1, value: 'x', title: 'Plan' }] }), {
      code: 'zendesk-unknown-field',
      path: ['ticket', 'custom_fields', 0, 'title'],
      at: 'key',
    })
  })
})

describe('subject and due_at', () => {
  it('warns about an empty subject', () => {
    expectOnly(checkTicket({ subject: '' }), { code: 'zendesk-empty-value', path: ['ticket', 'subject'], at: 'value', severity: 'warning' })
  })

  it('rejects a subject object', () => {
    expectOnly(checkTicket({ subject: { text: 'x' } }), { code: 'zendesk-wrong-type', path: ['ticket', 'subject'], severity: 'error' })
  })

  it('warns (UNCONFIRMED coercion) about a numeric subject', () => {
    expectOnly(checkTicket({ subject: 343 }), { code: 'zendesk-coercible-type', path: ['ticket', 'subject'], severity: 'warning' })
  })

  it.each(['2024-05-01', '2013-12-12T05:35Z', '2024-05-01T09:00:00Z', '2024-05-01T09:00:00.123+02:00'])('accepts due_at %s', (due_at) => {
    expect(checkTicket({ due_at })).toEqual([])
  })

  it.each(['May18, 2014', '2024-02-30T10:00:00Z', '2024-05-01T25:00Z', '05/01/2024'])('rejects due_at %s', (due_at) => {
    const issue = expectOnly(checkTicket({ due_at }), { code: 'zendesk-invalid-date', path: ['ticket', 'due_at'], severity: 'error' })
    expect(issue.hint).toContain('_with_timestamp')
  })
})

describe('unknown ticket fields', () => {
  it('warns and lists the known fields', () => {
    const issue = expectOnly(checkTicket({ urgency: 'high' }), { code: 'zendesk-unknown-field', path: ['ticket', 'urgency'], at: 'key', severity: 'warning' })
    expect(issue.hint).toContain('subject, comment')
  })

  it('suggests the documented name for a wrongly cased field', () => {
    const issue = expectOnly(checkTicket({ Status: 'open' }), { code: 'zendesk-unknown-field', path: ['ticket', 'Status'] })
    expect(issue.hint).toContain('Did you mean status?')
  })

  it('points description to comment.body', () => {
    const issue = expectOnly(checkTicket({ description: 'x' }), { code: 'zendesk-unknown-field', path: ['ticket', 'description'] })
    expect(issue.hint).toContain('comment.body')
  })

  it('does not mistake inherited names for known fields', () => {
    expectOnly(check(JSON.parse('{"ticket":{"comment":{"body":"x"},"constructor":1}}')), {
      code: 'zendesk-unknown-field',
      path: ['ticket', 'constructor'],
    })
  })
})

describe('inferTarget (Zendesk)', () => {
  it.each([
    'https://acme.zendesk.com/api/v2/tickets',
    'https://acme.zendesk.com/api/v2/tickets.json',
    'https://acme.zendesk.com/api/v2/tickets.json?async=true',
    'https://acme1234.zendesk.com/api/v2/tickets/',
    'https://{{subdomain}}.zendesk.com/api/v2/tickets.json',
    'acme.zendesk.com/api/v2/tickets.json',
    'http://127.0.0.1:4010/api/v2/tickets',
  ])('recognises POST %s', (url) => {
    expect(inferTarget('POST', url)).toBe('zendesk.tickets.create')
    expect(TARGETS['zendesk.tickets.create'].matches(url)).toBe(true)
  })

  it('ignores the method case', () => {
    expect(inferTarget('post', 'https://acme.zendesk.com/api/v2/tickets.json')).toBe('zendesk.tickets.create')
  })

  it.each([
    ['GET', 'https://acme.zendesk.com/api/v2/tickets.json'],
    ['PUT', 'https://acme.zendesk.com/api/v2/tickets/12.json'],
    ['POST', 'https://acme.zendesk.com/api/v2/tickets/12.json'],
    ['POST', 'https://acme.zendesk.com/api/v2/tickets/create_many.json'],
    ['POST', 'https://acme.zendesk.com/api/v2/users.json'],
    ['POST', 'https://acme.zendesk.com/v2/tickets.json'],
  ])('does not recognise %s %s', (method, url) => {
    expect(inferTarget(method, url)).toBeUndefined()
  })

  it('describes the target', () => {
    expect(TARGETS['zendesk.tickets.create']).toMatchObject({ id: 'zendesk.tickets.create', method: 'POST' })
    expect(TARGETS['zendesk.tickets.create'].docsUrl).toMatch(/^https:\/\/developer\.zendesk\.com\//)
  })
})
