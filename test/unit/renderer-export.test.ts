import { describe, expect, it } from 'vitest'
import { deployOutcomeLines, exportFileName, fileStem, problemCounts, shownFields, TARGET_LABELS } from '../../renderer/src/lib/exportView.js'

describe('export fields as the panel lists them', () => {
  it('keeps unique labels and ranks repeated ones, so every box and Copy button has its own name', () => {
    const fields = shownFields([
      { label: 'Webhook URL', value: 'https://x.zendesk.com/api/v2/tickets.json' },
      { label: 'Header key', value: 'Content-Type' },
      { label: 'Content-Type value', value: 'application/json' },
      { label: 'Header key', value: 'Authorization' },
      { label: 'Request body (Raw text)', value: '{\n  "a": 1\n}' },
    ])
    expect(fields.map((f) => f.label)).toEqual(['Webhook URL', 'Header key 1', 'Content-Type value', 'Header key 2', 'Request body (Raw text)'])
    expect(fields.map((f) => f.multiline)).toEqual([false, false, false, false, true])
    expect(new Set(fields.map((f) => f.label)).size).toBe(fields.length)
  })

  it('names every target as its dashboard does', () => {
    expect(TARGET_LABELS).toEqual({ braze: 'Webhook composer', 'braze-api': 'Messaging API object', 'zendesk-webhook': 'Webhook', 'zendesk-trigger': 'Trigger' })
  })
})

describe('saved files', () => {
  it('are .json for the API payload and .txt for the body, named after the template', () => {
    expect(exportFileName('negative-survey-to-zendesk', 'braze-api', 'json')).toBe('negative-survey-to-zendesk.braze-api.json')
    expect(exportFileName('negative-survey-to-zendesk', 'braze', 'body')).toBe('negative-survey-to-zendesk.body.txt')
  })

  it('have names every platform accepts', () => {
    expect(fileStem('Solved ticket: "VIP" / Braze')).toBe('Solved-ticket-VIP-Braze')
    expect(fileStem('..hidden.')).toBe('hidden')
    expect(fileStem('???')).toBe('template')
  })
})

describe('deploy outcomes', () => {
  const base = { environment: 'sandbox', recorded: false, notes: [], warnings: [], diagnostics: [] }

  it('say what was created, updated or created anew, and where the ids went', () => {
    expect(
      deployOutcomeLines({ ...base, recorded: true, webhook: { id: '01M89', action: 'recreated' }, trigger: { id: 7, action: 'updated' } }),
    ).toEqual(['Webhook 01M89 created anew', 'Trigger 7 updated', 'Ids recorded in the template (zendesk.deployed.sandbox)'])
  })

  it('are empty when nothing was done', () => {
    expect(deployOutcomeLines({ ...base, failure: { kind: 'refused', message: 'no' } })).toEqual([])
  })
})

it('counts problems by severity', () => {
  expect(problemCounts([{ severity: 'error' }, { severity: 'warning' }, { severity: 'warning' }, { severity: 'info' }])).toEqual({ errors: 1, warnings: 2, infos: 1 })
})
