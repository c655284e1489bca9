/**
 * Samples straight from the sandbox: a Braze user by external_id (`POST /users/export/ids`) and a
 * Zendesk ticket by id (the ticket with its users, organization and group, plus its comments),
 * written into the workspace exactly as the file imports would write them.
 */
import { brazeApiBase, hostAllowed, KNOWN_VARIABLES, type Environment } from '../../shared/environment/model.js'
import { maskSecrets } from '../../shared/environment/substitute.js'
import { planBrazeExport } from '../../shared/workspace/imports/brazeExport.js'
import { planZendeskTickets } from '../../shared/workspace/imports/zendeskTickets.js'
import { ServiceError } from './apiDispatch.js'
import { writeImport, type ImportReport } from './imports/index.js'
import type { SecretStore } from './secrets/store.js'
import type { Workspace } from './workspace/index.js'
import { ZendeskAuth } from './zendeskAuth.js'

/** The secret holding the Braze REST API key (it needs the `users.export.ids` permission). */
export const BRAZE_API_KEY_SECRET = 'braze_rest_api_key'

/** Every field `/users/export/ids` documents, so the sample is as complete as the export allows. */
const FIELDS_TO_EXPORT = [
  'apps', 'attributed_campaign', 'attributed_source', 'attributed_adgroup', 'attributed_ad', 'push_subscribe',
  'email_subscribe', 'braze_id', 'country', 'created_at', 'custom_attributes', 'custom_events', 'devices', 'dob', 'email',
  'external_id', 'first_name', 'gender', 'home_city', 'language', 'last_coordinates', 'last_name', 'phone', 'purchases',
  'push_tokens', 'random_bucket', 'time_zone', 'total_revenue', 'uninstalled_at', 'user_aliases',
]

export interface SandboxImportOptions {
  workspace: Workspace
  environment: Environment
  secrets: SecretStore
  /** Where the service answers (tests: a local fake). */
  baseUrl?: string
  fetch?: typeof fetch
  timeoutMs?: number
}

export async function importBrazeUser(externalId: string, options: SandboxImportOptions): Promise<ImportReport> {
  const { environment } = options
  const base = options.baseUrl ?? brazeApiBase(environment)
  if (!base) throw new ServiceError('braze-host-missing', `Environment "${environment.name}" names no Braze instance: set "braze_instance" (or "braze_base_url") in its variables.`)
  const key = await options.secrets.get(BRAZE_API_KEY_SECRET)
  if (!key) throw new ServiceError('secret-not-stored', `No value is stored for the secret "${BRAZE_API_KEY_SECRET}" of environment "${environment.name}".`)
  const url = `${base.replace(/\/+$/, '')}/users/export/ids`
  requireAllowed(environment, url)
  const text = await call(url, {
    method: 'POST',
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ external_ids: [externalId], fields_to_export: FIELDS_TO_EXPORT }),
  }, options, [key])
  const users = (JSON.parse(text) as { users?: unknown[] }).users ?? []
  if (users.length === 0) throw new ServiceError('not-found', `Braze has no user with external_id "${externalId}" in environment "${environment.name}".`, 404)
  return writeImport(options.workspace, planBrazeExport(text, url), url)
}

export async function importZendeskTicket(ticketId: number, options: SandboxImportOptions): Promise<ImportReport> {
  const { environment } = options
  const zendesk = new ZendeskAuth({
    environment,
    secrets: options.secrets,
    ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  })
  const sample = await fetchZendeskTicketSample(zendesk, ticketId, environment, options.timeoutMs)
  const source = `${zendesk.baseUrl}/api/v2/tickets/${ticketId}`
  return writeImport(options.workspace, planZendeskTickets(JSON.stringify(sample, null, 2), source), source)
}

/**
 * A ticket as a sample: the ticket with its users, organization and group, plus its comments
 * and the account's subdomain. Also what a flow run renders its Zendesk template against.
 */
export async function fetchZendeskTicketSample(zendesk: ZendeskAuth, ticketId: number, environment: Environment, timeoutMs = 30_000): Promise<Record<string, unknown>> {
  const get = async (path: string) => {
    const response = await zendesk.fetch(path, { signal: AbortSignal.timeout(timeoutMs) })
    const body = await response.text()
    if (!response.ok) throw new ServiceError('sandbox-error', `Zendesk answered ${response.status} to GET ${path}: ${zendeskError(body)}`, response.status === 404 ? 404 : 502)
    return JSON.parse(body) as Record<string, unknown>
  }
  const ticket = await get(`/api/v2/tickets/${ticketId}.json?include=users,organizations,groups`)
  const { comments } = await get(`/api/v2/tickets/${ticketId}/comments.json`)
  const subdomain = environment.variables[KNOWN_VARIABLES.zendeskSubdomain]
  return { ...ticket, comments, ...(subdomain ? { account: { subdomain } } : {}) }
}

function requireAllowed(environment: Environment, url: string): void {
  if (!hostAllowed(environment, url)) {
    throw new ServiceError('blocked', `${new URL(url).host} is not among the hosts environment "${environment.name}" may send to.`)
  }
}

async function call(url: string, init: RequestInit, options: SandboxImportOptions, secrets: string[]): Promise<string> {
  let response: Response
  try {
    response = await (options.fetch ?? fetch)(url, { ...init, redirect: 'manual', signal: AbortSignal.timeout(options.timeoutMs ?? 30_000) })
  } catch (err) {
    throw new ServiceError('network', `Could not reach ${new URL(url).host}: ${maskSecrets((err as Error).message, secrets)}`, 502)
  }
  const body = await response.text()
  if (!response.ok) {
    const message = (() => {
      try {
        return (JSON.parse(body) as { message?: string }).message ?? body
      } catch {
        return body
      }
    })()
    throw new ServiceError('sandbox-error', `${new URL(url).host} answered ${response.status}: ${maskSecrets(message.slice(0, 300), secrets)}`, 502)
  }
  return body
}

/** Zendesk's error bodies come in several shapes (zendesk.md §5.3). */
export function zendeskError(body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: unknown; description?: unknown; errors?: { title?: string; detail?: string }[] }
    if (typeof parsed.error === 'string') return [parsed.error, parsed.description].filter(Boolean).join(': ')
    if (parsed.error && typeof parsed.error === 'object') {
      const e = parsed.error as { title?: string; message?: string }
      return [e.title, e.message].filter(Boolean).join(': ')
    }
    if (Array.isArray(parsed.errors)) return parsed.errors.map((e) => [e.title, e.detail].filter(Boolean).join(': ')).join('; ')
  } catch {
    // Not JSON: show it as it is.
  }
  return body.slice(0, 300)
}
