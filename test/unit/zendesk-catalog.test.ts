import { describe, expect, it } from 'vitest'
import {
  isKnownPlaceholder,
  placeholderNamesUnder,
  resolvePlaceholder,
  ZENDESK_PLACEHOLDER_NAMES,
  ZENDESK_PLACEHOLDERS,
} from '../../shared/zendesk/catalog.js'
import { buildZendeskScope } from '../../shared/zendesk/placeholders.js'
import { loadZendeskSample } from '../fixtures/zendesk/samples.js'

const byName = new Map(ZENDESK_PLACEHOLDERS.map((p) => [p.name, p]))
const USERS = ['ticket.requester', 'ticket.assignee', 'ticket.submitter', 'current_user']

describe('ZENDESK_PLACEHOLDERS', () => {
  it('lists every placeholder of zendesk.md §1.4, §1.5 and §1.6', () => {
    const documented = [
      'ticket.account', 'ticket.brand.name', 'ticket.id', 'ticket.title', 'ticket.description', 'ticket.status',
      'ticket.priority', 'ticket.ticket_type', 'ticket.via', 'ticket.url', 'ticket.url_with_protocol', 'ticket.link',
      'ticket.tags', 'ticket.created_at', 'ticket.created_at_with_timestamp', 'ticket.updated_at',
      'ticket.updated_at_with_timestamp', 'ticket.due_date', 'ticket.due_date_with_timestamp', 'ticket.external_id',
      'ticket.group.name', 'ticket.group.id', 'ticket.cc_names', 'ticket.ccs', 'ticket.email_ccs', 'ticket.email_cc_names',
      'ticket.followers', 'ticket.follower_names', 'ticket.follower_reply_type_message', 'ticket.score',
      'ticket.in_business_hours', 'ticket.current_holiday_name', 'ticket.ticket_form', 'ticket.requester_field',
      'ticket.comments', 'ticket.public_comments', 'ticket.latest_comment', 'ticket.latest_public_comment',
      'ticket.comments_formatted', 'ticket.public_comments_formatted', 'ticket.latest_comment_formatted',
      'ticket.latest_public_comment_formatted', 'ticket.latest_comment_html', 'ticket.latest_public_comment_html',
      'ticket.latest_comment_rich', 'ticket.latest_comment.author.name', 'ticket.latest_comment.author.id',
      'ticket.latest_comment.author.email', 'ticket.latest_comment.author.external_id', 'ticket.latest_comment.author.role',
      'ticket.latest_comment.created_at', 'ticket.latest_comment.created_at_with_time', 'ticket.latest_comment.is_public',
      'ticket.latest_comment.value', 'ticket.latest_comment.id', 'ticket.latest_comment.attachments',
      'satisfaction.rating_section', 'satisfaction.rating_url', 'satisfaction.current_rating',
      'satisfaction.positive_rating_url', 'satisfaction.negative_rating_url', 'satisfaction.current_comment',
    ]
    expect(documented.filter((name) => !byName.has(name))).toEqual([])
  })

  it('expands <user> (§1.2) for the requester, assignee, submitter and current user', () => {
    const properties = [
      'name', 'first_name', 'last_name', 'email', 'language', 'phone', 'external_id', 'details', 'notes', 'time_zone',
      'locale', 'role', 'extended_role', 'id', 'signature', 'tags', 'organization',
    ]
    const missing = USERS.flatMap((user) => properties.map((p) => `${user}.${p}`)).filter((name) => !byName.has(name))
    expect(missing).toEqual([])
  })

  it('expands the organization (§1.3) for the ticket and every user', () => {
    const properties = ['id', 'name', 'is_shared', 'is_shared_comments', 'details', 'notes', 'tags', 'external_id']
    const owners = ['ticket.organization', ...USERS.map((u) => `${u}.organization`)]
    expect(owners.flatMap((o) => properties.map((p) => `${o}.${p}`)).filter((name) => !byName.has(name))).toEqual([])
  })

  it('lists the dynamic patterns as dynamic entries', () => {
    const dynamic = ZENDESK_PLACEHOLDERS.filter((p) => p.dynamic).map((p) => p.name)
    expect(dynamic).toEqual(
      expect.arrayContaining([
        'ticket.ticket_field_<id>',
        'ticket.ticket_field_option_title_<id>',
        'ticket.requester.custom_fields.<key>',
        'current_user.custom_fields.<key>',
        'ticket.organization.custom_fields.<key>',
        'ticket.organization.custom_fields.<key>.title',
        'ticket.requester.organization.custom_fields.<key>',
        'dc.<name>',
      ]),
    )
    expect(ZENDESK_PLACEHOLDER_NAMES.some((name) => name.includes('<'))).toBe(false)
  })

  it('has one entry per name, each with a user-facing summary', () => {
    expect(new Set(ZENDESK_PLACEHOLDERS.map((p) => p.name)).size).toBe(ZENDESK_PLACEHOLDERS.length)
    for (const p of ZENDESK_PLACEHOLDERS) expect(p.summary, p.name).toMatch(/^[A-Z"].*[.)]$/s)
  })

  it('marks the placeholders the reference calls UNCONFIRMED', () => {
    for (const name of ['ticket.url_with_protocol', 'ticket.cc_names', 'ticket.email_ccs', 'ticket.followers', 'ticket.ticket_form']) {
      expect(byName.get(name)?.confirmed, name).toBe(false)
    }
    for (const name of ['ticket.status', 'ticket.url', 'ticket.tags', 'ticket.requester.language']) {
      expect(byName.get(name)?.confirmed, name).toBe(true)
    }
  })

  it('says which values are numbers that are always set (safe unquoted in JSON)', () => {
    const alwaysSet = ZENDESK_PLACEHOLDERS.filter((p) => p.alwaysSet).map((p) => p.name)
    expect(alwaysSet).toEqual(expect.arrayContaining(['ticket.id', 'ticket.requester.id', 'ticket.submitter.id', 'current_user.id']))
    expect(alwaysSet).not.toContain('ticket.assignee.id')
    expect(byName.get('ticket.assignee.id')?.value).toBe('number')
  })

  it('is modelled by the scope: every catalogued name exists in a full sample (except those Hookbench leaves empty)', () => {
    const scope = buildZendeskScope(loadZendeskSample('ticket-solved'))
    const notModelled: string[] = []
    for (const p of ZENDESK_PLACEHOLDERS) {
      if (p.dynamic) continue
      let parent: unknown = scope
      const steps = p.name.split('.')
      for (const step of steps.slice(0, -1)) parent = parent == null ? undefined : (parent as Record<string, unknown>)[step]
      // Records the sample lacks (an agent without organization) say nothing about the model.
      if (parent == null) continue
      if (!Object.hasOwn(parent as object, steps[steps.length - 1]!)) notModelled.push(p.name)
    }
    expect(notModelled.sort()).toEqual(
      [...USERS.map((u) => `${u}.extended_role`), 'ticket.follower_reply_type_message', 'ticket.score'].sort(),
    )
  })
})

describe('isKnownPlaceholder', () => {
  it.each([
    'ticket.id',
    'ticket.requester.organization.name',
    'ticket.ticket_field_360010',
    'ticket.ticket_field_option_title_360010',
    'ticket.requester.custom_fields.plan',
    'ticket.organization.custom_fields.tier.title',
    'dc.printer_on_fire',
    'ticket.comments.first.author.role',
    'ticket.comments.0.value',
    'ticket.comments.size',
    'ticket.title.size',
  ])('knows %s', (path) => {
    expect(isKnownPlaceholder(path)).toBe(true)
  })

  it.each([
    'ticket.updated_at_with_time',
    'ticket.requester.nmae',
    'ticket.ticket_field_abc',
    'ticket.comments.author',
    'ticket.requester.custom_fields.plan.title',
    'requester.name',
  ])('does not know %s', (path) => {
    expect(isKnownPlaceholder(path)).toBe(false)
  })

  it('knows the roots themselves as objects', () => {
    expect(isKnownPlaceholder('ticket')).toBe(true)
    expect(resolvePlaceholder(['ticket', 'comments'])?.value).toBe('list')
  })
})

describe('placeholderNamesUnder', () => {
  it('lists the properties of a list element under a loop variable name', () => {
    const names = placeholderNamesUnder(['ticket', 'comments', 'first'], 'comment')
    expect(names).toEqual(expect.arrayContaining(['comment.value', 'comment.author.name', 'comment.attachments']))
  })
})
