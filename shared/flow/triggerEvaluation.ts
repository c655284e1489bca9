/**
 * Would Zendesk fire this trigger? Its conditions (zendesk.md §4) checked against one ticket
 * update: the ticket before it (none when the update created the ticket) and after it, as
 * `GET /api/v2/tickets/{id}` returns them. Every condition is checked and explained, so a run
 * can say which one stops the trigger; `all` must all hold, and at least one of `any` (when
 * `any` lists some).
 *
 * Three-valued: a field or operator Hookbench does not model is "cannot tell" (null), never a
 * guess; such a condition decides the outcome only when nothing else already does.
 */
import type { TriggerConditionResult, TriggerEvaluationResult } from '../api/contract.js'
import type { TriggerCondition, TriggerConditions } from '../export/triggerConditions.js'

export type TicketRecord = Record<string, unknown>

export interface TicketUpdate {
  /** `Create`: the update that created the ticket; `Change`: any later one (an agent's). */
  type: 'Create' | 'Change'
  /** The ticket before the update; null for `Create`. */
  before: TicketRecord | null
  after: TicketRecord
}

/** A field's value as conditions compare it: text ('' for none), or the tags. */
type FieldValue = string | string[]

interface FieldModel {
  read(ticket: TicketRecord): FieldValue
  /** For less_than / greater_than: the field's values from lowest to highest. */
  order?: readonly string[]
  /** Compared ignoring letter case (the API's enums are lowercase). */
  caseless?: boolean
  unconfirmed?: string
}

const text = (value: unknown): string => (value === null || value === undefined ? '' : String(value))
const field = (name: string) => (ticket: TicketRecord) => text(ticket[name])

/**
 * UNCONFIRMED (zendesk.md §4 names operators, not their orderings): Zendesk's "less than" /
 * "greater than" follow the order the UI lists, New < Open < Pending < On-hold < Solved < Closed
 * and Low < Normal < High < Urgent (`status less_than solved` is the conditions reference's example).
 */
const STATUS_ORDER = ['new', 'open', 'pending', 'hold', 'solved', 'closed'] as const
const PRIORITY_ORDER = ['low', 'normal', 'high', 'urgent'] as const

/**
 * Via ids from Zendesk's via types reference: 0 web form, 4 email, 5 web service (API), 8 rule
 * (trigger or automation). UNCONFIRMED: that `via.channel` in ticket JSON reads web, email, api
 * and rule for them (the fake and the samples say "api" for tickets created through the API).
 */
const VIA_IDS: Record<string, string> = { web: '0', web_form: '0', email: '4', mail: '4', api: '5', web_service: '5', rule: '8' }

const IDS_UNCONFIRMED = 'UNCONFIRMED: an id condition compares the id as text; "" (or null) stands for none, and the value "current_user" is not modelled.'

const FIELDS: Record<string, FieldModel> = {
  status: {
    read: field('status'),
    order: STATUS_ORDER,
    caseless: true,
    // zendesk.md §4: with custom statuses, `status` is the status category (UNCONFIRMED mapping).
    unconfirmed: 'UNCONFIRMED: with custom ticket statuses, status is the status category; the order for less_than/greater_than is the UI\'s.',
  },
  priority: { read: field('priority'), order: PRIORITY_ORDER, caseless: true, unconfirmed: 'UNCONFIRMED: the order for less_than/greater_than (low < normal < high < urgent); no priority is "".' },
  type: { read: field('type'), caseless: true, unconfirmed: 'UNCONFIRMED: no type is "".' },
  group_id: { read: field('group_id'), unconfirmed: IDS_UNCONFIRMED },
  assignee_id: { read: field('assignee_id'), unconfirmed: IDS_UNCONFIRMED },
  requester_id: { read: field('requester_id'), unconfirmed: IDS_UNCONFIRMED },
  organization_id: { read: field('organization_id'), unconfirmed: IDS_UNCONFIRMED },
  // The conditions reference's example uses `current_tags includes`; `tags` is read the same way.
  current_tags: { read: tagsOf, unconfirmed: 'UNCONFIRMED: includes means "has at least one of these space-separated tags", not_includes "has none of them".' },
  tags: { read: tagsOf, unconfirmed: 'UNCONFIRMED: "tags" read as current_tags.' },
  via_id: { read: (ticket) => viaId(ticket), unconfirmed: 'UNCONFIRMED: via ids mapped from via.channel (0 web form, 4 email, 5 API, 8 rule).' },
}

/** Plain-language phrases of the operators (the UI's wording). */
const OPERATOR_TEXT: Record<string, string> = {
  is: 'is',
  is_not: 'is not',
  less_than: 'is less than',
  greater_than: 'is greater than',
  changed: 'changed',
  not_changed: 'did not change',
  value: 'changed to',
  value_previous: 'changed from',
  not_value: 'did not change to',
  not_value_previous: 'did not change from',
  includes: 'includes',
  not_includes: 'does not include',
}

/** Operators seen only in the conditions reference, never in a real trigger (zendesk.md §4). */
const UNCONFIRMED_OPERATORS = new Set(['greater_than', 'value_previous', 'not_value', 'not_value_previous', 'includes', 'not_includes'])

export function evaluateTrigger(conditions: TriggerConditions, update: TicketUpdate): TriggerEvaluationResult {
  const checked = [
    ...conditions.all.map((c) => ({ condition: c, list: 'all' as const, outcome: outcomeOf(c, update) })),
    ...conditions.any.map((c) => ({ condition: c, list: 'any' as const, outcome: outcomeOf(c, update) })),
  ]
  const all = checked.filter((c) => c.list === 'all')
  const any = checked.filter((c) => c.list === 'any')
  const allMet = threeValuedAnd(all.map((c) => c.outcome.met))
  const anyMet = any.length === 0 ? true : threeValuedOr(any.map((c) => c.outcome.met))
  const fires = threeValuedAnd([allMet, anyMet])
  return {
    update: update.type,
    fires,
    conditions: checked.map(({ condition, list, outcome }) => conditionResult(condition, list, outcome)),
    summary: summarize(update.type, fires, all, any),
  }
}

/** `status changed to solved`: a condition in plain words. */
export function conditionText(condition: Pick<TriggerCondition, 'field' | 'operator' | 'value'>): string {
  const operator = OPERATOR_TEXT[condition.operator] ?? condition.operator
  const value = condition.value === undefined || condition.value === null ? '' : ` ${String(condition.value) === '' ? '(none)' : String(condition.value)}`
  return condition.operator === 'changed' || condition.operator === 'not_changed' ? `${condition.field} ${operator}` : `${condition.field} ${operator}${value}`
}

function outcomeOf(condition: TriggerCondition, update: TicketUpdate): Outcome {
  return condition.field === 'update_type' ? updateType(condition, update) : fieldCondition(condition, update)
}

function conditionResult(condition: TriggerCondition, list: 'all' | 'any', outcome: Outcome): TriggerConditionResult {
  const unconfirmed = [outcome.unconfirmed, UNCONFIRMED_OPERATORS.has(condition.operator) ? `UNCONFIRMED: the operator ${condition.operator} (zendesk.md §4).` : undefined]
    .filter(Boolean)
    .join(' ')
  const verdict = outcome.met === null ? 'cannot tell' : outcome.met ? 'yes' : 'no'
  return {
    list,
    field: condition.field,
    operator: condition.operator,
    ...(condition.value !== undefined ? { value: condition.value } : {}),
    met: outcome.met,
    explanation: `"${conditionText(condition)}": ${verdict}, ${outcome.seen}.`,
    ...(unconfirmed ? { unconfirmed } : {}),
  }
}

interface Outcome {
  met: boolean | null
  /** What the ticket (or update) showed, in plain words. */
  seen: string
  unconfirmed?: string
}

/** `update_type is Create` / `is Change` (zendesk.md §4: "Ticket is Created" / "Updated"). */
function updateType(condition: TriggerCondition, update: TicketUpdate): Outcome {
  if (condition.operator !== 'is' && condition.operator !== 'is_not') return cannotTell('update_type is compared with is or is_not only')
  const equal = text(condition.value).toLowerCase() === update.type.toLowerCase()
  return { met: condition.operator === 'is' ? equal : !equal, seen: update.type === 'Create' ? 'this update created the ticket' : 'this update changed the ticket' }
}

function fieldCondition(condition: TriggerCondition, update: TicketUpdate): Outcome {
  const model = FIELDS[condition.field]
  if (!model) return cannotTell(`Hookbench does not model the field ${condition.field}`)
  const after = model.read(update.after)
  // A created ticket had no value before (UNCONFIRMED: that Zendesk counts every set field as changed on Create).
  const before = update.before ? model.read(update.before) : Array.isArray(after) ? [] : ''
  const unconfirmed = model.unconfirmed
  const say = (met: boolean, seen: string): Outcome => ({ met, seen, ...(unconfirmed ? { unconfirmed } : {}) })

  if (Array.isArray(after)) return tagsCondition(condition, before as string[], after, say)
  const previous = before as string
  const normalize = (value: string) => (model.caseless ? value.toLowerCase() : value)
  const wanted = normalize(text(condition.value))
  if (wanted === 'current_user') return cannotTell('"current_user" (the user who made the update) is not modelled')
  const now = normalize(after)
  const was = normalize(previous)
  const changed = now !== was
  const current = `${condition.field} is ${shown(after)}`
  const movement = changed ? `${condition.field} went from ${shown(previous)} to ${shown(after)}` : `${condition.field} stayed ${shown(after)}`

  switch (condition.operator) {
    case 'is':
      return say(now === wanted, current)
    case 'is_not':
      return say(now !== wanted, current)
    case 'less_than':
    case 'greater_than': {
      if (!model.order) return cannotTell(`${condition.field} has no order`)
      const [position, limit] = [model.order.indexOf(now), model.order.indexOf(wanted)]
      if (limit < 0) return cannotTell(`"${String(condition.value)}" is not a ${condition.field} value`)
      if (position < 0) return say(false, `${condition.field} has no value`)
      return say(condition.operator === 'less_than' ? position < limit : position > limit, current)
    }
    case 'changed':
      return say(changed, movement)
    case 'not_changed':
      return say(!changed, movement)
    case 'value':
      return say(changed && now === wanted, movement)
    case 'value_previous':
      return say(changed && was === wanted, movement)
    case 'not_value':
      return say(!(changed && now === wanted), movement)
    case 'not_value_previous':
      return say(!(changed && was === wanted), movement)
    default:
      return cannotTell(`the operator ${condition.operator} is not modelled for ${condition.field}`)
  }
}

function tagsCondition(condition: TriggerCondition, before: string[], after: string[], say: (met: boolean, seen: string) => Outcome): Outcome {
  const wanted = text(condition.value).split(/\s+/).filter(Boolean)
  const has = wanted.filter((tag) => after.includes(tag))
  const seen = after.length > 0 ? `the ticket's tags are ${after.join(' ')}` : 'the ticket has no tags'
  switch (condition.operator) {
    case 'includes':
      return say(has.length > 0, seen)
    case 'not_includes':
      return say(has.length === 0, seen)
    case 'changed':
    case 'not_changed': {
      const changed = [...before].sort().join(' ') !== [...after].sort().join(' ')
      return say(condition.operator === 'changed' ? changed : !changed, changed ? `the tags went from ${before.join(' ') || '(none)'} to ${after.join(' ') || '(none)'}` : seen)
    }
    default:
      return cannotTell(`the operator ${condition.operator} is not modelled for tags`)
  }
}

function cannotTell(why: string): Outcome {
  return { met: null, seen: why }
}

function tagsOf(ticket: TicketRecord): string[] {
  return Array.isArray(ticket.tags) ? ticket.tags.map(String) : []
}

function viaId(ticket: TicketRecord): string {
  const channel = (ticket.via as { channel?: unknown } | undefined)?.channel
  if (typeof channel === 'number') return String(channel)
  return typeof channel === 'string' ? (VIA_IDS[channel] ?? channel) : ''
}

const shown = (value: string) => (value === '' ? '(none)' : value)

function threeValuedAnd(values: (boolean | null)[]): boolean | null {
  if (values.includes(false)) return false
  return values.includes(null) ? null : true
}

function threeValuedOr(values: (boolean | null)[]): boolean | null {
  if (values.includes(true)) return true
  return values.includes(null) ? null : false
}

interface Checked {
  condition: TriggerCondition
  outcome: Outcome
}

function summarize(update: 'Create' | 'Change', fires: boolean | null, all: Checked[], any: Checked[]): string {
  const on = update === 'Create' ? "on the ticket's creation" : "on the agent's change"
  if (fires === true) return `The trigger fires ${on}: every condition holds.`
  const quoted = (c: Checked) => `"${conditionText(c.condition)}"`
  const failed = all.filter((c) => c.outcome.met === false)
  if (failed.length > 0) return `The trigger does not fire ${on}: ${failed.map((c) => `${quoted(c)} is not met (${c.outcome.seen})`).join('; ')}.`
  if (any.length > 0 && any.every((c) => c.outcome.met === false)) {
    return `The trigger does not fire ${on}: none of the "any" conditions holds (${any.map((c) => `${quoted(c)}: ${c.outcome.seen}`).join('; ')}).`
  }
  const unknown = [...all, ...any].filter((c) => c.outcome.met === null)
  return `Hookbench cannot tell whether the trigger fires ${on}: ${unknown.map((c) => `${quoted(c)}: ${c.outcome.seen}`).join('; ')}.`
}
