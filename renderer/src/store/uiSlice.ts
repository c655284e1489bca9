import type { ItemKind } from '../../../shared/api/contract.js'
import { describeError } from '../lib/errors.js'
import type { TextFormat } from '../lib/imports.js'
import type { ItemRef } from '../lib/items.js'
import type { SliceCreator } from './types.js'

export interface Notice {
  id: number
  message: string
}

export type RightTab = 'preview' | 'matrix' | 'send' | 'export'

/** The Import dialog's three ways in. */
export type ImportMode = 'text' | 'sandbox' | 'template'

export type Dialog =
  | { type: 'create'; kind: ItemKind }
  | { type: 'rename'; ref: ItemRef }
  | { type: 'delete'; ref: ItemRef }
  /** Open another workspace; the desktop app fills in the folder (menu, a file opened) and the item to open in it. */
  | { type: 'workspace'; dir?: string; mode?: 'open' | 'create'; item?: ItemRef }
  | { type: 'about' }
  | { type: 'import'; mode: ImportMode; format?: TextFormat }

export interface UiSlice {
  notices: Notice[]
  quickOpen: boolean
  rightTab: RightTab
  dialog: Dialog | null
  /** A request to put the cursor somewhere (a clicked problem); the editor of `key` acts on it. */
  reveal: { key: string; line: number; column: number; nonce: number } | null
  reportError(err: unknown, context?: string): void
  /** A message that something worked (a sample saved …), shown like errors until dismissed. */
  notify(message: string): void
  dismissNotice(id: number): void
  setQuickOpen(open: boolean): void
  setRightTab(tab: RightTab): void
  openDialog(dialog: Dialog | null): void
  revealAt(key: string, line: number, column: number): void
}

let noticeId = 0

export const createUiSlice: SliceCreator<UiSlice> = (set) => ({
  notices: [],
  quickOpen: false,
  rightTab: 'preview',
  dialog: null,
  reveal: null,
  reportError(err, context) {
    const { message } = describeError(err)
    const id = ++noticeId
    set((s) => ({ notices: [...s.notices, { id, message: context ? `${context}: ${message}` : message }] }))
  },
  notify(message) {
    const id = ++noticeId
    set((s) => ({ notices: [...s.notices, { id, message }] }))
  },
  dismissNotice(id) {
    set((s) => ({ notices: s.notices.filter((n) => n.id !== id) }))
  },
  setQuickOpen(open) {
    set({ quickOpen: open })
  },
  setRightTab(tab) {
    set({ rightTab: tab })
  },
  openDialog(dialog) {
    set({ dialog })
  },
  revealAt(key, line, column) {
    set((s) => ({ reveal: { key, line, column, nonce: (s.reveal?.nonce ?? 0) + 1 } }))
  },
})
