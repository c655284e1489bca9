/**
 * Contracts of the payload checks: which API a rendered request targets and what is
 * wrong with its JSON body. Issues carry JSON paths, not positions; the engine maps each
 * path to the place in the template that produced it.
 */

export type TargetId = 'zendesk.tickets.create' | 'braze.users.track'

/** A JSON path: property names and array indexes from the root of the body. */
export type JsonPath = (string | number)[]

export interface PayloadIssue {
  /** `error`: the API rejects it (or it breaks a documented type, enum or limit); `warning`: accepted but probably wrong, or UNCONFIRMED. */
  severity: 'error' | 'warning'
  /** Stable kebab-case id, e.g. `zendesk-enum-case`. */
  code: string
  /** Names the field, e.g. `ticket.priority is "Urgent"; Zendesk accepts urgent, high, normal, low`. */
  message: string
  /** Path of the offending node, e.g. `['ticket', 'priority']` or `['events', 2, 'time']`; `[]` is the whole body. */
  path: JsonPath
  /** Where to underline: the property key or its value. */
  at: 'key' | 'value'
  hint?: string
}

export interface TargetInfo {
  id: TargetId
  title: string
  method: 'POST'
  docsUrl: string
  /** Whether a request URL addresses this endpoint. */
  matches(url: string): boolean
}
