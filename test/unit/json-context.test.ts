import { describe, expect, it } from 'vitest'
import { placeOutputsInJson, scanLiquid } from '../../shared/engine/jsonContext.js'

/** `[expression, inJsonString]` for each output, for compact assertions. */
function placements(template: string): [string, boolean][] {
  return placeOutputsInJson(template).map((p) => [template.slice(p.markupStart, p.markupEnd).trim(), p.inJsonString])
}

describe('placeOutputsInJson', () => {
  it('tells quoted outputs from bare ones', () => {
    expect(placements('{"id": {{ticket.id}}, "title": "{{ticket.title}}"}')).toEqual([
      ['ticket.id', false],
      ['ticket.title', true],
    ])
  })

  it('gives the offsets of the whole output and of its expression', () => {
    const template = '{"a": "{{- x | upcase -}}"}'
    const [p] = placeOutputsInJson(template)
    expect(template.slice(p!.start, p!.end)).toBe('{{- x | upcase -}}')
    expect(template.slice(p!.markupStart, p!.markupEnd)).toBe(' x | upcase ')
  })

  it('counts an output in the middle of a string as inside it', () => {
    expect(placements('{"text": "Hi {{name}}, ticket #{{id}} is {{status}}"}').map(([, s]) => s)).toEqual([true, true, true])
  })

  it('ignores escaped quotes and backslashes inside strings', () => {
    expect(placements('{"a": "say \\"{{x}}\\" now", "b": {{y}}, "c": "\\\\", "d": {{z}}}')).toEqual([
      ['x', true],
      ['y', false],
      ['z', false],
    ])
  })

  it('skips the markup of tags: quotes inside tags do not open strings', () => {
    expect(placements('{"a": {% if x == "y" %}{{x}}{% endif %}, "b": "{{y}}"}')).toEqual([
      ['x', false],
      ['y', true],
    ])
  })

  it('places outputs in if/else branches by their textual position', () => {
    const template = '{"assignee": {% if a %}"{{a}}"{% else %}{{b}}{% endif %}}'
    expect(placements(template)).toEqual([
      ['a', true],
      ['b', false],
    ])
  })

  it('skips raw and comment bodies, including outputs and quotes in them', () => {
    const template = '{"a": {% raw %}"{{not_an_output}}{% endraw %}{{x}}, {% comment %}" {{hidden}} {% comment %}"{% endcomment %}{% endcomment %}"b": "{{y}}"}'
    expect(placements(template)).toEqual([
      ['x', false],
      ['y', true],
    ])
  })

  it('reads "}}" inside a quoted filter argument as part of the output', () => {
    expect(placements('{"a": "{{ x | append: "}}" }}", "b": {{y}}}')).toEqual([
      ['x | append: "}}"', true],
      ['y', false],
    ])
  })

  it('does not throw on unterminated outputs and tags', () => {
    expect(placements('{"a": "{{ticket.title')).toEqual([['ticket.title', true]])
    expect(() => placeOutputsInJson('{% if x')).not.toThrow()
  })
})

describe('scanLiquid', () => {
  it('splits text, outputs, tags and verbatim bodies in order', () => {
    const template = 'a{{b}}c{%- if d -%}e{% raw %}{{f}}{% endraw %}'
    expect(scanLiquid(template).map((s) => [s.kind, template.slice(s.start, s.end)])).toEqual([
      ['text', 'a'],
      ['output', '{{b}}'],
      ['text', 'c'],
      ['tag', '{%- if d -%}'],
      ['text', 'e'],
      ['tag', '{% raw %}'],
      ['verbatim', '{{f}}'],
      ['tag', '{% endraw %}'],
    ])
  })

  it('names tags, including inline comments', () => {
    const names = scanLiquid('{% assign x = 1 %}{%- for y in z -%}{% # note %}').flatMap((s) => (s.kind === 'tag' ? [s.name] : []))
    expect(names).toEqual(['assign', 'for', '#'])
  })
})
