/**
 * Every documented Zendesk placeholder (zendesk.md §1), for the linter and the editor's
 * completion and hover. Summaries are written for the people writing webhook bodies.
 *
 * The catalog is a tree (a ticket has a requester, a requester has an organization, …) from
 * which the flat list is generated, so `<user>` is written once and expanded for the requester,
 * assignee, submitter and current user, and so paths through lists and loop variables resolve.
 */
import type { PathStep } from './liquidRefs.js'

/** What a placeholder renders. */
export type PlaceholderValue = 'text' | 'number' | 'boolean' | 'object' | 'list'

export interface ZendeskPlaceholder {
  /** As written in a template; in dynamic entries `<id>`, `<key>` or `<name>` stands for any value. */
  name: string
  summary: string
  example?: string
  /** False where the reference marks the placeholder or its rendering UNCONFIRMED. */
  confirmed: boolean
  value: PlaceholderValue
  /** Always has a value when a trigger fires: safe to write unquoted in JSON. */
  alwaysSet?: boolean
  /** A pattern rather than one placeholder (`ticket.ticket_field_<id>`). */
  dynamic?: boolean
}

/** A node of the placeholder tree: what one name renders and what can follow it. */
export interface PlaceholderNode {
  summary: string
  example?: string
  /** Defaults to true. */
  confirmed?: boolean
  value: PlaceholderValue
  alwaysSet?: boolean
  /** A custom field or dynamic content: holds whatever its definition says (a number, a date, text …). */
  anyType?: boolean
  /** Named properties (objects, and the few text values that have some, like `custom_fields.<key>.title`). */
  fields?: Record<string, PlaceholderNode>
  /** Properties whose names follow a pattern. */
  patterns?: PatternField[]
  /** For lists: what each element is. */
  item?: PlaceholderNode
  /** A namespace that is not a placeholder by itself (`custom_fields`, `dc`): left out of the flat list. */
  container?: boolean
}

interface PatternField {
  /** How the catalog shows the name: `ticket_field_<id>`. */
  name: string
  match: RegExp
  node: PlaceholderNode
}

/** The names a Zendesk template can start from. */
export const ZENDESK_ROOTS: readonly string[] = ['ticket', 'current_user', 'satisfaction', 'dc']

const text = (summary: string, example?: string, extra: Partial<PlaceholderNode> = {}): PlaceholderNode => ({
  summary,
  value: 'text',
  ...(example === undefined ? {} : { example }),
  ...extra,
})

const number = (summary: string, example?: string, extra: Partial<PlaceholderNode> = {}): PlaceholderNode =>
  text(summary, example, { value: 'number', ...extra })

const unconfirmed = { confirmed: false } as const

function customFields(owner: string, source: string, withTitle: boolean): PlaceholderNode {
  const value = text(`${owner} custom field with the key <key> (from ${source}).`, undefined, { anyType: true })
  if (withTitle) {
    value.fields = {
      title: text(`The display title of the selected option of ${owner.toLowerCase()} drop-down field <key>.`),
    }
  }
  return {
    summary: `${owner} custom fields, by field key.`,
    value: 'object',
    container: true,
    patterns: [{ name: '<key>', match: /^[\w-]+$/, node: value }],
  }
}

function organizationNode(owner: string): PlaceholderNode {
  const o = `${owner} organization`
  return {
    summary: `${o}. Printed whole it shows the organization's name (UNCONFIRMED).`,
    value: 'object',
    fields: {
      id: number(`${o}'s id. Empty when there is no organization.`, '360001234567'),
      name: text(`${o}'s name.`, 'Acme Inc.'),
      is_shared: text(`Whether ${o.toLowerCase()} shares tickets: true or false.`, 'false', { value: 'boolean' }),
      is_shared_comments: text(`Whether ${o.toLowerCase()} shares comments: true or false.`, 'false', { value: 'boolean' }),
      details: text(`${o}'s details.`),
      notes: text(`${o}'s notes.`),
      // UNCONFIRMED: the separator; written like `ticket.tags` (one space).
      tags: text(`${o}'s tags, space-separated.`, 'enterprise emea', unconfirmed),
      external_id: text(`${o}'s external id.`),
      custom_fields: customFields(o, 'organization fields', true),
    },
  }
}

function userNode(owner: string, who: string, idAlwaysSet: boolean): PlaceholderNode {
  const u = `${owner}'s`
  return {
    summary: `${who}. Printed whole it shows the user's name (UNCONFIRMED).`,
    value: 'object',
    fields: {
      name: text(`${u} full name.`, 'Jane Doe'),
      first_name: text(`${u} first name.`, 'Jane'),
      last_name: text(`${u} last name.`, 'Doe'),
      email: text(`${u} email address.`, 'jane@example.com'),
      language: text(`${u} language preference, as a display name.`, 'English'),
      phone: text(`${u} telephone number.`, '+31 20 123 4567'),
      external_id: text(`${u} external id (set by your systems).`),
      details: text(`${u} profile details.`),
      notes: text(`${u} notes.`),
      time_zone: text(`${u} time zone.`, 'Amsterdam'),
      locale: text(`${u} locale code.`, 'en-US'),
      role: text(`${u} role.`, 'end-user'),
      extended_role: text(`${u} extended role (custom agent roles). Not in samples: renders empty in Hookbench.`),
      id: number(`${u} id.${idAlwaysSet ? '' : ' Empty when there is none.'}`, '1234567890', { alwaysSet: idAlwaysSet }),
      signature: text(`${u} agent signature.`),
      // UNCONFIRMED: the separator; written like `ticket.tags` (one space).
      tags: text(`${u} tags, space-separated.`, 'vip beta', unconfirmed),
      organization: organizationNode(u),
      custom_fields: customFields(u, 'user fields', false),
    },
  }
}

const userItem = userNode('The user', 'A user', true)

const attachmentNode: PlaceholderNode = {
  summary: 'An attachment of a comment.',
  value: 'object',
  fields: {
    filename: text("The attachment's file name.", 'screenshot.png'),
    url: text("The attachment's download URL.", 'https://acme.zendesk.com/attachments/token/abc/?name=screenshot.png'),
  },
}

function commentNode(c: string): PlaceholderNode {
  return {
    summary: `${c}. Printed whole it shows the comment text (UNCONFIRMED); pick properties such as .value.`,
    value: 'object',
    fields: {
      id: number(`${c}: its id.`, '30064117810589'),
      value: text(`${c}: its text.`, 'Thanks, that fixed it!'),
      is_public: text(`${c}: true for a public reply, false for an internal note.`, 'true', { value: 'boolean' }),
      created_at: text(`${c}: when it was written (date).`, 'Jan 29, 2021', unconfirmed),
      created_at_with_time: text(`${c}: when it was written (date and time).`, 'Jan 29, 2021, 11:10', unconfirmed),
      author: {
        summary: `${c}: its author.`,
        value: 'object',
        fields: {
          name: text("The comment author's name.", 'Jane Doe'),
          id: number("The comment author's id.", '1234567890', { alwaysSet: true }),
          email: text("The comment author's email address.", 'jane@example.com'),
          external_id: text("The comment author's external id."),
          role: text("The comment author's role.", 'end-user'),
        },
      },
      attachments: {
        summary: `${c}: its attachments. Loop over them: {% for a in comment.attachments %}{{a.filename}} {{a.url}}{% endfor %}.`,
        value: 'list',
        item: attachmentNode,
      },
    },
  }
}

const commentItem = commentNode('A comment')

function commentList(which: string): PlaceholderNode {
  return {
    summary:
      `${which}, newest first (order UNCONFIRMED). Printed whole it shows Ruby inspect text (#<Comment id: …>), ` +
      'not JSON: loop instead, e.g. {% for comment in ticket.comments %}{{comment.value}}{% endfor %}.',
    value: 'list',
    item: commentItem,
  }
}

function userList(which: string): PlaceholderNode {
  return {
    summary: `${which}, as users. Prints [] when there are none; loop to read them: {% for cc in ticket.ccs %}{{cc.email}}{% endfor %}.`,
    value: 'list',
    item: userItem,
  }
}

/** A date placeholder and its `_with_timestamp` twin. */
function dates(name: string, label: string, examples: [human: string, iso: string], optional: boolean): Record<string, PlaceholderNode> {
  const empty = optional ? ' Empty when not set.' : ''
  return {
    [name]: text(`${label}, as a readable date.${empty}`, examples[0]),
    [`${name}_with_timestamp`]: text(`${label}, as ISO 8601 to the minute in UTC.${empty}`, examples[1]),
  }
}

const ticketNode: PlaceholderNode = {
  summary: 'The ticket that fired the trigger or automation.',
  value: 'object',
  fields: {
    id: number('The ticket id. A bare number: safe unquoted in JSON.', '343', { alwaysSet: true }),
    title: text("The ticket's subject.", 'My printer is on fire!'),
    description: text(
      'The first comment, formatted: a separator line, an "author, date" header, then the text.',
      '----------------------------------------------\n\nJane Doe, Jan 29, 2021, 11:10\n\nhello world',
    ),
    status: text('The status as a capitalised display name.', 'Open'),
    priority: text('The priority as a display name (Low, Normal, High, Urgent). Empty when not set.', 'High'),
    ticket_type: text('The type (Question, Incident, Problem, Task); "Ticket" when no type is set.', 'Ticket'),
    via: text('The channel the ticket came in through, as a display name.', 'Web Form'),
    url: text('The agent URL of the ticket, without https://.', 'acme.zendesk.com/agent/tickets/343'),
    url_with_protocol: text('The agent URL of the ticket, with https://.', 'https://acme.zendesk.com/agent/tickets/343', unconfirmed),
    // UNCONFIRMED form: the reference says "full URL path to the ticket".
    link: text('The full URL of the ticket.', 'https://acme.zendesk.com/agent/tickets/343', unconfirmed),
    tags: text(
      'The tags as one space-separated string, not an array. For a list: {% assign tags = ticket.tags | split: " " %}.',
      'vip printer',
    ),
    ...dates('created_at', 'When the ticket was created', ['May 18, 2014', '2014-05-18T09:41Z'], false),
    ...dates('updated_at', 'When the ticket was last updated', ['May 19, 2014', '2014-05-19T16:02Z'], false),
    ...dates('due_date', "The task's due date", ['Jun 1, 2014', '2014-06-01T12:00Z'], true),
    external_id: text("The ticket's external id."),
    account: text('The Zendesk account name.', 'Acme'),
    brand: {
      summary: "The ticket's brand.",
      value: 'object',
      fields: { name: text('The brand name.', 'Acme Support') },
    },
    group: {
      summary: "The ticket's group. Empty when the ticket has no group.",
      value: 'object',
      fields: {
        name: text("The group's name.", 'Support'),
        id: number("The group's id. Empty when there is no group.", '360000123456'),
      },
    },
    organization: organizationNode("The ticket's"),
    requester: userNode('The requester', 'The person who asked for help', true),
    assignee: userNode('The assignee', 'The agent assigned to the ticket; empty when unassigned', false),
    submitter: userNode('The submitter', 'Who submitted the ticket (the requester, or an agent on their behalf)', true),
    cc_names: text("The CC'd users' names, comma-separated. Empty when there are none.", 'Ann Lee, Bo Chen', unconfirmed),
    ccs: userList("The ticket's CCs"),
    email_ccs: { ...userList('The email CCs (CCs and followers feature)'), ...unconfirmed },
    email_cc_names: text("The email CCs' names, comma-separated.", 'Ann Lee', unconfirmed),
    followers: { ...userList('The followers (CCs and followers feature)'), ...unconfirmed },
    follower_names: text("The followers' names, comma-separated.", 'Bo Chen', unconfirmed),
    follower_reply_type_message: text('The follower reply notice (CCs and followers feature). Renders empty in Hookbench.', undefined, unconfirmed),
    score: text('The ticket score. Renders empty in Hookbench.'),
    in_business_hours: text('Whether the update happened in business hours: true or false (text).', 'true', {
      value: 'boolean',
      alwaysSet: true,
    }),
    current_holiday_name: text(
      "Today's holiday in the ticket's schedule. Zendesk renders \"Liquid error: internal\" on accounts without a schedule.",
      'Christmas Day',
    ),
    ticket_form: text("The ticket form's name.", 'Default Ticket Form', unconfirmed),
    requester_field: text('Legacy; renders empty.', ''),
    comments: commentList('All comments'),
    public_comments: commentList('The public comments'),
    latest_comment: commentNode('The latest comment'),
    latest_public_comment: commentNode('The latest public comment'),
    comments_formatted: text('All comments as text, each with an "author, date" header, newest first.', undefined, unconfirmed),
    public_comments_formatted: text('The public comments as text, each with an "author, date" header.', undefined, unconfirmed),
    latest_comment_formatted: text('The latest comment as text with its "author, date" header.', undefined, unconfirmed),
    latest_public_comment_formatted: text('The latest public comment as text with its "author, date" header.', undefined, unconfirmed),
    latest_comment_html: text('The latest comment as HTML (large attachments as links).', undefined, unconfirmed),
    latest_public_comment_html: text('The latest public comment as HTML.', undefined, unconfirmed),
    latest_comment_rich: text('The latest comment as rich text.', undefined, unconfirmed),
  },
  patterns: [
    {
      name: 'ticket_field_<id>',
      match: /^ticket_field_\d+$/,
      node: text('The value of custom ticket field <id>; for drop-downs the option tag, not its title.', 'printer_model_x', {
        anyType: true,
      }),
    },
    {
      name: 'ticket_field_option_title_<id>',
      match: /^ticket_field_option_title_\d+$/,
      node: text('The display title of the option selected in drop-down ticket field <id>.', 'Printer Model X'),
    },
  ],
}

const satisfactionNode: PlaceholderNode = {
  summary: 'The legacy customer satisfaction (CSAT) rating. The updated CSAT uses another placeholder (name UNCONFIRMED).',
  value: 'object',
  fields: {
    rating_section: text('The rating section with the good/bad links, for emails.'),
    rating_url: text('The URL where the requester rates the ticket.'),
    current_rating: text('The current rating.', 'Good'),
    positive_rating_url: text('The URL that rates the ticket good.'),
    negative_rating_url: text('The URL that rates the ticket bad.'),
    current_comment: text("The requester's rating comment."),
  },
}

const ROOT: PlaceholderNode = {
  summary: '',
  value: 'object',
  container: true,
  fields: {
    ticket: ticketNode,
    current_user: userNode('The updating user', 'The user making the update (an end user or an agent)', true),
    satisfaction: satisfactionNode,
    dc: {
      summary: 'Dynamic content.',
      value: 'object',
      container: true,
      patterns: [
        {
          name: '<name>',
          match: /^[\w-]+$/,
          node: text("The dynamic content item's text, in the user's language. Renders from the sample's dynamic_content.", undefined, {
            anyType: true,
          }),
        },
      ],
    },
  },
}

const SIZE: PlaceholderNode = { summary: 'The number of elements (or characters).', value: 'number', alwaysSet: true }

/**
 * The node a path leads to, or undefined when no placeholder has that path.
 * Lists accept `first`, `last` and indexes; anything accepts `size`. A computed step
 * (`x[var]`) cannot be checked and resolves to the node before it.
 */
export function resolvePlaceholder(steps: readonly PathStep[]): PlaceholderNode | undefined {
  let node: PlaceholderNode = ROOT
  for (const step of steps) {
    if (step === null) return node
    const next = childOf(node, step)
    if (!next) return undefined
    node = next
  }
  return node === ROOT ? undefined : node
}

function childOf(node: PlaceholderNode, step: string | number): PlaceholderNode | undefined {
  if (node.item) {
    if (typeof step === 'number' || step === 'first' || step === 'last') return node.item
    return step === 'size' ? SIZE : undefined
  }
  if (typeof step === 'number') return undefined
  const named = node.fields && Object.hasOwn(node.fields, step) ? node.fields[step] : undefined
  if (named) return named
  const pattern = node.patterns?.find((p) => p.match.test(step))
  if (pattern) return pattern.node
  // `size` of a string counts characters; of an object, Ruby Liquid has no answer.
  return step === 'size' && node.value !== 'object' ? SIZE : undefined
}

/** Whether a dotted path (`ticket.requester.name`, `ticket.comments.0.value`) is a known placeholder. */
export function isKnownPlaceholder(path: string): boolean {
  const steps = path.split('.').map((s) => (/^-?\d+$/.test(s) ? Number(s) : s))
  return resolvePlaceholder(steps) !== undefined
}

function flatten(node: PlaceholderNode, name: string, dynamic: boolean, out: ZendeskPlaceholder[]): void {
  if (name && !node.container) {
    const entry: ZendeskPlaceholder = { name, summary: node.summary, confirmed: node.confirmed ?? true, value: node.value }
    if (node.example !== undefined) entry.example = node.example
    if (node.alwaysSet) entry.alwaysSet = true
    if (dynamic) entry.dynamic = true
    out.push(entry)
  }
  const prefix = name ? `${name}.` : ''
  for (const [key, child] of Object.entries(node.fields ?? {})) flatten(child, prefix + key, dynamic, out)
  for (const pattern of node.patterns ?? []) flatten(pattern.node, prefix + pattern.name, true, out)
}

/** Every documented placeholder, `<user>` and organizations expanded, plus the dynamic patterns. */
export const ZENDESK_PLACEHOLDERS: readonly ZendeskPlaceholder[] = (() => {
  const out: ZendeskPlaceholder[] = []
  flatten(ROOT, '', false, out)
  return out
})()

/** The names of the non-dynamic placeholders, for "did you mean …?". */
export const ZENDESK_PLACEHOLDER_NAMES: readonly string[] = ZENDESK_PLACEHOLDERS.filter((p) => !p.dynamic).map((p) => p.name)

/** The placeholder names below `steps`, written from `prefix` (a loop variable's name): for suggestions. */
export function placeholderNamesUnder(steps: readonly PathStep[], prefix: string): string[] {
  const node = resolvePlaceholder(steps)
  if (!node) return []
  const out: ZendeskPlaceholder[] = []
  flatten(node, prefix, false, out)
  return out.filter((p) => !p.dynamic).map((p) => p.name)
}
