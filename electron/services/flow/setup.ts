/**
 * Before a run sends anything: everything the flow file names is found and checked, and every
 * problem reported at once, located in the flow file (the template that does not exist, the
 * environment with errors …). A run either starts with all it needs, or does not start.
 */
import type { FlowRunOptions } from '../../../shared/api/contract.js'
import { sortDiagnostics, type Diagnostic } from '../../../shared/diagnostics.js'
import { closest } from '../../../shared/engine/suggest.js'
import { brazeApiBase, parseEnvironment, referenceValues, type Environment } from '../../../shared/environment/model.js'
import { deployedIdsFor, exportZendeskWebhook, resolveConditions, zendeskAccount, type TriggerConditions } from '../../../shared/export/index.js'
import type { FlowSpec, ParsedFlow } from '../../../shared/flow/file.js'
import type { ContentBlockSource } from '../../../shared/render/compile.js'
import { loadSamples } from '../../../shared/samples/load.js'
import { parseTemplateFile, type DeployedIds, type TemplateFile } from '../../../shared/template/file.js'
import { nameKey, nameProblem, type ItemKind } from '../../../shared/workspace/layout.js'
import type { SecretStore } from '../secrets/store.js'
import { isWorkspaceError, type ItemContent, type Workspace } from '../workspace/index.js'
import type { RequestFormat } from './zendeskDelivery.js'

/** Why a flow cannot start: `invalid` input (exit 2), or `refused` for safety (exit 1). */
export class FlowSetupError extends Error {
  override readonly name = 'FlowSetupError'

  constructor(
    message: string,
    readonly kind: 'invalid' | 'refused',
    readonly diagnostics: Diagnostic[] = [],
  ) {
    super(message)
  }
}

export interface FlowSetupInput {
  workspace: Workspace
  /** A flow file without errors. */
  parsed: ParsedFlow & { flow: FlowSpec }
  options: FlowRunOptions
  /** The secret store of one environment. */
  secretsFor(environment: string): SecretStore
  contentBlocks?: (name: string) => ContentBlockSource | undefined
  /** Where the Zendesk API answers (tests: a local fake); default the environment's. */
  zendeskBaseUrl?: string
  /** Where the Braze REST API answers; default the environment's (`braze_base_url`, else `https://<braze_rest_host>`). */
  brazeBaseUrl?: string
}

export interface TemplateInUse {
  name: string
  /** Relative to the workspace, for locating problems. */
  path: string
  file: TemplateFile
}

export interface SideSetup {
  environment: Environment
  secrets: SecretStore
  baseUrl?: string
}

export interface FlowSetup {
  parsed: ParsedFlow
  flow: FlowSpec
  options: FlowRunOptions
  brazeTemplate: TemplateInUse
  zendeskTemplate: TemplateInUse
  sample: { name: string; label: string; data: Record<string, unknown> }
  zendesk: SideSetup
  braze: SideSetup
  contentBlocks: (name: string) => ContentBlockSource | undefined
  /** The trigger's conditions from the Zendesk template's front matter (simulate mode). */
  conditions?: TriggerConditions
  /** What `hookbench deploy` recorded for the Zendesk environment. */
  deployed?: DeployedIds
  /** How Zendesk sends the webhook (from the template, as the webhook export reads it). */
  webhook: { method: string; format: RequestFormat }
  workspace: Workspace
}

type Path = (string | number)[]

export async function setUpFlow(input: FlowSetupInput): Promise<FlowSetup> {
  const { workspace, parsed, options } = input
  const { flow } = parsed
  const problems: Diagnostic[] = []
  const problem = (path: Path, code: string, message: string, hint?: string) => problems.push(parsed.diagnosticAt(path, 'error', code, message, hint))
  const names = async (kind: ItemKind) => (await workspace.list())[kind].map((item) => item.name)

  const envPath = (side: 'braze_to_zendesk' | 'zendesk_to_braze'): Path => (side === 'braze_to_zendesk' ? flow.brazeToZendesk : flow.zendeskToBraze).environmentPath

  /** An item the flow names; a missing one is reported where the flow names it, with the name it probably meant. */
  async function readItem(kind: ItemKind, name: string, where: Path, code: string, missing: string): Promise<ItemContent | undefined> {
    try {
      return await workspace.read(kind, name)
    } catch (err) {
      if (!isWorkspaceError(err)) throw err
      const suggestion = err.code === 'not-found' ? closest(name, await names(kind)) : undefined
      problem(where, code, err.code === 'not-found' ? missing : err.message, suggestion ? `Did you mean "${suggestion}"?` : undefined)
      return undefined
    }
  }

  async function template(side: 'braze_to_zendesk' | 'zendesk_to_braze', name: string, dialect: 'braze' | 'zendesk'): Promise<TemplateInUse | undefined> {
    const where = [side, 'template']
    const item = await readItem('template', name, where, 'flow-template-missing', `No template "${name}" in templates/.`)
    if (!item) return undefined
    const file = parseTemplateFile(item.text, item.path)
    if (file.meta.dialect !== dialect) {
      problem(where, 'flow-template-dialect', `${item.path} is a ${file.meta.dialect} template; ${side} takes a ${dialect === 'braze' ? 'Braze → Zendesk (dialect: braze)' : 'Zendesk → Braze (dialect: zendesk)'} template.`)
      return undefined
    }
    return { name, path: item.path, file }
  }

  async function environment(side: 'braze_to_zendesk' | 'zendesk_to_braze', name: string): Promise<Environment | undefined> {
    const item = await readItem('environment', name, envPath(side), 'flow-environment-missing', `No environment "${name}" in environments/.`)
    if (!item) return undefined
    const env = parseEnvironment(item.text, item.path)
    if (!env.environment) {
      problems.push(...env.diagnostics.filter((d) => d.severity === 'error'))
      problem(envPath(side), 'flow-environment-invalid', `Environment "${name}" has errors (${item.path}); fix them first.`)
    }
    return env.environment
  }

  async function sample(): Promise<FlowSetup['sample'] | undefined> {
    const { sample: name, sampleLabel } = flow.brazeToZendesk
    const where = ['braze_to_zendesk', 'sample']
    const item = await readItem('braze-user', name, where, 'flow-sample-missing', `No Braze user sample "${name}" in samples/braze-users/.`)
    if (!item) return undefined
    const load = loadSamples(item.text, item.path, 'braze-user')
    problems.push(...load.diagnostics.filter((d) => d.severity === 'error'))
    const picked = sampleLabel === undefined ? load.samples[0] : load.samples.find((s) => s.label === sampleLabel)
    if (!picked) {
      problem(where, 'flow-sample-missing', sampleLabel === undefined ? `${item.path} holds no usable Braze user.` : `${item.path} has no user "${sampleLabel}"; it holds ${load.samples.map((s) => s.label).join(', ') || 'none'}.`)
      return undefined
    }
    return { name, label: picked.label, data: picked.data }
  }

  const brazeTemplate = await template('braze_to_zendesk', flow.brazeToZendesk.template, 'braze')
  const zendeskTemplate = await template('zendesk_to_braze', flow.zendeskToBraze.template, 'zendesk')
  const user = await sample()
  const zendeskEnv = await environment('braze_to_zendesk', flow.brazeToZendesk.environment)
  const brazeEnv = flow.zendeskToBraze.environment === flow.brazeToZendesk.environment ? zendeskEnv : await environment('zendesk_to_braze', flow.zendeskToBraze.environment)

  if (zendeskEnv && !zendeskEnv.zendesk) {
    problem(envPath('braze_to_zendesk'), 'flow-zendesk-auth-missing', `Environment "${zendeskEnv.name}" has no Zendesk API auth ("zendesk": {"auth": …}): a flow reads, changes and deletes its test ticket through the API.`,
      'Add "zendesk": {"auth": {"type": "oauth_client_credentials", …}} to the environment file.')
  }
  const brazeBaseUrl = input.brazeBaseUrl ?? (brazeEnv ? brazeApiBase(brazeEnv) : undefined)
  if (flow.verify && brazeEnv && !brazeBaseUrl) {
    problem(envPath('zendesk_to_braze'), 'flow-braze-host-missing', `Environment "${brazeEnv.name}" names no Braze instance: set "braze_instance" in its variables, so the profile can be looked up.`)
  }

  let conditions: TriggerConditions | undefined
  let deployed: DeployedIds | undefined
  let webhook: FlowSetup['webhook'] = { method: 'POST', format: 'json' }
  if (zendeskTemplate && zendeskEnv) {
    const spec = zendeskTemplate.file.meta.zendesk?.trigger?.conditions
    if (spec) conditions = resolveConditions(spec)
    else if (flow.mode === 'simulate') {
      problem(['zendesk_to_braze', 'template'], 'flow-trigger-conditions-missing', `${zendeskTemplate.path} names no trigger conditions (zendesk.trigger.conditions in its front matter): simulate mode needs them to tell whether Zendesk would call the webhook.`,
        'Add e.g. zendesk: {trigger: {conditions: status-solved}} to the template\'s front matter.')
    }
    const values = referenceValues(zendeskEnv, () => undefined)
    const recorded = deployedIdsFor(zendeskTemplate.file, zendeskEnv.name, zendeskAccount(values))
    deployed = recorded.ids
    if (flow.mode === 'live' && (deployed?.webhookId === undefined || deployed.triggerId === undefined)) {
      problem(['mode'], 'flow-not-deployed', `Live mode needs the webhook and trigger of ${zendeskTemplate.path} deployed to "${zendeskEnv.name}"${recorded.note ? `: ${recorded.note}` : ', and none is recorded in its front matter.'}`,
        `Run: hookbench deploy ${zendeskTemplate.path} --env ${zendeskEnv.name}`)
    }
    const api = exportZendeskWebhook(zendeskTemplate.file, { values }).value.api.webhook
    webhook = { method: api.http_method, format: api.request_format }
  }

  if (problems.some((d) => d.severity === 'error')) {
    throw new FlowSetupError(`The flow ${flow.name} cannot run: ${problems.length} problem${problems.length === 1 ? '' : 's'}.`, 'invalid', sortDiagnostics(problems))
  }
  if (options.saveSample !== undefined) await checkSampleName(workspace, options.saveSample)
  const production = [zendeskEnv!, brazeEnv!].filter((env) => env.kind === 'production')
  if (production.length > 0 && !options.confirmProduction) {
    throw new FlowSetupError(`"${production[0]!.name}" is a production environment: confirm to run the flow against it (--yes-production). Test tickets are never deleted there.`, 'refused')
  }
  return {
    parsed,
    flow,
    options,
    brazeTemplate: brazeTemplate!,
    zendeskTemplate: zendeskTemplate!,
    sample: user!,
    zendesk: { environment: zendeskEnv!, secrets: input.secretsFor(zendeskEnv!.name), ...(input.zendeskBaseUrl ? { baseUrl: input.zendeskBaseUrl } : {}) },
    braze: { environment: brazeEnv!, secrets: input.secretsFor(brazeEnv!.name), ...(brazeBaseUrl ? { baseUrl: brazeBaseUrl } : {}) },
    contentBlocks: input.contentBlocks ?? (() => undefined),
    ...(conditions ? { conditions } : {}),
    ...(deployed ? { deployed } : {}),
    webhook,
    workspace,
  }
}

/** `--save-sample NAME` must be a new Zendesk ticket sample: checked before any ticket exists. */
async function checkSampleName(workspace: Workspace, name: string): Promise<void> {
  const unfit = nameProblem('zendesk-ticket', name)
  if (unfit) throw new FlowSetupError(`--save-sample: ${unfit}.`, 'invalid')
  const taken = (await workspace.list())['zendesk-ticket'].find((item) => nameKey(item.name) === nameKey(name))
  if (taken) throw new FlowSetupError(`--save-sample: the Zendesk ticket sample "${taken.name}" exists already (${taken.path}); pick another name.`, 'invalid')
}
