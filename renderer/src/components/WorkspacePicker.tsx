/** Open (or create) a workspace folder by path; the same API in the desktop app and in the browser. */
import { useState, type FormEvent } from 'react'
import { useStore } from '../store/index.js'

export function WorkspacePicker({ onDone }: { onDone?: () => void }) {
  const current = useStore((s) => s.workspace)
  const openWorkspace = useStore((s) => s.openWorkspace)
  const [dir, setDir] = useState(current?.dir ?? '')
  const [busy, setBusy] = useState(false)

  const go = async (mode: 'open' | 'create') => {
    if (dir.trim() === '') return
    setBusy(true)
    const opened = await openWorkspace(dir.trim(), mode)
    setBusy(false)
    if (opened) onDone?.()
  }
  const submit = (event: FormEvent) => {
    event.preventDefault()
    void go('open')
  }

  return (
    <form className="workspace-picker" onSubmit={submit}>
      <label>
        Workspace folder
        <input value={dir} onChange={(e) => setDir(e.target.value)} placeholder="/path/to/my-webhooks" autoFocus spellCheck={false} />
      </label>
      <div className="dialog-buttons">
        {onDone && (
          <button type="button" onClick={onDone}>
            Cancel
          </button>
        )}
        <button type="button" onClick={() => void go('create')} disabled={busy || dir.trim() === ''}>
          Create workspace here
        </button>
        <button type="submit" className="primary" disabled={busy || dir.trim() === ''}>
          Open workspace
        </button>
      </div>
    </form>
  )
}
