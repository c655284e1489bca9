/**
 * Compiling a template file: every templated part parsed once, with its lint results, ready
 * to render against any number of samples.
 */
import type { Liquid } from 'liquidjs'
import type { OffsetDiagnostic } from '../diagnostics.js'
import { brazeDialect } from '../braze/dialect.js'
import { inferTarget, type TargetId } from '../checks/index.js'
import type { Dialect, DialectId, LintOptions } from '../engine/dialect.js'
import { compilePart, Locator, type CompiledPart, type PartSource } from '../engine/part.js'
import { enableTracing } from '../engine/trace.js'
import type { TemplateFile } from '../template/file.js'
import { zendeskDialect } from '../zendesk/dialect.js'

export const DIALECTS: Record<DialectId, Dialect<never>> = {
  braze: brazeDialect as Dialect<never>,
  zendesk: zendeskDialect as Dialect<never>,
}

/** Content Blocks by name (`{{content_blocks.${name}}}`), read from the workspace. */
export interface ContentBlockSource {
  text: string
  /** Path shown in diagnostics. */
  file: string
}

export interface CompileOptions {
  contentBlocks?: (name: string) => ContentBlockSource | undefined
}

export interface CompiledTemplate {
  file: TemplateFile
  dialect: Dialect<never>
  liquid: Liquid
  lintOptions: LintOptions
  /** The target named in front matter; otherwise inferred per render from the URL. */
  target?: TargetId
  body: CompiledPart
  url?: CompiledPart
  headers: { name: string; part: CompiledPart }[]
  locator: Locator
  /** Content blocks compiled on first use, by name (null: no such block). */
  blocks: Map<string, CompiledPart | null>
  contentBlocks: (name: string) => ContentBlockSource | undefined
  /** Problems visible without a sample: front matter, lint, parse. */
  diagnostics: OffsetDiagnostic[]
}

export function compileTemplate(file: TemplateFile, options: CompileOptions = {}): CompiledTemplate {
  const dialect = DIALECTS[file.meta.dialect]
  const lintOptions: LintOptions = { jsonBody: expectsJson(file) }
  const liquid = dialect.liquid(lintOptions)
  enableTracing(liquid)
  const locator = new Locator()
  const compile = (source: PartSource) => compilePart(dialect, liquid, source, lintOptions, locator)
  const body = compile(file.body)
  // Headers and the URL are never JSON, whatever the body is.
  const plain = (source: PartSource) => compilePart(dialect, liquid, source, { jsonBody: false }, locator)
  const url = file.url ? plain(file.url) : undefined
  const headers = file.headers.map((h) => ({ name: h.name, part: plain(h.source) }))
  const compiled: CompiledTemplate = {
    file,
    dialect,
    liquid,
    lintOptions,
    body,
    headers,
    locator,
    blocks: new Map(),
    contentBlocks: options.contentBlocks ?? (() => undefined),
    diagnostics: [
      ...file.diagnostics,
      ...body.diagnostics,
      ...(url?.diagnostics ?? []),
      ...headers.flatMap((h) => h.part.diagnostics),
    ],
  }
  if (url) compiled.url = url
  const target = file.meta.target ?? (file.url && !/[{%]/.test(file.url.text) ? inferTarget(file.meta.method, file.url.text) : undefined)
  if (target) compiled.target = target
  return compiled
}

/** A content block, compiled once per template and reused by every render. */
export function compileContentBlock(compiled: CompiledTemplate, name: string): CompiledPart | null {
  const cached = compiled.blocks.get(name)
  if (cached !== undefined) return cached
  const block = compiled.contentBlocks(name)
  const part = block
    ? compilePart(
        compiled.dialect,
        compiled.liquid,
        { id: `block:${name}`, text: block.text, toFile: (o) => o, file: block.file },
        compiled.lintOptions,
        compiled.locator,
      )
    : null
  compiled.blocks.set(name, part)
  return part
}

/**
 * Is the body meant to be JSON? A JSON Content-Type or target says so; Zendesk webhooks send
 * JSON unless their request format says otherwise; a Braze body without Content-Type is taken
 * as JSON when it looks like JSON, as Braze infers the type from the body.
 */
export function expectsJson(file: TemplateFile): boolean {
  if (file.meta.target) return true
  const contentType = file.headers.find((h) => h.name.toLowerCase() === 'content-type')
  if (contentType) return /json/i.test(contentType.source.text)
  if (file.meta.dialect === 'zendesk') return (file.meta.requestFormat ?? 'json') === 'json'
  return /^\s*[{[]/.test(file.body.text.replace(/\{%.*?%\}/gs, ''))
}
