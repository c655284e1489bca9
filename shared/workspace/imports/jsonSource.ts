/** Reading a JSON file to import: the value, or one located error; and where its records start. */
import { findNodeAtLocation } from 'jsonc-parser'
import { LineIndex } from '../../diagnostics.js'
import { parseJson, safeParseTree } from '../../render/json.js'
import type { SampleKind } from '../../samples/load.js'
import { failedPlan, type ImportPlan } from './plan.js'

/** Downloads from browsers and Windows editors often start with a byte-order mark. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
}

export function parseJsonSource(kind: SampleKind, text: string, source: string): { value: unknown } | { failed: ImportPlan } {
  const parsed = parseJson(text)
  if (parsed.ok) return { value: parsed.value }
  return { failed: failedPlan(kind, source, text, 'import-json', `Not valid JSON: ${parsed.error.message}.`, parsed.error.offset) }
}

/** The 1-based line where each element of the array at `path` starts (`[]`: the root array). */
export function elementLines(text: string, path: (string | number)[]): number[] {
  const root = safeParseTree(text)
  const array = root && (path.length === 0 ? root : findNodeAtLocation(root, path))
  if (!array || array.type !== 'array') return []
  const index = new LineIndex(text)
  return (array.children ?? []).map((child) => index.position(child.offset).line)
}

/** `{ line }` when the line of record `i` is known, for spreading into a {@link SourcePlace}. */
export function lineAt(lines: readonly number[], i: number): { line?: number } {
  const line = lines[i]
  return line === undefined ? {} : { line }
}
