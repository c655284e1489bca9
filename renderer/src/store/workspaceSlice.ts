import type { ItemKind, WorkspaceInfo, WorkspaceItem } from '../../../shared/api/contract.js'
import { api } from '../api.js'
import { itemKey, type ItemRef } from '../lib/items.js'
import { unsavedKeys } from './documentsSlice.js'
import { environmentOf } from './selectors.js'
import type { SliceCreator } from './types.js'

type AppInfo = Awaited<ReturnType<typeof api['app.info']>>

export interface DiskText {
  hash: string
  text: string
}

export interface WorkspaceSlice {
  appInfo: AppInfo | null
  workspace: WorkspaceInfo | null
  items: WorkspaceItem[]
  /** Samples, content blocks and environments as last read from disk (open ones also have a draft). */
  diskTexts: Record<string, DiskText>
  /** `loaded` once the app knows whether a workspace is open and has listed it. */
  startup: 'starting' | 'loaded'
  init(): Promise<void>
  openWorkspace(dir: string, mode: 'open' | 'create'): Promise<boolean>
  /**
   * Open a workspace (and an item in it) asked for from outside the page: the desktop menu, a
   * file opened from the desktop. With unsaved changes, the workspace dialog asks first.
   */
  requestWorkspace(dir: string, mode: 'open' | 'create', item?: ItemRef): Promise<void>
  refreshItems(): Promise<void>
  /** Reads the items whose text is missing or out of date (a few at a time: thousands of samples are fine). */
  ensureDiskTexts(items: readonly WorkspaceItem[]): Promise<void>
  selectOnlySandbox(): void
  addItem(kind: ItemKind, name: string, text: string): Promise<boolean>
  renameItem(ref: ItemRef, newName: string): Promise<boolean>
  duplicateItem(ref: ItemRef): Promise<void>
  deleteItem(ref: ItemRef): Promise<boolean>
}

/** Settles once `init` has: a request from outside must not race the start-up's own opening. */
let markStarted!: () => void
const started = new Promise<void>((resolve) => (markStarted = resolve))

const READ_CONCURRENCY = 6
const BATCH_MS = 100
const reading = new Set<string>()

export const createWorkspaceSlice: SliceCreator<WorkspaceSlice> = (set, get) => ({
  appInfo: null,
  workspace: null,
  items: [],
  diskTexts: {},
  startup: 'starting',

  async init() {
    try {
      const [appInfo, workspace] = await Promise.all([api['app.info']({}), api['workspace.current']({})])
      set({ appInfo, workspace })
      if (workspace) await get().refreshItems()
    } catch (err) {
      get().reportError(err, 'Hookbench could not start')
    } finally {
      set({ startup: 'loaded' })
      markStarted()
    }
  },

  async requestWorkspace(dir, mode, item) {
    if (get().startup !== 'loaded') await started
    const { workspace, docs } = get()
    if (mode === 'open' && workspace?.dir === dir) {
      if (item) await get().openItem(item)
      return
    }
    if (unsavedKeys(docs).length > 0) {
      get().openDialog({ type: 'workspace', dir, mode, ...(item ? { item } : {}) })
      return
    }
    if ((await get().openWorkspace(dir, mode)) && item) await get().openItem(item)
  },

  async openWorkspace(dir, mode) {
    try {
      const workspace = await (mode === 'open' ? api['workspace.open']({ dir }) : api['workspace.create']({ dir }))
      set({
        workspace,
        items: [],
        diskTexts: {},
        docs: {},
        activeKey: null,
        preview: null,
        matrix: null,
        sampleChoice: {},
        environmentName: null,
        flows: [],
        activeFlow: null,
        flowRuns: {},
        flowHistory: null,
      })
      await get().refreshItems()
      return true
    } catch (err) {
      get().reportError(err, `Could not ${mode} the workspace ${dir}`)
      return false
    }
  },

  async refreshItems() {
    try {
      const items = await api['workspace.list']({})
      set({ items })
      void get().loadFlows()
      get().syncDocsWithDisk(items)
      // Content blocks and environments are few and every preview needs them.
      await get().ensureDiskTexts(items.filter((i) => i.kind === 'content-block' || i.kind === 'environment'))
      get().selectOnlySandbox()
    } catch (err) {
      get().reportError(err, 'Could not list the workspace')
    }
  },

  /** With one sandbox environment and none chosen, previews use it: the common case needs no click. */
  selectOnlySandbox() {
    const state = get()
    if (state.environmentName !== null) return
    const sandboxes = state.items
      .filter((i) => i.kind === 'environment')
      .filter((i) => environmentOf(state, i.name)?.environment?.kind === 'sandbox')
    if (sandboxes.length === 1) state.selectEnvironment(sandboxes[0]!.name)
  },

  async ensureDiskTexts(items) {
    const stale = items.filter((i) => get().diskTexts[itemKey(i)]?.hash !== i.hash && !reading.has(itemKey(i)))
    for (const item of stale) reading.add(itemKey(item))
    const queue = [...stale]
    // Texts arrive in batches: one store update per file would redo every listener thousands of times.
    let arrived: Record<string, DiskText> = {}
    let flushTimer: ReturnType<typeof setTimeout> | undefined
    const flush = () => {
      clearTimeout(flushTimer)
      flushTimer = undefined
      const batch = arrived
      arrived = {}
      if (Object.keys(batch).length > 0) set((s) => ({ diskTexts: { ...s.diskTexts, ...batch } }))
    }
    const readOne = async (): Promise<void> => {
      for (let item = queue.shift(); item; item = queue.shift()) {
        const key = itemKey(item)
        try {
          // Read first, then add: a flush while waiting replaces `arrived`.
          const read = await api['workspace.read']({ kind: item.kind, name: item.name })
          arrived[key] = read
          flushTimer ??= setTimeout(flush, BATCH_MS)
        } catch (err) {
          get().reportError(err, `Could not read ${item.path}`)
        } finally {
          reading.delete(key)
        }
      }
    }
    await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, queue.length) }, readOne))
    flush()
  },

  async addItem(kind, name, text) {
    try {
      await api['workspace.add']({ kind, name, text })
      await get().refreshItems()
      await get().openItem({ kind, name })
      return true
    } catch (err) {
      get().reportError(err, `Could not create ${name}`)
      return false
    }
  },

  async renameItem(ref, newName) {
    try {
      await api['workspace.rename']({ ...ref, newName })
      get().moveDoc(ref, { kind: ref.kind, name: newName })
      await get().refreshItems()
      return true
    } catch (err) {
      get().reportError(err, `Could not rename ${ref.name}`)
      return false
    }
  },

  async duplicateItem(ref) {
    try {
      const { name } = await api['workspace.duplicate'](ref)
      await get().refreshItems()
      await get().openItem({ kind: ref.kind, name })
    } catch (err) {
      get().reportError(err, `Could not duplicate ${ref.name}`)
    }
  },

  async deleteItem(ref) {
    try {
      await api['workspace.delete'](ref)
      get().dropDoc(ref)
      await get().refreshItems()
      return true
    } catch (err) {
      get().reportError(err, `Could not delete ${ref.name}`)
      return false
    }
  },
})
