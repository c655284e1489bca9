/**
 * Tickets (zendesk.md §5.1, §5.2): create, show (with sideloads), update, delete, and the
 * comments list. Bodies are validated with Hookbench's own payload checks, so the fake
 * rejects exactly what the checks call errors, in Zendesk's 422 RecordInvalid shape.
 */
import { checkPayload, type PayloadIssue } from '../../../shared/checks/index.js'
import { hasOwn, isSet, type JsonObject } from '../../../shared/checks/json.js'
import { isoSeconds } from '../clock.js'
import { jsonResponse, noContent, parseJson, type FakeResponse } from '../http.js'
import { numericId, resourceUrl, type ZendeskContext, type ZendeskHandler, type ZendeskRouter, type ZendeskSettings } from './context.js'
import { fieldTitle, RecordErrors, recordNotFound, unparsableJson } from './errors.js'
import {
  addComment,
  addTicket,
  addUser,
  API_VIA,
  findUserByEmail,
  type CustomFieldValue,
  type TicketStatus,
  type ZendeskTicket,
  type ZendeskUser,
} from './state.js'
import { presentGroup, presentOrganization, presentUser } from './users.js'

export function presentTicket(baseUrl: string, ticket: ZendeskTicket): Record<string, unknown> {
  return {
    url: resourceUrl(baseUrl, 'tickets', ticket.id),
    ...ticket,
    fields: ticket.custom_fields,
    generated_timestamp: Math.floor(Date.parse(ticket.updated_at) / 1000),
  }
}

export function registerTicketRoutes(router: ZendeskRouter): void {
  router
    .on('POST', '/api/v2/tickets', createTicket, { dotJson: true })
    .on('GET', '/api/v2/tickets/:id', showTicket, { dotJson: true })
    .on('PUT', '/api/v2/tickets/:id', updateTicket, { dotJson: true })
    .on('DELETE', '/api/v2/tickets/:id', deleteTicket, { dotJson: true })
    .on('GET', '/api/v2/tickets/:id/comments', listComments, { dotJson: true })
}

// ── handlers ──

const createTicket: ZendeskHandler = (request, _params, context) => {
  const read = readTicketBody(request.rawBody, context, undefined)
  if (!read.ok) return read.response
  const { changes } = read
  const requester = materializeRequester(changes.requester, context) ?? context.principal
  const comment = changes.comment! // a create without one was refused: the comment is required
  const ticket = addTicket(
    context.state,
    {
      status: changes.fields.assignee_id ? 'open' : 'new',
      organization_id: requester.organization_id,
      submitter_id: context.principal.id,
      ...changes.fields,
      requester_id: requester.id,
      description: comment.body ?? '',
      is_public: comment.public ?? true,
    },
    context.now,
  )
  // UNCONFIRMED: the first comment's author defaults to the requester (the ticket reads as
  // coming from them), not to the agent who made the API call.
  addComment(context.state, ticket.id, { author_id: requester.id, ...comment }, context.now)
  const location = resourceUrl(context.baseUrl, 'tickets', ticket.id)
  return jsonResponse(201, { ticket: presentTicket(context.baseUrl, ticket) }, { Location: location })
}

const showTicket: ZendeskHandler = (request, params, context) => {
  const ticket = findTicket(params.id, context)
  if (ticket === undefined) return recordNotFound()
  return jsonResponse(200, { ticket: presentTicket(context.baseUrl, ticket), ...sideloads(ticket, request.query, context) })
}

const updateTicket: ZendeskHandler = (request, params, context) => {
  const ticket = findTicket(params.id, context)
  if (ticket === undefined) return recordNotFound()
  if (ticket.status === 'closed') {
    // The observed body (§5.3) has no `error` code in the detail.
    return new RecordErrors().add('status', 'Status: closed prevents ticket update', null).response()
  }
  const read = readTicketBody(request.rawBody, context, ticket)
  if (!read.ok) return read.response
  const { changes } = read
  const requester = materializeRequester(changes.requester, context)
  const updates: Partial<ZendeskTicket> = requester ? { ...changes.fields, requester_id: requester.id } : changes.fields
  const audit = auditOf(ticket, updates, context)
  Object.assign(ticket, updates, { updated_at: isoSeconds(context.now()) })
  if (changes.comment) {
    const comment = addComment(context.state, ticket.id, { author_id: context.principal.id, ...changes.comment }, context.now)
    audit.events.push({ id: comment.id, type: 'Comment', author_id: comment.author_id, body: comment.body, public: comment.public })
  }
  return jsonResponse(200, { ticket: presentTicket(context.baseUrl, ticket), audit })
}

const deleteTicket: ZendeskHandler = (_request, params, context) => {
  const ticket = findTicket(params.id, context)
  if (ticket === undefined) return recordNotFound()
  context.state.tickets.delete(ticket.id)
  context.state.comments.delete(ticket.id)
  return noContent()
}

const listComments: ZendeskHandler = (_request, params, context) => {
  const ticket = findTicket(params.id, context)
  if (ticket === undefined) return recordNotFound()
  const comments = context.state.comments.get(ticket.id) ?? []
  return jsonResponse(200, { comments, next_page: null, previous_page: null, count: comments.length })
}

function findTicket(idText: string | undefined, context: ZendeskContext): ZendeskTicket | undefined {
  const id = numericId(idText)
  return id === undefined ? undefined : context.state.tickets.get(id)
}

// ── sideloads ──

/** `?include=users,organizations,groups`: the records a ticket names, next to it (unknown names are ignored). */
function sideloads(ticket: ZendeskTicket, query: URLSearchParams, context: ZendeskContext): Record<string, unknown[]> {
  const wanted = new Set((query.get('include') ?? '').split(',').map((name) => name.trim()))
  const { state, baseUrl } = context
  const loaded: Record<string, unknown[]> = {}
  if (wanted.has('users')) {
    const ids = new Set([ticket.requester_id, ticket.submitter_id, ticket.assignee_id, ...ticket.collaborator_ids])
    loaded.users = [...ids].flatMap((id) => {
      const user = id === null ? undefined : state.users.get(id)
      return user ? [presentUser(baseUrl, user)] : []
    })
  }
  if (wanted.has('organizations')) {
    const organization = ticket.organization_id === null ? undefined : state.organizations.get(ticket.organization_id)
    loaded.organizations = organization ? [presentOrganization(baseUrl, organization)] : []
  }
  if (wanted.has('groups')) {
    const group = ticket.group_id === null ? undefined : state.groups.get(ticket.group_id)
    loaded.groups = group ? [presentGroup(baseUrl, group)] : []
  }
  return loaded
}

// ── validation ──

/** Whether the fake rejects an issue: every error, and letter-case enum variants unless the settings accept them. */
function isRejected(issue: PayloadIssue, settings: ZendeskSettings): boolean {
  return issue.severity === 'error' || (issue.code === 'zendesk-enum-case' && !settings.acceptEnumCaseVariants)
}

/** The body problems Zendesk answers with 422, keyed by ticket field (`base` for the record as a whole). */
function bodyErrors(body: unknown, mode: 'create' | 'update', settings: ZendeskSettings): RecordErrors {
  const errors = new RecordErrors()
  for (const issue of checkPayload('zendesk.tickets.create', body)) {
    if (!isRejected(issue, settings)) continue
    if (mode === 'update' && issue.code === 'zendesk-comment-missing') continue // an update needs no comment
    if (issue.code === 'zendesk-comment-missing' || issue.code === 'zendesk-comment-body-missing') {
      // The first comment is the description. UNCONFIRMED: Zendesk's wording and error code.
      errors.add('base', 'Description: cannot be blank', 'BlankValue')
    } else {
      const field = typeof issue.path[1] === 'string' ? issue.path[1] : 'base'
      // UNCONFIRMED: Zendesk's own descriptions; the fake reuses the check's message after the "Field:" prefix.
      errors.add(field, `${fieldTitle(field)}: ${issue.message}`)
    }
  }
  return errors
}

/** A requester named by the body: an existing user, or one to create from `requester {name, email}`. */
type RequesterChoice = { user: ZendeskUser } | { create: { name: string; email: string; locale_id?: number } }

interface TicketChanges {
  fields: Partial<ZendeskTicket>
  requester?: RequesterChoice
  comment?: { body?: string; html_body?: string; public?: boolean; author_id?: number }
}

/**
 * A ticket body (`current`: the ticket it updates, if any) as the changes it makes, or the
 * response refusing it: 400 for unparsable JSON, 422 for what the checks reject or for
 * references to records that don't exist (UNCONFIRMED: Zendesk's wording for those).
 */
function readTicketBody(
  rawBody: string,
  context: ZendeskContext,
  current: ZendeskTicket | undefined,
): { ok: true; changes: TicketChanges } | { ok: false; response: FakeResponse } {
  const parsed = parseJson(rawBody)
  if (!parsed.ok) return { ok: false, response: unparsableJson(parsed.reason) }
  const errors = bodyErrors(parsed.value, current === undefined ? 'create' : 'update', context.settings)
  if (!errors.isEmpty) return { ok: false, response: errors.response() }
  const input = (parsed.value as { ticket: JsonObject }).ticket
  const changes: TicketChanges = { fields: readValueFields(input, current) }
  readPeople(input, context, current, changes, errors)
  if (isSet(input, 'comment')) changes.comment = readComment(input.comment as JsonObject, context, errors)
  return errors.isEmpty ? { ok: true, changes } : { ok: false, response: errors.response() }
}

/** The fields that hold plain values (no references to other records). */
function readValueFields(input: JsonObject, current: ZendeskTicket | undefined): Partial<ZendeskTicket> {
  const fields: Partial<ZendeskTicket> = {}
  if (isSet(input, 'subject')) fields.subject = fields.raw_subject = String(input.subject)
  for (const name of ['type', 'priority'] as const) if (hasOwn(input, name)) fields[name] = enumValue(input[name])
  if (isSet(input, 'status')) fields.status = enumValue(input.status) as TicketStatus
  for (const name of ['external_id', 'due_at', 'recipient'] as const) if (hasOwn(input, name)) fields[name] = textValue(input[name])
  for (const name of ['brand_id', 'ticket_form_id', 'custom_status_id'] as const) if (hasOwn(input, name)) fields[name] = idValue(input[name])
  if (isSet(input, 'tags')) fields.tags = [...new Set((input.tags as unknown[]).map(String))]
  if (isSet(input, 'custom_fields')) fields.custom_fields = mergeCustomFields(current?.custom_fields ?? [], input.custom_fields as JsonObject[])
  return fields
}

/** The requester, assignee, group, submitter and organization the body names, each of which must exist. */
function readPeople(input: JsonObject, context: ZendeskContext, current: ZendeskTicket | undefined, changes: TicketChanges, errors: RecordErrors): void {
  const { state } = context
  const { fields } = changes

  // requester_id wins when both are sent (UNCONFIRMED: the checks warn about sending both).
  if (isSet(input, 'requester_id')) {
    const user = existingUser(input.requester_id, context)
    if (user) changes.requester = { user }
    else errors.add('requester', `Requester: user ${String(input.requester_id)} not found`)
  } else if (isSet(input, 'requester')) {
    const requester = input.requester as JsonObject
    const email = String(requester.email)
    const existing = findUserByEmail(state, email)
    changes.requester = existing
      ? { user: existing }
      : { create: { name: typeof requester.name === 'string' ? requester.name : email.split('@')[0]!, email, ...optionalLocale(requester) } }
  }

  if (hasOwn(input, 'assignee_id') && input.assignee_id === null) fields.assignee_id = null
  else if (isSet(input, 'assignee_id') || isSet(input, 'assignee_email')) {
    const assignee = isSet(input, 'assignee_id') ? existingUser(input.assignee_id, context) : findUserByEmail(state, String(input.assignee_email))
    if (assignee && assignee.role !== 'end-user') fields.assignee_id = assignee.id
    else errors.add('assignee', 'Assignee: is not an agent of this account')
  }

  if (hasOwn(input, 'group_id')) {
    const id = idValue(input.group_id)
    if (id === null || state.groups.has(id)) fields.group_id = id
    else errors.add('group', `Group: group ${id} not found`)
  }

  if (isSet(input, 'submitter_id')) {
    const submitter = existingUser(input.submitter_id, context)
    if (submitter) fields.submitter_id = submitter.id
    else errors.add('submitter', `Submitter: user ${String(input.submitter_id)} not found`)
  }

  if (hasOwn(input, 'organization_id')) {
    const id = idValue(input.organization_id)
    // §5.1: "must be one of the requester's organizations".
    if (id === null || (state.organizations.has(id) && id === requesterOrganizationId(changes.requester, current, context))) {
      fields.organization_id = id
    } else errors.add('organization', `Organization: ${id} is not one of the requester's organizations`)
  }
}

function readComment(input: JsonObject, context: ZendeskContext, errors: RecordErrors): TicketChanges['comment'] {
  const comment: NonNullable<TicketChanges['comment']> = {}
  if (isSet(input, 'body')) comment.body = String(input.body)
  if (isSet(input, 'html_body')) comment.html_body = String(input.html_body)
  if (typeof input.public === 'boolean') comment.public = input.public
  if (isSet(input, 'author_id')) {
    const author = existingUser(input.author_id, context)
    if (author) comment.author_id = author.id
    else errors.add('comment', `Comment: author ${String(input.author_id)} not found`)
  }
  return comment
}

/** The organization of the ticket's requester after the update; a requester created from an email has none. */
function requesterOrganizationId(choice: RequesterChoice | undefined, current: ZendeskTicket | undefined, context: ZendeskContext): number | null {
  if (choice !== undefined) return 'user' in choice ? choice.user.organization_id : null
  const requester = current === undefined ? context.principal : context.state.users.get(current.requester_id)
  return requester?.organization_id ?? null
}

/** Creates the requester the body introduced by email, or returns the existing one. */
function materializeRequester(choice: RequesterChoice | undefined, context: ZendeskContext): ZendeskUser | undefined {
  if (choice === undefined) return undefined
  if ('user' in choice) return choice.user
  return addUser(context.state, { ...choice.create, role: 'end-user' }, context.now)
}

/** `custom_fields` entries replace the value of the same id and keep the others. */
function mergeCustomFields(current: CustomFieldValue[], entries: JsonObject[]): CustomFieldValue[] {
  const byId = new Map(current.map((field) => [field.id, field.value]))
  for (const entry of entries) byId.set(Number(entry.id), entry.value ?? null)
  return [...byId].map(([id, value]) => ({ id, value }))
}

function auditOf(ticket: ZendeskTicket, updates: Partial<ZendeskTicket>, context: ZendeskContext) {
  const events: Record<string, unknown>[] = []
  for (const [field, value] of Object.entries(updates)) {
    const previous = ticket[field as keyof ZendeskTicket]
    if (JSON.stringify(previous) !== JSON.stringify(value)) {
      events.push({ id: context.state.ids.audit.next(), type: 'Change', field_name: field, value, previous_value: previous })
    }
  }
  return {
    id: context.state.ids.audit.next(),
    ticket_id: ticket.id,
    author_id: context.principal.id,
    created_at: isoSeconds(context.now()),
    via: API_VIA,
    metadata: { system: {}, custom: {} },
    events,
  }
}

// ── values (the checks already rejected wrong types; these normalise what they accept) ──

function existingUser(value: unknown, context: ZendeskContext): ZendeskUser | undefined {
  const id = idValue(value)
  return id === null ? undefined : context.state.users.get(id)
}

/** An id; numeric text is accepted too (the checks only warn about quoted numbers). */
function idValue(value: unknown): number | null {
  return value === null || value === undefined || value === '' ? null : Number(value)
}

function textValue(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value)
}

/** Lowercase, so an accepted case variant (`acceptEnumCaseVariants`) is stored as Zendesk's value. */
function enumValue(value: unknown): string | null {
  return typeof value === 'string' ? value.toLowerCase() : null
}

function optionalLocale(requester: JsonObject): { locale_id?: number } {
  return typeof requester.locale_id === 'number' ? { locale_id: requester.locale_id } : {}
}
