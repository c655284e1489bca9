/** Create, rename and delete, each confirmed in a dialog. */
import { useState, type FormEvent } from 'react'
import type { ItemKind } from '../../../shared/api/contract.js'
import { nameProblem } from '../../../shared/workspace/layout.js'
import { nounOf, type Dialect, type ItemRef } from '../lib/items.js'
import { starterText } from '../lib/starters.js'
import { useStore } from '../store/index.js'
import { Modal } from './Modal.js'

export function NameField(props: { kind: ItemKind; value: string; onChange(v: string): void; label: string; autoFocus?: boolean }) {
  const { kind, value, onChange, label, autoFocus = true } = props
  const problem = value === '' ? undefined : nameProblem(kind, value)
  return (
    <div className="field">
      <label>
        {label}
        <input autoFocus={autoFocus} value={value} onChange={(e) => onChange(e.target.value)} aria-invalid={problem !== undefined} aria-describedby="name-problem" />
      </label>
      <p id="name-problem" className="field-problem" role="status">
        {problem ? `The name is not valid: ${problem}.` : ''}
      </p>
    </div>
  )
}

export function CreateItemDialog({ kind }: { kind: ItemKind }) {
  const close = () => useStore.getState().openDialog(null)
  const addItem = useStore((s) => s.addItem)
  const [name, setName] = useState('')
  const [dialect, setDialect] = useState<Dialect>('braze')
  const [busy, setBusy] = useState(false)
  const valid = name !== '' && nameProblem(kind, name) === undefined

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (!valid) return
    setBusy(true)
    const created = await addItem(kind, name, starterText(kind, name, dialect))
    setBusy(false)
    if (created) close()
  }

  return (
    <Modal title={`New ${nounOf(kind)}`} onCancel={close}>
      <form onSubmit={submit}>
        <NameField kind={kind} value={name} onChange={setName} label="Name" />
        {kind === 'template' && (
          <fieldset className="field">
            <legend>Dialect</legend>
            <label>
              <input type="radio" name="dialect" checked={dialect === 'braze'} onChange={() => setDialect('braze')} /> Braze (Braze → Zendesk)
            </label>
            <label>
              <input type="radio" name="dialect" checked={dialect === 'zendesk'} onChange={() => setDialect('zendesk')} /> Zendesk (Zendesk → Braze)
            </label>
          </fieldset>
        )}
        <div className="dialog-buttons">
          <button type="button" onClick={close}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={!valid || busy}>
            Create
          </button>
        </div>
      </form>
    </Modal>
  )
}

export function RenameItemDialog({ refToRename }: { refToRename: ItemRef }) {
  const close = () => useStore.getState().openDialog(null)
  const renameItem = useStore((s) => s.renameItem)
  const [name, setName] = useState(refToRename.name)
  const valid = name !== refToRename.name && nameProblem(refToRename.kind, name) === undefined

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (valid && (await renameItem(refToRename, name))) close()
  }

  return (
    <Modal title={`Rename ${nounOf(refToRename.kind)} ${refToRename.name}`} onCancel={close}>
      <form onSubmit={submit}>
        <NameField kind={refToRename.kind} value={name} onChange={setName} label="New name" />
        <div className="dialog-buttons">
          <button type="button" onClick={close}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={!valid}>
            Rename
          </button>
        </div>
      </form>
    </Modal>
  )
}

export function DeleteItemDialog({ refToDelete }: { refToDelete: ItemRef }) {
  const close = () => useStore.getState().openDialog(null)
  const deleteItem = useStore((s) => s.deleteItem)
  const remove = async () => {
    if (await deleteItem(refToDelete)) close()
  }
  return (
    <Modal title={`Delete ${nounOf(refToDelete.kind)} ${refToDelete.name}?`} onCancel={close} role="alertdialog">
      <p>The file moves to the workspace's trash folder (.hookbench/trash); unsaved changes to it are lost.</p>
      <div className="dialog-buttons">
        <button type="button" onClick={close} autoFocus>
          Cancel
        </button>
        <button type="button" className="danger" onClick={remove}>
          Delete
        </button>
      </div>
    </Modal>
  )
}
