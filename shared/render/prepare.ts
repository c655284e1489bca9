/**
 * A template made ready for one environment: `%{env.…}` and `%{secret.…}` references replaced
 * (with real values for sending, or with stand-ins for everything shown, stored or exported),
 * then compiled. Positions still point at the user's file.
 *
 * Compiling (parsing and linting) costs more than rendering, so the last few compiled texts are
 * kept: sending the same template again, or to each of many samples, parses nothing new. The cache
 * lives in memory only, like the values substituted into it.
 */
import { substituteTemplateFile, type ReferenceValues, type SubstitutionMode } from '../environment/substitute.js'
import type { TemplateFile } from '../template/file.js'
import { compileTemplate, type CompiledTemplate, type CompileOptions } from './compile.js'

const CACHE_SIZE = 16
const cache = new Map<string, CompiledTemplate>()

export function prepareTemplate(
  file: TemplateFile,
  values: ReferenceValues | null,
  mode: SubstitutionMode,
  options: CompileOptions = {},
): CompiledTemplate {
  const substituted = substituteTemplateFile(file, values, mode)
  const ready: TemplateFile = { ...substituted.file, diagnostics: [...file.diagnostics, ...substituted.diagnostics] }
  const key = cacheKey(ready)
  const cached = cache.get(key)
  if (cached) {
    cache.delete(key)
    cache.set(key, cached)
    // Content blocks may have changed since: they are compiled lazily, from the provider given now.
    return { ...cached, contentBlocks: options.contentBlocks ?? (() => undefined), blocks: new Map() }
  }
  const compiled = compileTemplate(ready, options)
  cache.set(key, compiled)
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!)
  return compiled
}

/**
 * Everything compiling depends on: the file's text, what substitution made of each part, its
 * problems. Each piece is prefixed with its length, which keeps keys distinct without escaping
 * the texts (JSON.stringify did, at a cost every send paid twice).
 */
function cacheKey(file: TemplateFile): string {
  const pieces = [file.path, file.text, file.meta.dialect, file.body.text, file.url?.text ?? '', ...file.headers.flatMap((h) => [h.name, h.source.text])]
  for (const d of file.diagnostics) pieces.push(`${d.code}:${d.start}:${d.message}`)
  let key = ''
  for (const piece of pieces) key += `${piece.length}:${piece}`
  return key
}
