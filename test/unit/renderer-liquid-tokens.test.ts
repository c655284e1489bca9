/** The template language's Monarch rules, run by Monaco's own Monarch lexer (which needs no browser). */
import { beforeAll, describe, expect, it } from 'vitest'
import { LIQUID_LANGUAGE_ID, liquidMonarch } from '../../renderer/src/editor/liquidLanguage.js'

interface Tokenizer {
  getInitialState(): unknown
  tokenize(line: string, hasEOL: boolean, state: unknown): { tokens: { offset: number; type: string }[]; endState: unknown }
}

let tokenizer: Tokenizer

beforeAll(async () => {
  // Monaco ships these without type declarations; the specifiers are variables so TypeScript does not look for any.
  const compilePath = 'monaco-editor/editor/standalone/common/monarch/monarchCompile.js'
  const lexerPath = 'monaco-editor/editor/standalone/common/monarch/monarchLexer.js'
  const { compile } = (await import(compilePath)) as { compile(id: string, json: unknown): unknown }
  const { MonarchTokenizer } = (await import(lexerPath)) as { MonarchTokenizer: new (...args: unknown[]) => Tokenizer }
  const configuration = { getValue: () => 20_000, onDidChangeConfiguration: () => ({ dispose() {} }) }
  tokenizer = new MonarchTokenizer({}, {}, LIQUID_LANGUAGE_ID, compile(LIQUID_LANGUAGE_ID, liquidMonarch), configuration)
})

/** Every line of `text` as [token text, token type] pairs, empty types dropped. */
function tokens(text: string): [string, string][][] {
  let state = tokenizer.getInitialState()
  return text.split('\n').map((line) => {
    const result = tokenizer.tokenize(line, true, state)
    state = result.endState
    return result.tokens
      .map((t, i): [string, string] => [line.slice(t.offset, result.tokens[i + 1]?.offset ?? line.length), t.type])
      .filter(([, type]) => type !== '')
  })
}

const typeOf = (lines: [string, string][][], text: string) => lines.flat().find(([t]) => t === text)?.[1]

describe('liquid-in-JSON highlighting', () => {
  it('marks the front matter: delimiters, keys and templated values', () => {
    const lines = tokens('---\nmethod: POST\nurl: https://x/{{${user_id}}}\n---\n{"a": 1}')
    expect(lines[0]).toEqual([['---', 'delimiter.frontmatter']])
    expect(typeOf(lines, 'method')).toBe('key.yaml')
    expect(typeOf(lines, '${user_id}')).toBe('variable.attribute')
    expect(lines[3]).toEqual([['---', 'delimiter.frontmatter']])
    expect(typeOf(lines, '"a"')).toBe('string.key.json')
    expect(typeOf(lines, '1')).toBe('number.json')
  })

  it('reads a file without front matter as a body, and a later --- as text', () => {
    const lines = tokens('{"a": "b"}\n---')
    expect(typeOf(lines, '"a"')).toBe('string.key.json')
    expect(lines[1]).not.toContainEqual(['---', 'delimiter.frontmatter'])
  })

  it('finds outputs, attributes and filters inside JSON strings', () => {
    const [line] = tokens('{"s": "Hi {{${first_name} | default: \'you\' | json_escape}}!"}')
    expect(line).toContainEqual(['{{', 'delimiter.liquid'])
    expect(line).toContainEqual(['${first_name}', 'variable.attribute'])
    expect(line).toContainEqual(['default', 'function.filter'])
    expect(line).toContainEqual(['json_escape', 'function.filter'])
    expect(line).toContainEqual(["'you'", 'string.liquid'])
    expect(line).toContainEqual(['}}', 'delimiter.liquid'])
    // The string resumes after the output (adjacent tokens of one type merge).
    expect(line).toContainEqual(['!"', 'string.value.json'])
  })

  it('marks tag names, keywords and outputs nested in tags', () => {
    const [line] = tokens('{%- if {{${score}}} > 6 and plan contains "pro" -%}')
    expect(line![0]).toEqual(['{%-', 'delimiter.liquid'])
    expect(line).toContainEqual(['if', 'keyword.tag.liquid'])
    expect(line).toContainEqual(['${score}', 'variable.attribute'])
    expect(line).toContainEqual(['and', 'keyword.operator.liquid'])
    expect(line).toContainEqual(['contains', 'keyword.operator.liquid'])
    expect(line).toContainEqual(['plan', 'variable.liquid'])
    expect(line).toContainEqual(['-%}', 'delimiter.liquid'])
  })

  it('marks environment and secret references everywhere', () => {
    const lines = tokens("---\nurl: https://%{env.host}/x\n---\n{\"t\": \"{{ '%{secret.api_key}' | base64_encode }}\"}")
    expect(typeOf(lines, '%{env.host}')).toBe('variable.reference.env')
    expect(typeOf(lines, '%{secret.api_key}')).toBe('variable.reference.secret')
  })

  it('keeps comments and raw blocks across lines', () => {
    const lines = tokens('{% comment %}\n{{ not.an.output }}\n{% endcomment %}\n{% raw %}{{ x }}{% endraw %}')
    expect(lines[1]).toEqual([['{{ not.an.output }}', 'comment.liquid']])
    expect(lines[2]).toEqual([['{% endcomment %}', 'comment.liquid']])
    expect(lines[3]).toContainEqual(['{{ x }}', 'string.raw.liquid'])
  })

  it('carries an open tag over a line break', () => {
    const lines = tokens('{% assign x =\n  ticket.id | plus: 1 %}')
    expect(lines[1]).toContainEqual(['ticket', 'variable.liquid'])
    expect(lines[1]).toContainEqual(['plus', 'function.filter'])
  })
})
