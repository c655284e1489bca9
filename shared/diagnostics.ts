/**
 * Diagnostics: every problem Hookbench reports points at a place in a file.
 *
 * Engines work in character offsets (cheap to carry through source maps); the
 * outside world gets 1-based line and column numbers of the file the user
 * edits, front matter included.
 */

export type Severity = 'error' | 'warning' | 'info'

/** A located problem, in file coordinates (1-based line and column). */
export interface Diagnostic {
  severity: Severity
  /** Stable machine-readable id, e.g. `liquid-syntax`, `json-invalid`, `braze-filter-in-if`. */
  code: string
  message: string
  line: number
  column: number
  endLine?: number
  endColumn?: number
  hint?: string
  /** Set when the problem lies in another file than the template (e.g. a content block). */
  file?: string
}

/** A problem located by offsets into a known text (see {@link LineIndex}). */
export interface OffsetDiagnostic {
  severity: Severity
  code: string
  message: string
  /** Offset of the first character, in the coordinates of the file named by `file` (or the template). */
  start: number
  /** Offset just past the last character; defaults to `start + 1`. */
  end?: number
  hint?: string
  file?: string
}

/** Maps offsets of one text to 1-based line/column positions and back. */
export class LineIndex {
  private readonly starts: number[]

  constructor(readonly text: string) {
    const starts = [0]
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) === 10) starts.push(i + 1)
    }
    this.starts = starts
  }

  position(offset: number): { line: number; column: number } {
    const o = Math.max(0, Math.min(offset, this.text.length))
    let lo = 0
    let hi = this.starts.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (this.starts[mid]! <= o) lo = mid
      else hi = mid - 1
    }
    return { line: lo + 1, column: o - this.starts[lo]! + 1 }
  }

  offset(line: number, column: number): number {
    const start = this.starts[Math.max(0, Math.min(line - 1, this.starts.length - 1))] ?? 0
    return Math.min(start + Math.max(0, column - 1), this.text.length)
  }

  get lineCount(): number {
    return this.starts.length
  }
}

export function locate(d: OffsetDiagnostic, index: LineIndex): Diagnostic {
  const start = index.position(d.start)
  const end = index.position(d.end ?? d.start + 1)
  const out: Diagnostic = {
    severity: d.severity,
    code: d.code,
    message: d.message,
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
  }
  if (d.hint) out.hint = d.hint
  if (d.file) out.file = d.file
  return out
}

const severityRank: Record<Severity, number> = { error: 0, warning: 1, info: 2 }

/** Orders diagnostics by position, errors before warnings at the same place. */
export function sortDiagnostics<T extends Diagnostic>(list: T[]): T[] {
  return list.sort(
    (a, b) =>
      (a.file ?? '').localeCompare(b.file ?? '') ||
      a.line - b.line ||
      a.column - b.column ||
      severityRank[a.severity] - severityRank[b.severity],
  )
}

export function hasErrors(list: readonly { severity: Severity }[]): boolean {
  return list.some((d) => d.severity === 'error')
}

/** `FILE:LINE:COL: error: message [code]`, the format compilers and editors understand. */
export function formatDiagnostic(d: Diagnostic, file: string): string {
  const where = `${d.file ?? file}:${d.line}:${d.column}`
  const hint = d.hint ? `\n  hint: ${d.hint}` : ''
  return `${where}: ${d.severity}: ${d.message} [${d.code}]${hint}`
}
