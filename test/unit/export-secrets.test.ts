/** No secret value leaves an export (fields, JSON, text, body, diagnostics) unless it is asked for. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseEnvironment, referenceValues } from '../../shared/environment/model.js'
import { maskSecrets } from '../../shared/environment/substitute.js'
import { EXPORT_TARGETS, exportTemplate } from '../../shared/export/index.js'
import { loadSamples } from '../../shared/samples/load.js'
import { parseTemplateFile } from '../../shared/template/file.js'

const ROOT = join(import.meta.dirname, '..', '..')
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8')

const environment = parseEnvironment(
  JSON.stringify({
    kind: 'sandbox',
    variables: { zendesk_subdomain: 'acme1589812345', braze_instance: 'US-01' },
    secrets: ['zendesk_oauth_token', 'braze_rest_api_key', 'zendesk_api_token'],
    allowedHosts: ['acme1589812345.zendesk.com', 'rest.iad-01.braze.com'],
  }),
  'environments/sandbox.json',
).environment!

const SECRETS: Record<string, string> = {
  zendesk_oauth_token: 'oauth-Tok3n/with+chars=',
  braze_rest_api_key: 'braze-key-"quoted"-\\slash',
  zendesk_api_token: 'api-token-4b1d9e',
}

/** Every secret reference form a template can hold: a header, Liquid around it, the URL and the body. */
const TEMPLATES = {
  braze: `---
name: Secrets everywhere
dialect: braze
url: https://%{env.zendesk_subdomain}.zendesk.com/api/v2/tickets.json?key=%{secret.braze_rest_api_key}
headers:
  Content-Type: application/json
  Authorization: Basic {{ 'agent@acme.com/token:%{secret.zendesk_api_token}' | base64_encode }}
  X-Token: Bearer %{secret.zendesk_oauth_token}
---
{"ticket": {"subject": "{{\${first_name} | json_escape}}", "note": "%{secret.zendesk_oauth_token}"}}
`,
  zendesk: `---
name: Solved → Braze
dialect: zendesk
url: "https://%{env.braze_rest_host}/users/track"
headers:
  Content-Type: application/json
  Authorization: Bearer %{secret.braze_rest_api_key}
  X-Other: "%{secret.zendesk_oauth_token}"
zendesk:
  trigger:
    conditions: status-solved
---
{"email": "{{ticket.requester.email}}", "k": "%{secret.zendesk_api_token}"}
`,
}

const SAMPLES = {
  braze: loadSamples(read('test/fixtures/workspace/samples/braze-users/detractors.json'), 'detractors.json', 'braze-user').samples,
  zendesk: loadSamples(read('test/fixtures/workspace/samples/zendesk-tickets/ticket-solved.json'), 'ticket-solved.json', 'zendesk-ticket').samples,
}

describe('secrets in exports', () => {
  const values = referenceValues(environment, (name) => SECRETS[name])

  for (const dialect of ['braze', 'zendesk'] as const) {
    for (const target of EXPORT_TARGETS) {
      it(`${dialect} template, --for ${target}: stand-ins only, no secret value anywhere`, () => {
        const doc = exportTemplate(target, parseTemplateFile(TEMPLATES[dialect], `${dialect}.liquid`), { values, samples: SAMPLES[dialect] })
        const everything = JSON.stringify(doc)
        expect(maskSecrets(everything, Object.values(SECRETS))).toBe(everything)
        expect(doc.containsSecrets).toBe(false)
        expect(everything).toMatch(/<(ZENDESK_OAUTH_TOKEN|ZENDESK_API_TOKEN|BRAZE_REST_API_KEY)>/)
      })
    }
  }

  it('puts every value in with includeSecrets, and flags the export', () => {
    const doc = exportTemplate('braze-api', parseTemplateFile(TEMPLATES.braze, 'braze.liquid'), { values, includeSecrets: true })
    expect(doc.containsSecrets).toBe(true)
    const json = JSON.stringify(doc.json)
    expect(json).toContain(JSON.stringify(SECRETS.braze_rest_api_key).slice(1, -1))
    expect(json).toContain(SECRETS.zendesk_oauth_token)
    expect(json).toContain(SECRETS.zendesk_api_token)
    // Diagnostics are made from stand-ins even then.
    expect(maskSecrets(JSON.stringify(doc.diagnostics), Object.values(SECRETS))).toBe(JSON.stringify(doc.diagnostics))
  })
})
