/**
 * The browser-mode transport: each API call is `POST /api/<name>` to the local bridge, with the
 * per-run token in a header. Same contract, same validation, as Electron IPC.
 */
import { API, apiError, type ApiDiagnostic, type ApiName, type HookbenchApi } from './contract.js'

export const TOKEN_HEADER = 'X-Hookbench-Token'

/** A service refused or failed a call; `message` is written for people. */
export class ApiCallError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly diagnostics: ApiDiagnostic[] = [],
  ) {
    super(message)
    this.name = 'ApiCallError'
  }
}

export function createHttpApi(baseUrl: string, token: string, fetchImpl: typeof fetch = fetch): HookbenchApi {
  const call = async (name: ApiName, input: unknown): Promise<unknown> => {
    let response: Response
    try {
      response = await fetchImpl(`${baseUrl}/api/${name}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: token },
        body: JSON.stringify(input ?? {}),
      })
    } catch (err) {
      throw new ApiCallError('bridge-unreachable', `Hookbench's local service did not answer: ${(err as Error).message}`)
    }
    const payload: unknown = await response.json().catch(() => undefined)
    if (!response.ok) {
      const error = apiError.safeParse(payload)
      if (error.success) throw new ApiCallError(error.data.code, error.data.message, error.data.diagnostics)
      throw new ApiCallError('bridge-error', `Hookbench's local service answered ${response.status}`)
    }
    return API[name].output.parse(payload)
  }
  const api = {} as Record<ApiName, (input: unknown) => Promise<unknown>>
  for (const name of Object.keys(API) as ApiName[]) api[name] = (input) => call(name, input)
  return api as unknown as HookbenchApi
}
