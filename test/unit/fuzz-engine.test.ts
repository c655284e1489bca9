/**
 * Bad input, verified: thousands of damaged templates, content blocks and samples (the real
 * fixtures, mutated) go through parsing, compiling and rendering. Nothing may throw, no render
 * may run on past the limits, and every problem must point inside the file it names.
 *
 * Each case has its own seed (HOOKBENCH_FUZZ_SEED moves them all), and a failure lists the seed
 * and the mutations applied, so it can be replayed alone.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Diagnostic } from '../../shared/diagnostics.js'
import { RENDER_OUTPUT_LIMIT, RENDER_TIME_LIMIT_MS } from '../../shared/engine/part.js'
import { compileTemplate, type CompiledTemplate } from '../../shared/render/compile.js'
import { renderTemplate, templateDiagnostics } from '../../shared/render/render.js'
import { loadSamples, type LoadedSample, type SampleKind } from '../../shared/samples/load.js'
import { parseTemplateFile } from '../../shared/template/file.js'
import { locationCheck, mutate, mutateJsonValue, Random } from '../support/fuzz.js'

const ROOT = join(import.meta.dirname, '..', '..')
const SEED = Number(process.env.HOOKBENCH_FUZZ_SEED ?? 20_251_125)
const TEMPLATE_CASES = 1500
const SAMPLE_CASES = 1000
/** A render and, for a broken body, its tracing render again: each within the time limit. */
const MAX_RENDER_MS = 2 * RENDER_TIME_LIMIT_MS + 500
const NOW = new Date('2025-06-01T12:00:00Z')
/** Far above what the suite needs (seconds); a hang fails the test instead of stalling the run. */
const FUZZ_TIMEOUT_MS = 60_000

function filesIn(dir: string, extension: string): { path: string; text: string }[] {
  const absolute = join(ROOT, dir)
  return readdirSync(absolute)
    .filter((name) => name.endsWith(extension))
    .map((name) => ({ path: `${dir}/${name}`, text: readFileSync(join(absolute, name), 'utf8') }))
}

const EXAMPLES = 'electron/services/workspace/examples'
const TEMPLATES = [
  ...filesIn('test/fixtures/workspace/templates', '.liquid'),
  ...filesIn('test/fixtures/broken', '.liquid'),
  ...filesIn(`${EXAMPLES}/templates`, '.liquid'),
]
const BLOCKS = [...filesIn('test/fixtures/workspace/content-blocks', '.liquid'), ...filesIn(`${EXAMPLES}/content-blocks`, '.liquid')]
const SAMPLE_FILES: { path: string; text: string; kind: SampleKind }[] = [
  ...filesIn('test/fixtures/workspace/samples/braze-users', '.json').map((f) => ({ ...f, kind: 'braze-user' as const })),
  ...filesIn(`${EXAMPLES}/samples/braze-users`, '.json').map((f) => ({ ...f, kind: 'braze-user' as const })),
  ...filesIn('test/fixtures/workspace/samples/zendesk-tickets', '.json').map((f) => ({ ...f, kind: 'zendesk-ticket' as const })),
  ...filesIn('test/fixtures/zendesk', '.json').map((f) => ({ ...f, kind: 'zendesk-ticket' as const })),
  ...filesIn(`${EXAMPLES}/samples/zendesk-tickets`, '.json').map((f) => ({ ...f, kind: 'zendesk-ticket' as const })),
]
const SAMPLES: Record<SampleKind, LoadedSample[]> = {
  'braze-user': SAMPLE_FILES.filter((f) => f.kind === 'braze-user').flatMap((f) => loadSamples(f.text, f.path, f.kind).samples),
  'zendesk-ticket': SAMPLE_FILES.filter((f) => f.kind === 'zendesk-ticket').flatMap((f) => loadSamples(f.text, f.path, f.kind).samples),
}

/** The texts diagnostics may point into: the template, and the content blocks by file name. */
type Texts = { template: string; blocks: Map<string, string> }

/** The content blocks, by the file name their diagnostics give. */
function blockTexts(): Map<string, string> {
  return new Map(BLOCKS.map((b) => [`content-blocks/${basename(b.path)}`, b.text]))
}

function compileWithBlocks(text: string, path: string, blocks: Texts['blocks'], random: Random): CompiledTemplate {
  const file = parseTemplateFile(text, path, { defaultDialect: random.pick(['braze', 'zendesk'] as const) })
  return compileTemplate(file, {
    contentBlocks: (name) => {
      const blockPath = `content-blocks/${name}.liquid`
      const blockText = blocks.get(blockPath)
      return blockText === undefined ? undefined : { text: blockText, file: blockPath }
    },
  })
}

/** Problems with diagnostics: each must name a known file and point inside it. */
function misplaced(diagnostics: Diagnostic[], texts: Texts): string[] {
  const checks = new Map<string | undefined, (d: Diagnostic) => string | undefined>()
  return diagnostics.flatMap((d) => {
    const text = d.file === undefined ? texts.template : texts.blocks.get(d.file)
    if (text === undefined) return [`${d.code} names an unknown file ${d.file}`]
    if (!checks.has(d.file)) checks.set(d.file, locationCheck(text))
    return checks.get(d.file)!(d) ?? []
  })
}

/** Renders, timing it; a failure says what went wrong, in words. */
function renderProblems(compiled: CompiledTemplate, sample: unknown, texts: Texts): string[] {
  const started = performance.now()
  const result = renderTemplate(compiled, sample, { now: NOW })
  const elapsed = performance.now() - started
  const problems = misplaced(result.diagnostics, texts)
  if (elapsed > MAX_RENDER_MS) problems.push(`render took ${Math.round(elapsed)} ms`)
  if (result.request.body.length > RENDER_OUTPUT_LIMIT) problems.push(`body of ${result.request.body.length} characters passed the cap`)
  return problems
}

describe('the engine on damaged templates', () => {
  it(`parses, compiles and renders ${TEMPLATE_CASES} mutated templates without throwing, each problem located`, () => {
    const failures: string[] = []
    for (let n = 0; n < TEMPLATE_CASES; n++) {
      const random = new Random(SEED + n)
      const base = random.pick(TEMPLATES)
      const { text, applied } = mutate(base.text, random)
      const blocks = blockTexts()
      // Now and then the content block is the damaged file.
      const damagedBlock = random.chance(0.2) ? random.pick([...blocks.keys()]) : undefined
      if (damagedBlock) blocks.set(damagedBlock, mutate(blocks.get(damagedBlock)!, random).text)
      const texts: Texts = { template: text, blocks }
      const label = `case ${SEED + n} (${base.path}${damagedBlock ? ` + ${damagedBlock}` : ''}: ${applied.join(', ')})`
      try {
        const compiled = compileWithBlocks(text, base.path, blocks, random)
        const problems = misplaced(templateDiagnostics(compiled), texts)
        const samples = SAMPLES[compiled.dialect.sampleKind]
        problems.push(...renderProblems(compiled, random.pick(samples).data, texts))
        if (problems.length > 0) failures.push(`${label}: ${problems.join('; ')}`)
      } catch (err) {
        failures.push(`${label} threw ${err instanceof Error ? err.stack : String(err)}`)
      }
    }
    expect(failures).toEqual([])
  }, FUZZ_TIMEOUT_MS)

  it(`loads ${SAMPLE_CASES} mutated sample files and renders the fixture templates against what loads`, () => {
    const compiled = TEMPLATES.map((t) => {
      const texts: Texts = { template: t.text, blocks: blockTexts() }
      return { path: t.path, texts, compiled: compileWithBlocks(t.text, t.path, texts.blocks, new Random(0)) }
    })
    const failures: string[] = []
    for (let n = 0; n < SAMPLE_CASES; n++) {
      const random = new Random(SEED + 100_000 + n)
      const base = random.pick(SAMPLE_FILES)
      const structural = random.chance(0.5)
      const { text, applied } = structural
        ? { text: JSON.stringify(mutateJsonValue(JSON.parse(base.text), random), null, random.pick([0, 2])), applied: ['json-value'] }
        : mutate(base.text, random)
      // Sometimes the file is offered for the other kind, as a person picking the wrong sample would.
      const kind = random.chance(0.1) ? (base.kind === 'braze-user' ? 'zendesk-ticket' : 'braze-user') : base.kind
      const label = `case ${SEED + 100_000 + n} (${base.path} as ${kind}: ${applied.join(', ')})`
      try {
        const load = loadSamples(text, base.path, kind)
        const located = locationCheck(text)
        const problems = load.diagnostics.flatMap((d) => (d.file === base.path ? (located(d) ?? []) : [`${d.code} names ${d.file}`]))
        for (const sample of load.samples.slice(0, 3)) {
          const template = random.pick(compiled.filter((c) => c.compiled.dialect.sampleKind === kind))
          problems.push(...renderProblems(template.compiled, sample.data, template.texts).map((p) => `${template.path}: ${p}`))
        }
        if (problems.length > 0) failures.push(`${label}: ${problems.join('; ')}`)
      } catch (err) {
        failures.push(`${label} threw ${err instanceof Error ? err.stack : String(err)}`)
      }
    }
    expect(failures).toEqual([])
  }, FUZZ_TIMEOUT_MS)
})

/** The file of one body-only test template, for the limit tests below. */
function render(body: string, frontMatter = 'dialect: braze') {
  const text = `---\n${frontMatter}\n---\n${body}`
  const started = performance.now()
  const compiled = compileTemplate(parseTemplateFile(text, 'limits.liquid'))
  const result = renderTemplate(compiled, SAMPLES[compiled.dialect.sampleKind][0]!.data, { now: NOW })
  return { result, text, elapsed: performance.now() - started, lineOf: (needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length }
}

describe('render limits', () => {
  it('stops a huge range at once, located at its loop, instead of building it', () => {
    const { result, elapsed, lineOf } = render('{"a": 1}\n{% for i in (1..100000000) %}x{% endfor %}')
    expect(elapsed).toBeLessThan(500)
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ severity: 'error', code: 'render-memory-limit', line: lineOf('{% for'), column: 1, message: expect.stringMatching(/too large/) }),
    ])
  })

  it('stops a loop that runs too long at the time limit, located, and lets no later part of the request run on', () => {
    const slow = '{% for a in (1..1000) %}{% for b in (1..1000) %}{% for c in (1..1000) %}{% endfor %}{% endfor %}{% endfor %}'
    const { result, elapsed, lineOf } = render(`{"a": 1}\n${slow}`, `headers:\n  X-Slow: "${slow}"\n  X-Also-Slow: "${slow}"`)
    expect(elapsed).toBeGreaterThanOrEqual(RENDER_TIME_LIMIT_MS - 50)
    expect(elapsed).toBeLessThan(RENDER_TIME_LIMIT_MS + 1000)
    // One budget for the whole request: the first header spends it, the second header and the body do not start.
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        code: 'render-time-limit',
        line: lineOf('X-Slow'),
        message: expect.stringContaining(`${RENDER_TIME_LIMIT_MS / 1000} s`),
        hint: expect.any(String),
      }),
    ])
  })

  it('stops output past 5 MB with a located render-output-too-large error, and sends nothing', () => {
    const { result, text, lineOf } = render('{"a": "{% for i in (1..1000000) %}xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx{% endfor %}"}', 'dialect: zendesk')
    // At the text inside the loop: the write that crossed the cap.
    const column = text.indexOf('xxx') - text.lastIndexOf('\n', text.indexOf('xxx'))
    expect(result.diagnostics).toEqual([expect.objectContaining({ code: 'render-output-too-large', line: lineOf('xxx'), column, message: expect.stringContaining('5 MB') })])
    expect(result.request.body).toBe('')
  })

  it('reports a YAML alias bomb in front matter as a located problem of the file', () => {
    const levels = Array.from({ length: 9 }, (_, i) => (i === 0 ? 'l0: &l0 [x, x, x, x, x, x, x, x, x]' : `l${i}: &l${i} [${Array(9).fill(`*l${i - 1}`).join(', ')}]`))
    const text = `---\n${levels.join('\n')}\nname: bomb\n---\n{}`
    const compiled = compileTemplate(parseTemplateFile(text, 'bomb.liquid'))
    const diagnostics = templateDiagnostics(compiled)
    expect(diagnostics).toContainEqual(expect.objectContaining({ severity: 'error', code: 'front-matter-yaml', line: 2, message: expect.stringMatching(/alias/) }))
    expect(diagnostics.flatMap((d) => locationCheck(text)(d) ?? [])).toEqual([])
  })
})
