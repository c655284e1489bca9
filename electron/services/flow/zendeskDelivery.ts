/**
 * Delivering a Zendesk → Braze webhook the way Zendesk does (zendesk.md §0 item 5, §3.4): the
 * body signed with `X-Zendesk-Webhook-Signature` = base64(HMAC-SHA256(secret, timestamp + body))
 * and `X-Zendesk-Webhook-Signature-Timestamp`, and Content-Type from the webhook's request format.
 *
 * The key is the webhook's own signing secret when the template records a deployed webhook for
 * this Zendesk account (`GET /api/v2/webhooks/{id}/signing_secret`), otherwise the static secret
 * Zendesk signs tests of not-yet-created webhooks with.
 */
import { parseJson } from '../../../shared/render/json.js'
import { signatureHeaders, ZENDESK_TEST_SIGNING_SECRET } from '../../../shared/zendesk/signature.js'
import type { ZendeskAuth } from '../zendeskAuth.js'
import { zendeskError } from '../sandboxImport.js'

export type RequestFormat = 'json' | 'xml' | 'form_encoded'

/** UNCONFIRMED (zendesk.md §3.4): the Content-Type Zendesk sends for each request format. */
const CONTENT_TYPES: Record<RequestFormat, string> = {
  json: 'application/json',
  xml: 'application/xml',
  form_encoded: 'application/x-www-form-urlencoded',
}

export interface SigningKey {
  secret: string
  /** Where the key came from, in plain words. */
  source: string
  warning?: string
}

export async function signingKeyFor(zendesk: ZendeskAuth, webhookId: string | undefined): Promise<SigningKey> {
  const testKey = (warning?: string): SigningKey => ({
    secret: ZENDESK_TEST_SIGNING_SECRET,
    source: `Zendesk's static test signing secret (${warning ? 'the deployed webhook\'s could not be read' : 'no deployed webhook recorded'})`,
    ...(warning ? { warning } : {}),
  })
  if (webhookId === undefined) return testKey()
  const path = `/api/v2/webhooks/${encodeURIComponent(webhookId)}/signing_secret`
  let status: number
  let body: string
  try {
    const response = await zendesk.fetch(path)
    status = response.status
    body = await response.text()
  } catch (err) {
    return testKey(`The signing secret of webhook ${webhookId} could not be read (${(err as Error).message}): signed with Zendesk's static test secret instead, which a receiver that checks signatures refuses.`)
  }
  // `{"signing_secret": {"algorithm": "SHA256", "secret": "…"}}` (zendesk.md §3.2; Pipedream reads signing_secret.secret).
  const parsed = parseJson(body)
  const secret = status === 200 && parsed.ok ? (parsed.value as { signing_secret?: { secret?: unknown } } | null)?.signing_secret?.secret : undefined
  if (typeof secret === 'string' && secret !== '') return { secret, source: `the signing secret of the deployed webhook ${webhookId}` }
  const why = status === 200 ? 'its answer holds no secret' : `Zendesk answered ${status}: ${zendeskError(body)}`
  return testKey(`The signing secret of webhook ${webhookId} could not be read (${why}): signed with Zendesk's static test secret instead, which a receiver that checks signatures refuses.`)
}

/**
 * A fetch that adds what Zendesk adds on delivery: the signature over the exact body sent, and
 * Content-Type from the request format. `onSigned` gets the headers, to show with the request.
 * UNCONFIRMED (zendesk.md §3.4), so not added: X-Zendesk-Account-Id, X-Zendesk-Webhook-Id,
 * X-Zendesk-Webhook-Invocation-Id and a `User-Agent: Zendesk Webhook`.
 */
export function zendeskDeliveryFetch(
  key: string,
  format: RequestFormat,
  clock: () => Date,
  inner: typeof fetch,
  onSigned: (headers: Record<string, string>) => void,
): typeof fetch {
  return async (input, init = {}) => {
    const body = typeof init.body === 'string' ? init.body : ''
    const headers = new Headers(init.headers)
    const added = { 'Content-Type': CONTENT_TYPES[format], ...signatureHeaders(key, body, clock()) }
    for (const [name, value] of Object.entries(added)) headers.set(name, value)
    onSigned(added)
    return inner(input, { ...init, headers })
  }
}
