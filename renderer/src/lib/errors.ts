/** Failures as people should read them: the service's own message, never a swallowed error. */
import type { ApiDiagnostic } from '../../../shared/api/contract.js'

export interface ShownError {
  code: string
  message: string
  diagnostics: ApiDiagnostic[]
}

export function describeError(err: unknown): ShownError {
  if (typeof err === 'object' && err !== null && 'message' in err) {
    const e = err as { code?: unknown; message: unknown; diagnostics?: unknown }
    return {
      code: typeof e.code === 'string' ? e.code : 'error',
      message: String(e.message),
      diagnostics: Array.isArray(e.diagnostics) ? (e.diagnostics as ApiDiagnostic[]) : [],
    }
  }
  return { code: 'error', message: String(err), diagnostics: [] }
}

/** The save was refused because the file changed on disk since it was read. */
export function isConflict(error: ShownError): boolean {
  return /conflict|changed|stale/i.test(error.code)
}
