/**
 * What the fake Zendesk account holds. Records are stored in their API shape (zendesk.md
 * §5.2, OAS `TicketObject` / `UserForAdmin`) minus the `url`, which depends on the server's
 * address and is added when a record is presented.
 */
import { isoSeconds, type Clock } from '../clock.js'
import { randomBase64, Sequence, ulid } from '../ids.js'

export type UserRole = 'end-user' | 'agent' | 'admin'

export interface ZendeskUser {
  id: number
  name: string
  email: string | null
  role: UserRole
  organization_id: number | null
  external_id: string | null
  alias: string | null
  phone: string | null
  locale: string
  locale_id: number
  time_zone: string
  iana_time_zone: string
  details: string
  notes: string
  signature: string | null
  tags: string[]
  user_fields: Record<string, unknown>
  default_group_id: number | null
  custom_role_id: number | null
  role_type: number | null
  photo: unknown
  active: boolean
  suspended: boolean
  verified: boolean
  shared: boolean
  shared_agent: boolean
  moderator: boolean
  only_private_comments: boolean
  restricted_agent: boolean
  ticket_restriction: string | null
  two_factor_auth_enabled: boolean
  created_at: string
  updated_at: string
  last_login_at: string | null
}

export interface ZendeskOrganization {
  id: number
  name: string
  details: string | null
  notes: string | null
  external_id: string | null
  group_id: number | null
  domain_names: string[]
  tags: string[]
  organization_fields: Record<string, unknown>
  shared_tickets: boolean
  shared_comments: boolean
  created_at: string
  updated_at: string
}

export interface ZendeskGroup {
  id: number
  name: string
  description: string
  default: boolean
  deleted: boolean
  is_public: boolean
  created_at: string
  updated_at: string
}

export type TicketStatus = 'new' | 'open' | 'pending' | 'hold' | 'solved' | 'closed'

export interface CustomFieldValue {
  id: number
  value: unknown
}

export interface ZendeskTicket {
  id: number
  external_id: string | null
  via: { channel: string; source: { from: Record<string, unknown>; to: Record<string, unknown>; rel: string | null } }
  subject: string | null
  raw_subject: string | null
  description: string
  type: string | null
  priority: string | null
  status: TicketStatus
  custom_status_id: number | null
  tags: string[]
  custom_fields: CustomFieldValue[]
  satisfaction_rating: unknown
  recipient: string | null
  requester_id: number
  submitter_id: number
  assignee_id: number | null
  organization_id: number | null
  group_id: number | null
  brand_id: number | null
  collaborator_ids: number[]
  follower_ids: number[]
  email_cc_ids: number[]
  problem_id: number | null
  has_incidents: boolean
  followup_ids: number[]
  sharing_agreement_ids: number[]
  ticket_form_id: number | null
  is_public: boolean
  allow_attachments: boolean
  allow_channelback: boolean
  from_messaging_channel: boolean
  due_at: string | null
  created_at: string
  updated_at: string
}

export interface ZendeskComment {
  id: number
  type: 'Comment'
  author_id: number
  body: string
  html_body: string
  plain_body: string
  public: boolean
  attachments: unknown[]
  audit_id: number
  via: ZendeskTicket['via']
  metadata: Record<string, unknown>
  created_at: string
}

export type WebhookAuthentication =
  | { type: 'basic_auth'; data: { username: string; password: string }; add_position: 'header' }
  | { type: 'bearer_token'; data: { token: string }; add_position: 'header' }
  | { type: 'api_key'; data: { name: string; value: string }; add_position: 'header' }

export interface ZendeskWebhook {
  id: string
  name: string
  description?: string
  endpoint: string
  http_method: string
  request_format: string
  status: 'active' | 'inactive'
  subscriptions: string[]
  /** Stored with its credentials; responses leave `data` out, as Zendesk never shows them again (§3.1). */
  authentication?: WebhookAuthentication
  custom_headers?: Record<string, string>
  external_source?: unknown
  signing_secret: string
  created_at: string
  created_by: string
  updated_at: string
  updated_by: string
}

export interface TriggerCondition {
  field: string
  operator: string
  value?: unknown
}

export interface TriggerAction {
  field: string
  value: unknown
}

export interface ZendeskTrigger {
  id: number
  title: string
  raw_title: string
  description: string | null
  active: boolean
  position: number
  category_id: string | null
  default: boolean
  conditions: { all: TriggerCondition[]; any: TriggerCondition[] }
  actions: TriggerAction[]
  created_at: string
  updated_at: string
}

/** `{email}/token:{api_token}` credentials (zendesk.md §5.5). */
export interface ApiToken {
  email: string
  token: string
  /** An inactive token fails like a wrong one (e.g. deactivated after 30 days unused, §0). */
  active: boolean
}

export interface OAuthClient {
  clientId: string
  clientSecret: string
  /** The user a client_credentials token acts as. */
  userId: number
  /** Granted when a token request names no scope. */
  scope: string
}

/** An issued access or refresh token. */
export interface IssuedToken {
  token: string
  clientId: string
  userId: number
  scope: string
  expiresAt: number
}

export interface ZendeskState {
  tickets: Map<number, ZendeskTicket>
  users: Map<number, ZendeskUser>
  organizations: Map<number, ZendeskOrganization>
  groups: Map<number, ZendeskGroup>
  /** Comments by ticket id, oldest first. */
  comments: Map<number, ZendeskComment[]>
  webhooks: Map<string, ZendeskWebhook>
  triggers: Map<number, ZendeskTrigger>
  tokens: { api: ApiToken[]; access: Map<string, IssuedToken>; refresh: Map<string, IssuedToken> }
  oauthClients: OAuthClient[]
  /** Id counters; seeded ids are observed so new records never collide. */
  ids: Record<'user' | 'organization' | 'group' | 'ticket' | 'comment' | 'audit' | 'trigger', Sequence>
}

/** Seed records: any subset of fields; missing ones get defaults, missing ids the next free id. */
export type SeedRecord<T> = Partial<T>

export interface ZendeskSeed {
  users?: SeedRecord<ZendeskUser>[]
  organizations?: SeedRecord<ZendeskOrganization>[]
  groups?: SeedRecord<ZendeskGroup>[]
  tickets?: SeedRecord<ZendeskTicket>[]
  comments?: (SeedRecord<ZendeskComment> & { ticket_id: number })[]
  webhooks?: (Partial<ZendeskWebhook> & Pick<ZendeskWebhook, 'id' | 'name' | 'endpoint'>)[]
  triggers?: SeedRecord<ZendeskTrigger>[]
  accessTokens?: IssuedToken[]
  refreshTokens?: IssuedToken[]
}

export function emptyZendeskState(): ZendeskState {
  return {
    tickets: new Map(),
    users: new Map(),
    organizations: new Map(),
    groups: new Map(),
    comments: new Map(),
    webhooks: new Map(),
    triggers: new Map(),
    tokens: { api: [], access: new Map(), refresh: new Map() },
    oauthClients: [],
    ids: {
      user: new Sequence(),
      organization: new Sequence(),
      group: new Sequence(),
      ticket: new Sequence(),
      comment: new Sequence(),
      audit: new Sequence(),
      trigger: new Sequence(),
    },
  }
}

/** Takes `fields.id` (observing it) or the next id of `sequence`. */
function idFor(sequence: Sequence, id: number | undefined): number {
  if (id === undefined) return sequence.next()
  sequence.observe(id)
  return id
}

export const API_VIA: ZendeskTicket['via'] = { channel: 'api', source: { from: {}, to: {}, rel: null } }

export function addUser(state: ZendeskState, fields: SeedRecord<ZendeskUser>, now: Clock): ZendeskUser {
  const stamp = isoSeconds(now())
  const user: ZendeskUser = {
    name: fields.email ?? 'Unnamed user',
    email: null,
    role: 'end-user',
    organization_id: null,
    external_id: null,
    alias: null,
    phone: null,
    locale: 'en-US',
    locale_id: 1,
    time_zone: 'Etc/UTC',
    iana_time_zone: 'Etc/UTC',
    details: '',
    notes: '',
    signature: null,
    tags: [],
    user_fields: {},
    default_group_id: null,
    custom_role_id: null,
    role_type: null,
    photo: null,
    active: true,
    suspended: false,
    verified: false,
    shared: false,
    shared_agent: false,
    moderator: false,
    only_private_comments: false,
    restricted_agent: fields.role === undefined || fields.role === 'end-user',
    ticket_restriction: fields.role === undefined || fields.role === 'end-user' ? 'requested' : null,
    two_factor_auth_enabled: false,
    created_at: stamp,
    updated_at: stamp,
    last_login_at: null,
    ...definedOnly(fields),
    id: idFor(state.ids.user, fields.id),
  }
  state.users.set(user.id, user)
  return user
}

export function addOrganization(state: ZendeskState, fields: SeedRecord<ZendeskOrganization>, now: Clock): ZendeskOrganization {
  const stamp = isoSeconds(now())
  const organization: ZendeskOrganization = {
    name: 'Organization',
    details: null,
    notes: null,
    external_id: null,
    group_id: null,
    domain_names: [],
    tags: [],
    organization_fields: {},
    shared_tickets: false,
    shared_comments: false,
    created_at: stamp,
    updated_at: stamp,
    ...definedOnly(fields),
    id: idFor(state.ids.organization, fields.id),
  }
  state.organizations.set(organization.id, organization)
  return organization
}

export function addGroup(state: ZendeskState, fields: SeedRecord<ZendeskGroup>, now: Clock): ZendeskGroup {
  const stamp = isoSeconds(now())
  const group: ZendeskGroup = {
    name: 'Support',
    description: '',
    default: false,
    deleted: false,
    is_public: true,
    created_at: stamp,
    updated_at: stamp,
    ...definedOnly(fields),
    id: idFor(state.ids.group, fields.id),
  }
  state.groups.set(group.id, group)
  return group
}

export function addTicket(state: ZendeskState, fields: SeedRecord<ZendeskTicket>, now: Clock): ZendeskTicket {
  const stamp = isoSeconds(now())
  const ticket: ZendeskTicket = {
    external_id: null,
    via: API_VIA,
    subject: null,
    raw_subject: fields.subject ?? null,
    description: '',
    type: null,
    priority: null,
    status: 'new',
    custom_status_id: null,
    tags: [],
    custom_fields: [],
    satisfaction_rating: null,
    recipient: null,
    requester_id: 0,
    submitter_id: fields.requester_id ?? 0,
    assignee_id: null,
    organization_id: null,
    group_id: null,
    brand_id: null,
    collaborator_ids: [],
    follower_ids: [],
    email_cc_ids: [],
    problem_id: null,
    has_incidents: false,
    followup_ids: [],
    sharing_agreement_ids: [],
    ticket_form_id: null,
    is_public: true,
    allow_attachments: true,
    allow_channelback: false,
    from_messaging_channel: false,
    due_at: null,
    created_at: stamp,
    updated_at: stamp,
    ...definedOnly(fields),
    id: idFor(state.ids.ticket, fields.id),
  }
  state.tickets.set(ticket.id, ticket)
  if (!state.comments.has(ticket.id)) state.comments.set(ticket.id, [])
  return ticket
}

export interface NewComment {
  author_id: number
  body?: string
  html_body?: string
  public?: boolean
}

export function addComment(state: ZendeskState, ticketId: number, fields: SeedRecord<ZendeskComment> & NewComment, now: Clock): ZendeskComment {
  const body = fields.body ?? htmlToText(fields.html_body ?? '')
  const comment: ZendeskComment = {
    type: 'Comment',
    author_id: fields.author_id,
    body,
    html_body: fields.html_body ?? `<div class="zd-comment" dir="auto">${escapeHtml(body).replace(/\n/g, '<br>')}</div>`,
    plain_body: body,
    public: true,
    attachments: [],
    audit_id: state.ids.audit.next(),
    via: API_VIA,
    metadata: { system: {}, custom: {} },
    created_at: isoSeconds(now()),
    ...definedOnly(fields),
    id: idFor(state.ids.comment, fields.id),
  }
  const comments = state.comments.get(ticketId) ?? []
  comments.push(comment)
  state.comments.set(ticketId, comments)
  return comment
}

export function addWebhook(
  state: ZendeskState,
  fields: Partial<ZendeskWebhook> & Pick<ZendeskWebhook, 'name' | 'endpoint'>,
  now: Clock,
): ZendeskWebhook {
  const stamp = isoSeconds(now())
  const webhook: ZendeskWebhook = {
    id: ulid(now()),
    name: fields.name,
    endpoint: fields.endpoint,
    http_method: 'POST',
    request_format: 'json',
    status: 'active',
    subscriptions: ['conditional_ticket_events'],
    signing_secret: randomBase64(32),
    created_at: stamp,
    created_by: '-1',
    updated_at: stamp,
    updated_by: '-1',
    ...definedOnly(fields),
  }
  state.webhooks.set(webhook.id, webhook)
  return webhook
}

export function addTrigger(state: ZendeskState, fields: SeedRecord<ZendeskTrigger>, now: Clock): ZendeskTrigger {
  const stamp = isoSeconds(now())
  const id = idFor(state.ids.trigger, fields.id)
  const trigger: ZendeskTrigger = {
    title: 'Trigger',
    raw_title: fields.title ?? 'Trigger',
    description: null,
    active: true,
    position: state.triggers.size + 1,
    category_id: null,
    default: false,
    conditions: { all: [], any: [] },
    actions: [],
    created_at: stamp,
    updated_at: stamp,
    ...definedOnly(fields),
    id,
  }
  state.triggers.set(trigger.id, trigger)
  return trigger
}

/** Loads seed records, in dependency order (users before the tickets that name them). */
export function seedZendeskState(state: ZendeskState, seed: ZendeskSeed, now: Clock): void {
  for (const fields of seed.organizations ?? []) addOrganization(state, fields, now)
  for (const fields of seed.groups ?? []) addGroup(state, fields, now)
  for (const fields of seed.users ?? []) addUser(state, fields, now)
  for (const fields of seed.tickets ?? []) addTicket(state, fields, now)
  for (const { ticket_id, ...fields } of seed.comments ?? []) {
    addComment(state, ticket_id, { author_id: state.tickets.get(ticket_id)?.requester_id ?? 0, ...fields }, now)
  }
  for (const fields of seed.webhooks ?? []) addWebhook(state, fields, now)
  for (const fields of seed.triggers ?? []) addTrigger(state, fields, now)
  for (const token of seed.accessTokens ?? []) state.tokens.access.set(token.token, token)
  for (const token of seed.refreshTokens ?? []) state.tokens.refresh.set(token.token, token)
}

export function findUserByEmail(state: ZendeskState, email: string): ZendeskUser | undefined {
  const wanted = email.toLowerCase()
  for (const user of state.users.values()) if (user.email?.toLowerCase() === wanted) return user
  return undefined
}

/** `fields` without properties set to `undefined`, so spreading them over defaults keeps the defaults. */
function definedOnly<T extends object>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Partial<T>
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

function htmlToText(html: string): string {
  return html.replace(/<br\s*\/?>/gi, '\n').replace(/<[^>]*>/g, '').trim()
}
