/** The exact request the template renders to, live as you type. */
import type { Dialect } from '../lib/items.js'
import { useStore } from '../store/index.js'
import { RequestView } from './RequestView.js'
import { EnvironmentPicker } from './EnvironmentPicker.js'
import { SamplePicker } from './SamplePicker.js'

export function PreviewPanel({ templateKey, dialect }: { templateKey: string; dialect: Dialect }) {
  const preview = useStore((s) => (s.preview?.key === templateKey ? s.preview : null))
  const outcome = preview?.value ?? null
  return (
    <div className="preview">
      <div className="preview-pickers">
        <SamplePicker templateKey={templateKey} dialect={dialect} labels={outcome?.sampleLabels ?? []} />
        <EnvironmentPicker />
      </div>
      <p className="render-status" role="status" aria-live="polite">
        {!outcome ? 'Rendering…' : preview?.running ? 'Rendering…' : `Rendered${outcome.sampleLabel ? ` for ${outcome.sampleLabel}` : ' without a sample'} in ${outcome.durationMs.toFixed(1)} ms`}
      </p>
      {preview?.error && (
        <p role="alert" className="error-text">
          {preview.error}
        </p>
      )}
      {outcome && outcome.sampleProblems.length > 0 && (
        <ul className="sample-problems" aria-label="Sample problems">
          {outcome.sampleProblems.map((d, i) => (
            <li key={i} className={d.severity}>
              {d.file}:{d.line}:{d.column}: {d.message}
            </li>
          ))}
        </ul>
      )}
      {outcome?.aborted && (
        <div className="aborted-banner" role="status" aria-label="Aborted">
          <strong>Aborted</strong>: {outcome.aborted.reason ?? 'abort_message fired without a reason'}. Braze would not send this webhook.
        </div>
      )}
      {outcome && <RequestView request={outcome.request} label="Rendered request" />}
    </div>
  )
}
