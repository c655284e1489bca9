/**
 * A template dialect: how Braze or Zendesk turn a template plus a record into text.
 * Both sit on liquidjs; a dialect supplies the syntax rewrite, the variables a sample
 * provides, the filters and tags that exist there, and the traps worth a lint.
 */
import type { Liquid } from 'liquidjs'
import type { OffsetDiagnostic } from '../diagnostics.js'
import type { SourceMap } from './sourceMap.js'

export type DialectId = 'braze' | 'zendesk'

export interface Preprocessed {
  /** Plain liquidjs syntax. */
  text: string
  /** Offsets of `text` back to the original. */
  map: SourceMap
}

export interface LintOptions {
  /** The output is meant to be JSON (Content-Type JSON or a JSON target). */
  jsonBody: boolean
}

export interface Dialect<Sample = unknown> {
  id: DialectId
  /** Which sample files this dialect renders against. */
  sampleKind: 'braze-user' | 'zendesk-ticket'
  /** A liquidjs instance set up like the real service; JSON bodies may escape outputs (Zendesk does). */
  liquid(options: LintOptions): Liquid
  preprocess(text: string): Preprocessed
  /** Problems visible in the source alone; offsets are local to the text given. */
  lint(text: string, options: LintOptions): OffsetDiagnostic[]
  /** The variables a sample provides to a template. */
  scope(sample: Sample): Record<string, unknown>
}
