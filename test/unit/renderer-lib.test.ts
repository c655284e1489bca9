/** The renderer's pure helpers. */
import { describe, expect, it } from 'vitest'
import { toMarkers } from '../../renderer/src/editor/markers.js'
import { formatBody } from '../../renderer/src/lib/body.js'
import { fuzzyScore, rankByFuzzy } from '../../renderer/src/lib/fuzzy.js'
import { matrixOutcome } from '../../renderer/src/lib/matrix.js'
import { collectFacts } from '../../renderer/src/lib/sampleFacts.js'
import { shortcutOf } from '../../renderer/src/lib/shortcuts.js'
import { starterText } from '../../renderer/src/lib/starters.js'
import { dialectOfText } from '../../renderer/src/lib/templateText.js'
import { visibleRange } from '../../renderer/src/lib/virtualRange.js'
import { compileTemplate } from '../../shared/render/compile.js'
import { renderTemplate } from '../../shared/render/render.js'
import { loadSamples } from '../../shared/samples/load.js'
import { parseTemplateFile } from '../../shared/template/file.js'
import { fixture } from '../support/fixtures.js'

const press = (key: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean }>) => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
})

describe('keyboard shortcuts', () => {
  it('use Ctrl, or Cmd on macOS', () => {
    expect(shortcutOf(press('s', { ctrlKey: true }), false)).toBe('save')
    expect(shortcutOf(press('S', { metaKey: true }), true)).toBe('save')
    expect(shortcutOf(press('s', { metaKey: true }), false)).toBeNull()
    expect(shortcutOf(press('p', { ctrlKey: true }), false)).toBe('quick-open')
    expect(shortcutOf(press('Enter', { ctrlKey: true }), false)).toBe('send')
    expect(shortcutOf(press('p', { ctrlKey: true, shiftKey: true }), false)).toBeNull()
  })
})

describe('quick open matching', () => {
  it('needs every character in order and prefers word starts', () => {
    expect(fuzzyScore('nsz', 'negative-survey-to-zendesk')).not.toBeNull()
    expect(fuzzyScore('zx', 'negative-survey-to-zendesk')).toBeNull()
    const ranked = rankByFuzzy('solved', ['negative-survey-to-zendesk', 'solved-ticket-to-braze'], (t) => [t])
    expect(ranked[0]).toBe('solved-ticket-to-braze')
  })
})

it('renders only the rows in view', () => {
  expect(visibleRange(0, 280, 28, 2000, 2)).toEqual({ start: 0, end: 12 })
  expect(visibleRange(28 * 1000, 280, 28, 2000, 2)).toEqual({ start: 998, end: 1012 })
  expect(visibleRange(0, 280, 28, 3, 2)).toEqual({ start: 0, end: 3 })
})

it('pretty-prints JSON bodies and leaves other text alone', () => {
  expect(formatBody('{"a":1}')).toEqual({ text: '{\n  "a": 1\n}', json: true })
  expect(formatBody('a=1&b=2')).toEqual({ text: 'a=1&b=2', json: false })
  expect(formatBody('')).toEqual({ text: '', json: false })
})

it('reads the dialect from front matter', () => {
  expect(dialectOfText('---\nname: x\ndialect: zendesk\n---\n{}')).toBe('zendesk')
  expect(dialectOfText('{"dialect: zendesk": 1}', 'braze')).toBe('braze')
  expect(dialectOfText('---\ndialect: "braze" # the default\n---\n', 'zendesk')).toBe('braze')
})

describe('matrix outcomes', () => {
  const error = { severity: 'error' as const, code: 'x', message: 'broken', line: 3, column: 4 }
  const warning = { ...error, severity: 'warning' as const, message: 'careful' }
  it('put errors first, then aborts', () => {
    expect(matrixOutcome({ aborted: null, diagnostics: [warning] })).toEqual({ status: 'ok', detail: '', warnings: 1 })
    expect(matrixOutcome({ aborted: { reason: 'no' }, diagnostics: [] })).toMatchObject({ status: 'aborted', detail: 'no' })
    expect(matrixOutcome({ aborted: { reason: 'no' }, diagnostics: [warning, error] })).toMatchObject({ status: 'error', detail: 'broken', firstError: error })
  })
})

it('turns diagnostics into markers that always cover a character', () => {
  const [marker] = toMarkers([{ severity: 'warning', code: 'c', message: 'm', hint: 'h', line: 2, column: 5, endLine: 2, endColumn: 5 }])
  expect(marker).toMatchObject({ severity: 4, message: 'm\nh', startLineNumber: 2, startColumn: 5, endLineNumber: 2, endColumn: 6 })
})

it('collects completion facts from the fixture samples', () => {
  const braze = loadSamples(fixture('workspace/samples/braze-users/detractors.json'), 'd.json', 'braze-user')
  const zendesk = loadSamples(fixture('workspace/samples/zendesk-tickets/ticket-solved.json'), 't.json', 'zendesk-ticket')
  const facts = collectFacts([
    ...braze.samples.map((s) => ({ kind: 'braze-user' as const, data: s.data })),
    ...zendesk.samples.map((s) => ({ kind: 'zendesk-ticket' as const, data: s.data })),
  ])
  expect(facts.braze.custom_attribute).toEqual(['currency', 'plan', 'seats'])
  expect(facts.braze.event_properties).toEqual(['comment', 'score'])
  expect(facts.zendesk.ticketFields).toContainEqual({ id: 360010, title: 'Printer model' })
  expect(facts.zendesk.userFields).toEqual(['plan', 'seats'])
  expect(facts.zendesk.organizationFields).toEqual(['region', 'tier'])
})

describe('new items', () => {
  it('start as templates that render their starter sample without problems', () => {
    for (const [dialect, kind] of [['braze', 'braze-user'], ['zendesk', 'zendesk-ticket']] as const) {
      const text = starterText('template', 'Welcome: new user', dialect)
      const file = parseTemplateFile(text, 'templates/new.liquid')
      expect(file.meta).toMatchObject({ dialect, name: 'Welcome: new user' })
      const [sample] = loadSamples(starterText(kind, 'x'), 'x.json', kind).samples
      const result = renderTemplate(compileTemplate(file), sample!.data)
      expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
    }
  })

  it('start as samples the loader accepts', () => {
    expect(loadSamples(starterText('braze-user', 'x'), 'x.json', 'braze-user')).toMatchObject({ diagnostics: [], samples: [{ label: 'user-1' }] })
    expect(loadSamples(starterText('zendesk-ticket', 'x'), 'x.json', 'zendesk-ticket')).toMatchObject({ diagnostics: [], samples: [{ label: 'ticket 1' }] })
  })
})
