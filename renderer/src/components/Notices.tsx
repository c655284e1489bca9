/** Errors from services, shown as they were reported until dismissed. */
import { useStore } from '../store/index.js'

export function Notices() {
  const notices = useStore((s) => s.notices)
  const dismiss = useStore((s) => s.dismissNotice)
  if (notices.length === 0) return null
  return (
    <div className="notices" aria-label="Notifications">
      {notices.map((n) => (
        <div key={n.id} role="alert" className="notice">
          <span>{n.message}</span>
          <button type="button" aria-label="Dismiss" onClick={() => dismiss(n.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  )
}
