/** Which sample file (and which user or ticket inside it) the template renders with. */
import { useMemo } from 'react'
import { displayName, itemKey, sampleKindOf, type Dialect } from '../lib/items.js'
import { useStore } from '../store/index.js'
import { chosenSampleAmong } from '../store/selectors.js'

export function SamplePicker({ templateKey, dialect, labels }: { templateKey: string; dialect: Dialect; labels: readonly string[] }) {
  // Only what the picker shows: thousands of options must not re-render on every keystroke.
  const items = useStore((s) => s.items)
  const choice = useStore((s) => s.sampleChoice[templateKey])
  const choose = useStore((s) => s.chooseSample)
  const samples = useMemo(() => items.filter((i) => i.kind === sampleKindOf(dialect)), [items, dialect])
  const chosen = chosenSampleAmong(samples, choice)
  if (samples.length === 0) {
    return (
      <p className="hint-text">
        No {sampleKindOf(dialect) === 'braze-user' ? 'Braze user' : 'Zendesk ticket'} samples yet: add one in the sidebar to render with real data.
      </p>
    )
  }
  return (
    <div className="sample-picker">
      <label>
        Sample
        <select value={chosen?.key ?? ''} onChange={(e) => choose(templateKey, { sampleKey: e.target.value, label: null })}>
          {samples.map((s) => (
            <option key={itemKey(s)} value={itemKey(s)}>
              {displayName(s)}
            </option>
          ))}
        </select>
      </label>
      {labels.length > 1 && chosen && (
        <label>
          {dialect === 'braze' ? 'User' : 'Ticket'}
          <select value={chosen.label ?? labels[0]} onChange={(e) => choose(templateKey, { sampleKey: chosen.key, label: e.target.value })}>
            {labels.map((label) => (
              <option key={label} value={label}>
                {label}
              </option>
            ))}
          </select>
        </label>
      )}
    </div>
  )
}
