/**
 * "Create in sandbox" for a Zendesk → Braze template: the webhook and its trigger, created (or
 * updated) in the environment's Zendesk account through the API, their ids recorded in the
 * template. Production environments ask first, as Send does.
 */
import { useId, useState } from 'react'
import { api } from '../api.js'
import { describeError, type ShownError } from '../lib/errors.js'
import { deployOutcomeLines, type DeployResult } from '../lib/exportView.js'
import { useStore } from '../store/index.js'
import { selectedEnvironment } from '../store/selectors.js'
import { Modal } from './Modal.js'
import { ProblemsList, type ListedProblem } from './ProblemsList.js'

interface Props {
  templateKey: string
  templateName: string
  path: string
  dirty: boolean
  onSelectProblem(problem: ListedProblem): void
}

export function DeploySection({ templateKey, templateName, path, dirty, onSelectProblem }: Props) {
  const environmentName = useStore((s) => s.environmentName)
  const environment = useStore(selectedEnvironment)
  const saveDoc = useStore((s) => s.saveDoc)
  const production = environment?.environment?.kind === 'production'
  const environmentBroken = environment !== null && !environment.environment
  const [confirming, setConfirming] = useState(false)
  const [deploying, setDeploying] = useState(false)
  const [outcome, setOutcome] = useState<{ environment: string; result: DeployResult | null; error: ShownError | null } | null>(null)
  const headingId = useId()

  const deploy = async (confirmProduction: boolean) => {
    setConfirming(false)
    if (!environmentName) return
    setDeploying(true)
    const state = useStore.getState()
    try {
      const result = await api['deploy.run']({ template: templateName, environment: environmentName, confirmProduction })
      setOutcome({ environment: environmentName, result, error: null })
    } catch (err) {
      setOutcome({ environment: environmentName, result: null, error: describeError(err) })
    } finally {
      setDeploying(false)
    }
    // The ids were recorded in the template: the editor and the export pick them up.
    await state.refreshItems()
  }

  const request = () => {
    if (production) setConfirming(true)
    else void deploy(false)
  }

  const label = production ? 'Create in production' : 'Create in sandbox'
  return (
    <section className="deploy" aria-labelledby={headingId}>
      <h3 id={headingId}>Create in Zendesk</h3>
      <p className="hint-text">
        Creates the webhook and the trigger that calls it in the Zendesk account of {environmentName ? <strong>{environmentName}</strong> : 'the environment'}{' '}
        through the API, or updates the ones recorded in the template, then records their ids in the template's front matter.{' '}
        <strong>A deploy replaces the trigger's conditions and actions with the template's</strong>: an action added to that trigger in the
        dashboard is dropped.
      </p>
      {dirty && (
        <p className="warning-text">
          Save the template first: the deploy uses the saved file and records the ids in it.{' '}
          <button type="button" onClick={() => void saveDoc(templateKey)}>
            Save
          </button>
        </p>
      )}
      {environmentBroken && <p className="error-text">The environment file has errors: fix them first.</p>}
      <div className="send-controls">
        <button type="button" className={production ? 'danger' : 'primary'} onClick={request} disabled={deploying || dirty || !environmentName || environmentBroken}>
          {deploying ? 'Creating…' : label}
        </button>
        {!environmentName && <span className="hint-text">Pick an environment to create them in.</span>}
      </div>
      <p className="visually-hidden" role="status" aria-live="polite">
        {deploying ? `Creating the webhook and trigger in ${environmentName ?? ''}…` : ''}
      </p>
      {outcome && <DeployOutcome environment={outcome.environment} result={outcome.result} error={outcome.error} path={path} onSelectProblem={onSelectProblem} />}
      {confirming && environmentName && (
        <Modal title={`Create in production (${environmentName})?`} onCancel={() => setConfirming(false)} role="alertdialog">
          <p>
            <strong>{environmentName}</strong> is a production environment: the webhook and the trigger go live in the real Zendesk account and fire on
            real tickets, sending real customers' data to Braze.
          </p>
          <p>The trigger's conditions and actions are replaced with the template's.</p>
          <div className="dialog-buttons">
            <button type="button" onClick={() => setConfirming(false)} autoFocus>
              Cancel
            </button>
            <button type="button" className="danger" onClick={() => void deploy(true)}>
              Create in production
            </button>
          </div>
        </Modal>
      )}
    </section>
  )
}

function DeployOutcome(props: {
  environment: string
  result: DeployResult | null
  error: ShownError | null
  path: string
  onSelectProblem(problem: ListedProblem): void
}) {
  const { environment, result, error, path, onSelectProblem } = props
  const lines = result ? deployOutcomeLines(result) : []
  const diagnostics = [...(result?.diagnostics ?? []), ...(error?.diagnostics ?? [])].map((d) => ({ ...d, ...(d.file === path ? { file: undefined } : {}) }))
  return (
    <section className="deploy-result" aria-label="Deploy result">
      {error && (
        <p role="alert" className="error-text">
          Nothing was created in {environment}: {error.message}
        </p>
      )}
      {result?.failure && (
        <p role="alert" className="error-text">
          {lines.length > 0 ? 'The deploy stopped' : 'Nothing was created'} ({result.failure.kind}): {result.failure.message}
        </p>
      )}
      {lines.length > 0 && (
        <ul className="deploy-lines" aria-label="Created and updated">
          {lines.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
      {result && !result.failure && <p className="ok-text">Done in {environment}.</p>}
      {result?.notes.map((note) => (
        <p key={note} className="hint-text">
          Note: {note}
        </p>
      ))}
      {result?.warnings.map((warning) => (
        <p key={warning} className="warning-text">
          {warning}
        </p>
      ))}
      {diagnostics.length > 0 && <ProblemsList problems={diagnostics} onSelect={onSelectProblem} title="Deploy problems" />}
    </section>
  )
}
