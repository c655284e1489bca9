/** One row of the matrix view: how a template fares against one sample. */
import type { Diagnostic } from '../../../shared/diagnostics.js'

export type MatrixStatus = 'ok' | 'aborted' | 'error'

export interface MatrixOutcome {
  status: MatrixStatus
  /** The abort reason or the first error; empty when all went well. */
  detail: string
  warnings: number
  firstError?: Diagnostic
}

export function matrixOutcome(result: { aborted: { reason: string | null } | null; diagnostics: readonly Diagnostic[] }): MatrixOutcome {
  const warnings = result.diagnostics.filter((d) => d.severity === 'warning').length
  const firstError = result.diagnostics.find((d) => d.severity === 'error')
  if (firstError) return { status: 'error', detail: firstError.message, warnings, firstError }
  if (result.aborted) return { status: 'aborted', detail: result.aborted.reason ?? 'Aborted without a reason.', warnings }
  return { status: 'ok', detail: '', warnings }
}
