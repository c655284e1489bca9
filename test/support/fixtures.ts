/** Loading the fixture workspace for tests: templates compiled, samples by label. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { compileTemplate, type CompiledTemplate } from '../../shared/render/compile.js'
import { loadSamples, type SampleKind } from '../../shared/samples/load.js'
import { parseTemplateFile } from '../../shared/template/file.js'

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures')

export function fixture(path: string): string {
  return readFileSync(join(FIXTURES, path), 'utf8')
}

export function compileFixture(path: string, blocks: Record<string, string> = {}): CompiledTemplate {
  const file = parseTemplateFile(fixture(path), path)
  return compileTemplate(file, {
    contentBlocks: (name) => (name in blocks ? { text: blocks[name]!, file: `content-blocks/${name}.liquid` } : undefined),
  })
}

export function compileSource(text: string, path = 'inline.liquid'): CompiledTemplate {
  return compileTemplate(parseTemplateFile(text, path))
}

export function sampleFixture(path: string, kind: SampleKind, label?: string): Record<string, unknown> {
  const load = loadSamples(fixture(path), path, kind)
  if (load.diagnostics.length > 0) throw new Error(JSON.stringify(load.diagnostics))
  const sample = label === undefined ? load.samples[0] : load.samples.find((s) => s.label === label)
  if (!sample) throw new Error(`no sample ${label} in ${path}`)
  return sample.data
}
