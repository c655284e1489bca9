/**
 * "Create in sandbox": a Zendesk → Braze template becomes a webhook and the trigger that calls
 * it, in the Zendesk account of an environment, through the API (zendesk.md §3.2, §4).
 *
 * - The payloads are the exports (`shared/export`) with real secret values: the webhook must
 *   authenticate to Braze with the real REST API key.
 * - Nothing is sent when the template has errors, to a production environment without
 *   confirmation, or when the webhook's endpoint is not a host the environment allows (it would
 *   hand the key to that host).
 * - The ids Zendesk returns are recorded in the template's front matter, per environment, so the
 *   next deploy updates both instead of creating duplicates. A recorded webhook or trigger that
 *   is gone (404) is created anew, and the result says so. Whatever was created is recorded even
 *   when a later step fails, so a retry never duplicates it.
 */
import type { Diagnostic } from '../../../shared/diagnostics.js'
import { hostAllowed, referenceValues, type Environment } from '../../../shared/environment/model.js'
import { maskSecrets } from '../../../shared/environment/substitute.js'
import {
  deployedIdsFor,
  exportZendeskTrigger,
  exportZendeskWebhook,
  zendeskAccount,
  type ExportSample,
  type ZendeskTriggerPayload,
  type ZendeskWebhookPayload,
} from '../../../shared/export/index.js'
import type { CompileOptions } from '../../../shared/render/compile.js'
import { parseTemplateFile, type DeployedIds } from '../../../shared/template/file.js'
import { loadSecretValues, type SecretStore } from '../secrets/store.js'
import { ZendeskAuth, ZendeskAuthError } from '../zendeskAuth.js'
import { recordDeployedIds } from './recordIds.js'
import { ZendeskApiError, ZendeskDeployApi, type Upsert } from './zendeskApi.js'

export interface DeployInput {
  /** The template file; the ids are recorded into it. */
  path: string
  /** Its text as read. */
  text: string
  environment: Environment
  /** This environment's secrets. */
  secrets: SecretStore
  confirmProduction?: boolean
  /** Samples to check the body against before anything is created. */
  samples?: readonly ExportSample[]
  compile?: CompileOptions
  /** Where the environment's Zendesk account answers (tests: a local fake). */
  zendeskBaseUrl?: string
  fetch?: typeof fetch
  now?: Date
  /** How a missing secret is stored, for the message (the CLI reads environment variables). */
  missingSecretHint?: (name: string) => string
}

export type DeployAction = 'created' | 'updated' | 'recreated'

export interface DeployResult {
  environment: string
  webhook?: { id: string; action: DeployAction }
  trigger?: { id: number; action: DeployAction }
  /** Whether the template's front matter now holds the ids. */
  recorded: boolean
  /** What happened beyond creating and updating, in plain words. */
  notes: string[]
  warnings: string[]
  /** The template's problems (and the environment's, when the cause lies there). */
  diagnostics: Diagnostic[]
  failure?: { kind: 'refused' | 'template' | 'zendesk' | 'record'; message: string }
}

export async function deployTemplate(input: DeployInput): Promise<DeployResult> {
  const { environment } = input
  const result: DeployResult = { environment: environment.name, recorded: false, notes: [], warnings: [], diagnostics: [] }
  const fail = (kind: NonNullable<DeployResult['failure']>['kind'], message: string): DeployResult => ({ ...result, failure: { kind, message } })

  const file = parseTemplateFile(input.text, input.path)
  if (file.meta.dialect !== 'zendesk') {
    return fail('refused', 'Only Zendesk → Braze templates are deployed: a Braze webhook lives in a Braze campaign or Canvas. Export it with --for braze and paste it into the webhook composer.')
  }
  if (environment.kind === 'production' && !input.confirmProduction) {
    return fail('refused', `"${environment.name}" is a production environment: confirm to create the webhook and trigger there (--yes-production).`)
  }

  const secretValues = await loadSecretValues(input.secrets, environment.secrets)
  const values = referenceValues(environment, (name) => secretValues.get(name), input.missingSecretHint)
  const mask = (text: string) => maskSecrets(text, [...secretValues.values()])
  const account = zendeskAccount(values)
  const recorded = deployedIdsFor(file, environment.name, account)
  if (recorded.note) result.notes.push(recorded.note)

  const options = { values, includeSecrets: true, ...(input.now ? { now: input.now } : {}), ...(input.compile ? { compile: input.compile } : {}) }
  const webhookExport = exportZendeskWebhook(file, { ...options, samples: input.samples ?? [] })
  // The webhook id is filled in once Zendesk has given it; the samples were rendered once, above.
  const triggerExport = exportZendeskTrigger(file, { ...options, webhookId: '' })
  result.diagnostics = mergeDiagnostics(webhookExport.diagnostics, triggerExport.diagnostics)
  const firstError = result.diagnostics.find((d) => d.severity === 'error')
  if (firstError) {
    return fail('template', `Nothing was deployed: the template has errors (line ${firstError.line}, column ${firstError.column}: ${firstError.message}).`)
  }
  const webhookPayload = webhookExport.value.api
  const endpoint = webhookPayload.webhook.endpoint
  if (!hostAllowed(environment, endpoint)) {
    return fail('refused', `The webhook would send its credentials to ${hostOf(endpoint)}, which is not among the hosts environment "${environment.name}" allows (allowedHosts: ${environment.allowedHosts.join(', ') || 'none'}).`)
  }

  let zendesk: ZendeskAuth
  try {
    zendesk = new ZendeskAuth({
      environment,
      secrets: input.secrets,
      ...(input.zendeskBaseUrl ? { baseUrl: input.zendeskBaseUrl } : {}),
      ...(input.fetch ? { fetch: input.fetch } : {}),
      ...(input.now ? { now: () => input.now!.getTime() } : {}),
    })
  } catch (err) {
    if (err instanceof ZendeskAuthError) return fail('refused', err.message)
    throw err
  }
  result.warnings.push(...zendesk.warnings())
  const api = new ZendeskDeployApi(zendesk, mask)
  const ids: DeployedIds = { ...(account !== undefined ? { account } : {}), ...recorded.ids }
  try {
    result.webhook = await upsertWebhook(api, recorded.ids?.webhookId, webhookPayload, result.notes)
    ids.webhookId = result.webhook.id
    const triggerPayload = withWebhook(triggerExport.value.api, result.webhook.id)
    result.trigger = await upsertTrigger(api, recorded.ids?.triggerId, triggerPayload, result.notes)
    ids.triggerId = result.trigger.id
  } catch (err) {
    if (!(err instanceof ZendeskApiError || err instanceof ZendeskAuthError)) throw err
    result.failure = { kind: 'zendesk', message: mask(err.message) }
    if (err instanceof ZendeskAuthError && err.diagnostic) result.diagnostics.push(err.diagnostic)
  }
  return record(input, result, recorded.ids, ids)
}

async function upsertWebhook(api: ZendeskDeployApi, id: string | undefined, payload: ZendeskWebhookPayload, notes: string[]) {
  return upsert(id, (known) => api.replaceWebhook(known, payload), () => api.createWebhook(payload), notes, 'webhook')
}

async function upsertTrigger(api: ZendeskDeployApi, id: number | undefined, payload: ZendeskTriggerPayload, notes: string[]) {
  return upsert(id, (known) => api.updateTrigger(known, payload), () => api.createTrigger(payload), notes, 'trigger')
}

/** Update what was recorded; create it when nothing was, or when it is gone from Zendesk. */
async function upsert<Id extends string | number>(
  recorded: Id | undefined,
  update: (id: Id) => Promise<Upsert<Id>>,
  create: () => Promise<Id>,
  notes: string[],
  what: string,
): Promise<{ id: Id; action: DeployAction }> {
  if (recorded === undefined) return { id: await create(), action: 'created' }
  const updated = await update(recorded)
  if ('id' in updated) return { id: updated.id, action: 'updated' }
  const id = await create()
  notes.push(`The ${what} ${recorded} recorded in the template no longer exists in Zendesk (404): created a new one, ${id}.`)
  return { id, action: 'recreated' }
}

function withWebhook(payload: ZendeskTriggerPayload, webhookId: string): ZendeskTriggerPayload {
  const [action] = payload.trigger.actions
  return { trigger: { ...payload.trigger, actions: [{ ...action, value: [webhookId, action.value[1]] }] } }
}

/** Records the ids when they differ from what the template holds; says how to do it by hand if it cannot. */
async function record(input: DeployInput, result: DeployResult, before: DeployedIds | undefined, ids: DeployedIds): Promise<DeployResult> {
  if (ids.webhookId === undefined && ids.triggerId === undefined) return result
  const unchanged = before !== undefined && before.webhookId === ids.webhookId && before.triggerId === ids.triggerId && before.account === ids.account
  if (unchanged) return { ...result, recorded: true }
  const written = await recordDeployedIds(input.path, input.environment.name, ids)
  if (written.recorded) {
    if (written.reformatted) result.notes.push('The front matter was rewritten to record the ids; check its formatting.')
    return { ...result, recorded: true }
  }
  const byHand = `zendesk.deployed.${input.environment.name}: webhook_id ${ids.webhookId ?? '(none)'}, trigger_id ${ids.triggerId ?? '(none)'}`
  const message = `${written.message} Record the ids by hand, or the next deploy creates duplicates: ${byHand}.`
  return { ...result, ...(result.failure ? { notes: [...result.notes, message] } : { failure: { kind: 'record', message } }) }
}

function mergeDiagnostics(...lists: Diagnostic[][]): Diagnostic[] {
  const seen = new Set<string>()
  const out: Diagnostic[] = []
  for (const d of lists.flat()) {
    const key = `${d.file ?? ''}:${d.line}:${d.column}:${d.code}:${d.message}`
    if (seen.has(key)) continue
    seen.add(key)
    out.push(d)
  }
  return out
}

function hostOf(url: string): string {
  try {
    return new URL(url).host
  } catch {
    return `"${url}"`
  }
}
