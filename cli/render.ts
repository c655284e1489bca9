/**
 * `hookbench render` and `hookbench check`: the engine over files, for people, scripts and CI.
 */
import { formatDiagnostic, hasErrors, type Diagnostic } from '../shared/diagnostics.js'
import type { DialectId } from '../shared/engine/dialect.js'
import { compileTemplate, type CompiledTemplate } from '../shared/render/compile.js'
import { renderTemplate, templateDiagnostics, type RenderResult } from '../shared/render/render.js'
import { loadSamples } from '../shared/samples/load.js'
import { parseTemplateFile } from '../shared/template/file.js'
import { contentBlocksNear, listSampleFiles, readText } from './files.js'
import { EXIT, UsageError, type Io } from './io.js'
import { readSample } from './samples.js'

export interface TemplateOptions {
  dialect?: DialectId
  contentBlocks?: string
}

export interface RenderCommandOptions extends TemplateOptions {
  sample?: string
  samples?: string
  format: 'body' | 'json'
  now?: string
}

export async function renderCommand(file: string, options: RenderCommandOptions, io: Io): Promise<number> {
  if (!options.sample === !options.samples) throw new UsageError('give either --sample FILE or --samples DIR_OR_FILE')
  const compiled = await compileFile(file, options)
  const now = parseNow(options.now)
  if (options.samples) return renderAll(compiled, options.samples, now, io)

  const sample = await readSample(options.sample!, compiled.dialect.sampleKind, io)
  if (!sample) return EXIT.usage
  const result = renderTemplate(compiled, sample.data, { now })
  printDiagnostics(result.diagnostics, file, io)
  if (options.format === 'json') {
    io.out(`${JSON.stringify({ request: result.request, aborted: result.aborted, diagnostics: result.diagnostics }, null, 2)}\n`)
  } else if (!result.aborted) {
    io.out(result.request.body)
  }
  if (result.aborted) {
    io.err(`${file}: aborted: ${abortReason(result)}\n`)
    return EXIT.aborted
  }
  return hasErrors(result.diagnostics) ? EXIT.errors : EXIT.ok
}

export async function checkCommand(file: string, options: TemplateOptions, io: Io): Promise<number> {
  const compiled = await compileFile(file, options)
  const diagnostics = templateDiagnostics(compiled)
  printDiagnostics(diagnostics, file, io)
  const errors = diagnostics.filter((d) => d.severity === 'error').length
  io.err(`${file}: ${errors} error(s), ${diagnostics.length - errors} warning(s)\n`)
  return errors > 0 ? EXIT.errors : EXIT.ok
}

async function compileFile(file: string, options: TemplateOptions): Promise<CompiledTemplate> {
  const text = await readText(file, 'template')
  const template = parseTemplateFile(text, file, options.dialect ? { defaultDialect: options.dialect } : {})
  const contentBlocks = await contentBlocksNear(file, options.contentBlocks)
  return compileTemplate(template, { contentBlocks })
}

async function renderAll(compiled: CompiledTemplate, where: string, now: Date | undefined, io: Io): Promise<number> {
  const files = await listSampleFiles(where)
  const counts = { ok: 0, aborted: 0, failed: 0 }
  const templateProblems = templateDiagnostics(compiled)
  printDiagnostics(templateProblems, compiled.file.path, io)
  const known = new Set(templateProblems.map(key))
  for (const path of files) {
    const load = loadSamples(await readText(path, 'sample'), path, compiled.dialect.sampleKind)
    for (const d of load.diagnostics) {
      counts.failed++
      io.out(`${pad('invalid')} ${path}: ${formatDiagnostic(d, path)}\n`)
    }
    for (const sample of load.samples) {
      const result = renderTemplate(compiled, sample.data, { now })
      const name = `${sample.label} (${path})`
      const fresh = result.diagnostics.filter((d) => !known.has(key(d)))
      const firstError = result.diagnostics.find((d) => d.severity === 'error')
      if (firstError) {
        counts.failed++
        io.out(`${pad('error')} ${name}: ${formatDiagnostic(firstError, compiled.file.path)}\n`)
      } else if (result.aborted) {
        counts.aborted++
        io.out(`${pad('aborted')} ${name}: ${abortReason(result)}\n`)
      } else {
        counts.ok++
        const warnings = fresh.length > 0 ? ` (${fresh.length} warning${fresh.length > 1 ? 's' : ''})` : ''
        io.out(`${pad('ok')} ${name}${warnings}\n`)
      }
    }
  }
  const total = counts.ok + counts.aborted + counts.failed
  io.out(`${total} sample(s): ${counts.ok} ok, ${counts.aborted} aborted, ${counts.failed} failed\n`)
  return counts.failed > 0 ? EXIT.errors : EXIT.ok
}

const key = (d: Diagnostic) => `${d.file ?? ''}:${d.line}:${d.column}:${d.code}`
const pad = (word: string) => word.padEnd(7)

function abortReason(result: RenderResult): string {
  return result.aborted?.reason ?? '{% abort_message %} called'
}

export function printDiagnostics(list: Diagnostic[], file: string, io: Io): void {
  for (const d of list) io.err(`${formatDiagnostic(d, file)}\n`)
}

function parseNow(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined
  const date = new Date(value)
  if (Number.isNaN(date.getTime())) throw new UsageError(`--now: not a date: ${value}`)
  return date
}
