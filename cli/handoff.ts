/** What `export` and `deploy` share: the workspace's samples, to check a body before it is handed over. */
import { join } from 'node:path'
import { stat } from 'node:fs/promises'
import { formatDiagnostic } from '../shared/diagnostics.js'
import type { DialectId } from '../shared/engine/dialect.js'
import type { ExportSample } from '../shared/export/index.js'
import { loadSamples, type SampleKind } from '../shared/samples/load.js'
import { KIND_LAYOUT } from '../shared/workspace/layout.js'
import type { Workspace } from '../electron/services/workspace/index.js'
import { listSampleFiles, readText } from './files.js'
import type { Io } from './io.js'
import { findWorkspace } from './workspace.js'

export function sampleKindOf(dialect: DialectId): SampleKind {
  return dialect === 'braze' ? 'braze-user' : 'zendesk-ticket'
}

/**
 * Every sample of `--samples DIR_OR_FILE`, else of the workspace's folder for the dialect
 * (`samples/braze-users`, `samples/zendesk-tickets`); none without either. Unusable sample
 * files are reported and skipped: they say nothing about the template.
 */
export async function handoffSamples(explicit: string | undefined, workspace: Workspace | undefined, dialect: DialectId, io: Io): Promise<ExportSample[]> {
  const kind = sampleKindOf(dialect)
  let where = explicit
  if (where === undefined && workspace) {
    const folder = join(workspace.root, ...KIND_LAYOUT[kind].folder.split('/'))
    if (await stat(folder).then((s) => s.isDirectory(), () => false)) where = folder
  }
  if (where === undefined) return []
  let files: string[]
  try {
    files = await listSampleFiles(where)
  } catch (err) {
    // An empty workspace folder is no mistake; a folder the user named is.
    if (explicit !== undefined) throw err
    return []
  }
  const samples: ExportSample[] = []
  for (const path of files) {
    const load = loadSamples(await readText(path, 'sample'), path, kind)
    for (const d of load.diagnostics) io.err(`${formatDiagnostic(d, path)}\n`)
    samples.push(...load.samples.map((s) => ({ label: s.label, data: s.data })))
  }
  return samples
}

/** The workspace holding `near`, or undefined when there is none (an export works without one). */
export async function workspaceIfAny(explicit: string | undefined, near: string): Promise<Workspace | undefined> {
  if (explicit) return findWorkspace(explicit)
  try {
    return await findWorkspace(undefined, near)
  } catch {
    return undefined
  }
}
