/** Problems with their place; choosing one moves the cursor there (opening a content block if it lies in one). */
import { useId } from 'react'
import type { EditorProblem } from './CodeEditor.js'

export interface ListedProblem extends EditorProblem {
  /** Set when the problem lies in another file than the one edited. */
  file?: string
}

interface Props {
  problems: readonly ListedProblem[]
  onSelect(problem: ListedProblem): void
  /** The heading (default "Problems"); the list is named `label` (default the heading). */
  title?: string
  label?: string
  /** Shown instead of "No problems." */
  emptyText?: string
}

const SEVERITY_LABEL = { error: 'Error', warning: 'Warning', info: 'Info' } as const

export function ProblemsList({ problems, onSelect, title = 'Problems', label = title, emptyText = 'No problems.' }: Props) {
  const headingId = useId()
  const errors = problems.filter((p) => p.severity === 'error').length
  const warnings = problems.filter((p) => p.severity === 'warning').length
  return (
    <section className="problems" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {title} <span className="count">{errors} errors, {warnings} warnings</span>
      </h3>
      {problems.length === 0 ? (
        <p className="empty">{emptyText}</p>
      ) : (
        <ul aria-label={label}>
          {problems.map((p, i) => (
            <li key={`${p.file ?? ''}:${p.line}:${p.column}:${p.code ?? ''}:${i}`}>
              <button type="button" className={`problem ${p.severity}`} onClick={() => onSelect(p)}>
                <span className="severity">{SEVERITY_LABEL[p.severity]}</span>
                <span className="where">
                  {p.file ? `${p.file}:` : ''}
                  {p.line}:{p.column}
                </span>
                <span className="message">{p.message}</span>
                {p.hint && <span className="hint">{p.hint}</span>}
                {p.code && <span className="code">{p.code}</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
