/** Earlier sends of this template; any of them can be shown again. */
import { useStore } from '../store/index.js'

export function HistoryList() {
  const history = useStore((s) => s.history)
  const shown = useStore((s) => s.shownHistoryId)
  const show = useStore((s) => s.showHistoryEntry)
  if (!history) return null
  return (
    <section className="history" aria-labelledby="history-heading">
      <h3 id="history-heading">History</h3>
      {history.error && (
        <p role="alert" className="error-text">
          {history.error}
        </p>
      )}
      {history.loading && history.entries.length === 0 && <p>Loading…</p>}
      {!history.loading && history.entries.length === 0 && !history.error && <p className="empty">Not sent yet.</p>}
      <ul>
        {history.entries.map((entry) => {
          const status = entry.result.response ? String(entry.result.response.status) : (entry.result.failure?.kind ?? '—')
          return (
            <li key={entry.id}>
              <button type="button" aria-pressed={shown === entry.id} onClick={() => show(shown === entry.id ? null : entry.id)}>
                <time dateTime={entry.at}>{new Date(entry.at).toLocaleString()}</time>
                <span className="history-status">{status}</span>
                <span>
                  {entry.sample} → {entry.environment}
                </span>
              </button>
            </li>
          )
        })}
      </ul>
    </section>
  )
}
