/** Messages between the UI and the render worker. */
import type { Diagnostic } from '../../../shared/diagnostics.js'
import type { RenderedRequest } from '../../../shared/render/render.js'
import type { ItemKind } from '../../../shared/api/contract.js'
import type { MatrixOutcome } from '../lib/matrix.js'
import type { SampleFacts } from '../lib/sampleFacts.js'

/** A sample or content block as the worker needs it: its current text (the draft, when edited). */
export interface WorkerFile {
  key: string
  kind: ItemKind
  name: string
  path: string
  text: string
}

/** The selected environment, for `%{env.…}` and `%{secret.…}` stand-ins. Secret values never come here. */
export interface PreviewEnvironment {
  name: string
  variables: Record<string, string>
  secretNames: string[]
  storedSecrets: string[]
}

export interface TemplateSource {
  text: string
  path: string
}

export interface PreviewRequest {
  template: TemplateSource
  /** A sample file and, for files holding several, which record (default: the first). */
  sample: { key: string; label: string | null } | null
  environment: PreviewEnvironment | null
}

export interface PreviewOutcome {
  request: RenderedRequest
  aborted: { reason: string | null } | null
  /** Located in the template, or in the content block named by `file`. */
  diagnostics: Diagnostic[]
  /** The records of the selected sample file, and the one rendered. */
  sampleLabels: string[]
  sampleLabel: string | null
  /** Why the sample file could not (fully) be read. */
  sampleProblems: Diagnostic[]
  durationMs: number
}

export interface MatrixRequest {
  template: TemplateSource
  sampleKeys: string[]
  environment: PreviewEnvironment | null
}

export interface MatrixRow extends MatrixOutcome {
  sampleKey: string
  /** null for a sample file that could not be read at all. */
  label: string | null
}

export interface MatrixResult {
  rows: MatrixRow[]
  durationMs: number
}

export interface FileCheckRequest {
  key: string
}

export interface Calls {
  preview: { input: PreviewRequest; output: PreviewOutcome }
  matrix: { input: MatrixRequest; output: MatrixResult }
  facts: { input: { sampleKeys: string[] }; output: SampleFacts }
  /** Problems of a sample or environment file as Hookbench reads it (beyond JSON schema). */
  checkFile: { input: FileCheckRequest; output: Diagnostic[] }
}
export type CallName = keyof Calls

export type ToWorker =
  | { type: 'files'; upsert: WorkerFile[]; remove: string[] }
  | { [N in CallName]: { type: 'call'; id: number; name: N; input: Calls[N]['input'] } }[CallName]

export type FromWorker = { id: number; ok: true; value: unknown } | { id: number; ok: false; message: string }
