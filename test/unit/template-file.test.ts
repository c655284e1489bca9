import { describe, expect, it } from 'vitest'
import { LineIndex } from '../../shared/diagnostics.js'
import { parseTemplateFile } from '../../shared/template/file.js'

const FILE = `---
name: Ticket
dialect: braze
target: zendesk.tickets.create
method: post
url: https://acme.zendesk.com/api/v2/tickets.json
headers:
  Content-Type: application/json
  Authorization: "Basic {{ 'a/token:b' | base64_encode }}"
---
{ "ticket": {} }
`

describe('template files', () => {
  it('reads front matter and the body, keeping file offsets', () => {
    const file = parseTemplateFile(FILE, 't.liquid')
    expect(file.diagnostics).toEqual([])
    expect(file.meta).toEqual({ name: 'Ticket', dialect: 'braze', target: 'zendesk.tickets.create', method: 'POST' })
    expect(file.body.text).toBe('{ "ticket": {} }\n')
    const index = new LineIndex(FILE)
    expect(index.position(file.body.toFile(0))).toEqual({ line: 11, column: 1 })
    expect(file.url?.text).toBe('https://acme.zendesk.com/api/v2/tickets.json')
    expect(index.position(file.url!.toFile(8))).toEqual({ line: 6, column: 14 })
    const auth = file.headers.find((h) => h.name === 'Authorization')!
    expect(auth.source.text).toBe("Basic {{ 'a/token:b' | base64_encode }}")
    // Inside the quotes: the opening quote is column 18 of line 9, "Basic" starts at 19.
    expect(index.position(auth.source.toFile(0))).toEqual({ line: 9, column: 19 })
  })

  it('treats a file without front matter as a body-only template', () => {
    const file = parseTemplateFile('{"a": 1}', 'b.liquid', { defaultDialect: 'zendesk' })
    expect(file.hasFrontMatter).toBe(false)
    expect(file.meta.dialect).toBe('zendesk')
    expect(file.body.text).toBe('{"a": 1}')
  })

  it('reports an unclosed front matter', () => {
    const file = parseTemplateFile('---\nname: x\n{"a": 1}', 'c.liquid')
    expect(file.diagnostics[0]).toMatchObject({ code: 'front-matter-unclosed', start: 0 })
  })

  it('locates invalid YAML and hints at quoting a value that starts with {', () => {
    const text = '---\nheaders:\n  X-Id: {{${user_id}}}\n---\nbody'
    const file = parseTemplateFile(text, 'd.liquid')
    const d = file.diagnostics[0]!
    expect(d.code).toBe('front-matter-yaml')
    expect(new LineIndex(text).position(d.start).line).toBe(3)
    expect(d.hint).toMatch(/quoted/)
  })

  it('locates invalid values and unknown keys', () => {
    const text = '---\ndialect: liquid\nheders:\n  A: b\n---\n'
    const file = parseTemplateFile(text, 'e.liquid')
    const index = new LineIndex(text)
    const invalid = file.diagnostics.find((d) => d.code === 'front-matter-invalid')!
    expect(index.position(invalid.start)).toEqual({ line: 2, column: 10 })
    const unknown = file.diagnostics.find((d) => d.code === 'front-matter-unknown-key')!
    expect(unknown.severity).toBe('warning')
    expect(index.position(unknown.start)).toEqual({ line: 3, column: 1 })
    expect(unknown.hint).toContain('headers')
  })
})
