import { useStore } from '../store/index.js'
import { itemOf } from '../store/selectors.js'
import { FileEditor } from './FileEditor.js'
import { FlowView } from './FlowView.js'
import { TemplateWorkbench } from './TemplateWorkbench.js'

export function EditorArea() {
  const activeKey = useStore((s) => s.activeKey)
  const doc = useStore((s) => (s.activeKey ? s.docs[s.activeKey] : undefined))
  const item = useStore((s) => (s.activeKey ? itemOf(s, s.activeKey) : undefined))
  const opening = useStore((s) => s.openingKey)
  const activeFlow = useStore((s) => s.activeFlow)

  if (activeFlow) return <FlowView key={activeFlow} name={activeFlow} />

  if (!activeKey || !doc) {
    return (
      <div className="welcome">
        {opening ? (
          <p role="status">Opening…</p>
        ) : (
          <>
            <h1>Hookbench</h1>
            <p>Open a template from the sidebar, or press Ctrl+P (⌘P on a Mac) to find one.</p>
          </>
        )}
      </div>
    )
  }
  return doc.ref.kind === 'template' ? (
    <TemplateWorkbench key={activeKey} doc={doc} item={item} docKey={activeKey} />
  ) : (
    <FileEditor key={activeKey} doc={doc} item={item} docKey={activeKey} />
  )
}
