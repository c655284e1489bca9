/** Engine diagnostics as Monaco markers: same 1-based lines and UTF-16 columns, so no conversion beyond names. */
import type { Diagnostic } from '../../../shared/diagnostics.js'

/** Monaco's MarkerSeverity values (kept here so this module needs no Monaco at run time). */
export const MARKER_SEVERITY = { error: 8, warning: 4, info: 2 } as const

export interface MarkerData {
  severity: number
  message: string
  code: string
  source: string
  startLineNumber: number
  startColumn: number
  endLineNumber: number
  endColumn: number
}

export function toMarkers(diagnostics: readonly Diagnostic[]): MarkerData[] {
  return diagnostics.map((d) => {
    const endLine = d.endLine ?? d.line
    const endColumn = d.endColumn ?? d.column + 1
    // An empty range would draw no squiggle: cover at least one character.
    const empty = endLine < d.line || (endLine === d.line && endColumn <= d.column)
    return {
      severity: MARKER_SEVERITY[d.severity],
      message: d.hint ? `${d.message}\n${d.hint}` : d.message,
      code: d.code,
      source: 'hookbench',
      startLineNumber: d.line,
      startColumn: d.column,
      endLineNumber: empty ? d.line : endLine,
      endColumn: empty ? d.column + 1 : endColumn,
    }
  })
}
