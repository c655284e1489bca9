/**
 * Names found in the workspace's samples, for completion: the custom attributes and trigger
 * properties Braze users carry, the custom ticket, user and organization fields Zendesk
 * tickets carry.
 */
import type { SampleKind } from './items.js'

export const BRAZE_SAMPLE_NAMESPACES = [
  'custom_attribute',
  'event_properties',
  'context',
  'canvas_entry_properties',
  'api_trigger_properties',
] as const
export type BrazeSampleNamespace = (typeof BRAZE_SAMPLE_NAMESPACES)[number]

/** Where each namespace's values sit in a user sample. */
const SAMPLE_FIELD: Record<BrazeSampleNamespace, string> = {
  custom_attribute: 'custom_attributes',
  event_properties: 'event_properties',
  context: 'context',
  canvas_entry_properties: 'canvas_entry_properties',
  api_trigger_properties: 'api_trigger_properties',
}

export interface TicketField {
  id: number
  title?: string
}

export interface SampleFacts {
  braze: Record<BrazeSampleNamespace, string[]>
  zendesk: { ticketFields: TicketField[]; userFields: string[]; organizationFields: string[] }
}

export const NO_FACTS: SampleFacts = {
  braze: { custom_attribute: [], event_properties: [], context: [], canvas_entry_properties: [], api_trigger_properties: [] },
  zendesk: { ticketFields: [], userFields: [], organizationFields: [] },
}

type Record_ = Record<string, unknown>
const isRecord = (v: unknown): v is Record_ => typeof v === 'object' && v !== null && !Array.isArray(v)
const records = (v: unknown): Record_[] => (Array.isArray(v) ? v.filter(isRecord) : [])

export function collectFacts(samples: readonly { kind: SampleKind; data: Record_ }[]): SampleFacts {
  const braze = Object.fromEntries(BRAZE_SAMPLE_NAMESPACES.map((n) => [n, new Set<string>()])) as Record<BrazeSampleNamespace, Set<string>>
  const ticketFields = new Map<number, TicketField>()
  const userFields = new Set<string>()
  const organizationFields = new Set<string>()
  for (const { kind, data } of samples) {
    if (kind === 'braze-user') {
      for (const ns of BRAZE_SAMPLE_NAMESPACES) {
        const values = data[SAMPLE_FIELD[ns]]
        if (isRecord(values)) for (const key of Object.keys(values)) braze[ns].add(key)
      }
      continue
    }
    const ticket = isRecord(data.ticket) ? data.ticket : {}
    for (const field of records(ticket.custom_fields)) {
      if (typeof field.id === 'number' && !ticketFields.has(field.id)) ticketFields.set(field.id, { id: field.id })
    }
    for (const field of records(data.ticket_fields)) {
      if (typeof field.id !== 'number') continue
      const title = typeof field.title === 'string' ? field.title : undefined
      ticketFields.set(field.id, title === undefined ? { id: field.id } : { id: field.id, title })
    }
    for (const user of records(data.users)) if (isRecord(user.user_fields)) for (const k of Object.keys(user.user_fields)) userFields.add(k)
    for (const org of records(data.organizations)) {
      if (isRecord(org.organization_fields)) for (const k of Object.keys(org.organization_fields)) organizationFields.add(k)
    }
  }
  const sorted = (set: Set<string>) => [...set].sort()
  return {
    braze: Object.fromEntries(BRAZE_SAMPLE_NAMESPACES.map((n) => [n, sorted(braze[n])])) as Record<BrazeSampleNamespace, string[]>,
    zendesk: {
      ticketFields: [...ticketFields.values()].sort((a, b) => a.id - b.id),
      userFields: sorted(userFields),
      organizationFields: sorted(organizationFields),
    },
  }
}
