/** The template against every sample of its kind at once: which pass, abort or break. */
import { itemKey, refOfKey } from '../lib/items.js'
import { useStore } from '../store/index.js'
import { sampleItemsFor, templateDialect, textOf } from '../store/selectors.js'

const STATUS_TEXT = { ok: 'ok', aborted: 'aborted', error: 'error' } as const

export function MatrixPanel({ templateKey }: { templateKey: string }) {
  const matrix = useStore((s) => (s.matrix?.key === templateKey ? s.matrix : null))
  const chooseSample = useStore((s) => s.chooseSample)
  const setRightTab = useStore((s) => s.setRightTab)
  const loading = useStore((s) => {
    const samples = sampleItemsFor(s, templateDialect(s, templateKey))
    const loaded = samples.filter((i) => textOf(s, itemKey(i)) !== undefined).length
    return loaded < samples.length ? `Reading samples: ${loaded} of ${samples.length}…` : null
  })
  const rows = matrix?.value?.rows ?? []
  const count = (status: keyof typeof STATUS_TEXT) => rows.filter((r) => r.status === status).length

  return (
    <div className="matrix">
      <p role="status" aria-live="polite">
        {loading ?? (!matrix?.value
          ? 'Rendering every sample…'
          : `${rows.length} sample(s): ${count('ok')} ok, ${count('aborted')} aborted, ${count('error')} failed (${matrix.value.durationMs.toFixed(0)} ms)`)}
      </p>
      {matrix?.error && (
        <p role="alert" className="error-text">
          {matrix.error}
        </p>
      )}
      {rows.length > 0 && (
        <table className="matrix-table">
          <thead>
            <tr>
              <th scope="col">Sample</th>
              <th scope="col">Result</th>
              <th scope="col">Detail</th>
              <th scope="col">Preview</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => {
              const name = row.label ?? refOfKey(row.sampleKey).name
              return (
                <tr key={`${row.sampleKey}:${row.label ?? ''}:${i}`} className={row.status}>
                  <th scope="row">
                    {name}
                    <span className="matrix-file">{refOfKey(row.sampleKey).name}</span>
                  </th>
                  <td>
                    <span className={`status-pill ${row.status}`}>{STATUS_TEXT[row.status]}</span>
                    {row.warnings > 0 && <span className="warnings"> {row.warnings} warning(s)</span>}
                  </td>
                  <td className="detail">
                    {row.firstError ? `${row.firstError.line}:${row.firstError.column} ` : ''}
                    {row.detail}
                  </td>
                  <td>
                    <button
                      type="button"
                      aria-label={`Preview with ${name}`}
                      onClick={() => {
                        chooseSample(templateKey, { sampleKey: row.sampleKey, label: row.label })
                        setRightTab('preview')
                      }}
                    >
                      Preview
                    </button>
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      )}
    </div>
  )
}
