/**
 * Writing what a deploy created into the template's front matter. The file is read again just
 * before writing, so an edit made while the deploy ran (in the app, in an editor) is kept: only
 * the `zendesk.deployed.<environment>` lines change. The write is atomic.
 */
import { readFile } from 'node:fs/promises'
import { recordDeployment } from '../../../shared/export/index.js'
import type { DeployedIds } from '../../../shared/template/file.js'
import { writeFileAtomic } from '../fs/atomicWrite.js'

export type RecordResult = { recorded: true; reformatted: boolean } | { recorded: false; message: string }

export async function recordDeployedIds(path: string, environment: string, ids: DeployedIds): Promise<RecordResult> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (err) {
    return { recorded: false, message: `The template ${path} could not be read again to record the ids (${(err as NodeJS.ErrnoException).code ?? String(err)}).` }
  }
  const outcome = recordDeployment(text, environment, ids)
  if (!outcome.ok) return { recorded: false, message: outcome.message }
  if (outcome.text !== text) await writeFileAtomic(path, outcome.text)
  return { recorded: true, reformatted: outcome.reformatted ?? false }
}
