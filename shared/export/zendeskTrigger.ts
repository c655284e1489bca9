/**
 * Zendesk → Braze templates handed to Zendesk, part two: the trigger that fires the webhook
 * (zendesk.md §4). Its conditions come from the front matter (`zendesk.trigger.conditions`);
 * its one action is `notification_webhook` with `[webhook id, body]`, the body being the
 * template's body as a string, placeholders untouched: Zendesk renders them when it fires.
 */
import type { TemplateFile } from '../template/file.js'
import { deployedIdsFor, zendeskAccount } from './deployment.js'
import { exportSource, templateTitle, type ExportSource } from './source.js'
import { zendeskTriggerText } from './text.js'
import {
  CONFIRMED_OPERATORS,
  resolveConditions,
  TRIGGER_PRESET_NAMES,
  UNCONFIRMED_OPERATORS,
  type TriggerConditions,
} from './triggerConditions.js'
import type { ExportDocument, ExportOptions } from './types.js'
import { checkZendeskDialect } from './zendeskWebhook.js'

export interface NotificationWebhookAction {
  field: 'notification_webhook'
  value: [webhookId: string, body: string]
}

/** The body of `POST /api/v2/triggers` (and `PUT /api/v2/triggers/{id}`). */
export interface ZendeskTriggerPayload {
  trigger: {
    title: string
    description?: string
    active: boolean
    category_id?: string
    conditions: TriggerConditions
    actions: [NotificationWebhookAction]
  }
}

export interface ZendeskTriggerExport {
  api: ZendeskTriggerPayload
  /** The webhook the action notifies: a real id, or {@link WEBHOOK_ID_STAND_IN}. */
  webhookId: string
}

/** Where the webhook's id goes until it is known (a deploy, or the id from Admin Center). */
export const WEBHOOK_ID_STAND_IN = '<WEBHOOK_ID>'

export interface TriggerExportOptions extends ExportOptions {
  /** The webhook to notify; default: the one deployed to the selected environment, if recorded. */
  webhookId?: string
}

export function exportZendeskTrigger(file: TemplateFile, options: TriggerExportOptions = {}): ExportDocument<ZendeskTriggerExport> {
  const source = exportSource(file, options)
  checkZendeskDialect(source)
  const webhookId = options.webhookId ?? recordedWebhookId(source, options)
  const meta = file.meta.zendesk?.trigger
  const description = meta?.description
  const conditions = triggerConditions(source)
  const api: ZendeskTriggerPayload = {
    trigger: {
      title: meta?.title ?? templateTitle(file),
      ...(description !== undefined ? { description } : {}),
      active: meta?.active ?? true,
      ...(meta?.categoryId !== undefined ? { category_id: meta.categoryId } : {}),
      conditions,
      actions: [{ field: 'notification_webhook', value: [webhookId, source.body] }],
    },
  }
  const value = { api, webhookId }
  return {
    target: 'zendesk-trigger',
    value,
    json: api,
    text: zendeskTriggerText(value),
    body: source.body,
    diagnostics: source.problems.sorted(),
    containsSecrets: source.containsSecrets,
  }
}

function recordedWebhookId(source: ExportSource, options: ExportOptions): string {
  const environment = options.values?.environment
  const recorded = environment === undefined ? {} : deployedIdsFor(source.file, environment, zendeskAccount(options.values))
  if (recorded.ids?.webhookId) return recorded.ids.webhookId
  source.problems.atFrontMatter(['zendesk', 'deployed'], {
    severity: 'info',
    code: 'export-webhook-id-unknown',
    message: `${recorded.note ? `${recorded.note} ` : ''}The trigger's action names the webhook as ${WEBHOOK_ID_STAND_IN}: replace it with the webhook's id.`,
    hint: 'Create the webhook first (its id is in Admin Center and in the answer to POST /api/v2/webhooks), or let `hookbench deploy` create both.',
  })
  return WEBHOOK_ID_STAND_IN
}

function triggerConditions(source: ExportSource): TriggerConditions {
  const spec = source.file.meta.zendesk?.trigger?.conditions
  const conditions = resolveConditions(spec ?? {})
  const { problems } = source
  const where = ['zendesk', 'trigger', 'conditions']
  // UNCONFIRMED whether Zendesk refuses a trigger without conditions; it would fire on every update either way.
  if (conditions.all.length + conditions.any.length === 0) {
    problems.atFrontMatter(where, {
      severity: 'error',
      code: 'export-trigger-no-conditions',
      message: 'The trigger has no conditions: it would fire on every ticket update (and Zendesk may refuse it).',
      hint: `Add them to the front matter, e.g. zendesk: {trigger: {conditions: status-solved}}; presets: ${TRIGGER_PRESET_NAMES.join(', ')}; or {all: [{field, operator, value}], any: [...]}.`,
    })
  }
  for (const condition of [...conditions.all, ...conditions.any]) {
    if ((CONFIRMED_OPERATORS as readonly string[]).includes(condition.operator)) continue
    const unconfirmed = (UNCONFIRMED_OPERATORS as readonly string[]).includes(condition.operator)
    problems.atFrontMatter(where, {
      severity: unconfirmed ? 'info' : 'warning',
      code: unconfirmed ? 'export-trigger-operator-unconfirmed' : 'export-trigger-operator-unknown',
      message: unconfirmed
        ? `UNCONFIRMED: the operator "${condition.operator}" (field ${condition.field}) has not been seen in a real trigger; check it in a sandbox.`
        : `"${condition.operator}" (field ${condition.field}) is not an operator of Zendesk's trigger conditions.`,
      ...(unconfirmed ? {} : { hint: `Known operators: ${[...CONFIRMED_OPERATORS, ...UNCONFIRMED_OPERATORS].join(', ')}.` }),
    })
  }
  return conditions
}
