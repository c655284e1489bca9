/**
 * Reading sample files. They hold what the real APIs return, so an export can be used as is:
 * - Braze: one user object, or a whole `/users/export/ids` response (`{"users": [...]}`).
 * - Zendesk: one `GET /tickets/{id}.json?include=…` response (`{"ticket": …, "users": …}`), or a
 *   list response (`{"tickets": [...], "users": [...], …}`), one sample per ticket.
 * Every problem names the file, line and column.
 */
import { z } from 'zod'
import { LineIndex, locate, type Diagnostic, type OffsetDiagnostic } from '../diagnostics.js'
import { parseJson, spanAtPath } from '../render/json.js'

export type SampleKind = 'braze-user' | 'zendesk-ticket'

export interface LoadedSample {
  /** A human name: the user's external_id or email, the ticket's id. */
  label: string
  data: Record<string, unknown>
}

export interface SampleLoad {
  samples: LoadedSample[]
  diagnostics: Diagnostic[]
}

const object = z.record(z.string(), z.unknown())
const canned = z.object({ status: z.number().int().min(100).max(599).optional(), headers: z.record(z.string(), z.string()).optional(), body: z.unknown() })

const brazeUser = z.looseObject({
  external_id: z.string().nullish(),
  braze_id: z.string().nullish(),
  email: z.string().nullish(),
  custom_attributes: object.optional(),
  event_properties: object.optional(),
  canvas_entry_properties: object.optional(),
  context: object.optional(),
  api_trigger_properties: object.optional(),
  campaign: object.optional(),
  canvas: object.optional(),
  devices: z.array(object).optional(),
  apps: z.array(object).optional(),
  connected_content: z.record(z.string(), canned).optional(),
  catalogs: z.record(z.string(), z.array(object)).optional(),
})

const withId = z.looseObject({ id: z.number() })
const zendeskTicket = z.looseObject({
  ticket: z.looseObject({ id: z.number().optional() }),
  users: z.array(withId).optional(),
  organizations: z.array(withId).optional(),
  groups: z.array(withId).optional(),
  comments: z.array(object).optional(),
  current_user_id: z.number().optional(),
  account: object.optional(),
  ticket_fields: z.array(object).optional(),
})

export function loadSamples(text: string, path: string, kind: SampleKind): SampleLoad {
  const index = new LineIndex(text)
  const fail = (d: OffsetDiagnostic): SampleLoad => ({ samples: [], diagnostics: [locate({ ...d, file: path }, index)] })
  const parsed = parseJson(text)
  if (!parsed.ok) {
    return fail({ severity: 'error', code: 'sample-json', message: `Sample is not valid JSON: ${parsed.error.message}.`, start: parsed.error.offset })
  }
  const root = parsed.value
  if (root === null || typeof root !== 'object' || Array.isArray(root)) {
    return fail({ severity: 'error', code: 'sample-shape', message: 'A sample file holds one JSON object.', start: 0 })
  }
  const record = root as Record<string, unknown>
  const wrongKind = kind === 'braze-user' ? 'ticket' in record || 'tickets' in record : 'users' in record && !('ticket' in record || 'tickets' in record)
  if (wrongKind) {
    const [is, wants] = kind === 'braze-user' ? ['a Zendesk ticket', 'Braze'] : ['a Braze user export', 'Zendesk']
    return fail({ severity: 'error', code: 'sample-kind', message: `This sample is ${is}, but the template is ${wants}: pick a ${wants} sample.`, start: 0 })
  }
  const entries = kind === 'braze-user' ? brazeEntries(record) : zendeskEntries(record)
  const samples: LoadedSample[] = []
  const diagnostics: Diagnostic[] = []
  for (const { data, pathOf } of entries) {
    const schema = kind === 'braze-user' ? brazeUser : zendeskTicket
    const result = schema.safeParse(data)
    if (!result.success) {
      for (const issue of result.error.issues) {
        const fullPath = pathOf(issue.path as (string | number)[])
        const span = spanAtPath(text, fullPath)
        diagnostics.push(
          locate(
            {
              severity: 'error',
              code: 'sample-invalid',
              message: `${fullPath.join('.')}: ${issue.message}`,
              start: span?.value.start ?? 0,
              end: span?.value.end ?? 1,
              file: path,
            },
            index,
          ),
        )
      }
      continue
    }
    samples.push({ label: labelOf(kind, data, samples.length), data })
  }
  return { samples, diagnostics }
}

type JsonPath = (string | number)[]

/** One sample of a file, and where a path inside it lies in the file. */
interface Entry {
  data: Record<string, unknown>
  pathOf(path: JsonPath): JsonPath
}

function brazeEntries(record: Record<string, unknown>): Entry[] {
  if (!Array.isArray(record.users)) return [{ data: record, pathOf: (p) => p }]
  return record.users.map((u, i) => ({ data: u as Record<string, unknown>, pathOf: (p) => ['users', i, ...p] }))
}

function zendeskEntries(record: Record<string, unknown>): Entry[] {
  if (!Array.isArray(record.tickets)) return [{ data: record, pathOf: (p) => p }]
  const { tickets, ...sideloads } = record
  // Each ticket shares the response's sideloaded users, organizations and groups.
  return (tickets as unknown[]).map((ticket, i) => ({
    data: { ...sideloads, ticket },
    pathOf: (p) => (p[0] === 'ticket' ? ['tickets', i, ...p.slice(1)] : p),
  }))
}

function labelOf(kind: SampleKind, data: Record<string, unknown>, index: number): string {
  if (kind === 'zendesk-ticket') {
    const id = (data.ticket as { id?: unknown }).id
    return id === undefined ? `ticket #${index + 1}` : `ticket ${String(id)}`
  }
  const name = data.external_id ?? data.email ?? data.braze_id
  return typeof name === 'string' && name !== '' ? name : `user #${index + 1}`
}
