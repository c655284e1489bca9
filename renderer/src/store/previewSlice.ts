import type { Diagnostic } from '../../../shared/diagnostics.js'
import { NO_FACTS, type SampleFacts } from '../lib/sampleFacts.js'
import type { MatrixResult, PreviewOutcome } from '../render/protocol.js'
import type { SliceCreator } from './types.js'

/** Which sample a template previews with: a sample file and a record inside it (null: the first). */
export interface SampleChoice {
  sampleKey: string | null
  label: string | null
}

export interface Computed<T> {
  /** The template (or file) it was computed for. */
  key: string
  value: T | null
  error: string | null
  running: boolean
}

export interface PreviewSlice {
  sampleChoice: Record<string, SampleChoice>
  preview: Computed<PreviewOutcome> | null
  matrix: Computed<MatrixResult> | null
  facts: SampleFacts
  /** Problems of sample and environment files as Hookbench reads them, by key. */
  fileChecks: Record<string, Diagnostic[]>
  chooseSample(templateKey: string, choice: SampleChoice): void
}

export const createPreviewSlice: SliceCreator<PreviewSlice> = (set) => ({
  sampleChoice: {},
  preview: null,
  matrix: null,
  facts: NO_FACTS,
  fileChecks: {},
  chooseSample(templateKey, choice) {
    set((s) => ({ sampleChoice: { ...s.sampleChoice, [templateKey]: choice } }))
  },
})
