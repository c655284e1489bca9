/**
 * What an import would do, worked out without touching the disk: the sample files to write,
 * what was left out and why. `electron/services/imports` then writes the files.
 */
import { LineIndex, locate, type Diagnostic } from '../../diagnostics.js'
import { loadSamples, type SampleKind } from '../../samples/load.js'
import { KIND_LAYOUT } from '../layout.js'

/** Where something came from in the source file, for people to find it. */
export interface SourcePlace {
  /** `users[2]`, `tickets[0]`, `row 4` … */
  origin: string
  /** 1-based line in the source file. */
  line?: number
  /** The CSV column concerned. */
  column?: string
}

/** One sample file to write. */
export interface ImportCandidate extends SourcePlace {
  /** The natural name (a sanitised external_id, `ticket-ID`); when taken the writer adds a suffix. */
  name: string
  /** The file's text, already checked to load as a sample of the plan's kind. */
  text: string
}

/** Something left out (a skipped record) or worth knowing (a cell kept as text). */
export interface ImportNote extends SourcePlace {
  message: string
}

export interface ImportPlan {
  kind: SampleKind
  candidates: ImportCandidate[]
  skipped: ImportNote[]
  warnings: ImportNote[]
  /** Problems with the source as a whole (not JSON, wrong kind, bad CSV header): nothing is imported. */
  errors: Diagnostic[]
}

export function emptyPlan(kind: SampleKind): ImportPlan {
  return { kind, candidates: [], skipped: [], warnings: [], errors: [] }
}

/** A plan that imports nothing, because of one problem with the whole source. */
export function failedPlan(kind: SampleKind, source: string, text: string, code: string, message: string, offset = 0): ImportPlan {
  const plan = emptyPlan(kind)
  plan.errors.push(locate({ severity: 'error', code, message, start: offset, file: source }, new LineIndex(text)))
  return plan
}

/** Sample files are pretty-printed JSON with a final newline, so they diff well in git. */
export function sampleText(data: unknown): string {
  return `${JSON.stringify(data, null, 2)}\n`
}

/**
 * Adds one record to the plan: as a candidate when its sample file would load cleanly, else as
 * skipped, with the reasons the sample loader gives (the same checks every render applies).
 */
export function addRecord(plan: ImportPlan, record: Record<string, unknown>, name: string, place: SourcePlace): void {
  const text = sampleText(record)
  const problems = loadSamples(text, `${KIND_LAYOUT[plan.kind].folder}/${name}.json`, plan.kind).diagnostics.filter((d) => d.severity === 'error')
  if (problems.length === 0) plan.candidates.push({ ...place, name, text })
  else plan.skipped.push({ ...place, message: problems.map((d) => d.message).join('; ') })
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}
