/**
 * `hookbench flow run FLOW`: the whole Braze ↔ Zendesk round trip of a flow file, step by step,
 * against the sandboxes (secrets from HOOKBENCH_SECRET_<NAME>), kept in the history as one run.
 * Exit 0 when every step passed, 1 when one failed (or the run was refused, e.g. production
 * without --yes-production), 2 for bad usage or a flow file with errors: fit for CI.
 *
 * `hookbench flow list`: the workspace's flows, their steps and problems.
 */
import { isAbsolute, join, relative, resolve } from 'node:path'
import { formatDiagnostic, type Diagnostic } from '../shared/diagnostics.js'
import type { FlowEvent, FlowRun, FlowStep } from '../shared/api/contract.js'
import { maskSecrets } from '../shared/environment/substitute.js'
import { flowName } from '../shared/flow/file.js'
import { flowRunJUnit, flowSetupJUnit } from '../shared/flow/junit.js'
import { ServiceError } from '../electron/services/apiDispatch.js'
import { FlowSetupError, listFlows, runWorkspaceFlow } from '../electron/services/flow/index.js'
import { HistoryStore } from '../electron/services/history.js'
import { EnvVarSecretStore } from '../electron/services/secrets/envVarStore.js'
import { envVarSecretHint } from '../electron/services/sender.js'
import type { Workspace } from '../electron/services/workspace/index.js'
import { readText } from './files.js'
import { EXIT, UsageError, type Io } from './io.js'
import { findWorkspace, workspaceBlocks } from './workspace.js'

export interface FlowRunCommandOptions {
  workspace?: string
  keep?: boolean
  saveSample?: string
  yesProduction?: boolean
  format: 'text' | 'json' | 'junit'
}

const FLOW_FILE = /\.ya?ml$/i

export async function flowRunCommand(flow: string, options: FlowRunCommandOptions, io: Io): Promise<number> {
  const byPath = FLOW_FILE.test(flow) || flow.includes('/') || flow.includes('\\')
  const workspace = await findWorkspace(options.workspace, byPath ? flow : undefined)
  const shown = pathsFrom(workspace)
  const source = byPath ? { path: relative(workspace.root, resolve(flow)).replaceAll('\\', '/'), text: await readText(flow, 'flow') } : flow
  const secrets = new EnvVarSecretStore()
  const print = options.format === 'text' ? textProgress(io, shown) : (event: FlowEvent) => event.type === 'step-finished' && printDiagnostics(event.step.diagnostics, io, shown)
  try {
    const { run } = await runWorkspaceFlow(
      {
        workspace,
        secretsFor: () => secrets,
        contentBlocks: await workspaceBlocks(workspace),
        missingSecretHint: envVarSecretHint,
        record: async (finished, secretValues) => {
          const history = new HistoryStore(workspace.root, (text) => maskSecrets(text, secretValues))
          const entry = await history.appendFlowRun(finished)
          await history.close()
          return entry.id
        },
      },
      {
        flow: source,
        options: { keep: options.keep ?? false, confirmProduction: options.yesProduction ?? false, ...(options.saveSample ? { saveSample: options.saveSample } : {}) },
        onEvent: print,
      },
    )
    if (options.format === 'json') io.out(`${JSON.stringify(run, null, 2)}\n`)
    else if (options.format === 'junit') io.out(flowRunJUnit(run))
    else io.out(`${verdict(run)}\nhistory: ${run.historyId}\n`)
    return run.status === 'passed' ? EXIT.ok : EXIT.errors
  } catch (err) {
    if (err instanceof FlowSetupError) {
      printDiagnostics(err.diagnostics, io, shown)
      io.err(`hookbench: ${err.message}\n`)
      // CI reads the report file: a flow that cannot start is one failed test case saying why.
      if (options.format === 'junit') io.out(flowSetupJUnit(byPath ? flowName(flow) : flow, err.message, err.diagnostics, new Date()))
      return err.kind === 'refused' ? EXIT.errors : EXIT.usage
    }
    if (err instanceof ServiceError) throw new UsageError(err.message)
    throw err
  }
}

export interface FlowListCommandOptions {
  workspace?: string
  format: 'text' | 'json'
}

export async function flowListCommand(options: FlowListCommandOptions, io: Io): Promise<number> {
  const workspace = await findWorkspace(options.workspace)
  const flows = await listFlows(workspace.root)
  if (options.format === 'json') {
    io.out(`${JSON.stringify(flows, null, 2)}\n`)
    return EXIT.ok
  }
  const shown = pathsFrom(workspace)
  for (const flow of flows) {
    const errors = flow.diagnostics.filter((d) => d.severity === 'error').length
    const what = flow.mode ? `${flow.mode.padEnd(8)} ${flow.brazeTemplate} → ${flow.zendeskTemplate}` : `${errors} error(s)`
    io.out(`${flow.name.padEnd(28)} ${what}  ${flow.title}\n`)
    printDiagnostics(flow.diagnostics, io, shown)
  }
  if (flows.length === 0) io.err('no flows yet: add flows/NAME.yaml (see the README, "Flow runs")\n')
  return EXIT.ok
}

/** Workspace-relative paths (as problems name their files) shown relative to where the command runs. */
function pathsFrom(workspace: Workspace): (path: string) => string {
  return (path) => relative(process.cwd(), isAbsolute(path) ? path : join(workspace.root, path)) || path
}

function printDiagnostics(list: readonly Diagnostic[], io: Io, shown: (path: string) => string): void {
  for (const d of list) io.err(`${formatDiagnostic({ ...d, ...(d.file ? { file: shown(d.file) } : {}) }, '')}\n`)
}

/** One line per step as it finishes, so a long run shows where it is. */
function textProgress(io: Io, shown: (path: string) => string): (event: FlowEvent) => void {
  return (event) => {
    if (event.type === 'run-started') io.out(`flow ${event.run.flow} (${event.run.mode}): ${event.run.title}\n`)
    if (event.type !== 'step-finished') return
    printDiagnostics(event.step.diagnostics, io, shown)
    io.out(stepLine(event.step))
  }
}

const MARKS: Record<FlowStep['status'], string> = { passed: '✓', failed: '✗', skipped: '-', pending: ' ', running: '…' }

function stepLine(step: FlowStep): string {
  const time = step.status === 'skipped' ? '' : ` (${Math.round(step.durationMs ?? 0)} ms)`
  const lines = [`${MARKS[step.status]} ${step.title}${time}`]
  if (step.summary) lines.push(`    ${step.summary}`)
  for (const warning of step.warnings) lines.push(`    warning: ${warning}`)
  return `${lines.join('\n')}\n`
}

function verdict(run: FlowRun): string {
  const seconds = ((run.durationMs ?? 0) / 1000).toFixed(1)
  const counts = (['passed', 'failed', 'skipped'] as const).map((s) => `${run.steps.filter((step) => step.status === s).length} ${s}`).join(', ')
  const warnings = run.warnings.map((w) => `warning: ${w}\n`).join('')
  if (run.status === 'passed') return `${warnings}passed in ${seconds} s (${counts})`
  const step = run.steps.find((s) => s.id === run.failure?.step)
  return `${warnings}failed at "${step?.title ?? run.failure?.step}" after ${seconds} s (${counts}): ${run.failure?.reason}`
}
