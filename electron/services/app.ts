/**
 * The API contract implemented over the Node services: one object that Electron IPC and the
 * browser-mode bridge both serve. It holds the open workspace and remembers the last one.
 */
import { randomUUID } from 'node:crypto'
import { mkdir, readFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import type { ItemKind, SendResult } from '../../shared/api/contract.js'
import { parseEnvironment, referenceValues, type Environment } from '../../shared/environment/model.js'
import { maskSecrets } from '../../shared/environment/substitute.js'
import { loadSamples } from '../../shared/samples/load.js'
import { parseTemplateFile } from '../../shared/template/file.js'
import { LOCAL_DIR } from '../../shared/workspace/layout.js'
import { writeFileAtomic } from './fs/atomicWrite.js'
import { ServiceError, type ApiHandlers } from './apiDispatch.js'
import type { ExchangeOptions } from './exchange.js'
import { HistoryStore } from './history.js'
import { importText, type ImportReport } from './imports/index.js'
import { importBrazeUser, importZendeskTicket } from './sandboxImport.js'
import { scopedSecretStore, type SecretStore } from './secrets/store.js'
import { sendTemplate } from './sender.js'
import { deployTemplate } from './deploy/index.js'
import { flowApiHandlers } from './flow/api.js'
import { exportFields, exportTargetsFor, exportTemplate, importBrazeWebhook, importZendeskTrigger, jsonText, type ExportSample } from '../../shared/export/index.js'
import { loadSecretValues } from './secrets/store.js'
import { createWorkspace, isWorkspaceError, openWorkspace, type Workspace } from './workspace/index.js'

export interface AppServiceOptions {
  mode: 'electron' | 'browser'
  version: string
  /** Settings (last workspace) live here, outside any workspace. */
  userDataDir: string
  /** The app-wide secret store; scoped per workspace and environment here. */
  secrets: SecretStore & { storageWarning?(): string | undefined }
  /** Open this workspace at start instead of the last one. */
  workspaceDir?: string
  exchange?: ExchangeOptions
}

export interface AppServices {
  handlers: ApiHandlers
}

interface OpenWorkspace {
  workspace: Workspace
  id: string
  history: HistoryStore
  /** Secret values seen by sends: history masks every one of them, whatever wrote the line. */
  knownSecrets: Set<string>
}

export function createAppServices(options: AppServiceOptions): AppServices {
  let current: OpenWorkspace | undefined
  const settingsFile = join(options.userDataDir, 'settings.json')

  async function open(dir: string): Promise<OpenWorkspace> {
    const workspace = await guard(() => openWorkspace(dir))
    const id = await workspaceId(workspace.root)
    await current?.history.close()
    const knownSecrets = new Set<string>()
    const history = new HistoryStore(workspace.root, (text) => maskSecrets(text, [...knownSecrets]))
    current = { workspace, id, history, knownSecrets }
    await mkdir(options.userDataDir, { recursive: true })
    await writeFileAtomic(settingsFile, JSON.stringify({ lastWorkspace: workspace.root }, null, 2))
    return current
  }

  async function active(): Promise<OpenWorkspace> {
    if (current) return current
    const initial = options.workspaceDir ?? (await lastWorkspace(settingsFile))
    if (initial) {
      try {
        return await open(initial)
      } catch {
        // The last workspace moved or was deleted: the user picks another.
      }
    }
    throw new ServiceError('no-workspace', 'No workspace is open: open or create one first.', 409)
  }

  const info = (w: OpenWorkspace) => ({ dir: w.workspace.root, name: basename(w.workspace.root) })

  async function environment(w: OpenWorkspace, name: string): Promise<Environment> {
    const { text, path } = await guard(() => w.workspace.read('environment', name))
    const parsed = parseEnvironment(text, path)
    if (!parsed.environment) {
      throw new ServiceError('environment-invalid', `Environment "${name}" has errors; fix them first.`, 400, parsed.diagnostics)
    }
    return parsed.environment
  }

  const secretsOf = (w: OpenWorkspace, env: string) => scopedSecretStore(options.secrets, { workspaceId: w.id, environment: env })

  /** Every sample of the template's dialect, to check a body for all of them before it is handed over. */
  async function samplesFor(w: OpenWorkspace, kind: ItemKind): Promise<ExportSample[]> {
    const listing = await w.workspace.list()
    const samples: ExportSample[] = []
    for (const item of listing[kind]) {
      if (item.hash === null || item.diagnostics.length > 0) continue
      const { text, path } = await w.workspace.read(kind, item.name)
      samples.push(...loadSamples(text, path, kind as 'braze-user' | 'zendesk-ticket').samples.map((s) => ({ label: s.label, data: s.data })))
    }
    return samples
  }

  async function readTemplate(w: OpenWorkspace, name: string) {
    const template = await guard(() => w.workspace.read('template', name))
    return { ...template, file: parseTemplateFile(template.text, template.path) }
  }

  async function send(input: Parameters<ApiHandlers['send']>[0]): Promise<SendResult> {
    const w = await active()
    const template = await guard(() => w.workspace.read('template', input.template))
    const file = parseTemplateFile(template.text, template.path)
    const kind: ItemKind = file.meta.dialect === 'braze' ? 'braze-user' : 'zendesk-ticket'
    const sampleItem = await guard(() => w.workspace.read(kind, input.sample.name))
    const samples = loadSamples(sampleItem.text, sampleItem.path, kind)
    const sample = input.sample.label ? samples.samples.find((s) => s.label === input.sample.label) : samples.samples[0]
    if (!sample) {
      throw new ServiceError('sample-invalid', `Sample "${input.sample.name}" has no usable ${input.sample.label ?? 'record'}.`, 400, samples.diagnostics)
    }
    const env = await environment(w, input.environment)
    const secrets = secretsOf(w, input.environment)
    const blocks = await contentBlocks(w.workspace)
    const { result, secretValues } = await sendTemplate({
      file,
      sample: sample.data,
      environment: env,
      secrets,
      confirmProduction: input.confirmProduction,
      compile: { contentBlocks: (name) => blocks.get(name) },
      ...(options.exchange ? { exchange: options.exchange } : {}),
    })
    for (const value of secretValues) w.knownSecrets.add(value)
    const entry = await w.history.append({
      template: input.template,
      sample: input.sample.label ? `${input.sample.name}#${input.sample.label}` : input.sample.name,
      environment: input.environment,
      result: { ...result, historyId: null },
    })
    return { ...result, historyId: entry.id }
  }

  const handlers: ApiHandlers = {
    'app.info': async () => ({ version: options.version, mode: options.mode, platform: process.platform }),
    'workspace.current': async () => {
      try {
        return info(await active())
      } catch (err) {
        if (err instanceof ServiceError && err.code === 'no-workspace') return null
        throw err
      }
    },
    'workspace.open': async ({ dir }) => info(await open(dir)),
    'workspace.create': async ({ dir }) => {
      await guard(() => createWorkspace(dir))
      return info(await open(dir))
    },
    'workspace.list': async () => {
      const listing = await (await active()).workspace.list()
      return Object.values(listing).flat()
    },
    'workspace.read': async ({ kind, name }) => {
      const { text, hash } = await guard(async () => (await active()).workspace.read(kind, name))
      return { text, hash }
    },
    'workspace.save': async ({ kind, name, text, expectedHash }) => {
      const w = (await active()).workspace
      const saved = await guard(() => (expectedHash === null ? w.create(kind, name, text) : w.save(kind, name, text, expectedHash)))
      return { hash: saved.hash }
    },
    'workspace.add': async ({ kind, name, text }) => ({ hash: (await guard(async () => (await active()).workspace.create(kind, name, text))).hash }),
    'workspace.rename': async ({ kind, name, newName }) => {
      await guard(async () => (await active()).workspace.rename(kind, name, newName))
      return {}
    },
    'workspace.duplicate': async ({ kind, name }) => ({ name: (await guard(async () => (await active()).workspace.duplicate(kind, name))).name }),
    'workspace.delete': async ({ kind, name }) => {
      await guard(async () => (await active()).workspace.delete(kind, name))
      return {}
    },
    'secrets.status': async ({ environment: name }) => {
      const w = await active()
      const env = await environment(w, name)
      const stored = new Set(await secretsOf(w, name).list())
      return {
        environment: name,
        secrets: env.secrets.map((secret) => ({ name: secret, stored: stored.has(secret) })),
        storageWarning: options.secrets.storageWarning?.() ?? null,
      }
    },
    'secrets.set': async ({ environment: name, name: secret, value }) => {
      const w = await active()
      const env = await environment(w, name)
      if (!env.secrets.includes(secret)) {
        throw new ServiceError('secret-undeclared', `Environment "${name}" does not declare a secret "${secret}": add it to its "secrets" list first.`)
      }
      await secretsOf(w, name).set(secret, value)
      return {}
    },
    'secrets.delete': async ({ environment: name, name: secret }) => {
      const w = await active()
      await secretsOf(w, name).delete(secret)
      return {}
    },
    send,
    'import.text': async ({ format, text, source }) => summarize(await importText((await active()).workspace, format, text, source)),
    'import.sandbox': async ({ source, id, environment: name }) => {
      const w = await active()
      const sandbox = { workspace: w.workspace, environment: await environment(w, name), secrets: secretsOf(w, name) }
      if (source === 'braze-user') return summarize(await importBrazeUser(id, sandbox))
      if (!/^\d+$/.test(id)) throw new ServiceError('invalid-input', `A Zendesk ticket id is a number, not "${id}".`)
      return summarize(await importZendeskTicket(Number(id), sandbox))
    },
    'export.targets': async ({ template }) => exportTargetsFor((await readTemplate(await active(), template)).file),
    'export.run': async ({ template, target, environment: name, includeSecrets }) => {
      const w = await active()
      const { file } = await readTemplate(w, template)
      if (!exportTargetsFor(file).includes(target)) throw new ServiceError('invalid-input', `A ${file.meta.dialect} template is not exported for ${target}.`)
      const env = name === null ? null : await environment(w, name)
      const secrets = env && includeSecrets ? await loadSecretValues(secretsOf(w, env.name), env.secrets) : new Map<string, string>()
      const blocks = await contentBlocks(w.workspace)
      const doc = exportTemplate(target, file, {
        values: env ? referenceValues(env, (secret) => secrets.get(secret)) : null,
        includeSecrets,
        samples: await samplesFor(w, file.meta.dialect === 'braze' ? 'braze-user' : 'zendesk-ticket'),
        compile: { contentBlocks: (block) => blocks.get(block) },
      })
      return {
        target,
        text: doc.text,
        json: jsonText(doc.json),
        body: doc.body,
        fields: exportFields(doc),
        diagnostics: doc.diagnostics,
        containsSecrets: doc.containsSecrets,
      }
    },
    'deploy.run': async ({ template, environment: name, confirmProduction }) => {
      const w = await active()
      const { text, path } = await readTemplate(w, template)
      const env = await environment(w, name)
      const blocks = await contentBlocks(w.workspace)
      const result = await deployTemplate({
        path: w.workspace.absolute({ kind: 'template', name: template, path }),
        text,
        environment: env,
        secrets: secretsOf(w, name),
        confirmProduction,
        samples: await samplesFor(w, 'zendesk-ticket'),
        compile: { contentBlocks: (block) => blocks.get(block) },
      })
      return result
    },
    'import.template': async ({ from, text, webhookText, name, environment: envName, adopt, url, method, headers }) => {
      const w = await active()
      if (adopt && (from !== 'zendesk-trigger' || !envName)) {
        throw new ServiceError('invalid-input', 'Only a Zendesk trigger can be adopted, and only for the environment whose account holds it.', 400)
      }
      if (from !== 'braze' && (url !== undefined || method !== undefined || headers !== undefined)) {
        throw new ServiceError('invalid-input', "URL, method and headers are given for a Braze webhook; a trigger's come with its webhook JSON.", 400)
      }
      const env = envName ? await environment(w, envName) : undefined
      const values = env ? { env: env.variables } : {}
      const outcome =
        from === 'braze'
          ? importBrazeWebhook({
              pasted: { text, path: 'pasted Braze webhook' },
              name,
              ...values,
              ...(url !== undefined ? { url } : {}),
              ...(method !== undefined ? { method } : {}),
              ...(headers !== undefined ? { headers } : {}),
            })
          : importZendeskTrigger({
              trigger: { text, path: 'pasted Zendesk trigger' },
              ...(webhookText ? { webhook: { text: webhookText, path: 'pasted Zendesk webhook' } } : {}),
              name,
              ...values,
              ...(adopt && env ? { deployedTo: env } : {}),
            })
      if (!outcome.ok) throw new ServiceError('import-invalid', 'The pasted text could not be read as a webhook.', 400, outcome.diagnostics)
      await guard(() => w.workspace.create('template', name, outcome.text))
      return { name, notes: outcome.notes.map((n) => n.message) }
    },
    'history.list': async ({ template, limit }) => {
      const { entries } = await (await active()).history.list({ ...(template ? { template } : {}), limit })
      return entries
    },
    // Flow runs: the whole Braze ↔ Zendesk round trip of flows/NAME.yaml (electron/services/flow).
    ...flowApiHandlers(
      async () => {
        const w = await active()
        return {
          workspace: w.workspace,
          history: w.history,
          secretsFor: (env) => secretsOf(w, env),
          rememberSecrets: (values) => values.forEach((value) => w.knownSecrets.add(value)),
          contentBlocks: async () => {
            const blocks = await contentBlocks(w.workspace)
            return (name) => blocks.get(name)
          },
        }
      },
      options.exchange ? { exchange: options.exchange } : {},
    ),
  }

  return { handlers }
}

function summarize(report: ImportReport) {
  const note = (n: { origin: string; line?: number; message: string }) => `${n.origin}${n.line ? ` (line ${n.line})` : ''}: ${n.message}`
  return {
    created: report.created.map((c) => ({ kind: c.kind, name: c.name, path: c.path })),
    skipped: report.skipped.map(note),
    warnings: report.warnings.map(note),
    errors: report.errors,
  }
}

/** Content blocks of the workspace by name, for compiling templates that include them. */
export async function contentBlocks(workspace: Workspace): Promise<Map<string, { text: string; file: string }>> {
  const listing = await workspace.list()
  const blocks = new Map<string, { text: string; file: string }>()
  for (const item of listing['content-block']) {
    if (item.hash === null) continue
    const { text, path } = await workspace.read('content-block', item.name)
    blocks.set(item.name, { text, file: path })
  }
  return blocks
}

/**
 * A workspace's secrets are keyed by an id kept in its git-ignored `.hookbench/` folder, not by
 * its path: moving the folder keeps them, and a fresh clone starts without anyone's secrets.
 */
async function workspaceId(root: string): Promise<string> {
  const file = join(root, LOCAL_DIR, 'workspace-id')
  try {
    const id = (await readFile(file, 'utf8')).trim()
    if (id) return id
  } catch {
    // First open on this machine.
  }
  const id = randomUUID()
  await mkdir(join(root, LOCAL_DIR), { recursive: true })
  await writeFileAtomic(file, id)
  return id
}

async function lastWorkspace(settingsFile: string): Promise<string | undefined> {
  try {
    const settings = JSON.parse(await readFile(settingsFile, 'utf8')) as { lastWorkspace?: unknown }
    return typeof settings.lastWorkspace === 'string' ? settings.lastWorkspace : undefined
  } catch {
    return undefined
  }
}

const STATUS: Record<string, number> = { conflict: 409, 'not-found': 404, exists: 409 }

/** Workspace refusals become API errors with their own code and message. */
async function guard<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (err) {
    if (isWorkspaceError(err)) throw new ServiceError(err.code, err.message, STATUS[err.code] ?? 400)
    throw err
  }
}
