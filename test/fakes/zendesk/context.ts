/** What a fake Zendesk route handler works with. */
import type { Clock } from '../clock.js'
import type { RouteHandler, Router } from '../http.js'
import type { ZendeskState, ZendeskUser } from './state.js'

export interface ZendeskSettings {
  /**
   * Accept `"Urgent"`/`"Open"` for the lowercase enums. Default false: the OAS lists lowercase
   * only, and whether the API accepts other casings is UNCONFIRMED (zendesk.md §5.1), so the
   * fake takes the strict reading and answers 422.
   */
  acceptEnumCaseVariants: boolean
}

export interface ZendeskContext {
  state: ZendeskState
  /** Stands where `https://{subdomain}.zendesk.com` would. */
  baseUrl: string
  now: Clock
  /** The authenticated user making the request. */
  principal: ZendeskUser
  settings: ZendeskSettings
}

export type ZendeskRouter = Router<ZendeskContext>
export type ZendeskHandler = RouteHandler<ZendeskContext>

/** The API URL of a record, as Zendesk puts in `url`: `{base}/api/v2/tickets/35436.json`. */
export function resourceUrl(baseUrl: string, collection: string, id: number | string): string {
  return `${baseUrl}/api/v2/${collection}/${id}.json`
}

/** A numeric path id, or undefined for anything else (which Zendesk answers with 404). */
export function numericId(text: string | undefined): number | undefined {
  return text !== undefined && /^\d+$/.test(text) ? Number(text) : undefined
}
