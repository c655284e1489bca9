/**
 * What a workspace file says about itself when listed: the errors that make it unusable, located
 * in the file (front matter and Liquid syntax for templates and content blocks, JSON and shape
 * for samples and environments), and for templates the dialect and title from front matter.
 * Lint warnings are left to the editor and `hookbench check`.
 */
import type { Diagnostic } from '../diagnostics.js'
import { LineIndex, locate } from '../diagnostics.js'
import type { DialectId } from '../engine/dialect.js'
import { compilePart, Locator } from '../engine/part.js'
import { parseEnvironment } from '../environment/model.js'
import { compileTemplate, DIALECTS } from '../render/compile.js'
import { templateDiagnostics } from '../render/render.js'
import { loadSamples } from '../samples/load.js'
import { parseTemplateFile } from '../template/file.js'
import type { ItemKind } from './layout.js'

export interface ItemFacts {
  /** Errors only; empty for a usable file. */
  diagnostics: Diagnostic[]
  /** Templates: the dialect front matter names (or the default). */
  dialect?: DialectId
  /** Templates: the `name` of the front matter. */
  title?: string
}

export function inspectItem(kind: ItemKind, text: string, path: string): ItemFacts {
  if (kind !== 'template') return { diagnostics: errorsOnly(problemsOf(kind, text, path), path) }
  const file = parseTemplateFile(text, path)
  return {
    diagnostics: errorsOnly(templateDiagnostics(compileTemplate(file)), path),
    dialect: file.meta.dialect,
    ...(file.meta.name !== undefined ? { title: file.meta.name } : {}),
  }
}

function problemsOf(kind: Exclude<ItemKind, 'template'>, text: string, path: string): Diagnostic[] {
  switch (kind) {
    case 'content-block':
      return contentBlockDiagnostics(text, path)
    case 'braze-user':
    case 'zendesk-ticket':
      return loadSamples(text, path, kind).diagnostics
    case 'environment':
      return parseEnvironment(text, path).diagnostics
  }
}

function errorsOnly(list: Diagnostic[], path: string): Diagnostic[] {
  return list.filter((d) => d.severity === 'error').map((d) => (d.file ? d : { ...d, file: path }))
}

/** Content Blocks are Braze Liquid, included into Braze templates only. */
function contentBlockDiagnostics(text: string, path: string): Diagnostic[] {
  const dialect = DIALECTS.braze
  const options = { jsonBody: false }
  const part = compilePart(dialect, dialect.liquid(options), { id: 'block', text, toFile: (o) => o, file: path }, options, new Locator())
  const index = new LineIndex(text)
  return part.diagnostics.map((d) => locate(d, index))
}
