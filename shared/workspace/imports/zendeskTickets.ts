/**
 * Zendesk ticket responses (zendesk.md §5.2) → one sample per ticket:
 * - `GET /tickets/{id}.json?include=…`: `{"ticket": …}` with or without sideloads, kept whole;
 * - a list (`GET /tickets.json?include=…`, `show_many`): `{"tickets": [...], "users": [...], …}`.
 *   Each ticket gets the sideloaded users, organizations and groups it refers to, and the
 *   response-wide sideloads (ticket_fields, account …); paging fields are dropped.
 */
import { elementLines, lineAt, parseJsonSource, stripBom } from './jsonSource.js'
import { addRecord, emptyPlan, failedPlan, isObject, type ImportPlan } from './plan.js'

/** List-response fields about paging, not about any ticket. */
const PAGING = new Set(['next_page', 'previous_page', 'count', 'meta', 'links', 'end_of_stream', 'after_cursor', 'before_cursor', 'after_url', 'before_url'])

export function planZendeskTickets(rawText: string, source: string): ImportPlan {
  const text = stripBom(rawText)
  const parsed = parseJsonSource('zendesk-ticket', text, source)
  if ('failed' in parsed) return parsed.failed
  const root = parsed.value
  const fail = (message: string) => failedPlan('zendesk-ticket', source, text, 'import-shape', message)
  if (!isObject(root)) return fail('A Zendesk ticket file is a JSON object {"ticket": …} or {"tickets": [...]}.')

  const plan = emptyPlan('zendesk-ticket')
  if ('ticket' in root) {
    if (!isObject(root.ticket)) return fail('`ticket` must be a ticket object.')
    addRecord(plan, root, ticketName(root.ticket, 0), { origin: 'ticket', line: 1 })
    return plan
  }
  if (!('tickets' in root)) {
    return fail(
      'users' in root
        ? 'This holds users but no ticket: a Braze user export belongs in Braze users; for Zendesk, export the ticket with ?include=users.'
        : 'No ticket found: expected {"ticket": …} as GET /api/v2/tickets/{id}.json returns it, or {"tickets": [...]}.',
    )
  }
  if (!Array.isArray(root.tickets)) return fail('`tickets` must be a list of ticket objects.')
  const lines = elementLines(text, ['tickets'])
  root.tickets.forEach((ticket, i) => {
    const place = { origin: `tickets[${i}]`, ...lineAt(lines, i) }
    if (isObject(ticket)) addRecord(plan, { ticket, ...sideloadsFor(root, ticket) }, ticketName(ticket, i), place)
    else plan.skipped.push({ ...place, message: 'not a ticket object' })
  })
  if (Array.isArray(root.comments)) {
    // The comments endpoint is per ticket and its comments do not say which ticket they are on.
    plan.warnings.push({ origin: 'comments', message: 'comments in a list of tickets cannot be told apart by ticket: left out; add them to each sample by hand' })
  }
  if (root.tickets.length === 0) plan.warnings.push({ origin: 'tickets', message: 'the list holds no tickets' })
  return plan
}

function ticketName(ticket: Record<string, unknown>, index: number): string {
  const id = ticket.id
  return typeof id === 'number' && Number.isSafeInteger(id) ? `ticket-${id}` : `ticket-${index + 1}`
}

/** The list's sideloads that concern `ticket`: its people, their organizations, its group. */
function sideloadsFor(list: Record<string, unknown>, ticket: Record<string, unknown>): Record<string, unknown> {
  const users = byId(list.users, peopleOf(ticket, list))
  const organizationIds = new Set([ticket.organization_id, ...users.map((u) => u.organization_id)])
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(list)) {
    if (key === 'tickets' || key === 'comments' || PAGING.has(key)) continue
    if (key === 'users') out.users = users
    else if (key === 'organizations') out.organizations = byId(value, organizationIds)
    else if (key === 'groups') out.groups = byId(value, new Set([ticket.group_id]))
    else out[key] = value
  }
  return out
}

/** Every user a ticket placeholder can reach: requester, submitter, assignee, CCs, followers. */
function peopleOf(ticket: Record<string, unknown>, list: Record<string, unknown>): Set<unknown> {
  const ids = new Set<unknown>([ticket.requester_id, ticket.submitter_id, ticket.assignee_id, list.current_user_id])
  for (const key of ['collaborator_ids', 'follower_ids', 'email_cc_ids']) {
    const value = ticket[key]
    if (Array.isArray(value)) for (const id of value) ids.add(id)
  }
  return ids
}

function byId(list: unknown, ids: Set<unknown>): Record<string, unknown>[] {
  if (!Array.isArray(list)) return []
  return list.filter((entry): entry is Record<string, unknown> => isObject(entry) && ids.has(entry.id))
}
