/**
 * Hand-off to the dashboards: the saved template in the shape each dashboard or API takes, field
 * by field with a Copy button each, its problems first. Secrets are stand-ins unless the user
 * confirms showing the real values; those live in this panel's own state only (never the store),
 * so they are gone as soon as the panel closes or the user goes back to stand-ins.
 */
import { ErrorWithProblems } from './ErrorWithProblems.js'
import { useEffect, useId, useState } from 'react'
import type { ExportResult } from '../../../shared/api/contract.js'
import { api } from '../api.js'
import { saveTextFile } from '../lib/download.js'
import { describeError, type ShownError } from '../lib/errors.js'
import { exportFileName, problemCounts, shownFields, TARGET_HINTS, TARGET_LABELS, type ExportTarget, type ShownField } from '../lib/exportView.js'
import { isDirty } from '../store/documentsSlice.js'
import { useStore } from '../store/index.js'
import { itemOf, selectedEnvironment } from '../store/selectors.js'
import { CopyButton } from './CopyButton.js'
import { DeploySection } from './DeploySection.js'
import { EnvironmentPicker } from './EnvironmentPicker.js'
import { Modal } from './Modal.js'
import { ProblemsList, type ListedProblem } from './ProblemsList.js'
import { Tabs } from './Tabs.js'

interface Props {
  templateKey: string
  templateName: string
  /** The template's path: problems located in it carry no `file`. */
  path: string
  onSelectProblem(problem: ListedProblem): void
}

interface Shown {
  target: ExportTarget
  environment: string | null
  /** Asked with `includeSecrets`. */
  revealed: boolean
  result: ExportResult | null
  error: ShownError | null
  running: boolean
}

export function ExportPanel({ templateKey, templateName, path, onSelectProblem }: Props) {
  // The export reads the file on disk: it runs again whenever the saved file changes.
  const hash = useStore((s) => itemOf(s, templateKey)?.hash ?? null)
  const dirty = useStore((s) => isDirty(s.docs[templateKey]))
  const environmentName = useStore((s) => s.environmentName)
  const production = useStore((s) => selectedEnvironment(s)?.environment?.kind === 'production')
  const saveDoc = useStore((s) => s.saveDoc)

  const [targets, setTargets] = useState<{ list: ExportTarget[] | null; error: string | null }>({ list: null, error: null })
  const [chosen, setChosen] = useState<ExportTarget | null>(null)
  // Real secret values are shown for one target and environment at a time; any change goes back to stand-ins.
  const [revealFor, setRevealFor] = useState<string | null>(null)
  const [confirmingSecrets, setConfirmingSecrets] = useState(false)
  const [shown, setShown] = useState<Shown | null>(null)

  useEffect(() => {
    let live = true
    api['export.targets']({ template: templateName }).then(
      (list) => live && setTargets({ list, error: null }),
      (err: unknown) => live && setTargets({ list: null, error: describeError(err).message }),
    )
    return () => {
      live = false
    }
  }, [templateName, hash])

  const list = targets.list ?? []
  const target = chosen && list.includes(chosen) ? chosen : (list[0] ?? null)
  const revealKey = `${target ?? ''}|${environmentName ?? ''}`
  // Another target or environment drops the confirmation for good: coming back shows stand-ins.
  if (revealFor !== null && revealFor !== revealKey) setRevealFor(null)
  const reveal = revealFor === revealKey && environmentName !== null

  useEffect(() => {
    if (!target) return
    let live = true
    // A stand-in export stays on screen while it is redone (a save, another environment); one with real values never does.
    setShown((previous) =>
      previous && previous.target === target && !previous.revealed && !reveal
        ? { ...previous, running: true }
        : { target, environment: environmentName, revealed: reveal, result: null, error: null, running: true },
    )
    api['export.run']({ template: templateName, target, environment: environmentName, includeSecrets: reveal }).then(
      (result) => live && setShown({ target, environment: environmentName, revealed: reveal, result, error: null, running: false }),
      (err: unknown) => live && setShown({ target, environment: environmentName, revealed: reveal, result: null, error: describeError(err), running: false }),
    )
    return () => {
      live = false
    }
  }, [templateName, target, environmentName, reveal, hash])

  const current = shown && shown.target === target ? shown : null
  const isZendesk = list.includes('zendesk-trigger')

  return (
    <div className="export">
      <div className="send-controls">
        <EnvironmentPicker />
      </div>
      {!environmentName && <p className="hint-text">Without an environment, %{'{'}env.…{'}'} references stay as they are written.</p>}
      {dirty && (
        <p className="warning-text export-unsaved">
          The export is of the saved file: save to include your unsaved changes.{' '}
          <button type="button" onClick={() => void saveDoc(templateKey)}>
            Save
          </button>
        </p>
      )}
      {targets.error && (
        <p role="alert" className="error-text">
          {targets.error}
        </p>
      )}
      {isZendesk && <DeploySection templateKey={templateKey} templateName={templateName} path={path} dirty={dirty} onSelectProblem={onSelectProblem} />}
      {target && (
        <div className="export-targets">
          <Tabs<ExportTarget> label="Export targets" tabs={list.map((id) => ({ id, label: TARGET_LABELS[id] }))} selected={target} onSelect={setChosen}>
            <p className="hint-text">{TARGET_HINTS[target]}</p>
            <p className="render-status" role="status" aria-live="polite">
              {!current || current.running
                ? 'Exporting…'
                : current.result
                  ? `Exported for ${current.environment ? `environment ${current.environment}` : 'no environment'}${current.revealed ? ', with real secret values' : ''}.`
                  : 'Not exported.'}
            </p>
            {current?.error && (
              <ErrorWithProblems error={current.error} />
            )}
            <SecretsControl
              environment={environmentName}
              revealed={reveal}
              containsSecrets={current?.revealed && current.result ? current.result.containsSecrets : null}
              onReveal={() => setConfirmingSecrets(true)}
              onHide={() => setRevealFor(null)}
            />
            {current?.result && (
              <ExportView result={current.result} templateName={templateName} path={path} onSelectProblem={onSelectProblem} />
            )}
          </Tabs>
        </div>
      )}
      {confirmingSecrets && environmentName && (
        <ConfirmSecretsDialog
          environment={environmentName}
          production={production}
          onCancel={() => setConfirmingSecrets(false)}
          onConfirm={() => {
            setConfirmingSecrets(false)
            setRevealFor(revealKey)
          }}
        />
      )}
    </div>
  )
}

function SecretsControl(props: {
  environment: string | null
  revealed: boolean
  /** Null while the export with real values runs. */
  containsSecrets: boolean | null
  onReveal(): void
  onHide(): void
}) {
  const { environment, revealed, containsSecrets, onReveal, onHide } = props
  if (revealed) {
    return (
      <div role="alert" className="secrets-banner">
        <p>
          {containsSecrets !== false ? (
            <>
              <strong>Real secret values of {environment} are on screen.</strong> Anyone who sees this screen can use them, and copied or saved
              text holds them in the clear.
            </>
          ) : (
            <>
              <strong>Showing real secret values of {environment}</strong>, but this export holds none: the template uses no secret, or no value is
              stored for the ones it uses.
            </>
          )}
        </p>
        <button type="button" className="primary" onClick={onHide}>
          Back to stand-ins
        </button>
      </div>
    )
  }
  return (
    <div className="secrets-bar">
      <p className="hint-text">
        Secrets show as stand-ins such as &lt;BRAZE_REST_API_KEY&gt;: paste the real value into the dashboard yourself
        {environment ? ', or show it here.' : '. Pick an environment to show its real values.'}
      </p>
      <button type="button" onClick={onReveal} disabled={!environment}>
        Include real secret values…
      </button>
    </div>
  )
}

function ConfirmSecretsDialog(props: { environment: string; production: boolean; onCancel(): void; onConfirm(): void }) {
  const { environment, production, onCancel, onConfirm } = props
  return (
    <Modal title="Include real secret values?" onCancel={onCancel} role="alertdialog">
      <p>
        The export will show the real values of the secrets of <strong>{environment}</strong>
        {production ? ', a production environment,' : ''} (API keys, tokens) instead of stand-ins such as &lt;BRAZE_REST_API_KEY&gt;.
      </p>
      <ul className="risk-list">
        <li>Anyone who sees your screen, a screen share or a screenshot can use them.</li>
        <li>Copied text stays in the clipboard, and a saved file holds them in the clear: never commit it, or paste it into a chat or a ticket.</li>
        <li>Hookbench does not keep them: they are gone when you go back to stand-ins or leave this panel.</li>
      </ul>
      <div className="dialog-buttons">
        <button type="button" onClick={onCancel} autoFocus>
          Cancel
        </button>
        <button type="button" className="danger" onClick={onConfirm}>
          Show real secret values
        </button>
      </div>
    </Modal>
  )
}

function ExportView(props: { result: ExportResult; templateName: string; path: string; onSelectProblem(problem: ListedProblem): void }) {
  const { result, templateName, path, onSelectProblem } = props
  const fieldsHeading = useId()
  const textHeading = useId()
  const jsonHeading = useId()
  const bodyHeading = useId()
  const counts = problemCounts(result.diagnostics)
  const problems = result.diagnostics.map((d) => ({ ...d, ...(d.file === path ? { file: undefined } : {}) }))
  return (
    <div className="export-result">
      <ProblemsList problems={problems} onSelect={onSelectProblem} title="Check before you paste" label="Export problems" emptyText="No problems: ready to paste." />
      {counts.errors > 0 && (
        <p className="warning-text">
          The template has errors: the dashboard would take this webhook as it is, and it would break when it runs. Fix them first.
        </p>
      )}
      <section aria-labelledby={fieldsHeading}>
        <h3 id={fieldsHeading}>Fields</h3>
        <ul className="export-fields">
          {shownFields(result.fields).map((field) => (
            <li key={field.label}>
              <ExportField field={field} />
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby={textHeading}>
        <div className="export-heading">
          <h3 id={textHeading}>Everything, field by field</h3>
          <CopyButton text={result.text} label="everything as text" />
        </div>
        <pre className="body" aria-label="Export as text" tabIndex={0}>
          {result.text}
        </pre>
      </section>
      <section aria-labelledby={jsonHeading}>
        <div className="export-heading">
          <h3 id={jsonHeading}>JSON</h3>
          <CopyButton text={result.json} label="JSON" />
          <button type="button" onClick={() => saveTextFile(exportFileName(templateName, result.target, 'json'), result.json, 'application/json')}>
            Save as file (.json)
          </button>
        </div>
        <pre className="body" aria-label="Export as JSON" tabIndex={0}>
          {result.json}
        </pre>
      </section>
      <section aria-labelledby={bodyHeading}>
        <div className="export-heading">
          <h3 id={bodyHeading}>Body, as the template has it</h3>
          <CopyButton text={result.body} label="body" />
          <button type="button" onClick={() => saveTextFile(exportFileName(templateName, result.target, 'body'), result.body, 'text/plain')}>
            Save body as file (.txt)
          </button>
        </div>
      </section>
    </div>
  )
}

function ExportField({ field }: { field: ShownField }) {
  const id = useId()
  const lines = field.value.split('\n').length
  return (
    <div className="export-field">
      <label htmlFor={id}>{field.label}</label>
      <div className="export-field-value">
        {field.multiline ? (
          <textarea id={id} readOnly value={field.value} rows={Math.min(12, Math.max(2, lines))} spellCheck={false} />
        ) : (
          <input id={id} readOnly value={field.value} spellCheck={false} />
        )}
        <CopyButton text={field.value} label={field.label} />
      </div>
    </div>
  )
}
