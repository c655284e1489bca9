/**
 * Send = render with the environment, run the checks, then the HTTP request, exactly once.
 *
 * The template is rendered twice from the same sample: with real secret values (what goes on the
 * wire) and with stand-ins (what is shown, logged and kept in history). Nothing is sent when the
 * render has errors, when `abort_message` fires (Braze would not send either), when the URL's
 * host is not one the environment allows, or to a production environment without confirmation.
 */
import type { SendResult } from '../../shared/api/contract.js'
import type { Diagnostic } from '../../shared/diagnostics.js'
import { hostAllowed, referenceValues, zendeskApiBase, type Environment } from '../../shared/environment/model.js'
import { maskSecrets, secretEnvVarName } from '../../shared/environment/substitute.js'
import { apiTokenRetirement, canRenew, saysTokenInvalid } from '../../shared/environment/zendeskAuth.js'
import type { CompileOptions } from '../../shared/render/compile.js'
import { parseJson } from '../../shared/render/json.js'
import { prepareTemplate } from '../../shared/render/prepare.js'
import { renderTemplate, type RenderResult } from '../../shared/render/render.js'
import type { TemplateFile } from '../../shared/template/file.js'
import { exchange, type ExchangeOptions, type ExchangeOutcome } from './exchange.js'
import { loadSecretValues, type SecretStore } from './secrets/store.js'
import { ZendeskAuth } from './zendeskAuth.js'

export interface SendInput {
  file: TemplateFile
  sample: unknown
  environment: Environment
  /** This environment's secrets. */
  secrets: SecretStore
  confirmProduction?: boolean
  /** Render and check everything, but send nothing. */
  dryRun?: boolean
  compile?: CompileOptions
  exchange?: ExchangeOptions
  now?: Date
  /** Where the environment's Zendesk account answers (tests: a local fake). */
  zendeskBaseUrl?: string
  /** How a missing secret is stored, for the message (the CLI reads environment variables). */
  missingSecretHint?: (name: string) => string
}

export interface SendOutcome {
  result: Omit<SendResult, 'historyId'>
  /** Every secret value involved, to mask anything else derived from this send. */
  secretValues: string[]
}

export async function sendTemplate(input: SendInput): Promise<SendOutcome> {
  const { environment } = input
  const warnings = authWarnings(environment, input.now)
  let secretValues = await loadSecretValues(input.secrets, environment.secrets)
  const values = () => [...secretValues.values()]
  const render = (mode: 'real' | 'standIn') => {
    const lookup = (name: string) => secretValues.get(name)
    const refs = referenceValues(environment, lookup, input.missingSecretHint)
    const compiled = prepareTemplate(input.file, refs, mode, input.compile)
    const now = input.now ? { now: input.now } : {}
    if (mode === 'standIn') return renderTemplate(compiled, input.sample, now)
    // The stand-in render runs the JSON and payload checks for display; the real one needs them
    // only to locate a problem, when a value breaks the JSON.
    const real = renderTemplate(compiled, input.sample, { ...now, checkJson: false })
    const broken = compiled.lintOptions.jsonBody && !real.aborted && real.request.body.trim() !== '' && !parseJson(real.request.body).ok
    return broken ? renderTemplate(compiled, input.sample, now) : real
  }
  // What is shown, logged and stored: the stand-in render, with errors only the real values cause
  // (a missing secret, JSON broken by a value) added, masked.
  const shownWith = (real: RenderResult): RenderResult => {
    const shown = render('standIn')
    const seen = new Set(shown.diagnostics.map(diagnosticKey))
    for (const d of real.diagnostics) {
      if (d.severity === 'error' && !seen.has(diagnosticKey(d))) shown.diagnostics.push({ ...d, message: maskSecrets(d.message, values()) })
    }
    return shown
  }
  const finish = (shown: RenderResult, outcome: ExchangeOutcome): SendOutcome => ({
    result: { request: shown.request, ...maskOutcome(outcome, values()), diagnostics: shown.diagnostics, warnings },
    secretValues: values(),
  })
  const refuse = (real: RenderResult, kind: NonNullable<SendResult['failure']>['kind'], message: string) =>
    finish(shownWith(real), { response: null, failure: { kind, message }, timingMs: 0 })

  const real = render('real')
  if (real.aborted) return refuse(real, 'aborted', `abort_message fired: ${real.aborted.reason ?? '{% abort_message %} called'}. Braze would not send this message.`)
  const firstError = real.diagnostics.find((d) => d.severity === 'error')
  if (firstError) {
    const where = `line ${firstError.line}, column ${firstError.column}: ${maskSecrets(firstError.message, values())}`
    return refuse(real, 'render', `Not sent: the template has errors (${where}).`)
  }
  const urlProblem = checkUrl(real.request.url, environment)
  if (urlProblem) return refuse(real, 'blocked', urlProblem)
  if (input.dryRun) return finish(shownWith(real), { response: null, failure: null, timingMs: 0 })
  if (environment.kind === 'production' && !input.confirmProduction) {
    return refuse(real, 'blocked', `"${environment.name}" is a production environment: confirm to send to it.`)
  }

  // The request goes out first; the stand-in render for display runs while the answer travels.
  const pending = exchange(real.request, input.exchange)
  const shown = await new Promise<RenderResult>((done) => setImmediate(() => done(shownWith(real))))
  let outcome = await pending
  if (await renewedZendeskToken(input, real, outcome)) {
    secretValues = await loadSecretValues(input.secrets, environment.secrets)
    outcome = await exchange(render('real').request, input.exchange)
    warnings.push('The Zendesk access token had expired; Hookbench renewed it and sent again.')
  }
  if (outcome.response?.status === 429) warnings.push(rateLimitWarning(outcome))
  return finish(shown, outcome)
}

const diagnosticKey = (d: Diagnostic) => `${d.severity}:${d.file ?? ''}:${d.line}:${d.column}:${d.code}`

/** Hints for the CLI: where a missing secret comes from. */
export function envVarSecretHint(name: string): string {
  return `Set it in the environment: export ${secretEnvVarName(name)}=…`
}

function checkUrl(url: string, environment: Environment): string | undefined {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return `The rendered URL is not a valid URL: "${url}".`
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return `Only http and https URLs can be sent: "${url}".`
  // Braze sends webhooks and Connected Content on ports 80 and 443 only (braze.md §3.1, §4.1).
  if (!hostAllowed(environment, url)) {
    return `${parsed.host} is not among the hosts environment "${environment.name}" may send to (allowedHosts: ${environment.allowedHosts.join(', ') || 'none'}).`
  }
  return undefined
}

function authWarnings(environment: Environment, now: Date | undefined): string[] {
  return environment.zendesk?.auth.type === 'api_token' ? [apiTokenRetirement(now ?? new Date()).message] : []
}

/**
 * A 401 from the environment's own Zendesk account saying the OAuth token is invalid: renew it
 * (the secret store then holds the new one) so the caller can render and send once more.
 */
async function renewedZendeskToken(input: SendInput, sent: RenderResult, outcome: ExchangeOutcome): Promise<boolean> {
  const auth = input.environment.zendesk?.auth
  const response = outcome.response
  if (!auth || !canRenew(auth) || !response || response.status !== 401) return false
  if (!saysTokenInvalid(response.status, response.headers['www-authenticate'] ?? null, response.body)) return false
  const base = input.zendeskBaseUrl ?? zendeskApiBase(input.environment)
  if (!base || new URL(sent.request.url).origin !== new URL(base).origin) return false
  const zendesk = new ZendeskAuth({ environment: input.environment, secrets: input.secrets, baseUrl: base })
  await zendesk.renew()
  return true
}

function rateLimitWarning(outcome: ExchangeOutcome): string {
  const retryAfter = outcome.response?.headers['retry-after']
  return retryAfter ? `Rate limited (429): the service asks to retry after ${retryAfter} s.` : 'Rate limited (429).'
}

function maskOutcome(outcome: ExchangeOutcome, secretValues: string[]): ExchangeOutcome {
  if (!outcome.response) return { ...outcome, failure: outcome.failure && { ...outcome.failure, message: maskSecrets(outcome.failure.message, secretValues) } }
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(outcome.response.headers)) headers[name] = maskSecrets(value, secretValues)
  return { ...outcome, response: { ...outcome.response, headers, body: maskSecrets(outcome.response.body, secretValues) } }
}
