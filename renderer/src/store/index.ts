/** The one store, made of slices (zustand's slices pattern). */
import { create } from 'zustand'
import { createDocumentsSlice } from './documentsSlice.js'
import { createFlowsSlice } from './flowsSlice.js'
import { createPreviewSlice } from './previewSlice.js'
import { createSendSlice } from './sendSlice.js'
import type { AppState } from './types.js'
import { createUiSlice } from './uiSlice.js'
import { createWorkspaceSlice } from './workspaceSlice.js'

export type { AppState }

export const useStore = create<AppState>()((...a) => ({
  ...createWorkspaceSlice(...a),
  ...createDocumentsSlice(...a),
  ...createPreviewSlice(...a),
  ...createSendSlice(...a),
  ...createUiSlice(...a),
  ...createFlowsSlice(...a),
}))
