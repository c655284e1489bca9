import { describe, expect, it } from 'vitest'
import { formatSize, guessTextFormat, reportSummary, sandboxIdProblem, templateNameFromFile } from '../../renderer/src/lib/imports.js'

describe('the format of a picked file', () => {
  it('is a CSV by its extension or when it is not JSON', () => {
    expect(guessTextFormat('users.csv', '{"users": []}')).toBe('users-csv')
    expect(guessTextFormat('USERS.TSV', '')).toBe('users-csv')
    expect(guessTextFormat('export.txt', 'external_id,first_name\nu1,Ann\n')).toBe('users-csv')
  })

  it('is a Braze export or Zendesk tickets by the keys it starts with', () => {
    expect(guessTextFormat('export.json', '\uFEFF{\n  "users": [{ "external_id": "u1" }]\n}')).toBe('braze-export')
    expect(guessTextFormat('one.json', '{ "external_id": "u1", "first_name": "Ann" }')).toBe('braze-export')
    expect(guessTextFormat('t.json', '{ "ticket": { "id": 1 }, "users": [] }')).toBe('zendesk-tickets')
    expect(guessTextFormat('list.json', '{"tickets": [], "users": []}')).toBe('zendesk-tickets')
  })

  it('is unknown when nothing tells', () => {
    expect(guessTextFormat('x.json', '{"something": 1}')).toBeNull()
    expect(guessTextFormat('empty.json', '   ')).toBeNull()
  })
})

describe('sandbox ids', () => {
  it('are numbers for Zendesk tickets, anything for Braze external ids', () => {
    expect(sandboxIdProblem('zendesk-ticket', '4521')).toBeUndefined()
    expect(sandboxIdProblem('zendesk-ticket', ' 4521 ')).toBeUndefined()
    expect(sandboxIdProblem('zendesk-ticket', '#4521')).toBe('a Zendesk ticket id is a number')
    expect(sandboxIdProblem('braze-user', 'user-1001')).toBeUndefined()
    expect(sandboxIdProblem('zendesk-ticket', '')).toBeUndefined()
  })
})

describe('template names from file names', () => {
  it('drop the folder and extension, and only give a valid name', () => {
    expect(templateNameFromFile('solved-trigger.json')).toBe('solved-trigger')
    expect(templateNameFromFile('C:\\exports\\nps.webhook.txt')).toBe('nps.webhook')
    expect(templateNameFromFile('.json')).toBe('')
    expect(templateNameFromFile('con.json')).toBe('')
  })
})

it('sums a report up in one line', () => {
  expect(reportSummary({ created: [{ kind: 'braze-user', name: 'a', path: 'p' }], skipped: ['x', 'y'], warnings: [], errors: [] })).toBe(
    '1 item created, 2 records skipped, 0 warnings, 0 errors',
  )
})

it('formats sizes', () => {
  expect(formatSize(512)).toBe('512 B')
  expect(formatSize(2048)).toBe('2.0 KB')
  expect(formatSize(3 * 1024 * 1024)).toBe('3.0 MB')
})
