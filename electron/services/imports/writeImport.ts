/**
 * Writing what an import plan found into the workspace. An existing sample is never overwritten:
 * a record whose file would be identical to one already there is skipped as already imported,
 * and a record whose natural name is taken by a different sample is written as `NAME (2)`,
 * `NAME (3)` … and reported with the name it got.
 */
import type { Diagnostic } from '../../../shared/diagnostics.js'
import type { SampleKind } from '../../../shared/samples/load.js'
import { importName } from '../../../shared/workspace/layout.js'
import type { ImportCandidate, ImportNote, ImportPlan, SourcePlace } from '../../../shared/workspace/imports/plan.js'
import { isWorkspaceError } from '../workspace/errors.js'
import type { SavedItem, Workspace } from '../workspace/workspace.js'

export interface CreatedSample extends SavedItem, SourcePlace {
  /** The name the record would have had, when it was taken and a suffix was added. */
  wanted?: string
}

export interface ImportReport {
  /** The imported file, as given. */
  source: string
  kind: SampleKind
  created: CreatedSample[]
  skipped: ImportNote[]
  warnings: ImportNote[]
  /** Problems with the file as a whole; when any, nothing was imported. */
  errors: Diagnostic[]
}

export async function writeImport(workspace: Workspace, plan: ImportPlan, source: string): Promise<ImportReport> {
  const report: ImportReport = { source, kind: plan.kind, created: [], skipped: [...plan.skipped], warnings: [...plan.warnings], errors: plan.errors }
  if (plan.errors.length > 0) return report
  for (const candidate of plan.candidates) {
    const outcome = await writeCandidate(workspace, plan.kind, candidate)
    if ('skipped' in outcome) report.skipped.push(outcome.skipped)
    else report.created.push(outcome.created)
  }
  return report
}

async function writeCandidate(
  workspace: Workspace,
  kind: SampleKind,
  candidate: ImportCandidate,
): Promise<{ created: CreatedSample } | { skipped: ImportNote }> {
  const { name: wanted, text, ...place } = candidate
  for (let attempt = 1; ; attempt++) {
    const name = importName(kind, wanted, attempt)
    try {
      const saved = await workspace.create(kind, name, text)
      return { created: { ...saved, ...place, ...(name !== wanted ? { wanted } : {}) } }
    } catch (err) {
      if (!isWorkspaceError(err, 'exists')) throw err
      const existing = err.existingName ?? name
      if (await holds(workspace, kind, existing, text)) {
        return { skipped: { ...place, message: `already in the workspace as ${err.path ?? existing} (identical)` } }
      }
    }
  }
}

/** Does the existing sample hold exactly this text? A sample that cannot be read does not. */
async function holds(workspace: Workspace, kind: SampleKind, name: string, text: string): Promise<boolean> {
  try {
    return (await workspace.read(kind, name)).text === text
  } catch {
    return false
  }
}
