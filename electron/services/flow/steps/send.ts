/**
 * Rendering and sending a template inside a flow step: `sendTemplate`, the one send pipeline
 * (real secrets on the wire, stand-ins on display, host allow-list, production confirmation),
 * with the flow's environment, content blocks and clock; its results feed the step's record.
 */
import type { FlowStep, SendResult } from '../../../../shared/api/contract.js'
import { sendTemplate, type SendInput } from '../../sender.js'
import { inFile, type FlowContext } from '../context.js'
import type { SideSetup, TemplateInUse } from '../setup.js'

export type SendOverrides = Pick<SendInput, 'dryRun' | 'confirmProduction' | 'exchange' | 'zendeskBaseUrl'> & {
  /** A send after its dry run adds only errors: the warnings were the dry run's to report. */
  errorsOnly?: boolean
}

export async function sendInStep(
  context: FlowContext,
  step: FlowStep,
  template: TemplateInUse,
  side: SideSetup,
  sample: unknown,
  { errorsOnly = false, ...overrides }: SendOverrides,
): Promise<Omit<SendResult, 'historyId'>> {
  const { result, secretValues } = await sendTemplate({
    file: template.file,
    sample,
    environment: side.environment,
    secrets: side.secrets,
    compile: { contentBlocks: context.setup.contentBlocks },
    now: context.clock(),
    ...(context.missingSecretHint ? { missingSecretHint: context.missingSecretHint } : {}),
    ...overrides,
  })
  context.masker.add(...secretValues)
  step.diagnostics.push(...inFile(errorsOnly ? result.diagnostics.filter((d) => d.severity === 'error') : result.diagnostics, template.path))
  for (const warning of result.warnings) if (!step.warnings.includes(warning)) step.warnings.push(warning)
  return result
}

/** What a dry run rendered, kept with the step so the request can be looked at before it goes out. */
export function recordRendered(context: FlowContext, label: string, result: Omit<SendResult, 'historyId'>): void {
  context.log.addSend(label, context.clock(), { request: result.request, response: null, failure: null, timingMs: 0 })
}
