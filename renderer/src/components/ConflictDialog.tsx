/** A save refused because the file changed on disk: the user decides, nothing is overwritten silently. */
import { refOfKey } from '../lib/items.js'
import { useStore } from '../store/index.js'
import { Modal } from './Modal.js'

export function ConflictDialog({ itemKey }: { itemKey: string }) {
  const resolve = useStore((s) => s.resolveConflict)
  const { name } = refOfKey(itemKey)
  return (
    <Modal title={`${name} changed on disk`} onCancel={() => void resolve('cancel')} role="alertdialog">
      <p>
        The file was changed outside Hookbench since you opened it, so your save was refused. Reload it (your unsaved changes are
        discarded) or overwrite it with your version (the other changes are lost).
      </p>
      <div className="dialog-buttons">
        <button type="button" onClick={() => void resolve('cancel')} autoFocus>
          Cancel
        </button>
        <button type="button" onClick={() => void resolve('reload')}>
          Reload from disk
        </button>
        <button type="button" className="danger" onClick={() => void resolve('overwrite')}>
          Overwrite
        </button>
      </div>
    </Modal>
  )
}
