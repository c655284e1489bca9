/**
 * The service side of the API contract, shared by Electron IPC and the browser-mode bridge:
 * every call's input is validated with its zod schema before a handler sees it, and every
 * failure becomes an `ApiError` a person can read.
 */
import type { z } from 'zod'
import { API, type ApiDiagnostic, type ApiError, type ApiName, type ApiOutput } from '../../shared/api/contract.js'

export type ApiHandlers = {
  [N in ApiName]: (input: z.output<(typeof API)[N]['input']>) => Promise<ApiOutput<N>>
}

/** A refusal or failure to report to the UI as it is (not a crash). */
export class ServiceError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    readonly diagnostics?: ApiDiagnostic[],
  ) {
    super(message)
    this.name = 'ServiceError'
  }
}

export type DispatchOutcome = { ok: true; value: unknown } | { ok: false; status: number; error: ApiError }

export function isApiName(name: string): name is ApiName {
  return Object.hasOwn(API, name)
}

export async function dispatch(handlers: ApiHandlers, name: string, rawInput: unknown): Promise<DispatchOutcome> {
  if (!isApiName(name)) return failure(404, 'unknown-call', `No such call: ${name}`)
  const input = API[name].input.safeParse(rawInput ?? {})
  if (!input.success) {
    const issue = input.error.issues[0]
    const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''
    return failure(400, 'invalid-input', `Invalid input for ${name}: ${where}${issue?.message ?? 'unexpected shape'}`)
  }
  try {
    const handler = handlers[name] as (input: unknown) => Promise<unknown>
    const value = await handler(input.data)
    return { ok: true, value: API[name].output.parse(value) }
  } catch (err) {
    if (err instanceof ServiceError) {
      return { ok: false, status: err.status, error: { code: err.code, message: err.message, ...(err.diagnostics ? { diagnostics: err.diagnostics } : {}) } }
    }
    return failure(500, 'internal', `Hookbench could not complete ${name}: ${(err as Error).message}`)
  }
}

function failure(status: number, code: string, message: string): DispatchOutcome {
  return { ok: false, status, error: { code, message } }
}
