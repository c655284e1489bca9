/** The `zendesk:` front-matter block: webhook and trigger settings, trigger conditions, deployed ids. */
import { describe, expect, it } from 'vitest'
import { LineIndex } from '../../shared/diagnostics.js'
import { resolveConditions, TRIGGER_PRESETS } from '../../shared/export/index.js'
import { frontMatterSpan, parseTemplateFile } from '../../shared/template/file.js'

const TEMPLATE = `---
name: Solved → Braze
dialect: zendesk
zendesk:
  webhook:
    name: Braze users/track
  trigger:
    title: Notify Braze when solved
    active: false
    category_id: 10026
    conditions: status-solved
  deployed:
    sandbox: { account: acme1589812345, webhook_id: 01GK8E6BKWMJZD2TEXAMPLE, trigger_id: "9001" }
---
{"ticket_id": {{ticket.id}}}
`

describe('the zendesk: front-matter block', () => {
  it('is read into TemplateMeta in TypeScript spelling', () => {
    const file = parseTemplateFile(TEMPLATE, 't.liquid')
    expect(file.diagnostics).toEqual([])
    expect(file.meta.zendesk).toEqual({
      webhook: { name: 'Braze users/track' },
      trigger: { title: 'Notify Braze when solved', active: false, categoryId: '10026', conditions: { preset: 'status-solved' } },
      deployed: { sandbox: { account: 'acme1589812345', webhookId: '01GK8E6BKWMJZD2TEXAMPLE', triggerId: 9001 } },
    })
  })

  it('leaves meta without a zendesk key when the block is absent', () => {
    const file = parseTemplateFile('---\nname: x\n---\n{}', 'a.liquid')
    expect(file.meta).toEqual({ name: 'x', dialect: 'braze', method: 'POST' })
  })

  it('takes custom conditions, and a preset with more conditions added to `all`', () => {
    const text = TEMPLATE.replace(
      'conditions: status-solved',
      'conditions:\n      preset: ticket-created\n      all: [{field: group_id, operator: is, value: 42}]\n      any: [{field: priority, operator: is, value: urgent}]',
    )
    const file = parseTemplateFile(text, 't.liquid')
    expect(file.diagnostics).toEqual([])
    expect(resolveConditions(file.meta.zendesk!.trigger!.conditions!)).toEqual({
      all: [
        { field: 'update_type', operator: 'is', value: 'Create' },
        { field: 'group_id', operator: 'is', value: 42 },
      ],
      any: [{ field: 'priority', operator: 'is', value: 'urgent' }],
    })
  })

  it('maps each preset as zendesk.md §4 documents it (UNCONFIRMED: `status` as the status category with custom statuses)', () => {
    expect(TRIGGER_PRESETS['ticket-created'].all).toEqual([{ field: 'update_type', operator: 'is', value: 'Create' }])
    expect(TRIGGER_PRESETS['status-solved'].all).toEqual([
      { field: 'update_type', operator: 'is', value: 'Change' },
      { field: 'status', operator: 'value', value: 'solved' },
    ])
    expect(TRIGGER_PRESETS['status-pending'].all).toEqual([
      { field: 'update_type', operator: 'is', value: 'Change' },
      { field: 'status', operator: 'value', value: 'pending' },
    ])
  })

  it('locates an unknown preset at its value and names the presets', () => {
    const text = TEMPLATE.replace('conditions: status-solved', 'conditions: status-solvd')
    const file = parseTemplateFile(text, 't.liquid')
    const d = file.diagnostics.find((x) => x.code === 'front-matter-invalid')!
    expect(new LineIndex(text).position(d.start)).toEqual({ line: 11, column: 17 })
    expect(d.message).toMatch(/ticket-created, status-solved, status-pending/)
  })

  it('locates a condition without an operator', () => {
    const text = TEMPLATE.replace('conditions: status-solved', 'conditions:\n      all:\n        - {field: status, value: solved}')
    const file = parseTemplateFile(text, 't.liquid')
    const d = file.diagnostics.find((x) => x.code === 'front-matter-invalid')!
    expect(d.message).toBe('zendesk.trigger.conditions.all.0.operator: is required')
    expect(new LineIndex(text).position(d.start).line).toBe(13)
  })

  it('warns about unknown keys inside the block, with a suggestion', () => {
    const text = TEMPLATE.replace('    title:', '    titles:').replace('webhook_id:', 'webhookid:')
    const file = parseTemplateFile(text, 't.liquid')
    const unknown = file.diagnostics.filter((d) => d.code === 'front-matter-unknown-key')
    expect(unknown.map((d) => [d.severity, d.message, d.hint])).toEqual([
      ['warning', 'Unknown front-matter key `zendesk.trigger.titles`.', 'Did you mean `zendesk.trigger.title`?'],
      ['warning', 'Unknown front-matter key `zendesk.deployed.sandbox.webhookid`.', 'Did you mean `zendesk.deployed.sandbox.webhook_id`?'],
    ])
  })

  it('still warns about unknown top-level keys', () => {
    const file = parseTemplateFile('---\nzendeks: {}\n---\n', 'a.liquid')
    expect(file.diagnostics[0]).toMatchObject({ code: 'front-matter-unknown-key', hint: 'Did you mean `zendesk`?' })
  })

  it('finds the span of a front-matter value, or of its nearest existing ancestor', () => {
    const file = parseTemplateFile(TEMPLATE, 't.liquid')
    const index = new LineIndex(TEMPLATE)
    const conditions = frontMatterSpan(file, ['zendesk', 'trigger', 'conditions'])!
    expect(TEMPLATE.slice(conditions.start, conditions.end)).toBe('status-solved')
    const missing = frontMatterSpan(file, ['zendesk', 'trigger', 'description'])!
    expect(index.position(missing.start)).toEqual({ line: 8, column: 5 })
    expect(frontMatterSpan(parseTemplateFile('{}', 'b.liquid'), ['url'])).toBeUndefined()
  })
})
