/**
 * Calls travel as envelopes (`{ok, value}` or `{ok: false, error}`) wherever errors cannot cross
 * as objects (Electron's contextBridge keeps only an error's message); this turns an envelope
 * transport back into the typed API, failing with {@link ApiCallError}.
 */
import { API, type ApiError, type ApiName, type HookbenchApi } from './contract.js'
import { ApiCallError } from './httpClient.js'

export type Envelope = { ok: true; value: unknown } | { ok: false; error: ApiError }

export function createApiFromInvoke(invoke: (name: ApiName, input: unknown) => Promise<Envelope>): HookbenchApi {
  const api = {} as Record<ApiName, (input: unknown) => Promise<unknown>>
  for (const name of Object.keys(API) as ApiName[]) {
    api[name] = async (input) => {
      const envelope = await invoke(name, input ?? {})
      if (!envelope.ok) throw new ApiCallError(envelope.error.code, envelope.error.message, envelope.error.diagnostics)
      return envelope.value
    }
  }
  return api as unknown as HookbenchApi
}

export const API_NAMES = Object.keys(API) as ApiName[]
