/**
 * Open items, Bruno-style: what is on disk (`saved`, with the hash it was read at) and what the
 * user is editing (`draft`). The file stays the single source of truth: a save names the hash it
 * started from, and a file changed meanwhile is never overwritten without asking.
 */
import type { WorkspaceItem } from '../../../shared/api/contract.js'
import { api } from '../api.js'
import { describeError, isConflict } from '../lib/errors.js'
import { itemKey, type ItemRef } from '../lib/items.js'
import type { SliceCreator } from './types.js'

export interface Doc {
  ref: ItemRef
  saved: { text: string; hash: string }
  draft: string
}

export interface DocumentsSlice {
  docs: Record<string, Doc>
  activeKey: string | null
  /** The item being read for the editor. */
  openingKey: string | null
  /** The doc whose save was refused because its file changed on disk. */
  conflictKey: string | null
  openItem(ref: ItemRef): Promise<void>
  setDraft(key: string, text: string): void
  saveDoc(key: string): Promise<boolean>
  resolveConflict(choice: 'reload' | 'overwrite' | 'cancel'): Promise<void>
  /** Brings unedited docs up to date with files changed outside Hookbench. */
  syncDocsWithDisk(items: readonly WorkspaceItem[]): void
  moveDoc(from: ItemRef, to: ItemRef): void
  dropDoc(ref: ItemRef): void
}

export const isDirty = (doc: Doc | undefined): boolean => doc !== undefined && doc.draft !== doc.saved.text

/** The keys of the open files with unsaved changes. */
export const unsavedKeys = (docs: Readonly<Record<string, Doc>>): string[] => Object.keys(docs).filter((key) => isDirty(docs[key]))

export const createDocumentsSlice: SliceCreator<DocumentsSlice> = (set, get) => {
  const read = async (ref: ItemRef) => api['workspace.read']({ kind: ref.kind, name: ref.name })

  const storeSaved = (ref: ItemRef, text: string, hash: string, keepDraft: boolean) => {
    const key = itemKey(ref)
    set((s) => {
      const draft = keepDraft ? (s.docs[key]?.draft ?? text) : text
      return {
        docs: { ...s.docs, [key]: { ref, saved: { text, hash }, draft } },
        diskTexts: { ...s.diskTexts, [key]: { text, hash } },
      }
    })
  }

  return {
    docs: {},
    activeKey: null,
    openingKey: null,
    conflictKey: null,

    async openItem(ref) {
      const key = itemKey(ref)
      set({ activeKey: key, activeFlow: null })
      if (get().docs[key]) return
      set({ openingKey: key })
      try {
        const { text, hash } = await read(ref)
        storeSaved(ref, text, hash, false)
      } catch (err) {
        get().reportError(err, `Could not open ${ref.name}`)
        if (get().activeKey === key) set({ activeKey: null })
      } finally {
        if (get().openingKey === key) set({ openingKey: null })
      }
    },

    setDraft(key, text) {
      const doc = get().docs[key]
      if (!doc || doc.draft === text) return
      set((s) => ({ docs: { ...s.docs, [key]: { ...doc, draft: text } } }))
    },

    async saveDoc(key) {
      const doc = get().docs[key]
      if (!doc) return false
      const text = doc.draft
      try {
        const { hash } = await api['workspace.save']({ ...doc.ref, text, expectedHash: doc.saved.hash })
        storeSaved(doc.ref, text, hash, true)
        await get().refreshItems()
        return true
      } catch (err) {
        if (isConflict(describeError(err))) set({ conflictKey: key })
        else get().reportError(err, `Could not save ${doc.ref.name}`)
        return false
      }
    },

    async resolveConflict(choice) {
      const key = get().conflictKey
      set({ conflictKey: null })
      const doc = key ? get().docs[key] : undefined
      if (!doc || choice === 'cancel') return
      try {
        const onDisk = await read(doc.ref)
        if (choice === 'reload') {
          storeSaved(doc.ref, onDisk.text, onDisk.hash, false)
          return
        }
        // Overwrite knowingly: the hash of the version the user chose to replace.
        const { hash } = await api['workspace.save']({ ...doc.ref, text: doc.draft, expectedHash: onDisk.hash })
        storeSaved(doc.ref, doc.draft, hash, true)
        await get().refreshItems()
      } catch (err) {
        if (isConflict(describeError(err))) set({ conflictKey: key })
        else get().reportError(err, `Could not ${choice} ${doc.ref.name}`)
      }
    },

    syncDocsWithDisk(items) {
      for (const item of items) {
        const doc = get().docs[itemKey(item)]
        if (doc && doc.saved.hash !== item.hash && !isDirty(doc)) {
          read(item).then(
            ({ text, hash }) => storeSaved(item, text, hash, false),
            (err: unknown) => get().reportError(err, `Could not reload ${item.path}`),
          )
        }
      }
    },

    moveDoc(from, to) {
      const fromKey = itemKey(from)
      const toKey = itemKey(to)
      set((s) => {
        const { [fromKey]: doc, ...docs } = s.docs
        return {
          docs: doc ? { ...docs, [toKey]: { ...doc, ref: to } } : docs,
          activeKey: s.activeKey === fromKey ? toKey : s.activeKey,
        }
      })
    },

    dropDoc(ref) {
      const key = itemKey(ref)
      set((s) => {
        const { [key]: _dropped, ...docs } = s.docs
        return { docs, activeKey: s.activeKey === key ? null : s.activeKey }
      })
    },
  }
}
