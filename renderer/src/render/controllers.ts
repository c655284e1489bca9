/**
 * Keeps the render worker fed and its answers in the store, outside React: every change to the
 * open template, its sample, the environment or a sample file schedules a debounced render, and
 * only the latest one runs.
 */
import { isSampleKind, itemKey } from '../lib/items.js'
import type { AppState } from '../store/index.js'
import { activeTemplate, chosenSample, previewEnvironment, sampleItemsFor, textOf } from '../store/selectors.js'
import type { WorkerFile } from './protocol.js'
import { renderClient } from './renderClient.js'

type Store = { getState(): AppState; setState(partial: Partial<AppState>): void; subscribe(listener: (state: AppState, previous: AppState) => void): () => void }

const PREVIEW_DELAY_MS = 150
const MATRIX_DELAY_MS = 300
const FACTS_DELAY_MS = 500

/** Runs `task` once `delay` ms after the last change of `signature`. */
function onSettledChange(delay: number, signature: (state: AppState) => string | null, task: (state: AppState) => void) {
  let last: string | null = null
  let timer: ReturnType<typeof setTimeout> | undefined
  return (state: AppState, store: Store) => {
    const next = signature(state)
    if (next === last) return
    last = next
    clearTimeout(timer)
    if (next !== null) timer = setTimeout(() => task(store.getState()), delay)
  }
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err))

function workerFiles(state: AppState): WorkerFile[] {
  const files: WorkerFile[] = []
  for (const item of state.items) {
    if (item.kind === 'template') continue
    const key = itemKey(item)
    const text = textOf(state, key)
    if (text !== undefined) files.push({ key, kind: item.kind, name: item.name, path: item.path, text })
  }
  return files
}

export function startRenderControllers(store: Store): () => void {
  /** Bumped whenever any file the worker holds changes; per file below. */
  let filesVersion = 0
  const fileVersions = new Map<string, number>()
  let synced: Pick<AppState, 'items' | 'diskTexts' | 'docs'> | null = null

  const syncFiles = (state: AppState) => {
    if (synced && synced.items === state.items && synced.diskTexts === state.diskTexts && synced.docs === state.docs) return
    synced = state
    const changed = renderClient.syncFiles(workerFiles(state))
    if (changed.length > 0) filesVersion++
    for (const key of changed) fileVersions.set(key, (fileVersions.get(key) ?? 0) + 1)
  }
  /** The preview depends on its sample and the content blocks only: thousands of other samples loading must not hold it back. */
  const previewFilesVersion = (state: AppState, sampleKey: string | undefined) =>
    [sampleKey, ...state.items.filter((i) => i.kind === 'content-block').map(itemKey)].map((key) => (key ? (fileVersions.get(key) ?? 0) : 0))

  const ensureSamples = onSettledChange(
    0,
    (state) => {
      const template = activeTemplate(state)
      return template ? JSON.stringify([template.dialect, sampleItemsFor(state, template.dialect).map((i) => i.hash)]) : null
    },
    (state) => {
      const template = activeTemplate(state)
      if (template) void state.ensureDiskTexts(sampleItemsFor(state, template.dialect))
    },
  )

  const preview = onSettledChange(
    PREVIEW_DELAY_MS,
    (state) => {
      const template = activeTemplate(state)
      if (!template) return null
      const sample = chosenSample(state, template.key)
      // Wait for the sample's text rather than render against nothing.
      if (sample && textOf(state, sample.key) === undefined) return null
      return JSON.stringify([template.key, template.doc.draft, sample, previewEnvironment(state), previewFilesVersion(state, sample?.key)])
    },
    async (state) => {
      const template = activeTemplate(state)
      if (!template) return
      const sample = chosenSample(state, template.key)
      const key = template.key
      const item = state.items.find((i) => itemKey(i) === key)
      store.setState({ preview: { key, value: state.preview?.key === key ? state.preview.value : null, error: null, running: true } })
      try {
        const value = await renderClient.call('preview', {
          template: { text: template.doc.draft, path: item?.path ?? `templates/${template.ref.name}.liquid` },
          sample: sample ? { key: sample.key, label: sample.label } : null,
          environment: previewEnvironment(state),
        })
        if (value) store.setState({ preview: { key, value, error: null, running: false } })
      } catch (err) {
        const current = store.getState().preview
        store.setState({ preview: { key, value: current?.key === key ? current.value : null, error: message(err), running: false } })
      }
    },
  )

  const matrix = onSettledChange(
    MATRIX_DELAY_MS,
    (state) => {
      const template = activeTemplate(state)
      if (!template || state.rightTab !== 'matrix') return null
      return JSON.stringify([template.key, template.doc.draft, previewEnvironment(state), filesVersion])
    },
    async (state) => {
      const template = activeTemplate(state)
      if (!template) return
      const key = template.key
      const item = state.items.find((i) => itemKey(i) === key)
      store.setState({ matrix: { key, value: state.matrix?.key === key ? state.matrix.value : null, error: null, running: true } })
      try {
        const value = await renderClient.call('matrix', {
          template: { text: template.doc.draft, path: item?.path ?? `templates/${template.ref.name}.liquid` },
          sampleKeys: sampleItemsFor(state, template.dialect).map(itemKey),
          environment: previewEnvironment(state),
        })
        if (value) store.setState({ matrix: { key, value, error: null, running: false } })
      } catch (err) {
        store.setState({ matrix: { key, value: null, error: message(err), running: false } })
      }
    },
  )

  const facts = onSettledChange(
    FACTS_DELAY_MS,
    (state) => (activeTemplate(state) ? String(filesVersion) : null),
    async (state) => {
      try {
        const value = await renderClient.call('facts', { sampleKeys: state.items.filter((i) => isSampleKind(i.kind)).map(itemKey) })
        if (value) store.setState({ facts: value })
      } catch (err) {
        store.getState().reportError(err, 'Could not read the samples for completion')
      }
    },
  )

  const fileCheck = onSettledChange(
    PREVIEW_DELAY_MS,
    (state) => {
      const key = state.activeKey
      const kind = key ? state.docs[key]?.ref.kind : undefined
      return key && kind && (isSampleKind(kind) || kind === 'environment') ? JSON.stringify([key, filesVersion]) : null
    },
    async (state) => {
      const key = state.activeKey
      if (!key) return
      try {
        const value = await renderClient.call('checkFile', { key })
        if (value) store.setState({ fileChecks: { ...store.getState().fileChecks, [key]: value } })
      } catch (err) {
        store.getState().reportError(err, 'Could not check the file')
      }
    },
  )

  const onChange = (state: AppState) => {
    syncFiles(state)
    ensureSamples(state, store)
    preview(state, store)
    matrix(state, store)
    facts(state, store)
    fileCheck(state, store)
  }
  onChange(store.getState())
  return store.subscribe(onChange)
}
