/** A refused call's message with the located problems the service gave for it. */
import type { ApiCallError } from '../../../shared/api/httpClient.js'

export function ErrorWithProblems({ error }: { error: Pick<ApiCallError, 'message' | 'diagnostics'> }) {
  return (
    <div role="alert" className="error-text">
      {error.message}
      {error.diagnostics.length > 0 && (
        <ul>
          {error.diagnostics.map((d, i) => (
            <li key={i}>
              {d.file ? `${d.file}:` : ''}
              {d.line}:{d.column}: {d.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
