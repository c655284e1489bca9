import { describe, expect, it } from 'vitest'
import { LineIndex } from '../../shared/diagnostics.js'
import type { PartSource } from '../../shared/engine/part.js'
import {
  findReferences,
  secretStandIn,
  substituteReferences,
  substituteTemplateFile,
  substituteText,
  type ReferenceValues,
} from '../../shared/environment/substitute.js'
import { compileTemplate } from '../../shared/render/compile.js'
import { renderTemplate } from '../../shared/render/render.js'
import { parseTemplateFile } from '../../shared/template/file.js'

const TOKEN = 'Zx9kQ2mW7pL4vN8rT1yB3cD6fG0hJ5sA2eU7iO4q'

const values: ReferenceValues = {
  environment: 'acme-sandbox',
  env: { zendesk_subdomain: 'acme1589812345', zendesk_email: 'agent@acme.com', braze_rest_host: 'rest.iad-01.braze.com' },
  secretNames: ['zendesk_api_token', 'braze_api_key'],
  secrets: (name) => (name === 'zendesk_api_token' ? TOKEN : undefined),
}

const TEMPLATE = `---
name: Ticket from Braze
dialect: braze
url: https://%{env.zendesk_subdomain}.zendesk.com/api/v2/tickets.json
headers:
  Content-Type: application/json
  Authorization: "Basic {{ '%{env.zendesk_email}/token:%{secret.zendesk_api_token}' | base64_encode }}"
---
{"ticket": {"subject": "From %{env.zendesk_email}", "comment": {"body": "{{ \${first_name} | nope }}"}}}
`

const position = (text: string, offset: number) => new LineIndex(text).position(offset)
const part = (text: string, offset = 100): PartSource => ({ id: 'body', text, toFile: (o) => offset + o })

describe('findReferences', () => {
  it('finds env and secret references with their offsets', () => {
    const text = 'a %{env.x_1} b %{secret.Tok} c'
    expect(findReferences(text)).toEqual([
      { kind: 'env', name: 'x_1', start: 2, end: 12 },
      { kind: 'secret', name: 'Tok', start: 15, end: 28 },
    ])
  })

  it('leaves Liquid, Braze ${…} and percent signs alone', () => {
    const text = '{% if x %}{{${first_name}}}{% endif %} 100%{{ y }} %{{ "{" }}env.x} %{"a"}'
    expect(findReferences(text)).toEqual([])
    expect(substituteText(text, values, 'real')).toMatchObject({ text, diagnostics: [] })
  })
})

describe('substituting references in a template', () => {
  it('replaces references in the URL, headers and body, and maps positions back to the file', () => {
    const file = parseTemplateFile(TEMPLATE, 'templates/ticket.liquid')
    const { file: substituted, diagnostics } = substituteTemplateFile(file, values, 'real')
    expect(diagnostics).toEqual([])
    const url = substituted.url!
    expect(url.text).toBe('https://acme1589812345.zendesk.com/api/v2/tickets.json')
    // "zendesk.com" comes after the substituted subdomain: it still points at its place in the file.
    const afterSubdomain = url.text.indexOf('.zendesk.com')
    expect(position(TEMPLATE, url.toFile(afterSubdomain))).toEqual({ line: 4, column: 38 })
    // Inside the substituted value: inside the reference (which starts at column 14).
    expect(position(TEMPLATE, url.toFile(url.text.indexOf('1589')))).toEqual({ line: 4, column: 18 })

    const result = renderTemplate(compileTemplate(substituted), { first_name: 'Alice' })
    expect(result.request.url).toBe('https://acme1589812345.zendesk.com/api/v2/tickets.json')
    expect(result.request.headers.Authorization).toBe(`Basic ${btoa(`agent@acme.com/token:${TOKEN}`)}`)
    expect(JSON.parse(result.request.body).ticket.subject).toBe('From agent@acme.com')
  })

  it('locates Liquid problems after a substitution in the file the user wrote', () => {
    const text = '---\nurl: https://x\n---\n{"a": "%{env.zendesk_email}", "b": "{% if %}"}\n'
    const file = parseTemplateFile(text, 't.liquid')
    const { file: substituted } = substituteTemplateFile(file, values, 'real')
    const result = renderTemplate(compileTemplate(substituted), {})
    const syntax = result.diagnostics.find((d) => d.code === 'liquid-syntax')!
    // Where the engine puts it in the file as written, though the email is shorter than its reference.
    const unsubstituted = renderTemplate(compileTemplate(file), {}).diagnostics.find((d) => d.code === 'liquid-syntax')!
    expect({ line: syntax.line, column: syntax.column }).toEqual({ line: 4, column: unsubstituted.column })
    expect(unsubstituted.column).toBe(42)
  })

  it('returns the same part when nothing is referenced', () => {
    const source = part('{"a": 1}')
    expect(substituteReferences(source, values, 'real').source).toBe(source)
  })
})

describe('stand-in mode', () => {
  it('replaces secrets with a marked stand-in but variables with their values', () => {
    const file = parseTemplateFile(TEMPLATE, 'templates/ticket.liquid')
    const { file: shown, diagnostics } = substituteTemplateFile(file, values, 'standIn')
    expect(diagnostics).toEqual([])
    expect(shown.headers[1]!.source.text).toBe("Basic {{ 'agent@acme.com/token:<ZENDESK_API_TOKEN>' | base64_encode }}")
    const result = renderTemplate(compileTemplate(shown), {})
    expect(result.request.headers.Authorization).not.toContain(btoa(`agent@acme.com/token:${TOKEN}`))
    expect(JSON.stringify(result.request)).not.toContain(TOKEN)
  })

  it('names the stand-in after the secret, upper-cased', () => {
    expect(secretStandIn('zendesk_api_token')).toBe('<ZENDESK_API_TOKEN>')
  })

  it('shows the stand-in for a secret with no stored value, with a warning instead of an error', () => {
    const { text, diagnostics } = substituteText('Bearer %{secret.braze_api_key}', values, 'standIn')
    expect(text).toBe('Bearer <BRAZE_API_KEY>')
    expect(diagnostics).toMatchObject([{ severity: 'warning', code: 'ref-secret-not-stored' }])
  })
})

describe('problems, each located at the reference in the file', () => {
  const located = (text: string, v: ReferenceValues | null = values, mode: 'real' | 'standIn' = 'real') => {
    const { source, diagnostics } = substituteReferences(part(text), v, mode)
    return { source, diagnostics }
  }

  it('an unknown variable, with a suggestion; the reference stays as written', () => {
    const { source, diagnostics } = located('https://%{env.zendesk_subdomian}.zendesk.com')
    expect(source.text).toBe('https://%{env.zendesk_subdomian}.zendesk.com')
    expect(diagnostics).toEqual([
      {
        severity: 'error',
        code: 'ref-unknown-variable',
        message: '`%{env.zendesk_subdomian}`: environment `acme-sandbox` has no variable `zendesk_subdomian`.',
        hint: 'Did you mean %{env.zendesk_subdomain}?',
        start: 108,
        end: 132,
      },
    ])
  })

  it('a secret used as a variable, and a variable used as a secret', () => {
    expect(located('%{env.zendesk_api_token}').diagnostics[0]).toMatchObject({
      code: 'ref-unknown-variable',
      hint: '`zendesk_api_token` is a secret: write %{secret.zendesk_api_token}.',
    })
    expect(located('%{secret.zendesk_email}').diagnostics[0]).toMatchObject({
      code: 'ref-undeclared-secret',
      hint: '`zendesk_email` is a variable: write %{env.zendesk_email}.',
    })
  })

  it('a secret the environment does not declare', () => {
    const { diagnostics } = located('x %{secret.stripe_key}')
    expect(diagnostics).toMatchObject([{ severity: 'error', code: 'ref-undeclared-secret', start: 102, end: 122 }])
    expect(diagnostics[0]!.hint).toMatch(/Add "stripe_key" to "secrets"/)
  })

  it('a declared secret with no stored value, with the CLI hint', () => {
    const { diagnostics } = located('%{secret.braze_api_key}')
    expect(diagnostics).toEqual([
      expect.objectContaining({
        severity: 'error',
        code: 'ref-secret-not-stored',
        start: 100,
        end: 123,
        hint: expect.stringContaining('export HOOKBENCH_SECRET_BRAZE_API_KEY=…'),
      }),
    ])
  })

  it('a caller-specific hint for a missing secret', () => {
    const cli = { ...values, missingSecretHint: (name: string) => `set ${name.toUpperCase()}` }
    expect(located('%{secret.braze_api_key}', cli).diagnostics[0]!.hint).toBe('set BRAZE_API_KEY')
  })

  it('a reference with no environment selected names the reference', () => {
    const { diagnostics } = located('Bearer %{secret.braze_api_key} for %{env.x}', null)
    expect(diagnostics).toMatchObject([
      { code: 'ref-no-environment', message: '`%{secret.braze_api_key}` needs an environment, and none is selected.', start: 107 },
      { code: 'ref-no-environment', message: '`%{env.x}` needs an environment, and none is selected.' },
    ])
  })

  it('malformed references', () => {
    const cases: [string, RegExp, RegExp | undefined][] = [
      ['%{env.}', /names no variable/, /%\{env\.NAME\}/],
      ['%{secret.}', /names no secret/, undefined],
      ['%{env.1abc}', /`1abc` is not a valid name/, undefined],
      ['%{env.a-b}', /`a-b` is not a valid name/, undefined],
      ['%{ env.x }', /spaces/, /^Write %\{env\.x\}$/],
      ['%{zendesk_email}', /variable or a secret/, /%\{env\.zendesk_email\}/],
      ['%{secrets.token}', /unknown kind `secrets`/, /Did you mean %\{secret\.token\}\?/],
      ['%{}', /empty/, undefined],
      ['%{env.zendesk_email', /not closed/, /%\{env\.zendesk_email\}/],
    ]
    for (const [text, message, hint] of cases) {
      const { diagnostics } = located(`ab${text}`)
      expect(diagnostics, text).toHaveLength(1)
      expect(diagnostics[0], text).toMatchObject({ severity: 'error', code: 'ref-malformed', start: 102, end: 102 + text.length })
      expect(diagnostics[0]!.message, text).toMatch(message)
      if (hint) expect(diagnostics[0]!.hint, text).toMatch(hint)
    }
  })

  it('carries the file of a part from another file (a content block)', () => {
    const block: PartSource = { ...part('%{env.nope}', 0), file: 'content-blocks/x.liquid' }
    expect(substituteReferences(block, values, 'real').diagnostics[0]).toMatchObject({ file: 'content-blocks/x.liquid', start: 0 })
  })

  it('locates problems in header values of the front matter', () => {
    const text = '---\nheaders:\n  X-Key: "%{secret.braze_api_key}"\n---\n{}'
    const { diagnostics } = substituteTemplateFile(parseTemplateFile(text, 't.liquid'), values, 'real')
    expect(position(text, diagnostics[0]!.start)).toEqual({ line: 3, column: 11 })
  })

  it('warns when a value holds Liquid markup, which Liquid will then run', () => {
    const v = { ...values, env: { ...values.env, note: 'Hi {{ name }}' } }
    const { text, diagnostics } = substituteText('%{env.note}', v, 'real')
    expect(text).toBe('Hi {{ name }}')
    expect(diagnostics).toMatchObject([{ severity: 'warning', code: 'ref-value-has-markup' }])
  })

  it('never expands references inside values, nor puts secret values in messages', () => {
    const v = { ...values, env: { a: '%{secret.zendesk_api_token}' } }
    const result = substituteText('%{env.a} %{env.b}', v, 'real')
    expect(result.text).toBe('%{secret.zendesk_api_token} %{env.b}')
    expect(JSON.stringify(result.diagnostics)).not.toContain(TOKEN)
  })

  it('does not treat inherited object properties as variables', () => {
    expect(substituteText('%{env.constructor}', values, 'real').diagnostics).toMatchObject([{ code: 'ref-unknown-variable' }])
  })
})
