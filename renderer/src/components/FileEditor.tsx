/** Samples, content blocks and environments: the file in Monaco, its problems, and for environments the secrets. */
import { useState } from 'react'
import type { WorkspaceItem } from '../../../shared/api/contract.js'
import type { Diagnostic } from '../../../shared/diagnostics.js'
import { nounOf } from '../lib/items.js'
import type { Doc } from '../store/documentsSlice.js'
import { useStore } from '../store/index.js'
import { CodeEditor, type EditorProblem } from './CodeEditor.js'
import { EditorHeader } from './EditorHeader.js'
import { ProblemsList } from './ProblemsList.js'
import { SecretsPanel } from './SecretsPanel.js'

const NO_DIAGNOSTICS: Diagnostic[] = []

export function FileEditor({ doc, item, docKey }: { doc: Doc; item: WorkspaceItem | undefined; docKey: string }) {
  const checks = useStore((s) => s.fileChecks[docKey] ?? NO_DIAGNOSTICS)
  const revealAt = useStore((s) => s.revealAt)
  const [problems, setProblems] = useState<EditorProblem[]>([])
  const path = item?.path ?? doc.ref.name
  const kind = doc.ref.kind

  return (
    <div className={`workbench${kind === 'environment' ? '' : ' single'}`}>
      <div className="workbench-editor">
        <EditorHeader doc={doc} item={item} itemKey={docKey} />
        <CodeEditor itemKey={docKey} path={path} label={`${nounOf(kind)} ${doc.ref.name}`} diagnostics={checks} onProblems={setProblems} />
        {kind !== 'content-block' && <ProblemsList problems={problems} onSelect={(p) => revealAt(docKey, p.line, p.column)} />}
      </div>
      {kind === 'environment' && (
        <aside className="workbench-side" aria-label="Secrets">
          <SecretsPanel environment={doc.ref.name} />
        </aside>
      )}
    </div>
  )
}
