/** Problems with their place; choosing one moves the cursor there (opening a content block if it lies in one). */
import type { EditorProblem } from './CodeEditor.js'

export interface ListedProblem extends EditorProblem {
  /** Set when the problem lies in another file than the one edited. */
  file?: string
}

interface Props {
  problems: readonly ListedProblem[]
  onSelect(problem: ListedProblem): void
}

const SEVERITY_LABEL = { error: 'Error', warning: 'Warning', info: 'Info' } as const

export function ProblemsList({ problems, onSelect }: Props) {
  const errors = problems.filter((p) => p.severity === 'error').length
  const warnings = problems.filter((p) => p.severity === 'warning').length
  return (
    <section className="problems" aria-labelledby="problems-heading">
      <h3 id="problems-heading">
        Problems <span className="count">{errors} errors, {warnings} warnings</span>
      </h3>
      {problems.length === 0 ? (
        <p className="empty">No problems.</p>
      ) : (
        <ul aria-label="Problems">
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
