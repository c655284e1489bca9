import { describe, expect, it } from 'vitest'
import type { Diagnostic } from '../../shared/diagnostics.js'
import { BRAZE_INSTANCES, brazeInstanceFromHost } from '../../shared/environment/brazeInstances.js'
import { brazeApiBase, hostAllowed, looksLikeSecretValue, parseEnvironment, referenceValues, zendeskApiBase } from '../../shared/environment/model.js'
import { substituteText } from '../../shared/environment/substitute.js'

const NOW = { now: new Date('2026-11-25T12:00:00Z') }
const PATH = 'environments/acme-sandbox.json'

const EXAMPLE = `{ "kind": "sandbox", "description": "Acme sandbox",
  "variables": { "zendesk_subdomain": "acme1589812345", "zendesk_email": "agent@acme.com", "braze_instance": "US-01" },
  "allowedHosts": ["acme1589812345.zendesk.com", "rest.iad-01.braze.com"],
  "secrets": ["zendesk_api_token", "braze_api_key"],
  "zendesk": { "auth": { "type": "api_token", "email": "%{env.zendesk_email}", "token": "zendesk_api_token" } } }
`

/** An environment file from parts, one key a line, so tests can name lines. */
function file(parts: Record<string, unknown>): string {
  const base = { kind: 'sandbox', variables: {}, allowedHosts: ['acme.zendesk.com'], secrets: [], ...parts }
  return `{\n${Object.entries(base).map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(',\n')}\n}\n`
}

const brief = (d: Diagnostic) => `${d.line}:${d.column} ${d.severity} ${d.code}`
const parse = (text: string) => parseEnvironment(text, PATH, NOW)
const only = (text: string, code: string) => {
  const found = parse(text).diagnostics.filter((d) => d.code === code)
  expect(found, code).toHaveLength(1)
  return found[0]!
}

describe('parseEnvironment: the documented example', () => {
  it('parses, derives the Braze REST host and resolves the auth email', () => {
    const { environment, diagnostics } = parse(EXAMPLE)
    expect(environment).toMatchObject({
      name: 'acme-sandbox',
      path: PATH,
      kind: 'sandbox',
      description: 'Acme sandbox',
      brazeInstance: 'US-01',
      variables: {
        zendesk_subdomain: 'acme1589812345',
        zendesk_email: 'agent@acme.com',
        braze_instance: 'US-01',
        braze_rest_host: 'rest.iad-01.braze.com',
      },
      secrets: ['zendesk_api_token', 'braze_api_key'],
      zendesk: { auth: { type: 'api_token', email: 'agent@acme.com', token: 'zendesk_api_token' } },
    })
    // The only remark: API tokens are retiring.
    expect(diagnostics).toHaveLength(1)
    expect(diagnostics[0]).toMatchObject({ severity: 'warning', code: 'zendesk-api-token-retiring', file: PATH, line: 5, column: 34 })
    expect(diagnostics[0]!.message).toContain('2027-04-30')
    expect(diagnostics[0]!.message).toContain('2026-10-27')
  })

  it('gives templates the variables, derived ones included', () => {
    const { environment } = parse(EXAMPLE)
    const values = referenceValues(environment!, () => 'k')
    expect(substituteText('https://%{env.braze_rest_host}/users/track', values, 'real').text).toBe('https://rest.iad-01.braze.com/users/track')
  })
})

describe('parseEnvironment: located errors', () => {
  it('invalid JSON at the offending character', () => {
    const d = only('{\n  "kind": "sandbox",\n}', 'env-json')
    expect(brief(d)).toBe('3:1 error env-json')
    expect(d.message).toMatch(/trailing comma/)
    expect(parse('{\n  "kind": "sandbox",\n}').environment).toBeUndefined()
  })

  it('an empty file', () => {
    expect(brief(only('  \n', 'env-empty'))).toBe('1:1 error env-empty')
  })

  it('a byte-order mark is fine', () => {
    expect(parse(`\uFEFF${file({})}`).environment).toBeDefined()
  })

  it('a wrong kind, with a suggestion', () => {
    const d = only(file({ kind: 'sandbx' }), 'env-invalid')
    expect(brief(d)).toBe('2:11 error env-invalid')
    expect(d.hint).toBe('Did you mean "sandbox"?')
  })

  it('missing allowedHosts and unknown keys', () => {
    const text = '{\n  "kind": "production",\n  "alowedHosts": []\n}'
    const diagnostics = parse(text).diagnostics.map(brief)
    expect(diagnostics).toEqual(['1:1 error env-missing', '3:3 error env-unknown-key'])
    expect(parse(text).diagnostics[1]!.hint).toBe('Did you mean "allowedHosts"?')
  })

  it('a variable that is not a string, and an invalid variable name', () => {
    expect(brief(only(file({ variables: { port: 443 } }), 'env-invalid'))).toMatch(/^3:\d+ error env-invalid$/)
    const d = only(file({ variables: { 'zendesk-subdomain': 'x' } }), 'env-variable-name')
    expect(brief(d)).toBe('3:17 error env-variable-name')
    expect(d.hint).toContain('zendesk_subdomain')
  })

  it('an unknown Braze instance, a pasted dashboard host, and a conflicting REST host', () => {
    expect(only(file({ variables: { braze_instance: 'US-09' } }), 'env-braze-instance').message).toMatch(/not a Braze instance/)
    expect(only(file({ variables: { braze_instance: 'https://dashboard-03.braze.com/' } }), 'env-braze-instance').hint).toBe(
      'That is a host of instance US-03: write "US-03".',
    )
    const conflict = only(file({ variables: { braze_instance: 'EU-01', braze_rest_host: 'rest.fra-02.braze.eu' } }), 'env-braze-host-conflict')
    expect(conflict.message).toContain('rest.fra-01.braze.eu')
  })

  it('accepts a lower-case instance and an explicit REST host without an instance', () => {
    const lower = parse(file({ variables: { braze_instance: 'eu-02' }, allowedHosts: ['rest.fra-02.braze.eu'] }))
    expect(lower.environment?.variables.braze_rest_host).toBe('rest.fra-02.braze.eu')
    const explicit = parse(file({ variables: { braze_rest_host: 'rest.fra-03.braze.eu' }, allowedHosts: ['rest.fra-03.braze.eu'] }))
    expect(explicit.environment?.variables.braze_rest_host).toBe('rest.fra-03.braze.eu')
  })

  it('a full host where the Zendesk subdomain belongs', () => {
    const d = only(file({ variables: { zendesk_subdomain: 'https://acme.zendesk.com' } }), 'env-zendesk-subdomain')
    expect(d.hint).toBe('Write only the subdomain: "acme" (for acme.zendesk.com).')
  })

  it('bad host patterns', () => {
    const d = only(file({ allowedHosts: ['https://acme.zendesk.com/api'] }), 'env-host-pattern')
    expect(brief(d)).toBe('4:20 error env-host-pattern')
    expect(d.hint).toBe('Write only the host: "acme.zendesk.com".')
    expect(only(file({ allowedHosts: ['*.com'] }), 'env-host-too-broad').severity).toBe('error')
    expect(only(file({ allowedHosts: ['*'] }), 'env-host-pattern').severity).toBe('error')
    expect(only(file({ allowedHosts: ['acme*.zendesk.com'] }), 'env-host-pattern').severity).toBe('error')
  })

  it('warns when nothing may be sent, or when a known host is not allowed', () => {
    expect(only(file({ allowedHosts: [] }), 'env-no-hosts').severity).toBe('warning')
    const d = only(file({ variables: { braze_instance: 'US-03' } }), 'env-host-not-allowed')
    expect(d.message).toContain('rest.iad-03.braze.com')
  })

  it('base URLs for a mock or a proxy: http or https, nothing after the path, and their hosts allowed', () => {
    for (const bad of ['127.0.0.1:4010', 'ftp://mock.local', 'https://proxy.example/x?key=1', 'https://user:pw@proxy.example']) {
      const d = only(file({ variables: { braze_base_url: bad } }), 'env-base-url')
      expect(brief(d)).toBe('3:34 error env-base-url')
      expect(d.message).toContain('"braze_base_url"')
    }
    expect(only(file({ variables: { zendesk_base_url: 'not a url' } }), 'env-base-url').message).toContain('"zendesk_base_url"')
    // The base URL's host is the one that must be allowed, not the instance's.
    const mock = parse(file({ variables: { braze_instance: 'US-03', braze_base_url: 'http://127.0.0.1:4010/' }, allowedHosts: ['127.0.0.1:4010'] }))
    expect(mock.diagnostics.map(brief)).toEqual([])
    expect(only(file({ variables: { braze_base_url: 'https://braze-proxy.acme.example' } }), 'env-host-not-allowed').message).toContain('braze-proxy.acme.example')
  })
})

describe('where Hookbench calls the APIs itself', () => {
  const environment = (variables: Record<string, string>) => parse(file({ variables })).environment!

  it('Braze: braze_base_url, else the instance\'s REST host', () => {
    expect(brazeApiBase(environment({ braze_instance: 'EU-01' }))).toBe('https://rest.fra-01.braze.eu')
    expect(brazeApiBase(environment({ braze_instance: 'EU-01', braze_base_url: 'http://127.0.0.1:4010/' }))).toBe('http://127.0.0.1:4010')
    expect(brazeApiBase(environment({}))).toBeUndefined()
  })

  it('Zendesk: zendesk_base_url, else the subdomain\'s host', () => {
    expect(zendeskApiBase(environment({ zendesk_subdomain: 'acme' }))).toBe('https://acme.zendesk.com')
    expect(zendeskApiBase(environment({ zendesk_subdomain: 'acme', zendesk_base_url: 'http://127.0.0.1:4020' }))).toBe('http://127.0.0.1:4020')
    expect(zendeskApiBase(environment({}))).toBeUndefined()
  })
})

describe('secret values never belong in the file', () => {
  const ZENDESK_TOKEN = '6wiIBWbGkBMo1mRDMuVwkw1EPsNkeUj95PIz2akv'
  const BRAZE_KEY = '3f1c2a9e-8b7d-4c6e-9a5b-1d2e3f4a5b6c'

  it('refuses "secrets" given as an object of values', () => {
    const text = file({ secrets: { zendesk_api_token: ZENDESK_TOKEN } })
    const result = parse(text)
    expect(result.environment).toBeUndefined()
    const d = result.diagnostics.find((x) => x.code === 'env-secret-value')!
    expect(brief(d)).toBe('5:14 error env-secret-value')
    expect(d.hint).toContain('"secrets": ["zendesk_api_token"]')
    // The value itself is never repeated in a message.
    expect(JSON.stringify(result.diagnostics)).not.toContain(ZENDESK_TOKEN)
  })

  it('refuses value-looking entries in the secrets list', () => {
    for (const value of [ZENDESK_TOKEN, BRAZE_KEY, 'gErypPlm4dOVgGRvA1ZzMH5MQ3nLo8bo']) {
      const result = parse(file({ secrets: ['braze_api_key', value] }))
      expect(result.diagnostics.map(brief), value).toEqual(['5:31 error env-secret-value'])
      expect(JSON.stringify(result.diagnostics)).not.toContain(value)
    }
  })

  it('tells names from values', () => {
    for (const name of ['zendesk_api_token', 'ZENDESK_API_TOKEN', 'brazeApiKey', 'token2', 'zendesk_oauth_refresh_token_2024']) {
      expect(looksLikeSecretValue(name), name).toBe(false)
    }
    for (const value of [ZENDESK_TOKEN, BRAZE_KEY, 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4', 'dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmdfb25seQ==']) {
      expect(looksLikeSecretValue(value), value).toBe(true)
    }
  })

  it('refuses a secret value in an auth field, and a variable that holds one', () => {
    const auth = { type: 'oauth_access_token', token: ZENDESK_TOKEN }
    const d = only(file({ variables: { zendesk_subdomain: 'acme' }, zendesk: { auth } }), 'env-secret-value')
    expect(d.message).toMatch(/"token" holds what looks like a secret value/)
    expect(only(file({ variables: { braze_api_key: BRAZE_KEY } }), 'env-secret-in-variables').severity).toBe('error')
    expect(only(file({ variables: { api_token_field: 'ticket_field' } }), 'env-secret-in-variables').severity).toBe('warning')
  })

  it('refuses invalid and duplicate secret names', () => {
    expect(only(file({ secrets: ['zendesk-api-token'] }), 'env-secret-name').hint).toBe('Try "zendesk_api_token".')
    expect(brief(only(file({ secrets: ['token', 'TOKEN'] }), 'env-secret-duplicate'))).toBe('5:23 error env-secret-duplicate')
  })
})

describe('Zendesk auth modes', () => {
  const withAuth = (auth: Record<string, unknown>, secrets: string[] = [], variables: Record<string, string> = {}) =>
    file({ variables: { zendesk_subdomain: 'acme', zendesk_client_id: 'hookbench', ...variables }, secrets, zendesk: { auth } })

  it('oauth_access_token', () => {
    const { environment, diagnostics } = parse(withAuth({ type: 'oauth_access_token', token: 'zendesk_oauth_token' }, ['zendesk_oauth_token']))
    expect(diagnostics).toEqual([])
    expect(environment?.zendesk?.auth).toEqual({ type: 'oauth_access_token', token: 'zendesk_oauth_token' })
  })

  it('oauth_client_credentials, with the default scope', () => {
    const auth = { type: 'oauth_client_credentials', clientId: '%{env.zendesk_client_id}', clientSecret: 'zendesk_client_secret' }
    const { environment, diagnostics } = parse(withAuth(auth, ['zendesk_client_secret']))
    expect(diagnostics).toEqual([])
    expect(environment?.zendesk?.auth).toEqual({
      type: 'oauth_client_credentials',
      clientId: 'hookbench',
      clientSecret: 'zendesk_client_secret',
      scope: 'read write',
    })
  })

  it('oauth_refresh', () => {
    const auth = { type: 'oauth_refresh', clientId: 'hookbench', clientSecret: 'cs', accessToken: 'at', refreshToken: 'rt' }
    const { environment, diagnostics } = parse(withAuth(auth, ['cs', 'at', 'rt']))
    expect(diagnostics).toEqual([])
    expect(environment?.zendesk?.auth).toEqual(auth)
    const same = { ...auth, refreshToken: 'at' }
    expect(only(withAuth(same, ['cs', 'at']), 'env-zendesk-same-secret').severity).toBe('error')
  })

  it('an unknown type, with a suggestion', () => {
    const d = only(withAuth({ type: 'oauth_refesh' }), 'env-invalid')
    expect(d.message).toContain('"zendesk.auth.type" must be one of')
    expect(d.hint).toBe('Did you mean "oauth_refresh"?')
  })

  it('a missing field of the chosen type', () => {
    const d = only(withAuth({ type: 'oauth_client_credentials', clientId: 'x' }), 'env-missing')
    expect(d.message).toBe('"zendesk.auth.clientSecret" is required.')
  })

  it('an undeclared secret, a secret written as a reference, a secret in a text field', () => {
    const undeclared = only(withAuth({ type: 'oauth_access_token', token: 'zendesk_oath_token' }, ['zendesk_oauth_token']), 'env-secret-undeclared')
    expect(undeclared.hint).toBe('Did you mean "zendesk_oauth_token"?')
    const reference = only(withAuth({ type: 'oauth_access_token', token: '%{secret.t}' }, ['t']), 'env-secret-field')
    expect(reference.message).toContain('write "t"')
    const inText = only(withAuth({ type: 'oauth_client_credentials', clientId: '%{secret.cs}', clientSecret: 'cs' }, ['cs']), 'env-secret-in-text')
    expect(inText.severity).toBe('error')
  })

  it('an unknown variable in the email, located at the field', () => {
    const text = withAuth({ type: 'api_token', email: '%{env.zendesk_mail}', token: 't' }, ['t'], { zendesk_email: 'a@b.c' })
    const d = only(text, 'ref-unknown-variable')
    expect(brief(d)).toMatch(/^6:\d+ error ref-unknown-variable$/)
    expect(d.hint).toBe('Did you mean %{env.zendesk_email}?')
    // No second complaint about the unresolved text not being an email.
    expect(parse(text).diagnostics.some((x) => x.code === 'env-zendesk-email')).toBe(false)
  })

  it('an email with /token appended', () => {
    const d = only(withAuth({ type: 'api_token', email: 'agent@acme.com/token', token: 't' }, ['t']), 'env-zendesk-email')
    expect(d.hint).toMatch(/adds "\/token" itself/)
  })

  it('needs the Zendesk subdomain', () => {
    const text = file({ secrets: ['t'], zendesk: { auth: { type: 'oauth_access_token', token: 't' } } })
    expect(brief(only(text, 'env-zendesk-subdomain-missing'))).toBe('6:3 error env-zendesk-subdomain-missing')
  })

  it('warns about misspelled scopes (Zendesk grants them, then answers 403)', () => {
    const auth = { type: 'oauth_client_credentials', clientId: 'x', clientSecret: 'cs', scope: 'read tickets:wirte' }
    expect(only(withAuth(auth, ['cs']), 'env-zendesk-scope').message).toContain('tickets:wirte')
    expect(parse(withAuth({ ...auth, scope: 'tickets:read tickets:write users:read' }, ['cs'])).diagnostics).toEqual([])
  })

  it('after 2027-04-30 the warning says the tokens have stopped', () => {
    const result = parseEnvironment(EXAMPLE, PATH, { now: new Date('2027-05-02T00:00:00Z') })
    expect(result.diagnostics[0]!.message).toMatch(/stopped working on 2027-04-30/)
  })
})

describe('hostAllowed', () => {
  const env = (...allowedHosts: string[]) => ({ allowedHosts })

  it('allows exact hosts over HTTPS on the default port', () => {
    const e = env('acme.zendesk.com')
    expect(hostAllowed(e, 'https://acme.zendesk.com/api/v2/tickets.json')).toBe(true)
    expect(hostAllowed(e, 'https://ACME.zendesk.com./api')).toBe(true)
    expect(hostAllowed(e, 'http://acme.zendesk.com/api')).toBe(false)
    expect(hostAllowed(e, 'https://acme.zendesk.com:8443/api')).toBe(false)
    expect(hostAllowed(e, 'https://evil.com/?acme.zendesk.com')).toBe(false)
    expect(hostAllowed(e, 'https://acme.zendesk.com.evil.com/')).toBe(false)
    expect(hostAllowed(e, 'https://acme.zendesk.com@evil.com/')).toBe(false)
    expect(hostAllowed(e, 'not a url')).toBe(false)
  })

  it('wildcards cover subdomains, not the domain itself', () => {
    const e = env('*.zendesk.com')
    expect(hostAllowed(e, 'https://acme.zendesk.com/')).toBe(true)
    expect(hostAllowed(e, 'https://a.b.zendesk.com/')).toBe(true)
    expect(hostAllowed(e, 'https://zendesk.com/')).toBe(false)
    expect(hostAllowed(e, 'https://evilzendesk.com/')).toBe(false)
  })

  it('ports, and plain HTTP only to this machine', () => {
    expect(hostAllowed(env('127.0.0.1:*'), 'http://127.0.0.1:54321/oauth/tokens')).toBe(true)
    expect(hostAllowed(env('localhost:8080'), 'http://localhost:8080/')).toBe(true)
    expect(hostAllowed(env('localhost:8080'), 'http://localhost:8081/')).toBe(false)
    expect(hostAllowed(env('[::1]:*'), 'http://[::1]:9000/')).toBe(true)
    expect(hostAllowed(env('intranet.local:*'), 'http://intranet.local:80/')).toBe(false)
  })

  it('ignores invalid patterns', () => {
    expect(hostAllowed(env('https://acme.zendesk.com'), 'https://acme.zendesk.com/')).toBe(false)
  })
})

describe('Braze instances', () => {
  it('covers the documented instances, without US-09', () => {
    expect(Object.keys(BRAZE_INSTANCES)).toEqual([
      'US-01', 'US-02', 'US-03', 'US-04', 'US-05', 'US-06', 'US-07', 'US-08', 'US-10', 'EU-01', 'EU-02', 'AU-01', 'ID-01',
    ])
    expect(BRAZE_INSTANCES['EU-02']).toBe('rest.fra-02.braze.eu')
    expect(BRAZE_INSTANCES['ID-01']).toBe('rest.id-01.braze.com')
  })

  it('recognises pasted REST and dashboard hosts', () => {
    expect(brazeInstanceFromHost('https://rest.iad-07.braze.com/users/track')).toBe('US-07')
    expect(brazeInstanceFromHost('dashboard-02.braze.eu')).toBe('EU-02')
    expect(brazeInstanceFromHost('https://dashboard.au-01.braze.com')).toBe('AU-01')
    expect(brazeInstanceFromHost('dashboard-09.braze.com')).toBeUndefined()
  })
})
