/** A request as rendered or sent: method, URL, headers, and the body (pretty JSON when it parses). */
import type { RenderedRequest } from '../../../shared/render/render.js'
import { formatBody } from '../lib/body.js'
import { HeadersTable } from './HeadersTable.js'

export function RequestView({ request, label }: { request: RenderedRequest; label: string }) {
  const body = formatBody(request.body)
  return (
    <section className="request" aria-label={label}>
      <p className="request-line">
        <span className="method">{request.method}</span> <code aria-label="URL">{request.url || '(no URL)'}</code>
      </p>
      <HeadersTable headers={request.headers} caption="Request headers" />
      <h4>Body {request.body.trim() === '' ? '(empty)' : body.json ? '(JSON)' : '(text)'}</h4>
      <pre className="body" aria-label="Request body" tabIndex={0}>
        {body.text}
      </pre>
    </section>
  )
}
