/** How the Export panel names targets, fields, files and deploy outcomes: pure, so it is tested on its own. */
import type { ApiOutput, ExportResult } from '../../../shared/api/contract.js'

export type ExportTarget = ExportResult['target']
export type DeployResult = ApiOutput<'deploy.run'>

/** The dashboard's own words for each target. */
export const TARGET_LABELS: Record<ExportTarget, string> = {
  braze: 'Webhook composer',
  'braze-api': 'Messaging API object',
  'zendesk-webhook': 'Webhook',
  'zendesk-trigger': 'Trigger',
}

/** Where each target is pasted, for the line above its fields. */
export const TARGET_HINTS: Record<ExportTarget, string> = {
  braze: "Braze: a campaign or Canvas step's webhook composer, Compose tab.",
  'braze-api': "Braze's messaging API: the webhook object of /messages/send or a campaign's API trigger.",
  'zendesk-webhook': 'Zendesk Admin Center > Apps and integrations > Webhooks > Create webhook (or POST /api/v2/webhooks).',
  'zendesk-trigger': 'Zendesk Admin Center > Objects and rules > Business rules > Triggers (or POST /api/v2/triggers).',
}

export interface ShownField {
  /** Unique among the fields: the accessible name of its box and of its Copy button. */
  label: string
  value: string
  multiline: boolean
}

/**
 * The fields as the panel lists them. Labels repeat (Braze's composer has one "Header key" per
 * header): a repeated label gets its rank, so each box and Copy button has a name of its own.
 */
export function shownFields(fields: readonly { label: string; value: string }[]): ShownField[] {
  const total = new Map<string, number>()
  for (const f of fields) total.set(f.label, (total.get(f.label) ?? 0) + 1)
  const seen = new Map<string, number>()
  return fields.map((f) => {
    const rank = (seen.get(f.label) ?? 0) + 1
    seen.set(f.label, rank)
    return { label: (total.get(f.label) ?? 0) > 1 ? `${f.label} ${rank}` : f.label, value: f.value, multiline: f.value.includes('\n') }
  })
}

/** A file name safe on every platform, from the template's name. */
export function fileStem(templateName: string): string {
  const stem = templateName
    .replace(/[/\\:*?"<>|\u0000-\u001f\u007f]+/g, '-')
    .replace(/\s+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
  return stem === '' ? 'template' : stem
}

/** `.json` for the API payload, `.txt` for the body exactly as the template has it (as `hookbench export --out`). */
export function exportFileName(templateName: string, target: ExportTarget, what: 'json' | 'body'): string {
  return what === 'json' ? `${fileStem(templateName)}.${target}.json` : `${fileStem(templateName)}.body.txt`
}

const ACTION_WORDS: Record<string, string> = { created: 'created', updated: 'updated', recreated: 'created anew' }

/** One line per thing a deploy did, in plain words. */
export function deployOutcomeLines(result: DeployResult): string[] {
  const lines: string[] = []
  if (result.webhook) lines.push(`Webhook ${result.webhook.id} ${ACTION_WORDS[result.webhook.action] ?? result.webhook.action}`)
  if (result.trigger) lines.push(`Trigger ${result.trigger.id} ${ACTION_WORDS[result.trigger.action] ?? result.trigger.action}`)
  if (result.recorded) lines.push(`Ids recorded in the template (zendesk.deployed.${result.environment})`)
  return lines
}

/** The export's problems by severity, for the line above them. */
export function problemCounts(diagnostics: readonly { severity: 'error' | 'warning' | 'info' }[]): { errors: number; warnings: number; infos: number } {
  return {
    errors: diagnostics.filter((d) => d.severity === 'error').length,
    warnings: diagnostics.filter((d) => d.severity === 'warning').length,
    infos: diagnostics.filter((d) => d.severity === 'info').length,
  }
}
