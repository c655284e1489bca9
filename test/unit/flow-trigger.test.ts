/**
 * Would Zendesk fire the trigger? Conditions (zendesk.md §4) against a ticket before and after
 * an update. Only is, is_not, less_than, changed, not_changed and value ("changed to") are seen
 * in real triggers; tests of the others say UNCONFIRMED, as the code does.
 */
import { describe, expect, it } from 'vitest'
import { resolveConditions, type TriggerCondition } from '../../shared/export/triggerConditions.js'
import { conditionText, evaluateTrigger, type TicketRecord, type TicketUpdate } from '../../shared/flow/triggerEvaluation.js'

const created: TicketRecord = {
  id: 7,
  status: 'new',
  priority: 'normal',
  type: null,
  group_id: null,
  assignee_id: null,
  requester_id: 9101,
  organization_id: 601,
  tags: ['braze', 'nps_detractor'],
  via: { channel: 'api' },
}
const solved: TicketRecord = { ...created, status: 'solved', priority: 'high', assignee_id: 7201, tags: ['braze', 'nps_detractor', 'followed_up'] }

const create: TicketUpdate = { type: 'Create', before: null, after: created }
const change: TicketUpdate = { type: 'Change', before: created, after: solved }

const one = (condition: TriggerCondition, update: TicketUpdate = change) => evaluateTrigger({ all: [condition], any: [] }, update).conditions[0]!
const met = (condition: TriggerCondition, update: TicketUpdate = change) => one(condition, update).met

describe('trigger conditions against a ticket update', () => {
  it('fires "status changed to solved" (the status-solved preset) on the agent\'s change, not on creation', () => {
    const conditions = resolveConditions({ preset: 'status-solved' })
    const onChange = evaluateTrigger(conditions, change)
    expect(onChange.fires).toBe(true)
    expect(onChange.summary).toBe("The trigger fires on the agent's change: every condition holds.")
    const onCreate = evaluateTrigger(conditions, create)
    expect(onCreate.fires).toBe(false)
    expect(onCreate.summary).toBe(
      "The trigger does not fire on the ticket's creation: \"update_type is Change\" is not met (this update created the ticket); \"status changed to solved\" is not met (status went from (none) to new).",
    )
  })

  it('names the condition that stops it, with what the ticket had', () => {
    const pending = { ...change, after: { ...created, status: 'pending' } }
    const result = evaluateTrigger(resolveConditions({ preset: 'status-solved' }), pending)
    expect(result.fires).toBe(false)
    expect(result.conditions.map((c) => c.met)).toEqual([true, false])
    expect(result.conditions[1]!.explanation).toBe('"status changed to solved": no, status went from new to pending.')
    expect(result.summary).toContain('"status changed to solved" is not met (status went from new to pending)')
  })

  it('is / is_not, on the ticket after the update (enums compared ignoring case)', () => {
    expect(met({ field: 'status', operator: 'is', value: 'solved' })).toBe(true)
    expect(met({ field: 'status', operator: 'is', value: 'Solved' })).toBe(true)
    expect(met({ field: 'priority', operator: 'is_not', value: 'high' })).toBe(false)
    expect(met({ field: 'update_type', operator: 'is', value: 'Create' }, create)).toBe(true)
    expect(met({ field: 'update_type', operator: 'is_not', value: 'Create' }, create)).toBe(false)
  })

  it('ids: group, assignee, requester and organization, as text; "" stands for none (UNCONFIRMED)', () => {
    expect(met({ field: 'requester_id', operator: 'is', value: 9101 })).toBe(true)
    expect(met({ field: 'organization_id', operator: 'is', value: '601' })).toBe(true)
    expect(met({ field: 'group_id', operator: 'is', value: '' })).toBe(true)
    expect(met({ field: 'assignee_id', operator: 'changed' })).toBe(true)
    expect(one({ field: 'assignee_id', operator: 'is', value: 'current_user' })).toMatchObject({ met: null, explanation: expect.stringContaining('"current_user"') })
    expect(one({ field: 'group_id', operator: 'is', value: 1 }).unconfirmed).toMatch(/UNCONFIRMED/)
  })

  it('less_than / greater_than in the UI\'s order (UNCONFIRMED for greater_than and the orders)', () => {
    expect(met({ field: 'status', operator: 'less_than', value: 'solved' }, create)).toBe(true)
    expect(met({ field: 'status', operator: 'less_than', value: 'solved' })).toBe(false)
    expect(met({ field: 'priority', operator: 'greater_than', value: 'normal' })).toBe(true)
    expect(one({ field: 'priority', operator: 'greater_than', value: 'normal' }).unconfirmed).toMatch(/UNCONFIRMED: the operator greater_than/)
    expect(met({ field: 'type', operator: 'less_than', value: 'task' })).toBeNull()
  })

  it('changed / not_changed, and "changed to" (value) / "changed from" (value_previous, UNCONFIRMED)', () => {
    expect(met({ field: 'status', operator: 'changed' })).toBe(true)
    expect(met({ field: 'organization_id', operator: 'not_changed' })).toBe(true)
    expect(met({ field: 'status', operator: 'value', value: 'solved' })).toBe(true)
    expect(met({ field: 'status', operator: 'value', value: 'pending' })).toBe(false)
    expect(met({ field: 'status', operator: 'value_previous', value: 'new' })).toBe(true)
    expect(met({ field: 'status', operator: 'value_previous', value: 'open' })).toBe(false)
    // "Changed to X" holds only when the field changed in this update: staying solved is not changing to solved.
    expect(met({ field: 'status', operator: 'value', value: 'solved' }, { type: 'Change', before: solved, after: solved })).toBe(false)
  })

  it('UNCONFIRMED: "not changed to" (not_value) and "not changed from" (not_value_previous)', () => {
    expect(met({ field: 'status', operator: 'not_value', value: 'solved' })).toBe(false)
    expect(met({ field: 'status', operator: 'not_value', value: 'pending' })).toBe(true)
    expect(met({ field: 'status', operator: 'not_value_previous', value: 'new' })).toBe(false)
    expect(met({ field: 'priority', operator: 'not_value_previous', value: 'low' })).toBe(true)
  })

  it('UNCONFIRMED: on creation every set field counts as changed from none', () => {
    expect(met({ field: 'status', operator: 'value', value: 'new' }, create)).toBe(true)
    expect(met({ field: 'group_id', operator: 'changed' }, create)).toBe(false)
  })

  it('UNCONFIRMED: tags with includes (any of the listed tags) and not_includes (none of them)', () => {
    expect(met({ field: 'current_tags', operator: 'includes', value: 'vip followed_up' })).toBe(true)
    expect(met({ field: 'current_tags', operator: 'includes', value: 'vip' })).toBe(false)
    expect(met({ field: 'current_tags', operator: 'not_includes', value: 'vip spam' })).toBe(true)
    expect(met({ field: 'tags', operator: 'not_includes', value: 'braze' })).toBe(false)
    expect(met({ field: 'current_tags', operator: 'changed' })).toBe(true)
  })

  it('UNCONFIRMED: via_id from the ticket\'s via channel (5 is the API)', () => {
    expect(met({ field: 'via_id', operator: 'is', value: 5 }, create)).toBe(true)
    expect(met({ field: 'via_id', operator: 'is_not', value: 0 }, create)).toBe(true)
  })

  it('all must hold and at least one of any; an unmodelled condition is "cannot tell", not a guess', () => {
    const status = { field: 'status', operator: 'is', value: 'solved' }
    const vip = { field: 'current_tags', operator: 'includes', value: 'vip' }
    const high = { field: 'priority', operator: 'is', value: 'high' }
    const custom = { field: 'custom_fields_360110', operator: 'is', value: 'reporting' }
    expect(evaluateTrigger({ all: [status], any: [vip, high] }, change).fires).toBe(true)
    const noneOfAny = evaluateTrigger({ all: [status], any: [vip] }, change)
    expect(noneOfAny.fires).toBe(false)
    expect(noneOfAny.summary).toContain('none of the "any" conditions holds')
    expect(evaluateTrigger({ all: [status, custom], any: [] }, change).fires).toBeNull()
    expect(evaluateTrigger({ all: [status, custom], any: [] }, change).summary).toMatch(/^Hookbench cannot tell whether the trigger fires on the agent's change: "custom_fields_360110 is reporting": Hookbench does not model the field custom_fields_360110\.$/)
    // A condition that fails decides it, whatever the unmodelled one would say.
    expect(evaluateTrigger({ all: [{ ...status, value: 'open' }, custom], any: [] }, change).fires).toBe(false)
    expect(evaluateTrigger({ all: [], any: [custom, high] }, change).fires).toBe(true)
  })

  it('says conditions in plain words', () => {
    expect(conditionText({ field: 'status', operator: 'value', value: 'solved' })).toBe('status changed to solved')
    expect(conditionText({ field: 'status', operator: 'not_value_previous', value: 'open' })).toBe('status did not change from open')
    expect(conditionText({ field: 'assignee_id', operator: 'changed', value: null })).toBe('assignee_id changed')
    expect(conditionText({ field: 'group_id', operator: 'is', value: '' })).toBe('group_id is (none)')
  })
})
