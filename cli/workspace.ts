/** Finding the workspace a CLI command works in, and what lives there. */
import { dirname, join, resolve } from 'node:path'
import { parseEnvironment, type Environment } from '../shared/environment/model.js'
import { formatDiagnostic } from '../shared/diagnostics.js'
import { contentBlocks } from '../electron/services/app.js'
import { isWorkspaceFolder, openWorkspace, type Workspace } from '../electron/services/workspace/index.js'
import { readText } from './files.js'
import { UsageError } from './io.js'

/** `--workspace DIR`, else the nearest workspace above `near` (a template file) or the current folder. */
export async function findWorkspace(explicit: string | undefined, near?: string): Promise<Workspace> {
  if (explicit) return openOrExplain(explicit)
  let dir = resolve(near ? dirname(near) : '.')
  for (let depth = 0; depth < 5; depth++) {
    if (await isWorkspaceFolder(dir)) return openOrExplain(dir)
    const parent = dirname(dir)
    if (parent === dir) break
    dir = parent
  }
  throw new UsageError(`no Hookbench workspace found${near ? ` above ${near}` : ' here'}: pass --workspace DIR, or create one with \`hookbench init DIR\``)
}

async function openOrExplain(dir: string): Promise<Workspace> {
  try {
    return await openWorkspace(dir)
  } catch (err) {
    throw new UsageError((err as Error).message)
  }
}

export async function readEnvironment(workspace: Workspace, name: string): Promise<Environment> {
  const path = join(workspace.root, 'environments', `${name}.json`)
  const text = await readText(path, 'environment')
  const parsed = parseEnvironment(text, path)
  if (!parsed.environment) {
    throw new UsageError(`environment ${name} has errors:\n${parsed.diagnostics.map((d) => formatDiagnostic(d, path)).join('\n')}`)
  }
  return parsed.environment
}

export async function workspaceBlocks(workspace: Workspace) {
  const blocks = await contentBlocks(workspace)
  return (name: string) => blocks.get(name)
}
