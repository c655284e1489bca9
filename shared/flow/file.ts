/**
 * Flow files: `flows/NAME.yaml`, one two-way Braze ↔ Zendesk test. They name the Braze →
 * Zendesk template with its sample user and Zendesk environment, optionally what an agent
 * changes on the ticket, the Zendesk → Braze template (its trigger conditions come from its own
 * front matter) with its Braze environment, and what the Braze profile must show at the end:
 *
 *   name: NPS detractor round trip
 *   mode: simulate                 # simulate (Hookbench plays Zendesk's part) | live (deployed)
 *   environment: sandbox           # default for both sides
 *   braze_to_zendesk:
 *     template: nps-detractor-to-zendesk-ticket
 *     sample: cust-10482           # samples/braze-users/NAME.json; NAME#LABEL picks one of a list
 *   agent_update:                  # optional: PUT /api/v2/tickets/{id} as an agent would
 *     status: solved
 *   zendesk_to_braze:
 *     template: solved-ticket-to-braze-users-track
 *   verify:
 *     user: requester-email        # or {external_id: …} or {email: …}; Zendesk placeholders allowed
 *     events: [zendesk_ticket_solved]
 *     attributes: { last_zendesk_ticket_id: "{{ticket.id}}" }
 *     timeout_seconds: 60
 *     interval_seconds: 2
 *   cleanup: true                  # delete the test ticket at the end (never in production)
 *
 * Every problem is located in the file (line and column), like a template's front matter.
 */
import { isMap, isScalar, parseDocument, type Document, type Node } from 'yaml'
import { z } from 'zod'
import { LineIndex, locate, sortDiagnostics, type Diagnostic, type Severity } from '../diagnostics.js'
import { closest } from '../engine/suggest.js'

/** `requester-email` is short for this: the email of the test ticket's requester. */
export const REQUESTER_EMAIL = '{{ticket.requester.email}}'

const STATUSES = ['new', 'open', 'pending', 'hold', 'solved', 'closed'] as const
const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const
const TYPES = ['question', 'incident', 'problem', 'task'] as const

const text = (what = 'text') =>
  z.string({ error: (issue) => (issue.input === undefined ? 'is required' : `must be ${what}`) }).trim().min(1, 'must not be empty')
const enumOf = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { error: `must be one of ${values.join(', ')} (lowercase, as the API takes it)` })
const id = z.union([z.number().int().positive(), z.null()], { error: 'must be a numeric id, or null for none' })

const side = {
  template: text('a template name (templates/NAME.liquid)'),
  /** Overrides the top-level `environment` for this side. */
  environment: text('an environment name (environments/NAME.json)').optional(),
}

/** The ticket fields an agent changes, as `PUT /api/v2/tickets/{id}` takes them (zendesk.md §5.1). */
const agentUpdateSchema = z
  .looseObject({
    status: enumOf(STATUSES).optional(),
    priority: enumOf(PRIORITIES).optional(),
    type: enumOf(TYPES).optional(),
    tags: z.array(z.string()).optional(),
    group_id: id.optional(),
    assignee_id: id.optional(),
    comment: z.strictObject({ body: text(), public: z.boolean().optional() }).optional(),
  })
  .refine((update) => Object.keys(update).length > 0, 'name at least one ticket field to change, e.g. status: solved')

const attributeValue = z.union([z.string(), z.number(), z.boolean(), z.null()], { error: 'must be a text, number, true/false or null' })

const userSchema = z.preprocess(
  (value) => (value === 'requester-email' ? { email: REQUESTER_EMAIL } : value),
  z
    .strictObject(
      { external_id: text().optional(), email: text().optional() },
      { error: 'must be requester-email, {external_id: …} or {email: …}' },
    )
    .refine((user) => (user.external_id === undefined) !== (user.email === undefined), 'name the user by external_id or by email (one of them)'),
)

const verifySchema = z
  .strictObject({
    user: userSchema.default({ email: REQUESTER_EMAIL }),
    events: z.array(text('an event name')).default([]),
    attributes: z.record(z.string(), attributeValue).default({}),
    // /users/track is asynchronous (braze.md §5.2): the profile is looked at again until this long.
    timeout_seconds: z.number().positive().max(600, 'must be at most 600 (10 minutes)').default(60),
    interval_seconds: z.number().positive().max(60, 'must be at most 60').default(2),
  })
  .refine((v) => v.events.length + Object.keys(v.attributes).length > 0, 'name at least one event or attribute to look for')
  .refine((v) => v.interval_seconds <= v.timeout_seconds, { message: 'must not be longer than timeout_seconds', path: ['interval_seconds'] })

const flowSchema = z.strictObject({
  name: z.string().optional(),
  description: z.string().optional(),
  mode: z.enum(['simulate', 'live'], { error: 'must be simulate (Hookbench plays Zendesk) or live (deployed with hookbench deploy)' }).default('simulate'),
  environment: text('an environment name (environments/NAME.json)').optional(),
  braze_to_zendesk: z.strictObject({ ...side, sample: text('a Braze user sample name (samples/braze-users/NAME.json)') }, { error: 'is required: {template, sample, environment}' }),
  agent_update: agentUpdateSchema.optional(),
  zendesk_to_braze: z.strictObject(side, { error: 'is required: {template, environment}' }),
  verify: verifySchema.optional(),
  cleanup: z.boolean().default(true),
})

const KNOWN_KEYS: Record<string, readonly string[]> = {
  '': Object.keys(flowSchema.shape),
  braze_to_zendesk: ['template', 'sample', 'environment'],
  zendesk_to_braze: ['template', 'environment'],
  verify: ['user', 'events', 'attributes', 'timeout_seconds', 'interval_seconds'],
  'verify.user': ['external_id', 'email'],
  'agent_update.comment': ['body', 'public'],
}

export interface FlowSide {
  template: string
  environment: string
  /** Where the environment is written in the file: the side's own key, or the top-level one. */
  environmentPath: string[]
}

export interface FlowVerifySpec {
  /** Either one; may hold Zendesk placeholders, rendered against the test ticket. */
  user: { external_id: string } | { email: string }
  events: string[]
  attributes: Record<string, string | number | boolean | null>
  timeoutMs: number
  intervalMs: number
}

export interface FlowSpec {
  /** The file name without `.yaml`. */
  name: string
  title: string
  description?: string
  mode: 'simulate' | 'live'
  brazeToZendesk: FlowSide & { sample: string; sampleLabel?: string }
  agentUpdate?: Record<string, unknown>
  zendeskToBraze: FlowSide
  verify?: FlowVerifySpec
  cleanup: boolean
}

export interface ParsedFlow {
  path: string
  text: string
  /** Undefined when the file has errors. */
  flow?: FlowSpec
  diagnostics: Diagnostic[]
  /** A problem found later (a template that does not exist …), located at the value (or key) of `path`. */
  diagnosticAt(path: readonly (string | number)[], severity: Severity, code: string, message: string, hint?: string, part?: 'key' | 'value'): Diagnostic
}

/** `flows/nps-round-trip.yaml` → `nps-round-trip`. */
export function flowName(path: string): string {
  return path.replace(/^.*[\\/]/, '').replace(/\.ya?ml$/i, '')
}

export function parseFlowFile(text: string, path: string): ParsedFlow {
  const index = new LineIndex(text)
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true })
  const at = (range: readonly number[] | null | undefined, severity: Severity, code: string, message: string, hint?: string): Diagnostic => {
    const start = range?.[0] ?? 0
    const end = range?.[1] ?? start + 1
    return locate({ severity, code, message, start, end: Math.max(end, start + 1), file: path, ...(hint ? { hint } : {}) }, index)
  }
  const diagnosticAt: ParsedFlow['diagnosticAt'] = (where, severity, code, message, hint, part = 'value') =>
    at(((part === 'key' ? keyNodeAt(doc, where) : undefined) ?? nodeAt(doc, where))?.range, severity, code, message, hint)
  const result = (diagnostics: Diagnostic[], flow?: FlowSpec): ParsedFlow => ({
    path,
    text,
    diagnostics: sortDiagnostics(diagnostics),
    diagnosticAt,
    ...(flow ? { flow } : {}),
  })

  if (doc.errors.length > 0) {
    return result(doc.errors.map((e) => at(e.pos, 'error', 'flow-yaml', `The flow file is not valid YAML: ${e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`)))
  }
  if (!isMap(doc.contents)) {
    return result([at(doc.contents?.range, 'error', 'flow-shape', 'A flow file is a YAML mapping: braze_to_zendesk, zendesk_to_braze, verify …')])
  }
  let data: unknown
  try {
    data = doc.toJS()
  } catch (err) {
    // yaml refuses to expand aliases into an exponential tree.
    return result([at(doc.contents.range, 'error', 'flow-yaml', `The flow file cannot be read: ${(err as Error).message}`)])
  }
  const parsed = flowSchema.safeParse(data)
  if (!parsed.success) return result(parsed.error.issues.flatMap((issue) => issueDiagnostics(issue, diagnosticAt)))

  const spec = parsed.data
  const diagnostics: Diagnostic[] = []
  const environmentOf = (sideName: 'braze_to_zendesk' | 'zendesk_to_braze') => {
    const own = spec[sideName].environment
    const environment = own ?? spec.environment
    if (environment === undefined) {
      diagnostics.push(diagnosticAt([sideName], 'error', 'flow-environment-missing', `${sideName}: name its environment (${sideName}.environment), or one for both sides (environment).`))
    }
    return { environment: environment ?? '', environmentPath: own !== undefined ? [sideName, 'environment'] : ['environment'] }
  }
  const [sample, sampleLabel] = splitLabel(spec.braze_to_zendesk.sample)
  const flow: FlowSpec = {
    name: flowName(path),
    title: spec.name ?? flowName(path),
    ...(spec.description !== undefined ? { description: spec.description } : {}),
    mode: spec.mode,
    brazeToZendesk: { template: spec.braze_to_zendesk.template, ...environmentOf('braze_to_zendesk'), sample, ...(sampleLabel ? { sampleLabel } : {}) },
    ...(spec.agent_update ? { agentUpdate: spec.agent_update } : {}),
    zendeskToBraze: { template: spec.zendesk_to_braze.template, ...environmentOf('zendesk_to_braze') },
    ...(spec.verify ? { verify: verifySpec(spec.verify) } : {}),
    cleanup: spec.cleanup,
  }
  if (spec.mode === 'live' && spec.agent_update === undefined && spec.verify === undefined) {
    diagnostics.push(diagnosticAt(['mode'], 'warning', 'flow-live-unverified', 'A live flow without verify only creates a ticket: nothing checks that Zendesk called Braze.'))
  }
  return diagnostics.some((d) => d.severity === 'error') ? result(diagnostics) : result(diagnostics, flow)
}

function verifySpec(verify: z.output<typeof verifySchema>): FlowVerifySpec {
  const user = verify.user.external_id !== undefined ? { external_id: verify.user.external_id } : { email: verify.user.email! }
  return {
    user,
    events: verify.events,
    attributes: verify.attributes,
    timeoutMs: Math.round(verify.timeout_seconds * 1000),
    intervalMs: Math.round(verify.interval_seconds * 1000),
  }
}

/** `detractors#user-1002` → the sample file `detractors`, the record labelled `user-1002`. */
function splitLabel(reference: string): [string, string | undefined] {
  const hash = reference.lastIndexOf('#')
  return hash > 0 ? [reference.slice(0, hash), reference.slice(hash + 1)] : [reference, undefined]
}

function issueDiagnostics(issue: z.core.$ZodIssue, diagnosticAt: ParsedFlow['diagnosticAt']): Diagnostic[] {
  const path = issue.path as (string | number)[]
  const where = path.join('.')
  if (issue.code === 'unrecognized_keys') {
    const known = KNOWN_KEYS[where] ?? []
    return issue.keys.map((key) => {
      const suggestion = closest(key, known)
      return diagnosticAt([...path, key], 'error', 'flow-unknown-key', `Unknown key \`${where ? `${where}.` : ''}${key}\`.`,
        suggestion ? `Did you mean \`${suggestion}\`?` : known.length > 0 ? `Known keys: ${known.join(', ')}.` : undefined, 'key')
    })
  }
  return [diagnosticAt(path, 'error', 'flow-invalid', `${where || 'The flow file'}: ${issue.message}`)]
}

/** The key of the entry at `path` (for an unknown key, the key is what is wrong). */
function keyNodeAt(doc: Document, path: readonly (string | number)[]): Node | undefined {
  const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true)
  if (!isMap(parent)) return undefined
  const pair = parent.items.find((p) => isScalar(p.key) && String(p.key.value) === String(path.at(-1)))
  return pair && isScalar(pair.key) ? pair.key : undefined
}

/** The node at `path`, or its nearest ancestor that exists (a missing key is reported where it belongs). */
function nodeAt(doc: Document, path: readonly (string | number)[]): Node | undefined {
  for (let length = path.length; length > 0; length--) {
    const node = doc.getIn(path.slice(0, length), true)
    if (node && typeof node === 'object' && (isScalar(node) || 'range' in node)) return node as Node
  }
  return (doc.contents as Node | null) ?? undefined
}
