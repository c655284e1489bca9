/**
 * Flow files live in the workspace's `flows/` folder, `flows/NAME.yaml` (or `.yml`). They are
 * not a workspace item kind (the editor's kinds are templates, samples, content blocks and
 * environments): this service lists and reads them itself, with the workspace's naming rules.
 */
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { FlowSummary } from '../../../shared/api/contract.js'
import { parseFlowFile, type ParsedFlow } from '../../../shared/flow/file.js'
import { planSteps } from '../../../shared/flow/plan.js'
import { unsafeNameProblem } from '../../../shared/workspace/layout.js'
import { contentHash, decodeUtf8 } from '../fs/content.js'
import { errnoCode } from '../fs/errors.js'
import { ServiceError } from '../apiDispatch.js'

export const FLOWS_DIR = 'flows'
const EXTENSIONS = ['.yaml', '.yml']

export interface FlowFile {
  name: string
  /** Relative to the workspace root, `/`-separated. */
  path: string
  absolute: string
  text: string
  hash: string
}

/** The flows of a workspace, by name, sorted. */
export async function flowNames(root: string): Promise<string[]> {
  let entries: string[]
  try {
    entries = await readdir(join(root, FLOWS_DIR))
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') return []
    throw err
  }
  const names = entries.flatMap((file) => {
    const extension = EXTENSIONS.find((e) => file.toLowerCase().endsWith(e))
    const name = extension ? file.slice(0, -extension.length) : undefined
    return name !== undefined && !file.startsWith('.') && !unsafeNameProblem(name) ? [name] : []
  })
  return [...new Set(names)].sort((a, b) => a.localeCompare(b))
}

export async function readFlowFile(root: string, name: string): Promise<FlowFile> {
  const unsafe = unsafeNameProblem(name)
  if (unsafe) throw new ServiceError('invalid-name', `"${name}" cannot name a flow: ${unsafe}.`)
  for (const extension of EXTENSIONS) {
    const path = `${FLOWS_DIR}/${name}${extension}`
    const absolute = join(root, path)
    let bytes: Uint8Array
    try {
      bytes = await readFile(absolute)
    } catch (err) {
      if (errnoCode(err) === 'ENOENT') continue
      throw new ServiceError('unreadable', `${path} cannot be read (${errnoCode(err) ?? (err as Error).message}).`)
    }
    const text = decodeUtf8(bytes)
    if (text === undefined) throw new ServiceError('unreadable', `${path} is not UTF-8 text.`)
    return { name, path, absolute, text: text.replace(/^\uFEFF/, ''), hash: contentHash(bytes) }
  }
  const known = await flowNames(root)
  throw new ServiceError('not-found', `No flow "${name}" in ${FLOWS_DIR}/${known.length > 0 ? ` (flows: ${known.join(', ')})` : ': create flows/NAME.yaml'}.`, 404)
}

/** What a list of flows shows: what each connects, the steps it takes, its problems. */
export function flowSummary(file: Pick<FlowFile, 'name' | 'path' | 'hash'>, parsed: ParsedFlow): FlowSummary {
  const { flow } = parsed
  return {
    name: file.name,
    path: file.path,
    hash: file.hash,
    title: flow?.title ?? file.name,
    ...(flow?.description !== undefined ? { description: flow.description } : {}),
    ...(flow ? { mode: flow.mode, brazeTemplate: flow.brazeToZendesk.template, zendeskTemplate: flow.zendeskToBraze.template } : {}),
    steps: flow ? planSteps(flow).map(({ id, title }) => ({ id, title })) : [],
    diagnostics: parsed.diagnostics,
  }
}

export async function listFlows(root: string): Promise<FlowSummary[]> {
  const summaries: FlowSummary[] = []
  for (const name of await flowNames(root)) {
    try {
      const file = await readFlowFile(root, name)
      summaries.push(flowSummary(file, parseFlowFile(file.text, file.path)))
    } catch (err) {
      if (!(err instanceof ServiceError)) throw err
      // Listed with its problem, never skipped silently.
      summaries.push({ name, path: `${FLOWS_DIR}/${name}.yaml`, hash: null, title: name, steps: [], diagnostics: [{ severity: 'error', code: 'flow-unreadable', message: err.message, line: 1, column: 1 }] })
    }
  }
  return summaries
}
