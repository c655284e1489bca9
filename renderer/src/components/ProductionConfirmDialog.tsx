import { useStore } from '../store/index.js'
import { Modal } from './Modal.js'

export function ProductionConfirmDialog() {
  const environment = useStore((s) => s.environmentName)
  const send = useStore((s) => s.send)
  const cancel = () => useStore.setState({ confirmingProduction: false })
  return (
    <Modal title={`Send to production (${environment})?`} onCancel={cancel} role="alertdialog">
      <p>
        <strong>{environment}</strong> is a production environment: this request reaches real customers' data.
      </p>
      <div className="dialog-buttons">
        <button type="button" onClick={cancel} autoFocus>
          Cancel
        </button>
        <button type="button" className="danger" onClick={() => void send(true)}>
          Send to production
        </button>
      </div>
    </Modal>
  )
}
