/**
 * Environments: `environments/NAME.json`, one target account (a sandbox or production) with
 * its variables, the NAMES of its secrets (values never live in the workspace), the hosts a
 * request may go to, and how to authenticate to Zendesk.
 *
 * Every problem is located in the file. A file with errors yields no environment, so nothing
 * half-understood is ever used to send a request.
 */
import { z } from 'zod'
import { LineIndex, locate, sortDiagnostics, type Diagnostic, type Severity } from '../diagnostics.js'
import { parseJson, spanAtPath } from '../render/json.js'
import { closest } from '../engine/suggest.js'
import { BRAZE_INSTANCE_IDS, brazeInstance, brazeInstanceFromHost, brazeRestHost, type BrazeInstance } from './brazeInstances.js'
import { findReferences, NAME_PATTERN, substituteText, type ReferenceValues } from './substitute.js'
import { apiTokenRetirement, ZENDESK_AUTH_TYPES, zendeskBaseUrl } from './zendeskAuth.js'

export type EnvironmentKind = 'sandbox' | 'production'

/** Zendesk auth as configured; text fields have their `%{env.…}` references resolved. */
export type ZendeskAuthConfig =
  | { type: 'api_token'; email: string; token: string }
  | { type: 'oauth_access_token'; token: string }
  | { type: 'oauth_client_credentials'; clientId: string; clientSecret: string; scope: string }
  | { type: 'oauth_refresh'; clientId: string; clientSecret: string; accessToken: string; refreshToken: string }

export interface Environment {
  /** The file name without `.json`. */
  name: string
  path: string
  /** The file text, to locate problems found later (the auth service's, for one). */
  text: string
  kind: EnvironmentKind
  description?: string
  /** As written, plus derived ones: `braze_rest_host` from `braze_instance`. */
  variables: Record<string, string>
  /** Secret names; their values live in a secret store. */
  secrets: string[]
  /** Host patterns a request may go to: `host`, `*.domain.tld`, optionally `:port` or `:*`. */
  allowedHosts: string[]
  brazeInstance?: BrazeInstance
  zendesk?: { auth: ZendeskAuthConfig }
}

/** Variables with a meaning of their own. */
export const KNOWN_VARIABLES = {
  brazeInstance: 'braze_instance',
  brazeRestHost: 'braze_rest_host',
  zendeskSubdomain: 'zendesk_subdomain',
  /** Another address for the Zendesk API (a local mock or a proxy); still bound by allowedHosts. */
  zendeskBaseUrl: 'zendesk_base_url',
  /** Another address for the Braze REST API (a local mock or a proxy); still bound by allowedHosts. */
  brazeBaseUrl: 'braze_base_url',
} as const

/**
 * Where Hookbench itself calls the Braze REST API for this environment (imports, flow checks):
 * `braze_base_url` when set, else `https://<braze_rest_host>`; undefined when neither is known.
 */
export function brazeApiBase(environment: Pick<Environment, 'variables'>): string | undefined {
  const base = environment.variables[KNOWN_VARIABLES.brazeBaseUrl]
  if (base !== undefined) return base.replace(/\/+$/, '')
  const host = environment.variables[KNOWN_VARIABLES.brazeRestHost]
  return host ? `https://${host}` : undefined
}

/** The same for the Zendesk API: `zendesk_base_url`, else `https://<zendesk_subdomain>.zendesk.com`. */
export function zendeskApiBase(environment: Pick<Environment, 'variables'>): string | undefined {
  const base = environment.variables[KNOWN_VARIABLES.zendeskBaseUrl]
  if (base !== undefined) return base.replace(/\/+$/, '')
  const subdomain = environment.variables[KNOWN_VARIABLES.zendeskSubdomain]
  return subdomain ? zendeskBaseUrl(subdomain) : undefined
}

// ---------------------------------------------------------------------------------------------
// Shape (zod); the meaning is checked afterwards, where each problem can say more.

const authText = z.string().min(1, 'must not be empty')
const secretName = z.string()

const zendeskAuthSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('api_token'), email: authText, token: secretName }),
  z.strictObject({ type: z.literal('oauth_access_token'), token: secretName }),
  z.strictObject({
    type: z.literal('oauth_client_credentials'),
    clientId: authText,
    clientSecret: secretName,
    // Zendesk requires a scope; "read write" suits sending webhooks' API calls.
    scope: z.string().default('read write'),
  }),
  z.strictObject({
    type: z.literal('oauth_refresh'),
    clientId: authText,
    clientSecret: secretName,
    accessToken: secretName,
    refreshToken: secretName,
  }),
])

const fileSchema = z.strictObject({
  kind: z.enum(['sandbox', 'production']),
  description: z.string().optional(),
  variables: z.record(z.string(), z.string()).default({}),
  secrets: z.array(z.string()).default([]),
  allowedHosts: z.array(z.string()),
  zendesk: z.strictObject({ auth: zendeskAuthSchema }).optional(),
})

type EnvironmentFile = z.output<typeof fileSchema>
type JsonPath = (string | number)[]

const FILE_KEYS = Object.keys(fileSchema.shape)

// ---------------------------------------------------------------------------------------------
// Parsing

export interface ParseEnvironmentOptions {
  /** Today, for the API-token retirement warning (default: the clock). */
  now?: Date
}

export function parseEnvironment(
  text: string,
  path: string,
  options: ParseEnvironmentOptions = {},
): { environment?: Environment; diagnostics: Diagnostic[] } {
  const report = new Reporter({ path, text })
  // JSON.parse refuses a byte-order mark; a space keeps every offset where it was.
  const json = text.replace(/^\uFEFF/, ' ')
  if (json.trim() === '') {
    report.at([], 'error', 'env-empty', 'The environment file is empty.', 'Start from {"kind": "sandbox", "variables": {}, "secrets": [], "allowedHosts": []}.')
    return { diagnostics: report.diagnostics }
  }
  const parsed = parseJson(json)
  if (!parsed.ok) {
    report.atOffset(parsed.error.offset, 'error', 'env-json', `The environment file is not valid JSON: ${parsed.error.message}.`)
    return { diagnostics: report.diagnostics }
  }
  const raw = refuseSecretValuesObject(parsed.value, report)
  const shaped = fileSchema.safeParse(raw, { reportInput: true })
  if (!shaped.success) {
    for (const issue of shaped.error.issues) reportIssue(issue, report)
    return { diagnostics: report.diagnostics }
  }
  const environment = checkMeaning(shaped.data, report, { name: environmentName(path), path, text }, options.now ?? new Date())
  return report.hasErrors ? { diagnostics: report.diagnostics } : { environment, diagnostics: report.diagnostics }
}

/** `environments/acme-sandbox.json` → `acme-sandbox`. */
export function environmentName(path: string): string {
  return path.replace(/^.*[\\/]/, '').replace(/\.json$/i, '')
}

/** `"secrets": {"name": "value"}` is the mistake this whole design exists to prevent. */
function refuseSecretValuesObject(value: unknown, report: Reporter): unknown {
  if (!isPlainObject(value) || !isPlainObject(value.secrets)) return value
  report.at(['secrets'], 'error', 'env-secret-value',
    '"secrets" holds secret values; the environment file lists secret NAMES only, so it can be shared and committed.',
    'Write "secrets": [' + Object.keys(value.secrets).map((k) => JSON.stringify(k)).join(', ') +
      '] and store each value in Hookbench (or for the CLI in HOOKBENCH_SECRET_<NAME>); then rotate the exposed secrets.')
  return { ...value, secrets: Object.keys(value.secrets) }
}

function reportIssue(issue: z.core.$ZodIssue, report: Reporter): void {
  const path = issue.path as JsonPath
  const field = path.length > 0 ? `"${path.join('.')}"` : 'The file'
  switch (issue.code) {
    case 'unrecognized_keys':
      for (const key of issue.keys) {
        const known = path.length === 0 ? FILE_KEYS : undefined
        const suggestion = known ? closest(key, known) : undefined
        report.at([...path, key], 'error', 'env-unknown-key', `Unknown key "${key}".`,
          suggestion ? `Did you mean "${suggestion}"?` : known ? `Known keys: ${known.join(', ')}.` : undefined, 'key')
      }
      return
    case 'invalid_type':
      if (issue.input === undefined) {
        report.at(path, 'error', 'env-missing', `${field} is required.`, requiredHint(path))
      } else {
        report.at(path, 'error', 'env-invalid', `${field} must be ${article(issue.expected)}, not ${describe(issue.input)}.`)
      }
      return
    case 'invalid_value': {
      const options = issue.values.map(String)
      const suggestion = typeof issue.input === 'string' ? closest(issue.input, options) : undefined
      report.at(path, 'error', 'env-invalid', `${field} must be one of ${options.map((o) => `"${o}"`).join(', ')}.`,
        suggestion ? `Did you mean "${suggestion}"?` : undefined)
      return
    }
    case 'invalid_union': {
      // Only the discriminated auth union fails this way: an unknown or missing `type`.
      const type = typeof issue.input === 'object' && issue.input !== null ? (issue.input as { type?: unknown }).type : undefined
      const suggestion = typeof type === 'string' ? closest(type, ZENDESK_AUTH_TYPES) : undefined
      report.at(path, 'error', 'env-invalid', `${field} must be one of ${ZENDESK_AUTH_TYPES.map((t) => `"${t}"`).join(', ')}.`,
        suggestion ? `Did you mean "${suggestion}"?` : 'Prefer "oauth_client_credentials": Zendesk API tokens stop working on 2027-04-30.')
      return
    }
    default:
      report.at(path, 'error', 'env-invalid', `${field}: ${issue.message}.`)
  }
}

function requiredHint(path: JsonPath): string | undefined {
  const last = path.at(-1)
  if (last === 'allowedHosts') return 'List the hosts this environment may send to, e.g. ["acme1589812345.zendesk.com", "rest.iad-01.braze.com"].'
  if (last === 'kind') return 'Say "sandbox" or "production".'
  return undefined
}

// ---------------------------------------------------------------------------------------------
// Meaning

function checkMeaning(
  file: EnvironmentFile,
  report: Reporter,
  source: { name: string; path: string; text: string },
  now: Date,
): Environment {
  const variables = checkVariables(file, report)
  const environment: Environment = {
    ...source,
    kind: file.kind,
    variables,
    secrets: checkSecretNames(file.secrets, report),
    allowedHosts: checkHostPatterns(file.allowedHosts, report),
  }
  if (file.description !== undefined) environment.description = file.description
  checkZendeskSubdomain(variables, report)
  checkBaseUrls(variables, report)
  const instance = checkBrazeInstance(file.variables, variables, report)
  if (instance) environment.brazeInstance = instance
  if (file.zendesk) {
    const auth = checkZendeskAuth(file.zendesk.auth, environment, report, now)
    if (auth) environment.zendesk = { auth }
  }
  checkHostCoverage(environment, report)
  return environment
}

const SECRET_LIKE_NAME = /secret|token|passw(or)?d|api_?key|private_?key/i

function checkVariables(file: EnvironmentFile, report: Reporter): Record<string, string> {
  const variables: Record<string, string> = {}
  for (const [name, value] of Object.entries(file.variables)) {
    const path = ['variables', name]
    variables[name] = value
    if (!NAME_PATTERN.test(name)) {
      report.at(path, 'error', 'env-variable-name', `"${name}" is not a valid variable name; ${NAME_RULE}.`,
        `References spell it %{env.NAME}; try "${toName(name)}".`, 'key')
    } else if (SECRET_LIKE_NAME.test(name)) {
      const isValue = looksLikeSecretValue(value)
      report.at(path, isValue ? 'error' : 'warning', 'env-secret-in-variables',
        `Variable "${name}" looks like a secret${isValue ? ' and holds what looks like its value' : ''}; variables are stored in the workspace in plain text.`,
        `Move "${name}" to "secrets" (the name only), store its value in Hookbench, and write %{secret.${name}}.`, 'key')
    }
    if (findReferences(value).length > 0) {
      report.at(path, 'warning', 'env-variable-reference', `The value of "${name}" contains a reference; variable values are inserted as written, not expanded.`)
    }
  }
  return variables
}

function checkBrazeInstance(
  written: Record<string, string>,
  variables: Record<string, string>,
  report: Reporter,
): BrazeInstance | undefined {
  const { brazeInstance: instanceVar, brazeRestHost: hostVar } = KNOWN_VARIABLES
  if (!Object.hasOwn(written, instanceVar)) return undefined
  const value = written[instanceVar]!
  const instance = brazeInstance(value)
  if (!instance) {
    const fromHost = brazeInstanceFromHost(value)
    const suggestion = closest(value, BRAZE_INSTANCE_IDS)
    report.at(['variables', instanceVar], 'error', 'env-braze-instance', `"${value}" is not a Braze instance; known instances: ${BRAZE_INSTANCE_IDS.join(', ')}.`,
      fromHost
        ? `That is a host of instance ${fromHost}: write "${fromHost}".`
        : suggestion
          ? `Did you mean "${suggestion}"?`
          : `The dashboard URL tells the instance (dashboard-01.braze.com is US-01); for an instance not listed here, set "${hostVar}" instead.`)
    return undefined
  }
  if (Object.hasOwn(written, hostVar)) {
    report.at(['variables', hostVar], 'error', 'env-braze-host-conflict',
      `"${hostVar}" is derived from "${instanceVar}" (${instance} → ${brazeRestHost(instance)}); set only one of them.`, undefined, 'key')
    return undefined
  }
  variables[hostVar] = brazeRestHost(instance)
  return instance
}

const SUBDOMAIN = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i

function checkZendeskSubdomain(variables: Record<string, string>, report: Reporter): void {
  const subdomain = variables[KNOWN_VARIABLES.zendeskSubdomain]
  if (subdomain === undefined || SUBDOMAIN.test(subdomain)) return
  const bare = /^(?:[a-z]+:\/\/)?([a-z0-9-]+)\.zendesk\.com\b/i.exec(subdomain)?.[1]
  report.at(['variables', KNOWN_VARIABLES.zendeskSubdomain], 'error', 'env-zendesk-subdomain',
    `"${subdomain}" is not a Zendesk subdomain.`,
    bare ? `Write only the subdomain: "${bare}" (for ${bare}.zendesk.com).` : 'Write the part before .zendesk.com, e.g. "acme1589812345" for a sandbox.')
}

/** A base URL is where requests start: http or https, a host, maybe a path; nothing after. */
function checkBaseUrls(variables: Record<string, string>, report: Reporter): void {
  for (const name of [KNOWN_VARIABLES.zendeskBaseUrl, KNOWN_VARIABLES.brazeBaseUrl]) {
    const value = variables[name]
    if (value === undefined) continue
    let url: URL | undefined
    try {
      url = new URL(value)
    } catch {
      // Reported below.
    }
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
      report.at(['variables', name], 'error', 'env-base-url', `"${value}" is not a base URL for "${name}".`,
        'Write the address the API answers at, with http:// or https:// and no query, e.g. "http://127.0.0.1:4010".')
    }
  }
}

function checkSecretNames(names: string[], report: Reporter): string[] {
  const seen = new Map<string, number>()
  names.forEach((name, i) => {
    const path = ['secrets', i]
    if (looksLikeSecretValue(name)) {
      report.at(path, 'error', 'env-secret-value', 'This looks like a secret value; "secrets" lists secret NAMES only.',
        'Replace it with a name such as "zendesk_api_token", store the value in Hookbench, and rotate the exposed secret.')
    } else if (!NAME_PATTERN.test(name)) {
      report.at(path, 'error', 'env-secret-name', `"${name}" is not a valid secret name; ${NAME_RULE}.`, `Try "${toName(name)}".`)
    }
    // The CLI reads HOOKBENCH_SECRET_<NAME upper-cased>: names differing in case would share it.
    const folded = name.toUpperCase()
    if (seen.has(folded)) {
      report.at(path, 'error', 'env-secret-duplicate', `Secret "${name}" is listed twice (names are compared ignoring case).`)
    }
    seen.set(folded, i)
  })
  return names
}

// ---------------------------------------------------------------------------------------------
// Hosts

interface HostPattern {
  wildcard: boolean
  host: string
  /** Undefined: the scheme's default port only. */
  port?: number | '*'
}

const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?'
const HOST_PATTERN = new RegExp(`^(\\*\\.)?(${LABEL}(?:\\.${LABEL})*|\\[[0-9a-f:.]+\\])(?::(\\d{1,5}|\\*))?$`)

function parseHostPattern(pattern: string): HostPattern | undefined {
  const match = HOST_PATTERN.exec(pattern.trim().toLowerCase())
  if (!match) return undefined
  const port = match[3] === undefined ? undefined : match[3] === '*' ? '*' : Number(match[3])
  return { wildcard: match[1] !== undefined, host: match[2]!, ...(port !== undefined ? { port } : {}) }
}

function checkHostPatterns(patterns: string[], report: Reporter): string[] {
  patterns.forEach((pattern, i) => {
    const path = ['allowedHosts', i]
    const parsed = parseHostPattern(pattern)
    if (!parsed) {
      const host = hostOfUrl(pattern)
      report.at(path, 'error', 'env-host-pattern', `"${pattern}" is not a host pattern.`,
        host
          ? `Write only the host: "${host}".`
          : 'Write a host ("acme.zendesk.com"), a wildcard over subdomains ("*.zendesk.com"), optionally with ":port" or ":*".')
    } else if (parsed.wildcard && parsed.host.split('.').length < 2) {
      report.at(path, 'error', 'env-host-too-broad', `"${pattern}" would allow a whole top-level domain.`, 'Name the service\'s domain, e.g. "*.zendesk.com".')
    }
  })
  if (patterns.length === 0) {
    report.at(['allowedHosts'], 'warning', 'env-no-hosts', 'No host is allowed: every request from this environment will be refused.')
  }
  return patterns
}

function hostOfUrl(text: string): string | undefined {
  try {
    return new URL(text.includes('://') ? text : `https://${text}`).host || undefined
  } catch {
    return undefined
  }
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]'])

/**
 * Whether a request to `url` may be sent from this environment: HTTPS to a host matching one
 * of `allowedHosts` (plain HTTP only to this machine, for local fakes). A pattern without a
 * port allows only the scheme's default port.
 */
export function hostAllowed(environment: Pick<Environment, 'allowedHosts'>, url: string): boolean {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  const host = parsed.hostname.replace(/\.$/, '')
  const isHttps = parsed.protocol === 'https:'
  if (!isHttps && !(parsed.protocol === 'http:' && LOOPBACK.has(host))) return false
  const defaultPort = isHttps ? 443 : 80
  const port = parsed.port === '' ? defaultPort : Number(parsed.port)
  return environment.allowedHosts.some((text) => {
    const pattern = parseHostPattern(text)
    if (!pattern || (pattern.port !== '*' && (pattern.port ?? defaultPort) !== port)) return false
    return pattern.wildcard ? host.endsWith(`.${pattern.host}`) : host === pattern.host
  })
}

/** Hosts the environment obviously talks to but does not allow: a send there would be refused. */
function checkHostCoverage(environment: Environment, report: Reporter): void {
  const subdomain = environment.variables[KNOWN_VARIABLES.zendeskSubdomain]
  const zendesk = subdomain === undefined || SUBDOMAIN.test(subdomain) ? zendeskApiBase(environment) : environment.variables[KNOWN_VARIABLES.zendeskBaseUrl]
  for (const base of [brazeApiBase(environment), zendesk]) {
    let host: string
    try {
      host = new URL(base ?? '').host
    } catch {
      continue
    }
    if (hostAllowed(environment, `${base}/`)) continue
    report.at(['allowedHosts'], 'warning', 'env-host-not-allowed', `Requests to ${host} will be refused: it is not in "allowedHosts".`,
      `Add "${host}" to "allowedHosts".`)
  }
}

// ---------------------------------------------------------------------------------------------
// Zendesk auth

type RawAuth = z.output<typeof zendeskAuthSchema>

function checkZendeskAuth(auth: RawAuth, environment: Environment, report: Reporter, now: Date): ZendeskAuthConfig | undefined {
  const base = ['zendesk', 'auth']
  const errorsBefore = report.errorCount
  if (!Object.hasOwn(environment.variables, KNOWN_VARIABLES.zendeskSubdomain)) {
    report.at(['zendesk'], 'error', 'env-zendesk-subdomain-missing',
      `Zendesk auth needs the variable "${KNOWN_VARIABLES.zendeskSubdomain}", the account's subdomain (acme1589812345 for acme1589812345.zendesk.com).`,
      undefined, 'key')
  }
  // Every field of every auth type is a string.
  const fields = auth as Record<string, string>
  const secret = (field: string) => checkSecretField(fields, field, base, environment, report)
  const text = (field: string) => resolveTextField(fields, field, base, environment, report)
  let config: ZendeskAuthConfig
  switch (auth.type) {
    case 'api_token': {
      const retirement = apiTokenRetirement(now)
      report.at([...base, 'type'], 'warning', 'zendesk-api-token-retiring', retirement.message, retirement.hint)
      const errorsBeforeEmail = report.errorCount
      const email = text('email')
      if (report.errorCount === errorsBeforeEmail && !/^[^@\s/]+@[^@\s/]+$/.test(email)) {
        report.at([...base, 'email'], 'error', 'env-zendesk-email', `"${email}" is not an email address.`,
          email.endsWith('/token') ? 'Write only the agent\'s email: Hookbench adds "/token" itself.' : 'Use the email of the agent who owns the API token.')
      }
      config = { type: 'api_token', email, token: secret('token') }
      break
    }
    case 'oauth_access_token':
      config = { type: 'oauth_access_token', token: secret('token') }
      break
    case 'oauth_client_credentials':
      checkScope(auth.scope, [...base, 'scope'], report)
      config = { type: 'oauth_client_credentials', clientId: text('clientId'), clientSecret: secret('clientSecret'), scope: auth.scope }
      break
    case 'oauth_refresh':
      config = {
        type: 'oauth_refresh',
        clientId: text('clientId'),
        clientSecret: secret('clientSecret'),
        accessToken: secret('accessToken'),
        refreshToken: secret('refreshToken'),
      }
      if (config.accessToken === config.refreshToken) {
        report.at([...base, 'refreshToken'], 'error', 'env-zendesk-same-secret', 'The access and refresh tokens need two different secrets: each refresh replaces both.')
      }
      break
  }
  return report.errorCount === errorsBefore ? config : undefined
}

/** A field naming a secret: a declared name, never a value or a reference. */
function checkSecretField(auth: Record<string, string>, field: string, base: JsonPath, environment: Environment, report: Reporter): string {
  const value = auth[field]!
  const path = [...base, field]
  const reference = findReferences(value)[0]
  if (looksLikeSecretValue(value)) {
    report.at(path, 'error', 'env-secret-value', `"${field}" holds what looks like a secret value; it must name a secret listed in "secrets".`,
      'Write a secret name such as "zendesk_client_secret", store the value in Hookbench, and rotate the exposed secret.')
  } else if (reference) {
    report.at(path, 'error', 'env-secret-field', `"${field}" names a secret directly: write "${reference.name}", not a reference.`)
  } else if (!environment.secrets.includes(value)) {
    const suggestion = closest(value, environment.secrets)
    report.at(path, 'error', 'env-secret-undeclared', `"${field}" names "${value}", which is not listed in "secrets".`,
      suggestion ? `Did you mean "${suggestion}"?` : `Add "${value}" to "secrets".`)
  }
  return value
}

/** A plain-text field that may use `%{env.…}`; secrets have no place in it. */
function resolveTextField(auth: Record<string, string>, field: string, base: JsonPath, environment: Environment, report: Reporter): string {
  const value = auth[field]!
  const path = [...base, field]
  if (findReferences(value).some((r) => r.kind === 'secret')) {
    report.at(path, 'error', 'env-secret-in-text', `"${field}" is not secret: it may use %{env.…} variables, not %{secret.…}.`)
    return value
  }
  const values: ReferenceValues = { environment: environment.name, env: environment.variables, secretNames: [], secrets: () => undefined }
  const resolved = substituteText(value, values, 'standIn')
  for (const d of resolved.diagnostics) report.at(path, d.severity, d.code, d.message, d.hint)
  return resolved.text
}

/** Zendesk issues a token for a misspelled scope, then answers 403 to every call (zendesk.md §5.5). */
function checkScope(scope: string, path: JsonPath, report: Reporter): void {
  const bad = scope.split(/\s+/).filter((s) => s !== '' && !/^(?:read|write|impersonate|[a-z_]+:(?:read|write))$/.test(s))
  if (scope.trim() === '' || bad.length > 0) {
    report.at(path, 'warning', 'env-zendesk-scope', `"${scope}" does not look like Zendesk scopes${bad.length ? ` (${bad.join(', ')})` : ''}.`,
      'Zendesk accepts a misspelled scope and then refuses every call with 403. Use "read", "write" or "resource:read|write", space-separated.')
  }
}

// ---------------------------------------------------------------------------------------------
// Helpers

const NAME_RULE = 'names use letters, digits and _, and do not start with a digit'

const toName = (text: string) => text.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^(?=\d)/, '_')

/**
 * Secret names are short identifiers; API tokens and keys are long runs of mixed letters and
 * digits (Zendesk: 40 characters), UUIDs (Braze REST keys) or base64.
 */
export function looksLikeSecretValue(text: string): boolean {
  if (text.length < 16 || /\s/.test(text)) return false
  if (!NAME_PATTERN.test(text)) return /[A-Za-z]/.test(text) && /\d/.test(text) && !/^%\{/.test(text)
  if (text.includes('_')) return false
  return text.length >= 32 || (text.length >= 20 && /\d/.test(text) && /[a-z]/.test(text) && /[A-Z]/.test(text))
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`
}

function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  return article(typeof value)
}

/** Collects diagnostics located in the environment file. */
class Reporter {
  private readonly found: Diagnostic[] = []
  private readonly index: LineIndex

  constructor(private readonly source: { path: string; text: string }) {
    this.index = new LineIndex(source.text)
  }

  get diagnostics(): Diagnostic[] {
    return sortDiagnostics(this.found)
  }

  get errorCount(): number {
    return this.found.filter((d) => d.severity === 'error').length
  }

  get hasErrors(): boolean {
    return this.errorCount > 0
  }

  at(path: JsonPath, severity: Severity, code: string, message: string, hint?: string, part: 'key' | 'value' = 'value'): void {
    this.found.push(environmentDiagnostic(this.source, path, severity, code, message, hint, part, this.index))
  }

  atOffset(offset: number, severity: Severity, code: string, message: string): void {
    this.found.push(locate({ severity, code, message, start: offset, file: this.source.path }, this.index))
  }
}

/**
 * A problem at a JSON path of an environment file (its value, or its key), e.g. for the auth
 * service to point at `zendesk.auth.clientSecret`.
 */
export function environmentDiagnostic(
  source: Pick<Environment, 'path' | 'text'>,
  path: JsonPath,
  severity: Severity,
  code: string,
  message: string,
  hint?: string,
  part: 'key' | 'value' = 'value',
  index = new LineIndex(source.text),
): Diagnostic {
  const span = path.length === 0 ? undefined : spanAtPath(source.text, path)
  const at = (part === 'key' ? span?.key : undefined) ?? span?.value ?? { start: 0, end: 1 }
  return locate({ severity, code, message, start: at.start, end: at.end, file: source.path, ...(hint ? { hint } : {}) }, index)
}

/** What templates may refer to in this environment, with secret values from `secrets`. */
export function referenceValues(
  environment: Environment,
  secrets: (name: string) => string | undefined,
  missingSecretHint?: (name: string) => string,
): ReferenceValues {
  return {
    environment: environment.name,
    env: environment.variables,
    secretNames: environment.secrets,
    secrets,
    ...(missingSecretHint ? { missingSecretHint } : {}),
  }
}
