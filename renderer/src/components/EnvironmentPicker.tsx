import { useStore } from '../store/index.js'
import { environmentOf } from '../store/selectors.js'

/** The environment previews substitute from and sends go to; production ones are marked. */
export function EnvironmentPicker() {
  const state = useStore()
  return (
    <label className="environment-picker">
      Environment
      <select value={state.environmentName ?? ''} onChange={(e) => state.selectEnvironment(e.target.value || null)}>
        <option value="">None</option>
        <EnvironmentOptions />
      </select>
    </label>
  )
}

/** The workspace's environments as options, production ones marked. */
export function EnvironmentOptions() {
  const state = useStore()
  return (
    <>
      {state.items
        .filter((i) => i.kind === 'environment')
        .map((item) => (
          <option key={item.name} value={item.name}>
            {item.name}
            {environmentOf(state, item.name)?.environment?.kind === 'production' ? ' (production)' : ''}
          </option>
        ))}
    </>
  )
}
