/**
 * A flow (flows/NAME.yaml): what it connects, and its run as a vertical timeline, one step per
 * entry, each opening onto its requests and answers (secrets masked), timing and reason. A run
 * shows its progress step by step as it goes; earlier runs come back from the history.
 */
import { ErrorWithProblems } from './ErrorWithProblems.js'
import { useEffect, useId, useState, type FormEvent } from 'react'
import type { FlowRun, FlowStep, FlowSummary, TriggerEvaluationResult } from '../../../shared/api/contract.js'
import { nameProblem } from '../../../shared/workspace/layout.js'
import { formatDuration, plannedSteps, runStatusText, STEP_STATUS_TEXT } from '../lib/flowRun.js'
import { itemKey } from '../lib/items.js'
import { useStore } from '../store/index.js'
import { Modal } from './Modal.js'
import { ProblemsList, type ListedProblem } from './ProblemsList.js'
import { ResponseView } from './ResponseView.js'

export function FlowView({ name }: { name: string }) {
  const summary = useStore((s) => s.flows.find((f) => f.name === name))
  const latest = useStore((s) => s.flowRuns[name])
  const history = useStore((s) => (s.flowHistory?.flow === name ? s.flowHistory : null))
  const shownId = useStore((s) => s.shownFlowRunId)
  const { runFlow, cancelFlow, loadFlowHistory, showFlowRun, openItem } = useStore.getState()
  const [keep, setKeep] = useState(false)
  const [saveSample, setSaveSample] = useState('')

  useEffect(() => {
    void loadFlowHistory(name)
  }, [loadFlowHistory, name])

  if (!summary) {
    return (
      <div className="welcome">
        <p role="status">The flow {name} is no longer in the workspace.</p>
      </div>
    )
  }

  const running = latest !== undefined && latest.status !== 'done'
  const shownEntry = shownId ? history?.entries.find((e) => e.id === shownId) : undefined
  const run: FlowRun | null = shownEntry?.run ?? latest?.run ?? null
  const steps = run?.steps ?? plannedSteps(summary)
  const broken = summary.diagnostics.some((d) => d.severity === 'error')
  const sampleProblem = saveSample === '' ? undefined : nameProblem('zendesk-ticket', saveSample)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (running || sampleProblem) return
    void runFlow(name, { keep, ...(saveSample ? { saveSample } : {}) })
  }

  return (
    <div className="flow-view">
      <header className="editor-header">
        <div className="editor-title">
          <h1>{summary.title}</h1>
          <span className="editor-path">flow · {summary.path}</span>
        </div>
      </header>
      <div className="flow-body">
        {summary.description && <p>{summary.description}</p>}
        <FlowFacts summary={summary} onOpenTemplate={(template) => void openItem({ kind: 'template', name: template })} />
        {summary.diagnostics.length > 0 && (
          <section aria-label="Flow file problems">
            <h3>Problems in {summary.path}</h3>
            <ul className="sample-problems">
              {summary.diagnostics.map((d, i) => (
                <li key={i} className={d.severity}>
                  {d.line}:{d.column}: {d.message}
                  {d.hint && <span className="hint-text"> {d.hint}</span>}
                </li>
              ))}
            </ul>
          </section>
        )}
        <form className="flow-controls" onSubmit={submit}>
          <label className="inline-check">
            <input type="checkbox" checked={keep} onChange={(e) => setKeep(e.target.checked)} /> Keep the test ticket
          </label>
          <label className="flow-sample">
            Save the ticket as the sample
            <input
              value={saveSample}
              onChange={(e) => setSaveSample(e.target.value)}
              placeholder="(optional) name"
              aria-invalid={sampleProblem !== undefined}
              aria-describedby="flow-sample-problem"
              spellCheck={false}
            />
          </label>
          <button type="submit" className="primary" disabled={running || broken || sampleProblem !== undefined}>
            {running ? 'Running…' : 'Run'}
          </button>
          {running && (
            <button type="button" onClick={() => void cancelFlow(name)} disabled={latest?.cancelling || !latest?.runId}>
              {latest?.cancelling ? 'Cancelling…' : 'Cancel'}
            </button>
          )}
        </form>
        <p id="flow-sample-problem" className="field-problem" role="status">
          {sampleProblem ? `The sample name is not valid: ${sampleProblem}.` : ''}
        </p>
        <p className="flow-status" role="status" aria-live="polite" aria-label="Run status">
          {shownEntry
            ? `Run of ${new Date(shownEntry.at).toLocaleString()}. ${runStatusText(shownEntry.run)}`
            : latest?.status === 'starting'
              ? 'Starting the run…'
              : run
                ? runStatusText(run)
                : broken
                  ? 'Fix the problems of the flow file to run it.'
                  : 'Not run yet: these are the steps a run takes.'}
        </p>
        {!shownEntry && latest?.error && (
          <ErrorWithProblems error={latest.error} />
        )}
        {run && <RunFacts run={run} onOpenSample={(sample) => void openItem({ kind: 'zendesk-ticket', name: sample })} />}
        <ol className="timeline" aria-label="Steps">
          {steps.map((step) => (
            <StepEntry key={step.id} step={step} run={run} />
          ))}
        </ol>
        <FlowHistory history={history} shownId={shownId} onShow={showFlowRun} />
      </div>
      <FlowProductionConfirm />
    </div>
  )
}

function FlowFacts({ summary, onOpenTemplate }: { summary: FlowSummary; onOpenTemplate(name: string): void }) {
  return (
    <dl className="flow-facts">
      <dt>Mode</dt>
      <dd>{summary.mode === 'live' ? 'Live: the deployed trigger fires in Zendesk' : 'Simulate: Hookbench plays Zendesk’s part'}</dd>
      {summary.brazeTemplate && (
        <>
          <dt>Braze → Zendesk</dt>
          <dd>
            <button type="button" className="link" onClick={() => onOpenTemplate(summary.brazeTemplate!)}>
              {summary.brazeTemplate}
            </button>
          </dd>
        </>
      )}
      {summary.zendeskTemplate && (
        <>
          <dt>Zendesk → Braze</dt>
          <dd>
            <button type="button" className="link" onClick={() => onOpenTemplate(summary.zendeskTemplate!)}>
              {summary.zendeskTemplate}
            </button>
          </dd>
        </>
      )}
    </dl>
  )
}

function RunFacts({ run, onOpenSample }: { run: FlowRun; onOpenSample(name: string): void }) {
  return (
    <>
      {run.ticket && (
        <p className="hint-text">
          Test ticket {run.ticket.id}
          {run.ticket.url ? ` (${run.ticket.url})` : ''}
          {run.ticket.deleted ? ', deleted at the end.' : ', kept.'}
        </p>
      )}
      {run.savedSample && (
        <p className="hint-text">
          Saved as the sample{' '}
          <button type="button" className="link" onClick={() => onOpenSample(run.savedSample!.name)}>
            {run.savedSample.name}
          </button>
          .
        </p>
      )}
      {run.warnings.map((w) => (
        <p key={w} className="warning-text">
          {w}
        </p>
      ))}
    </>
  )
}

/** A step's problem lies in a template (or the flow file): open the template there. */
function revealProblem(problem: ListedProblem): void {
  const state = useStore.getState()
  const item = problem.file ? state.items.find((i) => i.path === problem.file) : undefined
  if (!item) return
  void state.openItem(item).then(() => state.revealAt(itemKey(item), problem.line, problem.column))
}

function StepEntry({ step, run }: { step: FlowStep; run: FlowRun | null }) {
  const hasDetail = step.summary !== null || step.exchanges.length > 0 || step.diagnostics.length > 0 || step.warnings.length > 0
  const trigger = step.id === 'evaluate-trigger' ? (run?.trigger ?? []) : []
  const verification = step.id === 'verify-braze' ? (run?.verification ?? null) : null
  const titleId = useId()
  const head = (
    <>
      <span className={`step-dot ${step.status}`} aria-hidden="true" />
      <span className="step-title" id={titleId}>
        {step.title}
      </span>
      <span className={`status-pill ${step.status}`}>{STEP_STATUS_TEXT[step.status]}</span>
      {step.durationMs !== null && (step.status === 'passed' || step.status === 'failed') && <span className="timing">{formatDuration(step.durationMs)}</span>}
    </>
  )
  return (
    <li className={`timeline-step ${step.status}`} aria-labelledby={titleId} aria-current={step.status === 'running' ? 'step' : undefined}>
      {hasDetail || trigger.length > 0 || verification ? (
        <details open={step.status === 'failed'}>
          <summary>{head}</summary>
          <div className="step-detail">
            {step.summary && <p className={step.status === 'failed' ? 'error-text' : ''}>{step.summary}</p>}
            {step.startedAt && (
              <p className="hint-text">
                Started <time dateTime={step.startedAt}>{new Date(step.startedAt).toLocaleTimeString()}</time>
                {step.durationMs !== null ? `, took ${formatDuration(step.durationMs)}` : ''}.
              </p>
            )}
            {step.warnings.map((w) => (
              <p key={w} className="warning-text">
                {w}
              </p>
            ))}
            {step.diagnostics.length > 0 && (
              <ProblemsList problems={step.diagnostics} onSelect={revealProblem} title="Problems" label="Step problems" />
            )}
            {trigger.map((evaluation, i) => (
              <TriggerEvaluationView key={i} evaluation={evaluation} />
            ))}
            {verification && (
              <ul className="findings" aria-label="What the Braze profile showed">
                {verification.findings.map((f, i) => (
                  <li key={i} className={f.met ? 'met' : 'unmet'}>
                    <span aria-hidden="true">{f.met ? '✓' : '✗'}</span> {f.kind} {f.name}: {f.seen}
                  </li>
                ))}
              </ul>
            )}
            {step.exchanges.map((exchange, i) => (
              <section key={i} className="exchange" aria-label={exchange.label}>
                <h4>{exchange.label}</h4>
                <ResponseView
                  result={{
                    request: exchange.request,
                    response: exchange.response,
                    failure: exchange.failure,
                    diagnostics: [],
                    timingMs: exchange.timingMs,
                    historyId: null,
                    warnings: [],
                  }}
                  at={exchange.at}
                  environment={null}
                />
              </section>
            ))}
          </div>
        </details>
      ) : (
        <div className="step-head">{head}</div>
      )}
    </li>
  )
}

function TriggerEvaluationView({ evaluation }: { evaluation: TriggerEvaluationResult }) {
  const verdict = evaluation.fires === null ? 'cannot tell whether it fires' : evaluation.fires ? 'fires' : 'does not fire'
  return (
    <div className="trigger-evaluation">
      <p>
        On the ticket’s {evaluation.update === 'Create' ? 'creation' : 'change'}, the trigger <strong>{verdict}</strong>: {evaluation.summary}
      </p>
      <ul className="findings">
        {evaluation.conditions.map((c, i) => (
          <li key={i} className={c.met === null ? 'unknown' : c.met ? 'met' : 'unmet'}>
            <span aria-hidden="true">{c.met === null ? '?' : c.met ? '✓' : '✗'}</span>{' '}
            <code>
              {c.list}: {c.field} {c.operator} {c.value === undefined ? '' : String(c.value)}
            </code>{' '}
            {c.explanation}
            {c.unconfirmed && <span className="hint-text"> ({/^UNCONFIRMED/.test(c.unconfirmed) ? c.unconfirmed : `UNCONFIRMED: ${c.unconfirmed}`})</span>}
          </li>
        ))}
      </ul>
    </div>
  )
}

function FlowHistory(props: {
  history: { entries: { id: string; at: string; run: FlowRun }[]; loading: boolean; error: string | null } | null
  shownId: string | null
  onShow(id: string | null): void
}) {
  const { history, shownId, onShow } = props
  const headingId = useId()
  if (!history) return null
  return (
    <section className="history" aria-labelledby={headingId}>
      <h3 id={headingId}>Earlier runs</h3>
      {history.error && (
        <p role="alert" className="error-text">
          {history.error}
        </p>
      )}
      {history.loading && history.entries.length === 0 && <p>Loading…</p>}
      {!history.loading && history.entries.length === 0 && !history.error && <p className="empty">Not run yet.</p>}
      <ul>
        {history.entries.map((entry) => (
          <li key={entry.id}>
            <button type="button" aria-pressed={shownId === entry.id} onClick={() => onShow(shownId === entry.id ? null : entry.id)}>
              <time dateTime={entry.at}>{new Date(entry.at).toLocaleString()}</time>
              <span className="history-status">{entry.run.status}</span>
              <span>
                {entry.run.mode}
                {entry.run.durationMs !== null ? `, ${formatDuration(entry.run.durationMs)}` : ''}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  )
}

function FlowProductionConfirm() {
  const confirming = useStore((s) => s.confirmingFlow)
  const runFlow = useStore((s) => s.runFlow)
  if (!confirming) return null
  const cancel = () => useStore.setState({ confirmingFlow: null })
  return (
    <Modal title="Run the flow against production?" onCancel={cancel} role="alertdialog">
      {/* The service's words name the command line's flag; here the button below is the confirmation. */}
      <p>{confirming.message.replace(/\s*\(--yes-production\)/, '')}</p>
      <p>The run creates a real ticket and sends real requests to Braze.</p>
      <div className="dialog-buttons">
        <button type="button" onClick={cancel} autoFocus>
          Cancel
        </button>
        <button type="button" className="danger" onClick={() => void runFlow(confirming.name, confirming.choices, true)}>
          Run against production
        </button>
      </div>
    </Modal>
  )
}
