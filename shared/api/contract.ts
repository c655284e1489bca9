/**
 * The one contract between the UI and the Node services, whether it travels over Electron IPC
 * (preload ↔ main) or over the local HTTP bridge of browser mode. Every call's input and output
 * is a zod schema: the transport validates input on the service side, so a compromised or buggy
 * renderer cannot make a service read outside the workspace or send where it should not.
 *
 * Secret values travel one way only: `secrets.set` takes a value; nothing returns one.
 */
import { z } from 'zod'

export const itemKind = z.enum(['template', 'braze-user', 'zendesk-ticket', 'content-block', 'environment'])
export type ItemKind = z.infer<typeof itemKind>

export const diagnostic = z.object({
  severity: z.enum(['error', 'warning', 'info']),
  code: z.string(),
  message: z.string(),
  line: z.number().int(),
  column: z.number().int(),
  endLine: z.number().int().optional(),
  endColumn: z.number().int().optional(),
  hint: z.string().optional(),
  file: z.string().optional(),
})
export type ApiDiagnostic = z.infer<typeof diagnostic>

const itemName = z.string().min(1).max(200)

export const workspaceInfo = z.object({ dir: z.string(), name: z.string() })
export type WorkspaceInfo = z.infer<typeof workspaceInfo>

export const workspaceItem = z.object({
  kind: itemKind,
  name: itemName,
  /** Path relative to the workspace, with `/` separators. */
  path: z.string(),
  /** Null when the file could not be read at all. */
  hash: z.string().nullable(),
  /** Set when the file could not be parsed: listed with its problems, never rewritten. */
  diagnostics: z.array(diagnostic),
  /** For templates: the dialect and display name from front matter. */
  dialect: z.enum(['braze', 'zendesk']).optional(),
  title: z.string().optional(),
})
export type WorkspaceItem = z.infer<typeof workspaceItem>

export const itemRef = z.object({ kind: itemKind, name: itemName })

export const renderedRequest = z.object({
  method: z.string(),
  url: z.string(),
  headers: z.record(z.string(), z.string()),
  body: z.string(),
})

export const sendResult = z.object({
  /** The request exactly as sent, with every secret replaced by its stand-in. */
  request: renderedRequest,
  response: z
    .object({
      status: z.number().int(),
      statusText: z.string(),
      headers: z.record(z.string(), z.string()),
      body: z.string(),
      /** True when the body was JSON (then `body` is pretty-printed). */
      json: z.boolean(),
      /** Set for a 3xx: the redirect was reported, not followed. */
      redirectLocation: z.string().optional(),
      truncated: z.boolean(),
    })
    .nullable(),
  /** Why nothing (or no complete response) came back. */
  failure: z
    .object({
      kind: z.enum(['render', 'aborted', 'blocked', 'network', 'timeout', 'too-large', 'cancelled']),
      message: z.string(),
    })
    .nullable(),
  diagnostics: z.array(diagnostic),
  timingMs: z.number(),
  historyId: z.string().nullable(),
  warnings: z.array(z.string()),
})
export type SendResult = z.infer<typeof sendResult>

export const historyEntry = z.object({
  id: z.string(),
  at: z.string(),
  template: z.string(),
  sample: z.string(),
  environment: z.string(),
  result: sendResult,
})
export type HistoryEntry = z.infer<typeof historyEntry>

export const secretStatus = z.object({
  environment: z.string(),
  secrets: z.array(z.object({ name: z.string(), stored: z.boolean() })),
  /** e.g. Linux without a keyring: values are stored but not encrypted. */
  storageWarning: z.string().nullable(),
})

export const appInfo = z.object({
  version: z.string(),
  mode: z.enum(['electron', 'browser']),
  platform: z.string(),
})

export const importReport = z.object({
  created: z.array(z.object({ kind: itemKind, name: z.string(), path: z.string() })),
  skipped: z.array(z.string()),
  warnings: z.array(z.string()),
  errors: z.array(diagnostic),
})
export type ImportSummary = z.infer<typeof importReport>

export const exportTarget = z.enum(['braze', 'braze-api', 'zendesk-webhook', 'zendesk-trigger'])

export const exportResult = z.object({
  target: exportTarget,
  /** Field by field, for people: what goes where in the dashboard. */
  text: z.string(),
  /** The API payload (or the fields) as JSON text. */
  json: z.string(),
  /** The body exactly as the template has it. */
  body: z.string(),
  /** The composer's header rows (Braze) or custom headers (Zendesk), for one copy button each. */
  fields: z.array(z.object({ label: z.string(), value: z.string() })),
  diagnostics: z.array(diagnostic),
  containsSecrets: z.boolean(),
})
export type ExportResult = z.infer<typeof exportResult>

export const deployResult = z.object({
  environment: z.string(),
  webhook: z.object({ id: z.string(), action: z.string() }).optional(),
  trigger: z.object({ id: z.number(), action: z.string() }).optional(),
  recorded: z.boolean(),
  notes: z.array(z.string()),
  warnings: z.array(z.string()),
  diagnostics: z.array(diagnostic),
  failure: z.object({ kind: z.string(), message: z.string() }).optional(),
})

const empty = z.object({})

/** Every call: its input and output schemas. The name is the IPC channel and the HTTP path. */
export const API = {
  'app.info': { input: empty, output: appInfo },
  'workspace.current': { input: empty, output: workspaceInfo.nullable() },
  'workspace.open': { input: z.object({ dir: z.string().min(1) }), output: workspaceInfo },
  'workspace.create': { input: z.object({ dir: z.string().min(1) }), output: workspaceInfo },
  'workspace.list': { input: empty, output: z.array(workspaceItem) },
  'workspace.read': { input: itemRef, output: z.object({ text: z.string(), hash: z.string() }) },
  'workspace.save': {
    input: itemRef.extend({ text: z.string().max(5_000_000), expectedHash: z.string().nullable() }),
    output: z.object({ hash: z.string() }),
  },
  'workspace.add': { input: itemRef.extend({ text: z.string().max(5_000_000) }), output: z.object({ hash: z.string() }) },
  'workspace.rename': { input: itemRef.extend({ newName: itemName }), output: empty },
  'workspace.duplicate': { input: itemRef, output: z.object({ name: itemName }) },
  'workspace.delete': { input: itemRef, output: empty },
  'secrets.status': { input: z.object({ environment: itemName }), output: secretStatus },
  'secrets.set': { input: z.object({ environment: itemName, name: z.string().min(1), value: z.string().min(1) }), output: empty },
  'secrets.delete': { input: z.object({ environment: itemName, name: z.string().min(1) }), output: empty },
  send: {
    input: z.object({
      template: itemName,
      sample: z.object({ name: itemName, label: z.string().optional() }),
      environment: itemName,
      /** Production environments are refused unless the user confirmed this send. */
      confirmProduction: z.boolean().default(false),
    }),
    output: sendResult,
  },
  /** Samples from text in hand: a Braze export, a Zendesk ticket response, a CSV of users. */
  'import.text': {
    input: z.object({ format: z.enum(['braze-export', 'zendesk-tickets', 'users-csv']), text: z.string().max(50_000_000), source: z.string() }),
    output: importReport,
  },
  /** A sample straight from the sandbox: a Braze user by external_id, a Zendesk ticket by id. */
  'import.sandbox': {
    input: z.object({ source: z.enum(['braze-user', 'zendesk-ticket']), id: z.string().min(1), environment: itemName }),
    output: importReport,
  },
  /** Which export targets fit a template (its dialect decides). */
  'export.targets': { input: z.object({ template: itemName }), output: z.array(exportTarget) },
  /**
   * A template in the shape a dashboard or API takes. Secrets are stand-ins unless
   * `includeSecrets`, which the UI asks the user to confirm first.
   */
  'export.run': {
    input: z.object({ template: itemName, target: exportTarget, environment: itemName.nullable(), includeSecrets: z.boolean().default(false) }),
    output: exportResult,
  },
  /** Creates or updates the webhook and trigger of a Zendesk → Braze template in a Zendesk account. */
  'deploy.run': {
    input: z.object({ template: itemName, environment: itemName, confirmProduction: z.boolean().default(false) }),
    output: deployResult,
  },
  /** A template from a webhook that already lives in a dashboard (pasted Braze body or Zendesk trigger JSON). */
  'import.template': {
    input: z.object({
      from: z.enum(['braze', 'zendesk-trigger']),
      text: z.string().max(5_000_000),
      webhookText: z.string().max(5_000_000).optional(),
      name: itemName,
    }),
    output: z.object({ name: itemName, notes: z.array(z.string()) }),
  },
  'history.list': {
    input: z.object({ template: itemName.optional(), limit: z.number().int().min(1).max(1000).default(100) }),
    output: z.array(historyEntry),
  },
} as const

export type ApiName = keyof typeof API
export type ApiInput<N extends ApiName> = z.input<(typeof API)[N]['input']>
export type ApiOutput<N extends ApiName> = z.output<(typeof API)[N]['output']>

/** What the UI calls; both transports implement it. */
export type HookbenchApi = { [N in ApiName]: (input: ApiInput<N>) => Promise<ApiOutput<N>> }

/** An error a service reports to the UI: a message for people, and where it applies. */
export const apiError = z.object({
  code: z.string(),
  message: z.string(),
  diagnostics: z.array(diagnostic).optional(),
})
export type ApiError = z.infer<typeof apiError>
