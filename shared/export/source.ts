/**
 * What every export starts from: the template's method, URL, headers and body with the
 * environment's `%{env.…}` values put in and secrets as stand-ins (or, when chosen, their real
 * values), plus every problem worth seeing before handing over: the engine's lints and parse
 * errors, and what rendering each sample finds (a body that is not valid JSON for one user).
 *
 * Only references are replaced: Liquid and Zendesk placeholders are handed over untouched,
 * because the dashboards render them at send time.
 */
import { LineIndex, locate, sortDiagnostics, type Diagnostic, type OffsetDiagnostic } from '../diagnostics.js'
import { findReferences, substituteTemplateFile } from '../environment/substitute.js'
import type { PartSource } from '../engine/part.js'
import { prepareTemplate } from '../render/prepare.js'
import { renderTemplate, templateDiagnostics } from '../render/render.js'
import { frontMatterSpan, type HttpMethod, type TemplateFile } from '../template/file.js'
import type { ExportOptions, ExportSample, HeaderRow } from './types.js'

export interface ExportHeader extends HeaderRow {
  /** The header's value as written, for locating problems in it. */
  source: PartSource
}

export interface ExportSource {
  /** The template as parsed, for its front matter. */
  file: TemplateFile
  method: HttpMethod
  /** Empty when the template names no URL. */
  url: string
  headers: ExportHeader[]
  body: string
  containsSecrets: boolean
  /** Problems found so far; each export adds its own with {@link ProblemList}. */
  problems: ProblemList
}

/** A secret a stand-in replaces need not be stored: whether it is makes no difference to the export. */
const STAND_IN_IRRELEVANT = new Set(['ref-secret-not-stored'])

export function exportSource(file: TemplateFile, options: ExportOptions): ExportSource {
  const values = options.values ?? null
  const mode = options.includeSecrets ? 'real' : 'standIn'
  // Checks always run on stand-ins: no secret value ever reaches a diagnostic or a compile cache.
  const compiled = prepareTemplate(file, values, 'standIn', options.compile)
  const exported = mode === 'real' ? substituteTemplateFile(file, values, 'real') : { file: compiled.file, diagnostics: [] }
  const problems = new ProblemList(file)
  const fromTemplate = templateDiagnostics(compiled)
  // In `real` mode the substitution that was exported reports the references, not the stand-in one.
  const relevant = (d: Diagnostic) => !(mode === 'real' && d.code.startsWith('ref-')) && !STAND_IN_IRRELEVANT.has(d.code)
  problems.addLocated(fromTemplate.filter(relevant))
  problems.addAll(exported.diagnostics)
  problems.addLocated(sampleDiagnostics(compiled, options.samples ?? [], fromTemplate, options.now))
  const parts = [file.body, ...(file.url ? [file.url] : []), ...file.headers.map((h) => h.source)]
  return {
    file,
    method: file.meta.method,
    url: exported.file.url?.text.trim() ?? '',
    headers: exported.file.headers.map((h, i) => ({ key: h.name, value: h.source.text.trim(), source: file.headers[i]!.source })),
    body: exported.file.body.text,
    containsSecrets: mode === 'real' && parts.some((part) => findReferences(part.text).some((r) => r.kind === 'secret')),
    problems,
  }
}

/**
 * What rendering each sample finds beyond the template's own problems, each said once with the
 * first sample that showed it (and how many others did). Aborted samples are fine: Braze would
 * not send them at all.
 */
function sampleDiagnostics(
  compiled: ReturnType<typeof prepareTemplate>,
  samples: readonly ExportSample[],
  known: readonly Diagnostic[],
  now: Date | undefined,
): Diagnostic[] {
  const seen = new Set(known.map(diagnosticKey))
  const found = new Map<string, { diagnostic: Diagnostic; first: string; others: number }>()
  for (const sample of samples) {
    const result = renderTemplate(compiled, sample.data, now ? { now } : {})
    for (const d of result.diagnostics) {
      const key = diagnosticKey(d)
      if (seen.has(key)) continue
      const entry = found.get(key)
      if (entry) entry.others++
      else found.set(key, { diagnostic: d, first: sample.label, others: 0 })
    }
  }
  return [...found.values()].map(({ diagnostic, first, others }) => ({
    ...diagnostic,
    message: `With sample ${first}${others > 0 ? ` (and ${others} other${others > 1 ? 's' : ''})` : ''}: ${diagnostic.message}`,
  }))
}

const diagnosticKey = (d: Diagnostic) => `${d.file ?? ''}:${d.line}:${d.column}:${d.code}:${d.message}`

/** Problems of one export, located in the template file (offsets become lines and columns). */
export class ProblemList {
  private readonly list: Diagnostic[] = []
  private readonly keys = new Set<string>()
  private index: LineIndex | undefined

  constructor(private readonly file: TemplateFile) {}

  /** A problem in file offsets. */
  add(diagnostic: OffsetDiagnostic): void {
    this.index ??= new LineIndex(this.file.text)
    this.addLocated([locate(diagnostic, this.index)])
  }

  addAll(diagnostics: readonly OffsetDiagnostic[]): void {
    for (const d of diagnostics) this.add(d)
  }

  addLocated(diagnostics: readonly Diagnostic[]): void {
    for (const d of diagnostics) {
      const key = diagnosticKey(d)
      if (this.keys.has(key)) continue
      this.keys.add(key)
      this.list.push(d)
    }
  }

  /** A problem at a front-matter value (or the nearest key that exists), else at the file's start. */
  atFrontMatter(path: readonly (string | number)[], diagnostic: Omit<OffsetDiagnostic, 'start' | 'end'>): void {
    const span = frontMatterSpan(this.file, path) ?? { start: 0, end: 1 }
    this.add({ ...diagnostic, ...span })
  }

  /** A problem covering a templated part (a header value, the URL). */
  atPart(part: PartSource, diagnostic: Omit<OffsetDiagnostic, 'start' | 'end'>): void {
    const start = part.toFile(0)
    const end = part.text.length > 0 ? part.toFile(part.text.length - 1) + 1 : start + 1
    this.add({ ...diagnostic, start, end })
  }

  sorted(): Diagnostic[] {
    return sortDiagnostics([...this.list])
  }
}

/** The template's name for things it creates: its `name`, else its file name. */
export function templateTitle(file: TemplateFile): string {
  return file.meta.name ?? file.path.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '')
}

/** A header by name, case-insensitively (HTTP header names are). */
export function findHeader<T extends HeaderRow>(headers: readonly T[], name: string): T | undefined {
  return headers.find((h) => h.key.toLowerCase() === name.toLowerCase())
}
