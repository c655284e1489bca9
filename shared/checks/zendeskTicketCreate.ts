/**
 * Checks the body of `POST /api/v2/tickets` against zendesk.md §5.1 (OAS `TicketCreateInput`).
 *
 * Bodies are often rendered from Zendesk placeholders, whose output differs from what the
 * API takes: `{{ticket.status}}` renders "Open", `{{ticket.ticket_type}}` renders "Ticket"
 * when unset, `{{ticket.tags}}` renders one space-separated string, and a placeholder with
 * no value renders "" (zendesk.md §0, §1.4). Those are the mistakes the hints address.
 */
import { FIELD, type FieldRule, type PayloadChecker } from './checker.js'
import { isIso8601 } from './dates.js'
import { caseVariantOf, describeValue, formatPath, hasOwn, isSet, type JsonObject } from './json.js'
import type { JsonPath } from './types.js'

const TICKET_TYPES = ['problem', 'incident', 'question', 'task']
const TICKET_PRIORITIES = ['urgent', 'high', 'normal', 'low']
const TICKET_STATUSES = ['new', 'open', 'pending', 'hold', 'solved', 'closed']

const ISO_8601_TEXT = 'an ISO 8601 date-time such as 2024-05-01T09:00:00Z'

const isoDateTime: FieldRule = (check, value, path) =>
  void check.dateTime(path, value, isIso8601, ISO_8601_TEXT, {
    hint: 'Date placeholders render a human date; the *_with_timestamp variants (e.g. {{ticket.due_date_with_timestamp}}) render ISO 8601.',
  })

const ticketType = FIELD.oneOf(TICKET_TYPES, {
  hintFor: (value) =>
    value === 'Ticket' ? '{{ticket.ticket_type}} renders "Ticket" when the ticket has no type; leave type out instead.' : undefined,
})

// ── comment ──

const COMMENT_FIELDS: Record<string, FieldRule> = {
  body: FIELD.string,
  html_body: FIELD.string,
  public: FIELD.boolean,
  author_id: FIELD.integer,
  uploads: FIELD.arrayOf(FIELD.string),
}
const COMMENT_FIELD_NAMES = Object.keys(COMMENT_FIELDS)
/** OAS `TicketCommentObject` read-only properties: Zendesk sets them, a request can't. */
const COMMENT_READ_ONLY = new Set(['id', 'plain_body', 'created_at', 'attachments', 'metadata', 'via', 'audit_id'])

const checkComment: FieldRule = (check, value, path) => {
  const comment = check.object(path, value)
  if (!comment) return
  if (!isSet(comment, 'body') && !isSet(comment, 'html_body')) {
    check.error(
      'zendesk-comment-body-missing',
      path,
      'key',
      `${formatPath(path)} has neither body nor html_body; Zendesk requires the comment text`,
    )
  }
  check.fields(comment, path, COMMENT_FIELDS, (key, keyPath) =>
    check.unknownField(
      keyPath,
      COMMENT_FIELD_NAMES,
      'a comment field Zendesk accepts',
      COMMENT_READ_ONLY.has(key) ? `${key} is read-only: Zendesk sets it.` : undefined,
    ),
  )
}

// ── requester ──

const REQUESTER_FIELDS: Record<string, FieldRule> = {
  name: FIELD.string,
  email: FIELD.string,
  // UNCONFIRMED: locale_id comes from the "new requester" docs page, not the OAS (zendesk.md §5.1); widely used.
  locale_id: FIELD.integer,
}
const REQUESTER_FIELD_NAMES = Object.keys(REQUESTER_FIELDS)

const checkRequester: FieldRule = (check, value, path) => {
  const requester = check.object(path, value)
  if (!requester) return
  check.required(requester, path, ['email'], 'zendesk-requester-email-missing')
  check.fields(requester, path, REQUESTER_FIELDS, (_key, keyPath) =>
    check.unknownField(keyPath, REQUESTER_FIELD_NAMES, 'a requester field (name, email, locale_id)'),
  )
}

// ── tags ──

const TAG_LOOP_HINT =
  '{{ticket.tags}} renders one space-separated string. Render an array instead, e.g. ' +
  '[{% assign tags = ticket.tags | split: " " %}{% for tag in tags %}"{{ tag }}"{% unless forloop.last %},{% endunless %}{% endfor %}].'

const checkTags: FieldRule = (check, value, path) => {
  if (typeof value === 'string') {
    if (value === '') return void check.string(path, value) // reports the empty value
    check.error(
      'zendesk-tags-not-array',
      path,
      'value',
      `${formatPath(path)} is the string ${describeValue(value)}; Zendesk expects an array of strings`,
      TAG_LOOP_HINT,
    )
    return
  }
  check.array(path, value)?.forEach((item, index) => {
    const tagPath = [...path, index]
    const tag = check.string(tagPath, item)
    if (tag !== undefined && /\s/.test(tag)) {
      // Zendesk tags are single words; whether the API splits, joins or rejects such a tag is UNCONFIRMED.
      check.warning(
        'zendesk-tag-whitespace',
        tagPath,
        'value',
        `${formatPath(tagPath)} is ${describeValue(tag)}, which contains whitespace; Zendesk tags are single words`,
        TAG_LOOP_HINT,
      )
    }
  })
}

// ── custom fields ──

const CUSTOM_FIELD_FIELDS: Record<string, FieldRule> = {
  id: FIELD.integer,
  // Any JSON value: text, number, a drop-down's tag value, an array of tags for multi-select.
  value: () => {},
}

const checkCustomField: FieldRule = (check, value, path) => {
  const field = check.object(path, value)
  if (!field) return
  check.required(field, path, ['id'], 'zendesk-custom-field-id-missing')
  if (!hasOwn(field, 'value')) {
    // What Zendesk does with an entry without a value is UNCONFIRMED; the entry does nothing useful either way.
    check.warning(
      'zendesk-custom-field-value-missing',
      path,
      'value',
      `${formatPath(path)} has no value; Zendesk documents custom fields as {"id": …, "value": …}`,
    )
  }
  check.fields(field, path, CUSTOM_FIELD_FIELDS, (_key, keyPath) =>
    check.unknownField(keyPath, ['id', 'value'], 'part of a custom field entry {id, value}'),
  )
}

// ── ticket ──

/** The writable ticket fields of zendesk.md §5.1 (OAS `TicketCreateInput` + `TicketUpdateInput`). */
const TICKET_FIELDS: Record<string, FieldRule> = {
  subject: FIELD.string,
  comment: checkComment,
  requester_id: FIELD.integer,
  requester: checkRequester,
  submitter_id: FIELD.integer,
  assignee_id: FIELD.integer,
  assignee_email: FIELD.string,
  group_id: FIELD.integer,
  organization_id: FIELD.integer,
  brand_id: FIELD.integer,
  ticket_form_id: FIELD.integer,
  type: ticketType,
  priority: FIELD.oneOf(TICKET_PRIORITIES),
  status: FIELD.oneOf(TICKET_STATUSES),
  custom_status_id: FIELD.integer,
  tags: checkTags,
  custom_fields: FIELD.arrayOf(checkCustomField),
  external_id: FIELD.string,
  due_at: isoDateTime,
  collaborators: FIELD.array,
  email_ccs: FIELD.array,
  followers: FIELD.array,
  recipient: FIELD.string,
  via_followup_source_id: FIELD.integer,
  macro_ids: FIELD.arrayOf(FIELD.integer),
  safe_update: FIELD.boolean,
  updated_stamp: isoDateTime,
}
const TICKET_FIELD_NAMES = Object.keys(TICKET_FIELDS)

const UNKNOWN_TICKET_FIELD_HINTS = new Map([
  ['description', 'description is read-only (it is the first comment); send the text as comment.body.'],
])

const TICKET_PATH: JsonPath = ['ticket']

function missingTicketHint(body: JsonObject): string {
  const variant = caseVariantOf('ticket', [...Object.keys(body)])
  if (variant !== undefined) return `Found ${JSON.stringify(variant)}: the key is case-sensitive, write "ticket".`
  if (Object.keys(body).some((key) => hasOwn(TICKET_FIELDS, key))) return 'Wrap the ticket fields: {"ticket": {"comment": {"body": "…"}, …}}.'
  return 'The body is {"ticket": {"comment": {"body": "…"}, …}}.'
}

export function checkZendeskTicketCreate(check: PayloadChecker, body: JsonObject): void {
  if (!isSet(body, 'ticket')) {
    check.error(
      'zendesk-ticket-missing',
      [],
      'value',
      'The body has no ticket object; Zendesk expects {"ticket": {…}}',
      missingTicketHint(body),
    )
    return
  }
  for (const key of Object.keys(body)) {
    if (key !== 'ticket') check.unknownField([key], ['ticket'], 'part of a create-ticket request', 'Ticket fields go inside "ticket".')
  }
  const ticket = check.object(TICKET_PATH, body.ticket)
  if (!ticket) return
  check.required(ticket, TICKET_PATH, ['comment'], 'zendesk-comment-missing', 'Add "comment": {"body": "…"}; it becomes the ticket description.')
  if (isSet(ticket, 'requester') && isSet(ticket, 'requester_id')) {
    // The reference says "requester_id, or requester"; which wins when both are sent is UNCONFIRMED.
    check.warning(
      'zendesk-requester-conflict',
      [...TICKET_PATH, 'requester'],
      'key',
      'ticket has both requester and requester_id; send one of them',
      'requester_id names an existing user; requester ({name, email}) finds or creates one by email.',
    )
  }
  check.fields(ticket, TICKET_PATH, TICKET_FIELDS, (key, keyPath) =>
    check.unknownField(keyPath, TICKET_FIELD_NAMES, 'a documented Zendesk ticket field', UNKNOWN_TICKET_FIELD_HINTS.get(key)),
  )
}
