/**
 * Writing a new template file: the front matter as YAML (quoted where YAML needs it, such as a
 * header value starting with `{`), then the body exactly as given.
 */
import { Document, isMap, isScalar, isSeq } from 'yaml'
import type { HttpMethod } from '../template/file.js'
import type { TriggerConditionsSpec, TriggerPreset } from './triggerConditions.js'
import type { HeaderRow } from './types.js'
import type { RequestFormat } from './zendeskWebhook.js'

export interface NewTemplate {
  /** A comment above the front matter (where the template came from). */
  comment?: string
  name?: string
  description?: string
  dialect: 'braze' | 'zendesk'
  method: HttpMethod
  url?: string
  headers: HeaderRow[]
  requestFormat?: RequestFormat
  zendesk?: {
    webhook?: { name?: string; description?: string }
    trigger?: { title?: string; description?: string; active?: boolean; category_id?: string; conditions?: TriggerConditionsSpec | TriggerPreset }
    deployed?: Record<string, { account?: string; webhook_id?: string; trigger_id?: number }>
  }
  body: string
}

export function templateText(template: NewTemplate): string {
  const meta: Record<string, unknown> = {}
  const put = (key: string, value: unknown) => {
    if (value !== undefined) meta[key] = value
  }
  put('name', template.name)
  put('description', template.description)
  put('dialect', template.dialect)
  put('method', template.method)
  put('url', template.url)
  if (template.headers.length > 0) put('headers', Object.fromEntries(template.headers.map((h) => [h.key, h.value])))
  put('request_format', template.requestFormat)
  if (template.zendesk && Object.keys(template.zendesk).length > 0) put('zendesk', template.zendesk)
  const doc = new Document(meta)
  // On the first key rather than the document: YAML would put a blank line after a document comment.
  const first = isMap(doc.contents) ? doc.contents.items[0]?.key : undefined
  if (template.comment && isScalar(first)) first.commentBefore = ` ${template.comment}`
  // Conditions read best one per line: `- {field: status, operator: value, value: solved}`.
  const conditions = doc.getIn(['zendesk', 'trigger', 'conditions'], true)
  if (isMap(conditions)) {
    for (const pair of conditions.items) {
      if (!isSeq(pair.value)) continue
      for (const item of pair.value.items) if (isMap(item)) item.flow = true
    }
  }
  return `---\n${doc.toString({ lineWidth: 0 })}---\n${template.body}`
}
