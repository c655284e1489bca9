/** A template: its file in Monaco with its problems, and beside it the live preview, the matrix, sending and the export. */
import { useCallback } from 'react'
import type { WorkspaceItem } from '../../../shared/api/contract.js'
import type { Diagnostic } from '../../../shared/diagnostics.js'
import { itemKey } from '../lib/items.js'
import type { Doc } from '../store/documentsSlice.js'
import { useStore } from '../store/index.js'
import { templateDialect } from '../store/selectors.js'
import type { RightTab } from '../store/uiSlice.js'
import { CodeEditor } from './CodeEditor.js'
import { EditorHeader } from './EditorHeader.js'
import { ExportPanel } from './ExportPanel.js'
import { MatrixPanel } from './MatrixPanel.js'
import { PreviewPanel } from './PreviewPanel.js'
import { ProblemsList, type ListedProblem } from './ProblemsList.js'
import { SendPanel } from './SendPanel.js'
import { Tabs } from './Tabs.js'

const TABS: { id: RightTab; label: string }[] = [
  { id: 'preview', label: 'Preview' },
  { id: 'matrix', label: 'Matrix' },
  { id: 'send', label: 'Send' },
  { id: 'export', label: 'Export' },
]

const NO_DIAGNOSTICS: Diagnostic[] = []

export function TemplateWorkbench({ doc, item, docKey }: { doc: Doc; item: WorkspaceItem | undefined; docKey: string }) {
  const diagnostics = useStore((s) => (s.preview?.key === docKey ? (s.preview.value?.diagnostics ?? NO_DIAGNOSTICS) : NO_DIAGNOSTICS))
  const rightTab = useStore((s) => s.rightTab)
  const setRightTab = useStore((s) => s.setRightTab)
  const dialect = useStore((s) => templateDialect(s, docKey))
  const path = item?.path ?? `templates/${doc.ref.name}.liquid`

  const select = useCallback(
    (problem: ListedProblem) => {
      const state = useStore.getState()
      const block = problem.file ? state.items.find((i) => i.path === problem.file) : undefined
      if (block) {
        void state.openItem(block).then(() => state.revealAt(itemKey(block), problem.line, problem.column))
      } else {
        state.revealAt(docKey, problem.line, problem.column)
      }
    },
    [docKey],
  )

  return (
    <div className="workbench">
      <div className="workbench-editor">
        <EditorHeader doc={doc} item={item} itemKey={docKey} />
        <CodeEditor itemKey={docKey} path={path} label={`Template ${doc.ref.name}`} diagnostics={diagnostics} />
        <ProblemsList problems={diagnostics.map((d) => ({ ...d, ...(d.file === path ? { file: undefined } : {}) }))} onSelect={select} />
      </div>
      <aside className="workbench-side" aria-label="Request">
        <Tabs label="Template views" tabs={TABS} selected={rightTab} onSelect={setRightTab}>
          {rightTab === 'preview' && <PreviewPanel templateKey={docKey} dialect={dialect} />}
          {rightTab === 'matrix' && <MatrixPanel templateKey={docKey} />}
          {rightTab === 'send' && <SendPanel templateKey={docKey} templateName={doc.ref.name} />}
          {rightTab === 'export' && <ExportPanel templateKey={docKey} templateName={doc.ref.name} path={path} onSelectProblem={select} />}
        </Tabs>
      </aside>
    </div>
  )
}
