import { useEffect } from 'react'
import { ConflictDialog } from './components/ConflictDialog.js'
import { EditorArea } from './components/EditorArea.js'
import { ImportDialog } from './components/ImportDialog.js'
import { CreateItemDialog, DeleteItemDialog, RenameItemDialog } from './components/ItemDialogs.js'
import { Modal } from './components/Modal.js'
import { Notices } from './components/Notices.js'
import { ProductionConfirmDialog } from './components/ProductionConfirmDialog.js'
import { QuickOpen } from './components/QuickOpen.js'
import { Sidebar } from './components/Sidebar.js'
import { WorkspacePicker } from './components/WorkspacePicker.js'
import { useAppShortcuts } from './hooks/useAppShortcuts.js'
import { unsavedKeys } from './store/documentsSlice.js'
import { useStore } from './store/index.js'

function Dialogs() {
  const dialog = useStore((s) => s.dialog)
  const conflictKey = useStore((s) => s.conflictKey)
  const quickOpen = useStore((s) => s.quickOpen)
  const confirmingProduction = useStore((s) => s.confirmingProduction)
  const appInfo = useStore((s) => s.appInfo)
  const close = () => useStore.getState().openDialog(null)
  return (
    <>
      {dialog?.type === 'create' && <CreateItemDialog kind={dialog.kind} />}
      {dialog?.type === 'rename' && <RenameItemDialog refToRename={dialog.ref} />}
      {dialog?.type === 'delete' && <DeleteItemDialog refToDelete={dialog.ref} />}
      {dialog?.type === 'import' && <ImportDialog mode={dialog.mode} {...(dialog.format ? { format: dialog.format } : {})} />}
      {dialog?.type === 'workspace' && (
        <Modal title={dialog.mode === 'create' ? 'Create a workspace' : 'Open a workspace'} onCancel={close}>
          <WorkspacePicker
            onDone={close}
            {...(dialog.dir !== undefined ? { dir: dialog.dir } : {})}
            {...(dialog.mode ? { mode: dialog.mode } : {})}
            {...(dialog.item ? { item: dialog.item } : {})}
          />
        </Modal>
      )}
      {dialog?.type === 'about' && (
        <Modal title="About Hookbench" onCancel={close}>
          <p>
            Hookbench {appInfo?.version} ({appInfo?.mode}, {appInfo?.platform})
          </p>
          <div className="dialog-buttons">
            <button type="button" className="primary" onClick={close} autoFocus>
              Close
            </button>
          </div>
        </Modal>
      )}
      {conflictKey && <ConflictDialog itemKey={conflictKey} />}
      {quickOpen && <QuickOpen />}
      {confirmingProduction && <ProductionConfirmDialog />}
    </>
  )
}

function Workspace() {
  const workspace = useStore((s) => s.workspace)!
  const openDialog = useStore((s) => s.openDialog)
  return (
    <div className="app-shell">
      <header className="app-header">
        <span className="app-name">Hookbench</span>
        <span className="workspace-name" title={workspace.dir}>
          {workspace.name}
        </span>
        <button type="button" onClick={() => openDialog({ type: 'workspace' })}>
          Open workspace…
        </button>
      </header>
      <Sidebar />
      <main className="app-main">
        <EditorArea />
      </main>
    </div>
  )
}

export function App() {
  const startup = useStore((s) => s.startup)
  const workspace = useStore((s) => s.workspace)
  useAppShortcuts()

  useEffect(() => {
    const refresh = () => {
      if (useStore.getState().workspace) void useStore.getState().refreshItems()
    }
    // Files edited outside Hookbench (git pull, another editor) show up when the window regains focus.
    window.addEventListener('focus', refresh)
    // Unsaved changes hold the page: the browser asks before leaving; in the desktop app the main
    // process hears of it (will-prevent-unload) and asks whether to close without saving.
    const warnUnsaved = (event: BeforeUnloadEvent) => {
      if (unsavedKeys(useStore.getState().docs).length > 0) event.preventDefault()
    }
    window.addEventListener('beforeunload', warnUnsaved)
    return () => {
      window.removeEventListener('focus', refresh)
      window.removeEventListener('beforeunload', warnUnsaved)
    }
  }, [])

  return (
    <div className="app" data-app-state={startup}>
      {startup === 'starting' ? (
        <p className="starting" role="status">
          Starting Hookbench…
        </p>
      ) : workspace ? (
        <Workspace />
      ) : (
        <main className="first-run">
          <h1>Hookbench</h1>
          <p>Open the folder that holds your webhook templates and samples, or create a new workspace.</p>
          <WorkspacePicker />
        </main>
      )}
      <Dialogs />
      <Notices />
    </div>
  )
}
