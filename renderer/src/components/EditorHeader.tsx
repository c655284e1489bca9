/** Above every editor: what is open, whether it is saved, and the file's own problems. */
import type { WorkspaceItem } from '../../../shared/api/contract.js'
import { displayName, nounOf } from '../lib/items.js'
import { shortcutLabel } from '../lib/shortcuts.js'
import { isDirty, type Doc } from '../store/documentsSlice.js'
import { useStore } from '../store/index.js'
import { ItemMenu } from './ItemMenu.js'
import { isMac } from '../platform.js'

export function EditorHeader({ doc, item, itemKey }: { doc: Doc; item: WorkspaceItem | undefined; itemKey: string }) {
  const saveDoc = useStore((s) => s.saveDoc)
  const dirty = isDirty(doc)
  const changedOnDisk = item !== undefined && item.hash !== doc.saved.hash
  const name = item ? displayName(item) : doc.ref.name
  return (
    <header className="editor-header">
      <div className="editor-title">
        <h1>
          {name}
          {dirty && (
            <span className="dirty-dot" role="img" aria-label="unsaved changes">
              ●
            </span>
          )}
        </h1>
        <span className="editor-path">
          {nounOf(doc.ref.kind)} · {item?.path ?? doc.ref.name}
        </span>
      </div>
      {changedOnDisk && dirty && (
        <span className="warning-pill" role="status">
          Changed on disk
        </span>
      )}
      <button type="button" onClick={() => void saveDoc(itemKey)} disabled={!dirty} title={shortcutLabel('save', isMac)}>
        Save <kbd>{shortcutLabel('save', isMac)}</kbd>
      </button>
      <ItemMenu item={doc.ref} label={name} />
    </header>
  )
}
