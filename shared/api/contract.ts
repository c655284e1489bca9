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

// ---------------------------------------------------------------------------------------------
// Flow runs (flows/NAME.yaml): the whole two-way Braze ↔ Zendesk integration tested in one run,
// step by step. Each step keeps its HTTP exchanges (secrets masked, as sends show them), its
// timing, and in plain words what it found or why it failed.

export const flowMode = z.enum(['simulate', 'live'])
export type FlowMode = z.infer<typeof flowMode>

/** Every step a run can have, in the order they run (a run has the ones its flow and mode need). */
export const FLOW_STEP_IDS = [
  'check-deployment',
  'render-braze',
  'braze-baseline',
  'create-ticket',
  'fetch-ticket',
  'update-ticket',
  'save-sample',
  'evaluate-trigger',
  'render-zendesk',
  'deliver-webhook',
  'verify-braze',
  'cleanup',
] as const
export const flowStepId = z.enum(FLOW_STEP_IDS)
export type FlowStepId = z.infer<typeof flowStepId>

export const flowStepStatus = z.enum(['pending', 'running', 'passed', 'failed', 'skipped'])
export type FlowStepStatus = z.infer<typeof flowStepStatus>

/** One HTTP exchange of a step, as a send records it: secrets masked or shown as stand-ins. */
export const flowExchange = z.object({
  /** What it was for, e.g. "Create the ticket" or "GET /api/v2/tickets/7.json". */
  label: z.string(),
  at: z.string(),
  request: renderedRequest,
  response: sendResult.shape.response,
  failure: sendResult.shape.failure,
  timingMs: z.number(),
})
export type FlowExchange = z.infer<typeof flowExchange>

const conditionValue = z.union([z.string(), z.number(), z.boolean(), z.null()])

/** One trigger condition checked against one ticket update. */
export const triggerConditionResult = z.object({
  list: z.enum(['all', 'any']),
  field: z.string(),
  operator: z.string(),
  value: conditionValue.optional(),
  /** Null when Hookbench cannot tell (a field or operator it does not model). */
  met: z.boolean().nullable(),
  /** Plain words: what the ticket had, and so whether the condition holds. */
  explanation: z.string(),
  /** Set when Hookbench's reading of this field or operator is UNCONFIRMED. */
  unconfirmed: z.string().optional(),
})
export type TriggerConditionResult = z.infer<typeof triggerConditionResult>

/** Would Zendesk fire the trigger on this update (ticket created, or changed by the agent)? */
export const triggerEvaluation = z.object({
  update: z.enum(['Create', 'Change']),
  /** Null when an unmodelled condition decides it. */
  fires: z.boolean().nullable(),
  conditions: z.array(triggerConditionResult),
  /** Plain words: why it fires, or the condition that stops it. */
  summary: z.string(),
})
export type TriggerEvaluationResult = z.infer<typeof triggerEvaluation>

/** What the last look at the Braze profile showed, expectation by expectation. */
export const flowVerification = z.object({
  /** How the profile was looked up: `{external_id}` or `{email}`. */
  user: z.record(z.string(), z.string()),
  met: z.boolean(),
  attempts: z.number().int(),
  findings: z.array(
    z.object({
      kind: z.enum(['event', 'attribute']),
      name: z.string(),
      met: z.boolean(),
      /** Plain words: what was expected and what the profile showed. */
      seen: z.string(),
    }),
  ),
})
export type FlowVerification = z.infer<typeof flowVerification>

export const flowStep = z.object({
  id: flowStepId,
  title: z.string(),
  status: flowStepStatus,
  /** Plain words: what a passed step found, or why a step failed or was skipped. */
  summary: z.string().nullable(),
  startedAt: z.string().nullable(),
  durationMs: z.number().nullable(),
  exchanges: z.array(flowExchange),
  /** Problems located in the template (or flow file) they come from (`file` set). */
  diagnostics: z.array(diagnostic),
  warnings: z.array(z.string()),
})
export type FlowStep = z.infer<typeof flowStep>

/** What a run was asked to do beyond the flow file; kept so the run can be repeated as it was. */
export const flowRunOptions = z.object({
  /** Keep the test ticket (no clean-up). */
  keep: z.boolean().default(false),
  /** Save the ticket the Zendesk template was rendered against as this Zendesk ticket sample. */
  saveSample: itemName.optional(),
  /** Production environments are refused unless the user confirmed this run. */
  confirmProduction: z.boolean().default(false),
})
export type FlowRunOptions = z.output<typeof flowRunOptions>

export const flowRun = z.object({
  id: z.string(),
  /** The flow's name (`flows/NAME.yaml`). */
  flow: z.string(),
  title: z.string(),
  mode: flowMode,
  options: flowRunOptions,
  status: z.enum(['running', 'passed', 'failed']),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  durationMs: z.number().nullable(),
  /** The step that failed, and why, in plain words. */
  failure: z.object({ step: flowStepId, reason: z.string() }).nullable(),
  steps: z.array(flowStep),
  /** The test ticket, once created. */
  ticket: z.object({ id: z.number().int(), url: z.string().nullable(), deleted: z.boolean() }).nullable(),
  /** Simulate mode: the trigger checked on each update the run made. */
  trigger: z.array(triggerEvaluation),
  verification: flowVerification.nullable(),
  savedSample: z.object({ name: z.string(), path: z.string() }).nullable(),
  warnings: z.array(z.string()),
  /** Set once the run is in the history. */
  historyId: z.string().nullable(),
})
export type FlowRun = z.infer<typeof flowRun>

/** Progress of a run, step by step, for a view that shows it live. */
export const flowEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('run-started'), run: flowRun }),
  z.object({ type: z.literal('step-started'), runId: z.string(), step: flowStep }),
  z.object({ type: z.literal('step-finished'), runId: z.string(), step: flowStep }),
  z.object({ type: z.literal('run-finished'), run: flowRun }),
])
export type FlowEvent = z.infer<typeof flowEvent>

/** A flow file as listed: what it connects, the steps a run will take, and its problems. */
export const flowSummary = z.object({
  name: itemName,
  /** Relative to the workspace, `/`-separated. */
  path: z.string(),
  hash: z.string().nullable(),
  title: z.string(),
  description: z.string().optional(),
  mode: flowMode.optional(),
  brazeTemplate: z.string().optional(),
  zendeskTemplate: z.string().optional(),
  /** The steps a run takes with default options (empty while the file has errors). */
  steps: z.array(z.object({ id: flowStepId, title: z.string() })),
  diagnostics: z.array(diagnostic),
})
export type FlowSummary = z.infer<typeof flowSummary>

/**
 * A flow run in the history: one line, beside the send entries. Those have no `kind` (the
 * first format), so `kind` tells the two apart and `historyEntry` stays as it was.
 */
export const flowHistoryEntry = z.object({
  kind: z.literal('flow'),
  id: z.string(),
  at: z.string(),
  flow: z.string(),
  run: flowRun,
})
export type FlowHistoryEntry = z.infer<typeof flowHistoryEntry>

/** What `flow.run` and `flow.start` take: the flow (`flows/NAME.yaml`) and the run's options. */
export const flowRunInput = flowRunOptions.extend({ name: itemName })

/** A background run's events since the last look, and the run once it is done. */
export const flowProgress = z.object({
  events: z.array(flowEvent),
  done: z.boolean(),
  run: flowRun.nullable(),
  /** Set when the run broke off with an error of Hookbench's own (not a failed step). */
  error: z.string().nullable(),
})
export type FlowProgress = z.infer<typeof flowProgress>

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
      /** The environment the webhook came from: its variables' values become %{env.…} references again. */
      environment: itemName.optional(),
      /**
       * zendesk-trigger: record the trigger's and webhook's ids as deployed to `environment`, so a
       * deploy updates them instead of creating copies.
       */
      adopt: z.boolean().default(false),
      /** braze: what a pasted composer body does not say (they win over what the pasted text says). */
      url: z.string().min(1).max(10_000).optional(),
      method: z.string().min(1).max(16).optional(),
      headers: z.array(z.object({ key: z.string().min(1), value: z.string() })).max(100).optional(),
    }),
    output: z.object({ name: itemName, notes: z.array(z.string()) }),
  },
  'history.list': {
    input: z.object({ template: itemName.optional(), limit: z.number().int().min(1).max(1000).default(100) }),
    output: z.array(historyEntry),
  },
  /** The workspace's flows (flows/NAME.yaml): what each connects, the steps a run takes, problems. */
  'flow.list': { input: empty, output: z.array(flowSummary) },
  /** One flow file: its text (to show or edit elsewhere) and its summary. */
  'flow.read': { input: z.object({ name: itemName }), output: z.object({ text: z.string(), hash: z.string(), summary: flowSummary }) },
  /** Runs a flow to the end and gives the whole run, kept in the history as one entry. */
  'flow.run': { input: flowRunInput, output: flowRun },
  /** Starts a run and answers at once with its id; `flow.progress` then gives its events as they happen. */
  'flow.start': { input: flowRunInput, output: z.object({ runId: z.string() }) },
  /** The events of a started run after the first `after` (the count already seen), and the run once done. */
  'flow.progress': { input: z.object({ runId: z.string().min(1), after: z.number().int().min(0).default(0) }), output: flowProgress },
  /** Stops a started run between steps; its ticket is still cleaned up. */
  'flow.cancel': { input: z.object({ runId: z.string().min(1) }), output: z.object({ cancelled: z.boolean() }) },
  /** Runs again, with the options it had, the flow of a run in the history. */
  'flow.rerun': { input: z.object({ historyId: z.string().min(1) }), output: flowRun },
  /** Flow runs in the history, newest first. */
  'flow.history': {
    input: z.object({ flow: itemName.optional(), limit: z.number().int().min(1).max(200).default(20) }),
    output: z.array(flowHistoryEntry),
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
