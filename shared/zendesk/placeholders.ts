/**
 * The placeholder model of a Zendesk sample: what `{{ticket.*}}`, `{{current_user.*}}`,
 * `{{satisfaction.*}}` and `{{dc.*}}` render, built from API-shaped records
 * (zendesk.md §1 and the §5.2 mapping).
 *
 * A placeholder with no value is left undefined or null, which liquidjs renders empty, as
 * Zendesk does; so are placeholders Hookbench does not know.
 */
import { Drop } from 'liquidjs'
import type { ZendeskTicketSample, ZendeskUser } from '../samples/types.js'
import {
  channelName,
  humanDate,
  humanDateTime,
  isoMinute,
  languageName,
  parseTimestamp,
  priorityName,
  statusName,
  ticketTypeName,
} from './displayText.js'
import { inspectedList, printable, recordInspect } from './rubyText.js'

type ApiRecord = Record<string, unknown>

export function buildZendeskScope(sample: ZendeskTicketSample): Record<string, unknown> {
  const model = new PlaceholderModel(sample)
  return {
    ticket: model.ticket(),
    current_user: model.user(sample.current_user_id),
    satisfaction: satisfaction(sample),
    dc: isRecord(sample.dynamic_content) ? { ...sample.dynamic_content } : {},
  }
}

/** The separator line Zendesk puts above each formatted comment (rendered example, §1.4). */
export const COMMENT_SEPARATOR = '-'.repeat(46)

class PlaceholderModel {
  private readonly users = new Map<number, object>()
  private readonly organizations = new Map<number, object>()
  private readonly sample: ZendeskTicketSample
  private readonly apiTicket: ApiRecord
  /** Newest first. */
  private commentList: ApiRecord[] | undefined

  constructor(sample: ZendeskTicketSample) {
    this.sample = sample
    this.apiTicket = sample.ticket
  }

  ticket(): ApiRecord {
    const t = this.apiTicket
    const created = parseTimestamp(t.created_at)
    const updated = parseTimestamp(t.updated_at)
    const due = parseTimestamp(t.due_at)
    const host = zendeskHost(this.sample)
    const agentUrl = host && t.id !== undefined ? `${host}/agent/tickets/${t.id}` : undefined
    const comments = this.comments()
    const publicComments = comments.filter((c) => c.is_public === true)
    const ccs = this.usersById(t.collaborator_ids)
    const emailCcs = this.usersById(t.email_cc_ids)
    const followers = this.usersById(t.follower_ids)
    return {
      id: t.id,
      title: t.subject,
      description: this.description(),
      status: statusName(t.status),
      priority: priorityName(t.priority),
      ticket_type: ticketTypeName(t.type),
      via: channelName(isRecord(t.via) ? t.via.channel : undefined),
      url: agentUrl,
      // UNCONFIRMED: both forms; `url` without protocol is the confirmed one.
      url_with_protocol: agentUrl && `https://${agentUrl}`,
      link: agentUrl && `https://${agentUrl}`,
      tags: spaceSeparated(t.tags),
      created_at: humanDate(created),
      created_at_with_timestamp: isoMinute(created),
      updated_at: humanDate(updated),
      updated_at_with_timestamp: isoMinute(updated),
      due_date: humanDate(due),
      due_date_with_timestamp: isoMinute(due),
      external_id: t.external_id,
      account: this.sample.account?.name,
      brand: this.brand(),
      group: this.group(t.group_id),
      organization: this.organization(t.organization_id),
      requester: this.user(t.requester_id),
      assignee: this.user(t.assignee_id),
      submitter: this.user(t.submitter_id),
      // UNCONFIRMED: the ", " separator of the *_names placeholders.
      cc_names: names(ccs),
      ccs: inspectedList(ccs),
      email_ccs: inspectedList(emailCcs),
      email_cc_names: names(emailCcs),
      followers: inspectedList(followers),
      follower_names: names(followers),
      in_business_hours: this.inBusinessHours(),
      current_holiday_name: stringOrUndefined(this.sample.current_holiday_name),
      ticket_form: this.ticketFormName(),
      requester_field: '',
      ...this.ticketFields(),
      comments: inspectedList(comments),
      public_comments: inspectedList(publicComments),
      latest_comment: comments[0],
      latest_public_comment: publicComments[0],
      comments_formatted: comments.map(formattedComment).join('\n\n'),
      public_comments_formatted: publicComments.map(formattedComment).join('\n\n'),
      latest_comment_formatted: comments[0] && formattedComment(comments[0]),
      latest_public_comment_formatted: publicComments[0] && formattedComment(publicComments[0]),
      latest_comment_html: comments[0] && htmlComment(comments[0]),
      latest_public_comment_html: publicComments[0] && htmlComment(publicComments[0]),
      latest_comment_rich: comments[0] && htmlComment(comments[0]),
    }
  }

  /** A user placeholder (`ticket.requester`, `current_user`, a comment author), or undefined. */
  user(id: unknown): object | undefined {
    if (typeof id !== 'number') return undefined
    const cached = this.users.get(id)
    if (cached) return cached
    const found = this.sample.users?.find((u) => u.id === id)
    const built = this.buildUser(found ?? { id })
    this.users.set(id, built)
    return built
  }

  private buildUser(u: ZendeskUser): object {
    const name = stringOrUndefined(u.name) ?? ''
    // UNCONFIRMED: Zendesk's split of a full name; taken as first word / the rest.
    const [first = '', ...rest] = name.trim().split(/\s+/)
    const fields = {
      name,
      first_name: first,
      last_name: rest.join(' '),
      email: u.email,
      language: languageName(u.locale),
      phone: u.phone,
      external_id: u.external_id,
      details: u.details,
      notes: u.notes,
      time_zone: u.time_zone,
      locale: u.locale,
      role: u.role,
      id: u.id,
      signature: u.signature,
      tags: spaceSeparated(u.tags),
      organization: this.organization(u.organization_id),
      custom_fields: isRecord(u.user_fields) ? { ...u.user_fields } : {},
    }
    // UNCONFIRMED: a user printed whole shows the name; inside a printed list, a short inspect.
    return printable(fields, name, recordInspect('User', [['id', u.id], ['name', u.name ?? null], ['email', u.email ?? null]]))
  }

  private organization(id: unknown): object | undefined {
    if (typeof id !== 'number') return undefined
    const cached = this.organizations.get(id)
    if (cached) return cached
    const o: ApiRecord = this.sample.organizations?.find((org) => org.id === id) ?? { id }
    const definitions = Array.isArray(this.sample.organization_fields) ? (this.sample.organization_fields as unknown[]) : []
    const customFields: Record<string, FieldValue> = {}
    for (const [key, value] of Object.entries(isRecord(o.organization_fields) ? o.organization_fields : {})) {
      const definition = definitions.find((d) => isRecord(d) && d.key === key)
      customFields[key] = new FieldValue(value, optionTitle(isRecord(definition) ? definition : undefined, value) ?? value)
    }
    const fields = {
      id: o.id,
      name: o.name,
      is_shared: booleanText(o.shared_tickets),
      is_shared_comments: booleanText(o.shared_comments),
      details: o.details,
      notes: o.notes,
      tags: spaceSeparated(o.tags),
      external_id: o.external_id,
      custom_fields: customFields,
    }
    // UNCONFIRMED: an organization printed whole shows its name.
    const built = printable(fields, stringOrUndefined(o.name) ?? '')
    this.organizations.set(id, built)
    return built
  }

  private group(id: unknown): object | undefined {
    const g = this.sample.groups?.find((group) => group.id === id)
    return g && printable({ id: g.id, name: g.name }, stringOrUndefined(g.name) ?? '')
  }

  /** The ticket's brand; without sideloaded brands, the account name (a default brand takes it; UNCONFIRMED). */
  private brand(): object {
    const brands = Array.isArray(this.sample.brands) ? (this.sample.brands as unknown[]) : []
    const found = brands.find((b) => isRecord(b) && b.id === this.apiTicket.brand_id)
    const name = stringOrUndefined(isRecord(found) ? found.name : undefined) ?? this.sample.account?.name ?? ''
    return printable({ name }, name)
  }

  private ticketFormName(): string | undefined {
    const forms = Array.isArray(this.sample.ticket_forms) ? (this.sample.ticket_forms as unknown[]) : []
    const form = forms.find((f) => isRecord(f) && f.id === this.apiTicket.ticket_form_id)
    return stringOrUndefined(isRecord(form) ? form.name : undefined)
  }

  /** `"true"`/`"false"` as text (templates compare it to `'false'`); from the sample, since it depends on schedules. */
  private inBusinessHours(): string {
    // UNCONFIRMED: the value when a sample does not say; "false" is what an account without a
    // business-hours schedule is assumed to get.
    return booleanText(this.sample.in_business_hours) ?? 'false'
  }

  /** `ticket_field_<id>` (the stored value: for drop-downs the tag) and `ticket_field_option_title_<id>`. */
  private ticketFields(): Record<string, unknown> {
    const out: Record<string, unknown> = {}
    const definitions = this.sample.ticket_fields ?? []
    for (const field of Array.isArray(this.apiTicket.custom_fields) ? this.apiTicket.custom_fields : []) {
      if (!isRecord(field) || field.id === undefined || field.value === null || field.value === undefined) continue
      // UNCONFIRMED: multi-select values as space-separated tags (like `ticket.tags`).
      out[`ticket_field_${field.id}`] = Array.isArray(field.value) ? field.value.join(' ') : field.value
      const title = optionTitle(definitions.find((d) => d.id === field.id), field.value)
      if (title !== undefined) out[`ticket_field_option_title_${field.id}`] = title
    }
    return out
  }

  /** The first comment, formatted; from the ticket's `description` when the sample has no comments. */
  private description(): string | undefined {
    const comments = this.comments()
    const first = comments[comments.length - 1]
    if (first) return formattedComment(first)
    const text = stringOrUndefined(this.apiTicket.description)
    if (text === undefined) return undefined
    const author = this.user(this.apiTicket.submitter_id ?? this.apiTicket.requester_id) as ApiRecord | undefined
    return formatCommentText(stringOrUndefined(author?.name) ?? '', parseTimestamp(this.apiTicket.created_at), text)
  }

  /**
   * The sample's comments as placeholders, newest first. UNCONFIRMED order: Zendesk's own
   * webhook body reads `ticket.comments.first.author.role` for the latest author, which
   * suggests newest first; the API lists oldest first.
   */
  private comments(): ApiRecord[] {
    if (this.commentList) return this.commentList
    const sorted = [...(this.sample.comments ?? [])].sort(
      (a, b) => (parseTimestamp(b.created_at)?.getTime() ?? 0) - (parseTimestamp(a.created_at)?.getTime() ?? 0),
    )
    this.commentList = sorted.map((c) => this.buildComment(c))
    return this.commentList
  }

  private buildComment(c: ApiRecord): ApiRecord {
    const created = parseTimestamp(c.created_at)
    const value = stringOrUndefined(c.plain_body) ?? stringOrUndefined(c.body) ?? ''
    const fields = {
      id: c.id,
      value,
      is_public: c.public === true,
      created_at: humanDate(created),
      created_at_with_time: humanDateTime(created),
      author: this.user(c.author_id),
      attachments: (Array.isArray(c.attachments) ? c.attachments : []).filter(isRecord).map((a) =>
        printable({ filename: a.file_name, url: a.content_url }, stringOrUndefined(a.file_name) ?? ''),
      ),
    }
    return printable(fields, value, this.commentInspect(c, value, created))
  }

  /**
   * UNCONFIRMED exact text: the shape of the ActiveRecord inspect Zendesk prints for comments,
   * with the columns seen in a real payload (PipedreamHQ/pipedream#18260) up to `updated_at`.
   */
  private commentInspect(c: ApiRecord, value: string, created: Date | undefined): string {
    const time = created && `${created.toISOString().replace('T', ' ').slice(0, 19)}.000000000 +0000`
    return recordInspect('Comment', [
      ['id', c.id ?? null],
      ['account_id', this.sample.account?.id ?? null],
      ['parent_id', c.audit_id ?? null],
      ['ticket_id', this.apiTicket.id ?? null],
      ['author_id', c.author_id ?? null],
      ['created_at', time ?? null],
      ['via_id', null],
      ['via_reference_id', null],
      ['is_public', c.public === true],
      ['type', stringOrUndefined(c.type) ?? 'Comment'],
      ['value', value],
      ['value_previous', null],
      ['value_reference', null],
      ['updated_at', time ?? null],
    ])
  }

  private usersById(ids: unknown): object[] {
    if (!Array.isArray(ids)) return []
    return ids.map((id) => this.user(id)).filter((u): u is object => u !== undefined)
  }
}

/**
 * A custom field value that also has a `.title` (`{{ticket.organization.custom_fields.x.title}}`).
 * A Drop, so liquidjs compares and prints it as its value.
 */
class FieldValue extends Drop {
  readonly title: unknown
  readonly #value: unknown

  constructor(value: unknown, title: unknown) {
    super()
    this.#value = value
    this.title = title
  }

  override valueOf(): unknown {
    return this.#value
  }
}

/** Zendesk's formatted comment: separator line, "author, date time" header, text (§1.4). */
function formattedComment(comment: ApiRecord): string {
  const author = comment.author as ApiRecord | undefined
  return `${COMMENT_SEPARATOR}\n\n${stringOrUndefined(author?.name) ?? ''}, ${comment.created_at_with_time ?? ''}\n\n${comment.value}`
}

function formatCommentText(author: string, created: Date | undefined, text: string): string {
  return `${COMMENT_SEPARATOR}\n\n${author}, ${humanDateTime(created) ?? ''}\n\n${text}`
}

/** UNCONFIRMED: Zendesk's HTML comment markup; Hookbench writes the author header and the comment's text as paragraphs. */
function htmlComment(comment: ApiRecord): string {
  const author = comment.author as ApiRecord | undefined
  const header = `<p><strong>${escapeHtml(stringOrUndefined(author?.name) ?? '')}</strong>, ${comment.created_at_with_time ?? ''}</p>`
  const paragraphs = String(comment.value)
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
  return header + paragraphs.join('')
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

/** The title of the selected option(s) of a drop-down or multi-select field definition. */
function optionTitle(definition: ApiRecord | undefined, value: unknown): string | undefined {
  const options = definition?.custom_field_options
  if (!Array.isArray(options)) return undefined
  const titleOf = (v: unknown): string | undefined => {
    const option = options.find((o) => isRecord(o) && o.value === v)
    return isRecord(option) ? stringOrUndefined(option.name) : undefined
  }
  // UNCONFIRMED: how a multi-select's titles are joined.
  if (Array.isArray(value)) return value.map(titleOf).filter((t) => t !== undefined).join(', ')
  return titleOf(value)
}

function satisfaction(sample: ZendeskTicketSample): Record<string, unknown> {
  const rating = isRecord(sample.ticket.satisfaction_rating) ? sample.ticket.satisfaction_rating : {}
  // UNCONFIRMED: how Zendesk words the rating; without the sample's `satisfaction`, the API score is shown as it is.
  return { current_rating: rating.score, current_comment: rating.comment, ...sample.satisfaction }
}

/** `acme.zendesk.com`, from the account's subdomain or else the host of the ticket's API URL. */
function zendeskHost(sample: ZendeskTicketSample): string | undefined {
  const subdomain = sample.account?.subdomain
  if (subdomain) return `${subdomain}.zendesk.com`
  const apiUrl = stringOrUndefined(sample.ticket.url)
  if (!apiUrl) return undefined
  try {
    return new URL(apiUrl).host
  } catch {
    return undefined
  }
}

function spaceSeparated(tags: unknown): string {
  return Array.isArray(tags) ? tags.join(' ') : (stringOrUndefined(tags) ?? '')
}

function names(users: object[]): string {
  return users.map((u) => stringOrUndefined((u as ApiRecord).name) ?? '').join(', ')
}

function booleanText(value: unknown): string | undefined {
  if (typeof value === 'boolean') return String(value)
  return value === 'true' || value === 'false' ? value : undefined
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined
}

function isRecord(value: unknown): value is ApiRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
