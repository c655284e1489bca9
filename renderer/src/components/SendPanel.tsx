/** Send the template to an environment's sandbox (or, confirmed, production) and read the answer. */
import { useEffect } from 'react'
import { shortcutLabel } from '../lib/shortcuts.js'
import { isMac } from '../platform.js'
import { useStore } from '../store/index.js'
import { chosenSample, selectedEnvironment } from '../store/selectors.js'
import { EnvironmentPicker } from './EnvironmentPicker.js'
import { HistoryList } from './HistoryList.js'
import { ResponseView } from './ResponseView.js'

export function SendPanel({ templateKey, templateName }: { templateKey: string; templateName: string }) {
  const state = useStore()
  const loadHistory = state.loadHistory
  useEffect(() => {
    void loadHistory(templateName)
  }, [loadHistory, templateName])

  const sample = chosenSample(state, templateKey)
  const environment = selectedEnvironment(state)
  const status = environment ? state.secretStatus[environment.name] : undefined
  const missingSecrets = status?.secrets.filter((s) => !s.stored).map((s) => s.name) ?? []
  const lastSend = state.lastSend?.templateKey === templateKey ? state.lastSend : null
  const sending = lastSend?.status === 'sending'
  const shownEntry = state.history?.entries.find((e) => e.id === state.shownHistoryId)

  return (
    <div className="send">
      <div className="send-controls">
        <EnvironmentPicker />
        <button type="button" className="primary" onClick={state.requestSend} disabled={sending || !environment || !sample}>
          {sending ? 'Sending…' : 'Send'} <kbd>{shortcutLabel('send', isMac)}</kbd>
        </button>
      </div>
      <p className="hint-text">
        {sample ? `With sample ${sample.name}${sample.label ? ` / ${sample.label}` : ''}.` : 'Add a sample to send with.'}{' '}
        {!environment && 'Pick an environment to send to.'}
      </p>
      {environment && environment.diagnostics.some((d) => d.severity === 'error') && (
        <div role="alert" className="error-text">
          The environment file has problems:
          <ul>
            {environment.diagnostics.map((d, i) => (
              <li key={i}>
                {d.line}:{d.column}: {d.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {missingSecrets.length > 0 && <p className="warning-text">No value stored yet for: {missingSecrets.join(', ')}. Set them in the environment's Secrets panel.</p>}
      {lastSend?.error && (
        <p role="alert" className="error-text">
          {lastSend.error.message}
        </p>
      )}
      {shownEntry ? (
        <ResponseView result={shownEntry.result} at={shownEntry.at} environment={shownEntry.environment} />
      ) : (
        lastSend?.result && <ResponseView result={lastSend.result} at={lastSend.at} environment={state.environmentName} />
      )}
      <HistoryList />
    </div>
  )
}
