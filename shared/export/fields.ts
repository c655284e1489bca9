/**
 * An export as the rows a person copies one by one into a dashboard: one copy button each in the
 * app's Export panel, in the order the dashboard's form asks for them.
 */
import type { BrazeApiWebhookObject, BrazeComposerFields } from './braze.js'
import { jsonText } from './text.js'
import type { ExportDocument } from './types.js'
import type { ZendeskTriggerExport } from './zendeskTrigger.js'
import type { ZendeskWebhookExport } from './zendeskWebhook.js'

export interface CopyField {
  label: string
  value: string
}

export function exportFields(doc: ExportDocument): CopyField[] {
  switch (doc.target) {
    case 'braze': {
      const v = doc.value as BrazeComposerFields
      return [
        { label: 'Webhook URL', value: v.webhookUrl },
        { label: 'HTTP method', value: v.httpMethod },
        { label: 'Request body (Raw text)', value: v.requestBody.body },
        ...v.requestHeaders.flatMap((h) => [
          { label: `Header key`, value: h.key },
          { label: `${h.key} value`, value: h.value },
        ]),
      ]
    }
    case 'braze-api': {
      const v = doc.value as BrazeApiWebhookObject
      return [{ label: 'Webhook object (JSON)', value: jsonText(v) }]
    }
    case 'zendesk-webhook': {
      const { adminCenter: f, api } = doc.value as ZendeskWebhookExport
      const auth = f.authentication
      return [
        { label: 'Name', value: f.name },
        { label: 'Endpoint URL', value: f.endpointUrl },
        { label: 'Request method', value: f.requestMethod },
        { label: 'Request format', value: f.requestFormat },
        { label: 'Authentication', value: auth.type },
        ...(auth.type === 'Bearer token' ? [{ label: 'Token', value: auth.token }] : []),
        ...(auth.type === 'Basic authentication' ? [{ label: 'Username', value: auth.username }, { label: 'Password', value: auth.password }] : []),
        ...f.customHeaders.flatMap((h) => [
          { label: 'Custom header name', value: h.key },
          { label: `${h.key} value`, value: h.value },
        ]),
        { label: 'POST /api/v2/webhooks (JSON)', value: jsonText(api) },
      ]
    }
    case 'zendesk-trigger': {
      const v = doc.value as ZendeskTriggerExport
      const action = v.api.trigger.actions.find((a) => a.field === 'notification_webhook')
      return [
        { label: 'Trigger title', value: v.api.trigger.title },
        ...(action ? [{ label: 'Notify webhook: JSON body', value: String(action.value[1]) }] : []),
        { label: 'POST /api/v2/triggers (JSON)', value: jsonText(v.api) },
      ]
    }
  }
}
