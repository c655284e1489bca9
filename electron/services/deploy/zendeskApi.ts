/**
 * The four Zendesk calls a deploy makes (zendesk.md §3.2, §4): create or replace a webhook,
 * create or update a trigger. A 404 on an update is reported as `gone` rather than thrown, so
 * the caller can create the thing anew. Zendesk's errors come in two shapes (the webhooks API's
 * `{"errors": [{detail}]}`, the classic `{"error", "description", "details"}`): both are told in
 * plain words, with any secret value masked.
 */
import type { ZendeskTriggerPayload, ZendeskWebhookPayload } from '../../../shared/export/index.js'
import type { ZendeskAuth } from '../zendeskAuth.js'

export class ZendeskApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message)
    this.name = 'ZendeskApiError'
  }
}

export type Upsert<Id> = { id: Id } | { gone: true }

export class ZendeskDeployApi {
  constructor(
    private readonly zendesk: ZendeskAuth,
    /** Masks secret values in anything quoted from Zendesk's answers. */
    private readonly mask: (text: string) => string,
  ) {}

  async createWebhook(payload: ZendeskWebhookPayload): Promise<string> {
    const json = await this.call('POST', '/api/v2/webhooks', payload)
    const id = (json as { webhook?: { id?: unknown } } | undefined)?.webhook?.id
    if (typeof id !== 'string' || id === '') throw new ZendeskApiError('Zendesk created the webhook but its answer holds no webhook id.', 201)
    return id
  }

  /**
   * PUT replaces the whole webhook, credentials included: Zendesk never shows them, so they are
   * always sent. UNCONFIRMED: the status of a successful PUT (204 assumed; any 2xx is accepted).
   */
  async replaceWebhook(id: string, payload: ZendeskWebhookPayload): Promise<Upsert<string>> {
    const answer = await this.call('PUT', `/api/v2/webhooks/${encodeURIComponent(id)}`, payload, { goneOn404: true })
    return answer === GONE ? { gone: true } : { id }
  }

  /** `/api/v2/triggers` (the `.json` suffix is optional for triggers, §4). */
  async createTrigger(payload: ZendeskTriggerPayload): Promise<number> {
    const json = await this.call('POST', '/api/v2/triggers.json', payload)
    return triggerId(json, 201)
  }

  /** PUT replaces the conditions and actions sent: actions added in the dashboard since are dropped. */
  async updateTrigger(id: number, payload: ZendeskTriggerPayload): Promise<Upsert<number>> {
    const answer = await this.call('PUT', `/api/v2/triggers/${id}.json`, payload, { goneOn404: true })
    return answer === GONE ? { gone: true } : { id: triggerId(answer, 200, id) }
  }

  private async call(method: string, path: string, payload: unknown, options: { goneOn404?: boolean } = {}): Promise<unknown> {
    const response = await this.zendesk.fetch(path, {
      method,
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(payload),
    })
    const text = await response.text()
    const json = parseJson(text)
    if (response.ok) return json
    // An unknown path is also a 404 (InvalidEndpoint): that is a wrong account URL, not a deleted record.
    if (response.status === 404 && options.goneOn404 && !isInvalidEndpoint(json)) return GONE
    throw new ZendeskApiError(this.mask(`Zendesk answered ${response.status} to ${method} ${path}${describeError(json, text)}`), response.status)
  }
}

const GONE = Symbol('gone')

function triggerId(json: unknown, status: number, fallback?: number): number {
  const id = (json as { trigger?: { id?: unknown } } | undefined)?.trigger?.id
  if (typeof id === 'number' && Number.isInteger(id)) return id
  if (typeof id === 'string' && /^\d+$/.test(id)) return Number(id)
  if (fallback !== undefined) return fallback
  throw new ZendeskApiError('Zendesk created the trigger but its answer holds no trigger id.', status)
}

function parseJson(text: string): unknown {
  try {
    return text === '' ? undefined : JSON.parse(text)
  } catch {
    return undefined
  }
}

function isInvalidEndpoint(json: unknown): boolean {
  return (json as { error?: unknown } | undefined)?.error === 'InvalidEndpoint'
}

/** `: detail; detail` from either error shape, or the start of a body that is neither. */
function describeError(json: unknown, text: string): string {
  const body = json as { errors?: unknown; error?: unknown; description?: unknown; details?: unknown } | undefined
  const parts: string[] = []
  if (Array.isArray(body?.errors)) {
    for (const e of body.errors as { detail?: unknown; title?: unknown; source?: { pointer?: unknown } }[]) {
      const what = typeof e.detail === 'string' ? e.detail : typeof e.title === 'string' ? e.title : undefined
      if (what) parts.push(typeof e.source?.pointer === 'string' ? `${what} (${e.source.pointer})` : what)
    }
  } else if (body && typeof body === 'object') {
    if (typeof body.error === 'string') parts.push(body.error)
    if (typeof body.description === 'string') parts.push(body.description)
    if (body.details && typeof body.details === 'object') {
      for (const list of Object.values(body.details as Record<string, unknown>)) {
        if (!Array.isArray(list)) continue
        for (const d of list as { description?: unknown }[]) if (typeof d.description === 'string') parts.push(d.description)
      }
    }
  } else if (text.trim() !== '') {
    parts.push(text.trim().slice(0, 200))
  }
  return parts.length > 0 ? `: ${parts.join('; ')}` : ''
}
