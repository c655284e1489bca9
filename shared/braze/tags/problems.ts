/**
 * Problems a Braze tag finds in its own arguments.
 *
 * Tags are parsed before any render environment exists, so what the parser finds is kept
 * on the tag and handed to `RenderEnv.report` each time the tag renders.
 */
import type { Severity } from '../../diagnostics.js'
import type { RenderEnv, TokenLike } from '../../engine/env.js'

export interface TagProblem {
  at: TokenLike
  severity: Severity
  code: string
  message: string
  hint?: string
}

/** Adds a problem of one tag; `rule` completes the code (`unknown-option` → `connected-content-unknown-option`). */
export type AddProblem = (at: TokenLike, severity: Severity, rule: string, message: string, hint?: string) => void

/** Problem codes are the tag name in kebab case followed by the rule. */
export function problemCode(tagName: string, rule: string): string {
  return `${tagName.replace(/_/g, '-')}-${rule}`
}

/** A function adding problems of `tagName` to `list`. */
export function problemCollector(tagName: string, list: TagProblem[]): AddProblem {
  return (at, severity, rule, message, hint) => {
    list.push({ at, severity, code: problemCode(tagName, rule), message, ...(hint ? { hint } : {}) })
  }
}

/** Reports problems straight to the render environment, for those found while rendering. */
export function problemReporter(tagName: string, env: RenderEnv): AddProblem {
  return (at, severity, rule, message, hint) => env.report(at, severity, problemCode(tagName, rule), message, hint)
}

export function reportProblems(env: RenderEnv, problems: readonly TagProblem[]): void {
  for (const p of problems) env.report(p.at, p.severity, p.code, p.message, p.hint)
}
