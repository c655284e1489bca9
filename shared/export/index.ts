/**
 * Hand-off to the dashboards, pure: exports of a template for Braze and Zendesk, imports of
 * webhooks that already live there, and the record of what a deploy created. The CLI's
 * `export`, `import-template` and `deploy` and the app's Export panel all call these.
 */
import type { TemplateFile } from '../template/file.js'
import { exportBrazeApiWebhook, exportBrazeComposer } from './braze.js'
import type { ExportDocument, ExportTarget } from './types.js'
import { exportZendeskTrigger, type TriggerExportOptions } from './zendeskTrigger.js'
import { exportZendeskWebhook } from './zendeskWebhook.js'

/** One entry point for every target, e.g. for a panel with one tab per target. */
export function exportTemplate(target: ExportTarget, file: TemplateFile, options: TriggerExportOptions = {}): ExportDocument {
  switch (target) {
    case 'braze':
      return exportBrazeComposer(file, options)
    case 'braze-api':
      return exportBrazeApiWebhook(file, options)
    case 'zendesk-webhook':
      return exportZendeskWebhook(file, options)
    case 'zendesk-trigger':
      return exportZendeskTrigger(file, options)
  }
}

/** The targets that fit a template's dialect: Braze templates go to Braze, Zendesk ones to Zendesk. */
export function exportTargetsFor(file: TemplateFile): ExportTarget[] {
  return file.meta.dialect === 'braze' ? ['braze', 'braze-api'] : ['zendesk-webhook', 'zendesk-trigger']
}

export { exportBrazeApiWebhook, exportBrazeComposer, usesZendeskApiToken, type BrazeApiWebhookObject, type BrazeComposerFields } from './braze.js'
export { deployedIdsFor, recordDeployment, zendeskAccount, type RecordOutcome } from './deployment.js'
export {
  importBrazeWebhook,
  importZendeskTrigger,
  type BrazeImportInput,
  type ImportNote,
  type ImportOutcome,
  type PastedText,
  type TemplateImport,
  type ZendeskTriggerImportInput,
} from './importTemplate.js'
export { templateText, type NewTemplate } from './templateText.js'
export { jsonText } from './text.js'
export {
  describeCondition,
  resolveConditions,
  TRIGGER_PRESET_NAMES,
  TRIGGER_PRESETS,
  type TriggerCondition,
  type TriggerConditions,
  type TriggerConditionsSpec,
  type TriggerPreset,
} from './triggerConditions.js'
export { EXPORT_TARGETS, parseHeaderLine, type ExportDocument, type ExportOptions, type ExportSample, type ExportTarget, type HeaderRow } from './types.js'
export {
  exportZendeskTrigger,
  WEBHOOK_ID_STAND_IN,
  type NotificationWebhookAction,
  type TriggerExportOptions,
  type ZendeskTriggerExport,
  type ZendeskTriggerPayload,
} from './zendeskTrigger.js'
export {
  CONDITIONAL_TICKET_EVENTS,
  exportZendeskWebhook,
  type RequestFormat,
  type ZendeskWebhookAuthentication,
  type ZendeskWebhookExport,
  type ZendeskWebhookForm,
  type ZendeskWebhookPayload,
} from './zendeskWebhook.js'
export { exportFields, type CopyField } from './fields.js'
