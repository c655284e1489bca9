/**
 * Rendering off the UI thread: the pure engine of `shared/` against the workspace's samples and
 * content blocks, so a slow template never freezes typing. The worker keeps the latest text of
 * every sample and content block, and parsed samples until their text changes.
 */
import { parseEnvironment } from '../../../shared/environment/model.js'
import type { ReferenceValues } from '../../../shared/environment/substitute.js'
import type { CompiledTemplate } from '../../../shared/render/compile.js'
import { prepareTemplate } from '../../../shared/render/prepare.js'
import { renderTemplate } from '../../../shared/render/render.js'
import { loadSamples, type SampleLoad } from '../../../shared/samples/load.js'
import { parseTemplateFile } from '../../../shared/template/file.js'
import { isSampleKind } from '../lib/items.js'
import { matrixOutcome } from '../lib/matrix.js'
import { collectFacts } from '../lib/sampleFacts.js'
import type { Calls, CallName, FromWorker, MatrixRow, PreviewEnvironment, TemplateSource, ToWorker, WorkerFile } from './protocol.js'

const files = new Map<string, WorkerFile>()
const loads = new Map<string, { text: string; load: SampleLoad }>()

function sampleLoad(key: string): { file: WorkerFile; load: SampleLoad } | undefined {
  const file = files.get(key)
  if (!file || !isSampleKind(file.kind)) return undefined
  const cached = loads.get(key)
  if (cached?.text === file.text) return { file, load: cached.load }
  const load = loadSamples(file.text, file.path, file.kind)
  loads.set(key, { text: file.text, load })
  return { file, load }
}

function contentBlock(name: string) {
  const file = files.get(`content-block:${name}`)
  return file ? { text: file.text, file: file.path } : undefined
}

function referenceValues(environment: PreviewEnvironment | null): ReferenceValues | null {
  if (!environment) return null
  const stored = new Set(environment.storedSecrets)
  return {
    environment: environment.name,
    env: environment.variables,
    secretNames: environment.secretNames,
    // Only whether a value is stored matters here: the preview shows stand-ins, never values.
    secrets: (name) => (stored.has(name) ? 'stored' : undefined),
  }
}

/** Parsed, references replaced by stand-ins, compiled: ready to render against any sample. */
function compile(template: TemplateSource, environment: PreviewEnvironment | null): CompiledTemplate {
  return prepareTemplate(parseTemplateFile(template.text, template.path), referenceValues(environment), 'standIn', { contentBlocks: contentBlock })
}

/** What a template renders against before any sample exists: every value missing. */
function emptySample(compiled: CompiledTemplate): Record<string, unknown> {
  return compiled.file.meta.dialect === 'zendesk' ? { ticket: {} } : {}
}

const calls: { [N in CallName]: (input: Calls[N]['input']) => Calls[N]['output'] } = {
  preview({ template, sample, environment }) {
    const started = performance.now()
    const compiled = compile(template, environment)
    const loaded = sample ? sampleLoad(sample.key) : undefined
    const samples = loaded?.load.samples ?? []
    const chosen = samples.find((s) => s.label === sample?.label) ?? samples[0]
    const result = renderTemplate(compiled, chosen?.data ?? emptySample(compiled))
    return {
      request: result.request,
      aborted: result.aborted,
      diagnostics: result.diagnostics,
      sampleLabels: samples.map((s) => s.label),
      sampleLabel: chosen?.label ?? null,
      sampleProblems: loaded?.load.diagnostics ?? [],
      durationMs: performance.now() - started,
    }
  },

  matrix({ template, sampleKeys, environment }) {
    const started = performance.now()
    const compiled = compile(template, environment)
    const rows: MatrixRow[] = []
    for (const key of sampleKeys) {
      const loaded = sampleLoad(key)
      if (!loaded) continue
      const firstProblem = loaded.load.diagnostics.find((d) => d.severity === 'error')
      if (loaded.load.samples.length === 0 && firstProblem) {
        rows.push({ sampleKey: key, label: null, status: 'error', detail: firstProblem.message, warnings: 0 })
        continue
      }
      for (const sample of loaded.load.samples) {
        const result = renderTemplate(compiled, sample.data)
        rows.push({ sampleKey: key, label: sample.label, ...matrixOutcome(result) })
      }
    }
    return { rows, durationMs: performance.now() - started }
  },

  facts({ sampleKeys }) {
    const samples = sampleKeys.flatMap((key) => {
      const loaded = sampleLoad(key)
      if (!loaded || !isSampleKind(loaded.file.kind)) return []
      const kind = loaded.file.kind
      return loaded.load.samples.map((s) => ({ kind, data: s.data }))
    })
    return collectFacts(samples)
  },

  checkFile({ key }) {
    const file = files.get(key)
    if (!file) return []
    if (file.kind === 'environment') return parseEnvironment(file.text, file.path).diagnostics
    return sampleLoad(key)?.load.diagnostics ?? []
  },
}

// Typed as a dedicated worker's scope: the renderer's lib is the DOM's, where `self` is a window.
const scope = self as unknown as { onmessage: (event: MessageEvent<ToWorker>) => void; postMessage(reply: FromWorker): void }

scope.onmessage = (event) => {
  const message = event.data
  if (message.type === 'files') {
    for (const key of message.remove) {
      files.delete(key)
      loads.delete(key)
    }
    for (const file of message.upsert) files.set(file.key, file)
    return
  }
  let reply: FromWorker
  try {
    const call = calls[message.name] as (input: unknown) => unknown
    reply = { id: message.id, ok: true, value: call(message.input) }
  } catch (err) {
    reply = { id: message.id, ok: false, message: err instanceof Error ? err.message : String(err) }
  }
  scope.postMessage(reply)
}
