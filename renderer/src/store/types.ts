import type { StateCreator } from 'zustand'
import type { DocumentsSlice } from './documentsSlice.js'
import type { FlowsSlice } from './flowsSlice.js'
import type { PreviewSlice } from './previewSlice.js'
import type { SendSlice } from './sendSlice.js'
import type { UiSlice } from './uiSlice.js'
import type { WorkspaceSlice } from './workspaceSlice.js'

export type AppState = WorkspaceSlice & DocumentsSlice & PreviewSlice & SendSlice & UiSlice & FlowsSlice

export type SliceCreator<T> = StateCreator<AppState, [], [], T>
