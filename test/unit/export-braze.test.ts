/**
 * Braze → Zendesk templates exported for Braze: the webhook composer's fields and the
 * messaging-API webhook object (braze.md §4.1), with the checks Braze needs before a paste.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseEnvironment, referenceValues } from '../../shared/environment/model.js'
import { exportBrazeApiWebhook, exportBrazeComposer, usesZendeskApiToken, type ExportSample } from '../../shared/export/index.js'
import { loadSamples } from '../../shared/samples/load.js'
import { parseTemplateFile, type TemplateFile } from '../../shared/template/file.js'

const ROOT = join(import.meta.dirname, '..', '..')
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8')
const EXAMPLES = 'electron/services/workspace/examples'

const environment = parseEnvironment(read(`${EXAMPLES}/environments/sandbox.json`), 'environments/sandbox.json').environment!
const OAUTH_TOKEN = 'zd-oauth-3f9a7c21e5d84b06'
const values = (stored: Record<string, string> = { zendesk_oauth_token: OAUTH_TOKEN }) => referenceValues(environment, (name) => stored[name])
const blocks = { contentBlocks: (name: string) => (name === 'support_context' ? { text: read(`${EXAMPLES}/content-blocks/support_context.liquid`), file: 'support_context.liquid' } : undefined) }

function template(path: string): TemplateFile {
  return parseTemplateFile(read(path), path)
}

function samples(path: string): ExportSample[] {
  return loadSamples(read(path), path, 'braze-user').samples
}

const NPS = `${EXAMPLES}/templates/nps-detractor-to-zendesk-ticket.liquid`

describe('export for the Braze webhook composer', () => {
  it('gives the Compose tab fields: URL with the environment put in, method, Raw text body, header rows', () => {
    const file = template(NPS)
    const doc = exportBrazeComposer(file, { values: values(), compile: blocks })
    expect(doc.target).toBe('braze')
    expect(doc.value).toEqual({
      webhookUrl: 'https://acme1589812345.zendesk.com/api/v2/tickets.json',
      httpMethod: 'POST',
      requestBody: { mode: 'Raw text', body: file.body.text },
      requestHeaders: [
        { key: 'Content-Type', value: 'application/json' },
        { key: 'Authorization', value: 'Bearer <ZENDESK_OAUTH_TOKEN>' },
      ],
    })
    expect(doc.json).toEqual(doc.value)
    expect(doc.containsSecrets).toBe(false)
    expect(doc.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
  })

  it('hands the body over byte for byte: Liquid untouched, never rendered', () => {
    const file = template(NPS)
    const doc = exportBrazeComposer(file, { values: values(), compile: blocks })
    expect(doc.body).toBe(file.body.text)
    expect(doc.body).toContain("{% abort_message('NPS score above 6: not a detractor') %}")
    expect(doc.text).toContain(file.body.text.trimEnd())
  })

  it('lists the fields in the text form, in the composer\'s order', () => {
    const doc = exportBrazeComposer(template(NPS), { values: values(), compile: blocks })
    const lines = doc.text.split('\n')
    expect(lines.slice(0, 7)).toEqual([
      'Braze webhook composer, Compose tab',
      'Webhook URL:        https://acme1589812345.zendesk.com/api/v2/tickets.json',
      'HTTP method:        POST',
      'Request body:       Raw text',
      'Request headers (key, value):',
      '  Content-Type   application/json',
      '  Authorization  Bearer <ZENDESK_OAUTH_TOKEN>',
    ])
  })

  it('puts the real secret in only when asked to, and says so', () => {
    const doc = exportBrazeComposer(template(NPS), { values: values(), includeSecrets: true, compile: blocks })
    expect(doc.value.requestHeaders[1]).toEqual({ key: 'Authorization', value: `Bearer ${OAUTH_TOKEN}` })
    expect(doc.containsSecrets).toBe(true)
  })

  it('does not complain that a stand-in secret has no stored value, but does when the real one is asked for', () => {
    const standIn = exportBrazeComposer(template(NPS), { values: values({}), compile: blocks })
    expect(standIn.diagnostics.map((d) => d.code)).not.toContain('ref-secret-not-stored')
    const real = exportBrazeComposer(template(NPS), { values: values({}), includeSecrets: true, compile: blocks })
    expect(real.diagnostics).toContainEqual(expect.objectContaining({ severity: 'error', code: 'ref-secret-not-stored', line: 15 }))
    expect(real.value.requestHeaders[1]!.value).toBe('Bearer %{secret.zendesk_oauth_token}')
  })

  it('without an environment, leaves references as written and reports them', () => {
    const doc = exportBrazeComposer(template(NPS), { compile: blocks })
    expect(doc.value.webhookUrl).toBe('https://%{env.zendesk_subdomain}.zendesk.com/api/v2/tickets.json')
    expect(doc.diagnostics).toContainEqual(expect.objectContaining({ severity: 'error', code: 'ref-no-environment', line: 11 }))
  })
})

describe('export as the messaging-API webhook object', () => {
  it('has exactly url, request_method, request_headers (a hash) and body (a string)', () => {
    const file = template(NPS)
    const doc = exportBrazeApiWebhook(file, { values: values(), compile: blocks })
    expect(doc.target).toBe('braze-api')
    expect(doc.json).toEqual({
      url: 'https://acme1589812345.zendesk.com/api/v2/tickets.json',
      request_method: 'POST',
      request_headers: { 'Content-Type': 'application/json', Authorization: 'Bearer <ZENDESK_OAUTH_TOKEN>' },
      body: file.body.text,
    })
    expect(JSON.parse(doc.text)).toEqual(doc.json)
  })
})

describe('Braze-side checks before export', () => {
  it('warns that an Authorization header with a Zendesk API token stops working on 2027-04-30, offering OAuth', () => {
    const doc = exportBrazeComposer(template('test/fixtures/workspace/templates/negative-survey-to-zendesk.liquid'), { now: new Date('2026-11-25') })
    const warning = doc.diagnostics.find((d) => d.code === 'export-zendesk-api-token')!
    expect(warning).toMatchObject({ severity: 'warning', line: 9, column: 18 })
    expect(warning.message).toMatch(/2027-04-30/)
    expect(warning.hint).toMatch(/Bearer %\{secret\.zendesk_oauth_token\}/)
    // UNCONFIRMED: whether Zendesk still issues non-expiring OAuth tokens a Braze webhook could use.
    expect(warning.hint).toMatch(/UNCONFIRMED/)
  })

  it('recognises an API token in a literal Basic value and in a Liquid-encoded one, not in a Bearer token', () => {
    expect(usesZendeskApiToken(`Basic ${btoa('agent@acme.com/token:abc123')}`)).toBe(true)
    expect(usesZendeskApiToken("Basic {{ 'agent@acme.com/token:%{secret.zendesk_api_token}' | base64_encode }}")).toBe(true)
    expect(usesZendeskApiToken(`Basic ${btoa('user:password')}`)).toBe(false)
    expect(usesZendeskApiToken('Bearer <ZENDESK_OAUTH_TOKEN>')).toBe(false)
  })

  it("reports the engine's Braze rules, including a missing json_escape", () => {
    const doc = exportBrazeComposer(template('test/fixtures/broken/missing-json-escape.liquid'))
    expect(doc.diagnostics).toContainEqual(expect.objectContaining({ code: 'braze-missing-json-escape', line: 12 }))
    const rules = exportBrazeComposer(template('test/fixtures/broken/rules.liquid'))
    expect(rules.diagnostics.map((d) => d.code)).toContain('braze-filter-in-condition')
  })

  it('renders the workspace samples and reports a body that is not valid JSON for one of them', () => {
    const doc = exportBrazeComposer(template('test/fixtures/broken/missing-json-escape.liquid'), {
      samples: samples('test/fixtures/workspace/samples/braze-users/detractors.json'),
    })
    const invalid = doc.diagnostics.find((d) => d.code === 'json-invalid')!
    expect(invalid).toMatchObject({ severity: 'error', line: 12, column: 27 })
    expect(invalid.message).toMatch(/^With sample user-1001: Rendered body is not valid JSON/)
    expect(invalid.hint).toMatch(/json_escape/)
  })

  it('says each problem once, with the first sample and how many others showed it', () => {
    const doc = exportBrazeComposer(template('test/fixtures/workspace/templates/negative-survey-to-zendesk.liquid'), {
      samples: [...samples('test/fixtures/workspace/samples/braze-users/detractors.json'), { label: 'empty', data: { external_id: 'x', event_properties: { score: 1 } } }],
    })
    const messages = doc.diagnostics.map((d) => d.message).filter((m) => m.startsWith('With sample'))
    expect(new Set(messages).size).toBe(messages.length)
  })

  it('refuses a Zendesk template', () => {
    const doc = exportBrazeComposer(template('test/fixtures/workspace/templates/solved-ticket-to-braze.liquid'))
    expect(doc.diagnostics).toContainEqual(expect.objectContaining({ severity: 'error', code: 'export-wrong-dialect', line: 3 }))
  })

  it('UNCONFIRMED: warns that Braze does not document PATCH', () => {
    const file = parseTemplateFile('---\nmethod: PATCH\nurl: https://a.example.com/x\n---\n{}', 'p.liquid')
    expect(exportBrazeComposer(file).diagnostics).toContainEqual(expect.objectContaining({ code: 'export-braze-method', severity: 'warning', line: 2 }))
  })

  it('warns that GET sends no body, and that only ports 80 and 443 are used', () => {
    const file = parseTemplateFile('---\nmethod: GET\nurl: https://a.example.com:8443/x\n---\n{"a": 1}', 'g.liquid')
    const codes = exportBrazeComposer(file).diagnostics.map((d) => d.code)
    expect(codes).toEqual(expect.arrayContaining(['export-braze-get-body', 'export-braze-port']))
  })

  it('needs a URL', () => {
    const file = parseTemplateFile('{"a": 1}', 'body-only.liquid')
    expect(exportBrazeComposer(file).diagnostics).toContainEqual(expect.objectContaining({ code: 'export-no-url', severity: 'error', line: 1 }))
  })
})
