/** What came back from a send: status, time, headers and body, or why nothing did. */
import type { SendResult } from '../../../shared/api/contract.js'
import { formatBody } from '../lib/body.js'
import { CreatedTicketAction } from './CreatedTicketAction.js'
import { HeadersTable } from './HeadersTable.js'
import { RequestView } from './RequestView.js'

export function ResponseView({ result, at, environment }: { result: SendResult; at: string; environment: string | null }) {
  const response = result.response
  const body = response ? (response.json ? { text: response.body, json: true } : formatBody(response.body)) : null
  return (
    <section className="response" aria-label="Response">
      <p className="response-status">
        {response ? (
          <span className={`status-code s${String(response.status)[0]}`} aria-label="Status">
            {response.status} {response.statusText}
          </span>
        ) : (
          <span className="status-code failed">No response</span>
        )}
        <span className="timing">{result.timingMs.toFixed(0)} ms</span>
        <time dateTime={at}>{new Date(at).toLocaleString()}</time>
      </p>
      {result.failure && (
        <p role="alert" className="error-text">
          {result.failure.kind}: {result.failure.message}
        </p>
      )}
      {response?.redirectLocation && <p className="hint-text">Redirect to {response.redirectLocation} (reported, not followed).</p>}
      {result.warnings.map((w) => (
        <p key={w} className="warning-text">
          {w}
        </p>
      ))}
      {result.diagnostics.length > 0 && (
        <ul className="sample-problems" aria-label="Send problems">
          {result.diagnostics.map((d, i) => (
            <li key={i} className={d.severity}>
              {d.line}:{d.column}: {d.message}
            </li>
          ))}
        </ul>
      )}
      {response && (
        <>
          <HeadersTable headers={response.headers} caption="Response headers" />
          <h4>Response body{response.truncated ? ' (truncated)' : ''}</h4>
          <pre className="body" aria-label="Response body" tabIndex={0}>
            {body?.text}
          </pre>
          {environment && <CreatedTicketAction response={response} environment={environment} />}
        </>
      )}
      <details>
        <summary>Request as sent (secrets shown as stand-ins)</summary>
        <RequestView request={result.request} label="Request as sent" />
      </details>
    </section>
  )
}
