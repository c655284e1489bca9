/** Recording deployed ids in front matter: an in-place edit that keeps comments and formatting. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { deployedIdsFor, recordDeployment } from '../../shared/export/index.js'
import { parseTemplateFile } from '../../shared/template/file.js'

const EXAMPLE = readFileSync(join(import.meta.dirname, '..', '..', 'electron/services/workspace/examples/templates/solved-ticket-to-braze-users-track.liquid'), 'utf8')
const IDS = { account: 'acme1589812345', webhookId: '01HV7W5J0QZK6D4Y3X2C1B0A9Z', triggerId: 9001 }

function recorded(text: string, environment = 'sandbox', ids: Parameters<typeof recordDeployment>[2] = IDS): string {
  const outcome = recordDeployment(text, environment, ids)
  if (!outcome.ok) throw new Error(outcome.message)
  expect(outcome.reformatted).toBeUndefined()
  return outcome.text
}

/** The lines of `after` minus those of `before`, when `before`'s lines all remain, in order. */
function addedLines(before: string, after: string): string[] {
  const old = before.split('\n')
  const added: string[] = []
  let i = 0
  for (const line of after.split('\n')) {
    if (i < old.length && line === old[i]) i++
    else added.push(line)
  }
  expect(i).toBe(old.length)
  return added
}

describe('recording deployed ids in the front matter', () => {
  it('adds a zendesk.deployed block and changes nothing else: comments, folded description and body stay', () => {
    const after = recorded(EXAMPLE)
    expect(addedLines(EXAMPLE, after)).toEqual([
      'zendesk:',
      '  deployed:',
      '    sandbox:',
      '      account: acme1589812345',
      '      webhook_id: 01HV7W5J0QZK6D4Y3X2C1B0A9Z',
      '      trigger_id: 9001',
    ])
    expect(parseTemplateFile(after, 't.liquid').meta.zendesk?.deployed).toEqual({ sandbox: IDS })
  })

  it('adds under an existing zendesk block, keeping its comments', () => {
    const text = EXAMPLE.replace('---\n{', 'zendesk:\n  # when to notify Braze\n  trigger:\n    conditions: status-solved  # the preset\n---\n{')
    const after = recorded(text)
    expect(addedLines(text, after)).toEqual(['  deployed:', '    sandbox:', '      account: acme1589812345', '      webhook_id: 01HV7W5J0QZK6D4Y3X2C1B0A9Z', '      trigger_id: 9001'])
  })

  it('updates recorded ids in place, keeping a comment on the same line', () => {
    const first = recorded(EXAMPLE).replace('trigger_id: 9001', 'trigger_id: 9001  # created by deploy')
    const second = recorded(first, 'sandbox', { ...IDS, webhookId: '01HV8AAAAAAAAAAAAAAAAAAAAA', triggerId: 9002 })
    expect(second).toBe(first.replace('01HV7W5J0QZK6D4Y3X2C1B0A9Z', '01HV8AAAAAAAAAAAAAAAAAAAAA').replace('9001', '9002'))
  })

  it('keeps other environments, and adds a key that is missing', () => {
    const text = EXAMPLE.replace('---\n{', 'zendesk:\n  deployed:\n    production:\n      webhook_id: 01PROD\n    sandbox:\n      webhook_id: 01OLD\n---\n{')
    const after = recorded(text)
    const deployed = parseTemplateFile(after, 't.liquid').meta.zendesk!.deployed!
    expect(deployed).toEqual({ production: { webhookId: '01PROD' }, sandbox: IDS })
    expect(addedLines(text.replace('01OLD', IDS.webhookId), after)).toEqual(['      account: acme1589812345', '      trigger_id: 9001'])
  })

  it('quotes what YAML would misread: an id of digits stays a string', () => {
    const after = recorded(EXAMPLE, 'sandbox', { webhookId: '0123' })
    expect(after).toContain('webhook_id: "0123"')
    expect(parseTemplateFile(after, 't.liquid').meta.zendesk!.deployed!.sandbox!.webhookId).toBe('0123')
  })

  it('keeps CRLF line endings', () => {
    const crlf = EXAMPLE.replace(/\n/g, '\r\n')
    const after = recorded(crlf)
    expect(after.replace(/\r\n/g, '')).not.toContain('\n')
    expect(after).toContain('\r\n    sandbox:\r\n')
  })

  it('rewrites the YAML when the block is a flow map, and says so', () => {
    const text = EXAMPLE.replace('---\n{', 'zendesk: {trigger: {conditions: status-solved}}\n---\n{')
    const outcome = recordDeployment(text, 'sandbox', IDS)
    expect(outcome).toMatchObject({ ok: true, reformatted: true })
    if (!outcome.ok) return
    expect(parseTemplateFile(outcome.text, 't.liquid').meta.zendesk).toEqual({ trigger: { conditions: { preset: 'status-solved' } }, deployed: { sandbox: IDS } })
    expect(outcome.text.endsWith(text.slice(text.indexOf('\n---\n{')))).toBe(true)
  })

  it('refuses a file without front matter or with broken YAML', () => {
    expect(recordDeployment('{"a": 1}', 'sandbox', IDS)).toMatchObject({ ok: false })
    expect(recordDeployment('---\nname: [\n---\n{}', 'sandbox', IDS)).toMatchObject({ ok: false, message: expect.stringMatching(/not valid YAML/) })
  })
})

describe('the ids recorded for an environment', () => {
  const file = parseTemplateFile(recorded(EXAMPLE), 't.liquid')

  it('are used for the same account', () => {
    expect(deployedIdsFor(file, 'sandbox', 'acme1589812345')).toEqual({ ids: IDS })
    expect(deployedIdsFor(file, 'production', 'acme1589812345')).toEqual({})
  })

  it('are not used once the environment points at another account', () => {
    const other = deployedIdsFor(file, 'sandbox', 'acme-new-sandbox')
    expect(other.ids).toBeUndefined()
    expect(other.note).toMatch(/belong to Zendesk account acme1589812345, but it now points at acme-new-sandbox/)
  })
})
