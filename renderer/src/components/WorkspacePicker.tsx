/** Open (or create) a workspace folder by path; the same API in the desktop app and in the browser. */
import { useMemo, useState, type FormEvent } from 'react'
import { refOfKey, type ItemRef } from '../lib/items.js'
import { useStore } from '../store/index.js'
import { unsavedKeys } from '../store/documentsSlice.js'

interface Props {
  onDone?: () => void
  /** Filled in when the desktop app asks (its menu, a file opened from the desktop). */
  dir?: string
  mode?: 'open' | 'create'
  /** Opened in the workspace once it is open. */
  item?: ItemRef
}

export function WorkspacePicker({ onDone, dir: askedDir, mode: askedMode, item }: Props) {
  const current = useStore((s) => s.workspace)
  const openWorkspace = useStore((s) => s.openWorkspace)
  const openItem = useStore((s) => s.openItem)
  // Switching workspaces closes every open file: edits not yet saved would be gone.
  const docs = useStore((s) => s.docs)
  const unsaved = useMemo(() => unsavedKeys(docs), [docs])
  const [dir, setDir] = useState(askedDir ?? current?.dir ?? '')
  const [busy, setBusy] = useState(false)

  const go = async (mode: 'open' | 'create') => {
    if (dir.trim() === '') return
    setBusy(true)
    const opened = await openWorkspace(dir.trim(), mode)
    setBusy(false)
    if (!opened) return
    if (item) await openItem(item)
    onDone?.()
  }
  const submit = (event: FormEvent) => {
    event.preventDefault()
    void go(askedMode ?? 'open')
  }
  const discarding = unsaved.length > 0 ? 'Discard changes and ' : ''

  return (
    <form className="workspace-picker" onSubmit={submit}>
      <label>
        Workspace folder
        <input value={dir} onChange={(e) => setDir(e.target.value)} placeholder="/path/to/my-webhooks" autoFocus spellCheck={false} />
      </label>
      {unsaved.length > 0 && (
        <div role="alert" className="warning-text">
          <p>
            {unsaved.length === 1 ? 'One file has' : `${unsaved.length} files have`} unsaved changes, lost if another workspace opens now:{' '}
            {unsaved.map((key) => refOfKey(key).name).join(', ')}.
          </p>
          <p>Cancel and save them first (Ctrl+S, Cmd+S on macOS) to keep them.</p>
        </div>
      )}
      <div className="dialog-buttons">
        {onDone && (
          <button type="button" onClick={onDone}>
            Cancel
          </button>
        )}
        <button type="button" onClick={() => void go('create')} disabled={busy || dir.trim() === ''}>
          {discarding ? `${discarding}create workspace here` : 'Create workspace here'}
        </button>
        <button type="submit" className="primary" disabled={busy || dir.trim() === ''}>
          {discarding ? `${discarding}open workspace` : 'Open workspace'}
        </button>
      </div>
    </form>
  )
}
