/**
 * Looking at a Braze profile with `POST /users/export/ids` (braze.md §5.3), for the baseline
 * and the final check of a flow run. The key is the environment's `braze_rest_api_key` (it
 * needs the `users.export.ids` permission); requests go only to hosts the environment allows.
 */
import { hostAllowed, type Environment } from '../../../shared/environment/model.js'
import { parseJson } from '../../../shared/render/json.js'
import type { ExportedUser } from '../../../shared/flow/expectations.js'
import { exchange, type ExchangeOptions } from '../exchange.js'
import type { ExchangeLog } from './recorder.js'

export interface BrazeProfileApi {
  environment: Environment
  /** `https://rest.iad-01.braze.com`, or a local fake. */
  baseUrl: string
  apiKey: string | undefined
  log: ExchangeLog
  clock: () => Date
  exchange?: ExchangeOptions
}

export type ProfileLookup =
  | { ok: true; users: ExportedUser[] }
  /** `transient`: worth asking again (rate limited, a server error, the network). */
  | { ok: false; transient: boolean; reason: string }

export async function lookUpProfiles(api: BrazeProfileApi, body: Record<string, unknown>, label: string): Promise<ProfileLookup> {
  const url = `${api.baseUrl.replace(/\/+$/, '')}/users/export/ids`
  if (!api.apiKey) {
    return { ok: false, transient: false, reason: `No value is stored for the secret braze_rest_api_key of environment "${api.environment.name}": it is the key (with the users.export.ids permission) Hookbench reads the profile with.` }
  }
  if (!hostAllowed(api.environment, url)) {
    return { ok: false, transient: false, reason: `${new URL(url).host} is not among the hosts environment "${api.environment.name}" may send to (allowedHosts).` }
  }
  const request = { method: 'POST', url, headers: { Authorization: `Bearer ${api.apiKey}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) }
  const at = api.clock()
  const outcome = await exchange(request, api.exchange)
  const recorded = api.log.addExchange(label, at, request, outcome)
  const response = recorded.response
  if (!response) return { ok: false, transient: outcome.failure?.kind !== 'cancelled', reason: `Braze could not be asked: ${recorded.failure?.message ?? 'no response'}` }
  const parsed = parseJson(response.body)
  const json = (parsed.ok ? parsed.value : undefined) as { message?: unknown; users?: unknown } | undefined
  // UNCONFIRMED (braze.md §5.3 shows only the body): the status of a successful export; any 2xx is taken.
  if (response.status >= 200 && response.status < 300 && Array.isArray(json?.users)) return { ok: true, users: json.users as ExportedUser[] }
  const message = typeof json?.message === 'string' ? json.message : response.body.slice(0, 200)
  return {
    ok: false,
    transient: response.status === 429 || response.status >= 500,
    reason: `Braze answered ${response.status} to POST /users/export/ids: ${message}`,
  }
}
