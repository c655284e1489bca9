import { useStore } from '../store/index.js'
import { environmentOf } from '../store/selectors.js'

/** The environment previews substitute from and sends go to; production ones are marked. */
export function EnvironmentPicker() {
  const state = useStore()
  const environments = state.items.filter((i) => i.kind === 'environment')
  return (
    <label className="environment-picker">
      Environment
      <select value={state.environmentName ?? ''} onChange={(e) => state.selectEnvironment(e.target.value || null)}>
        <option value="">None</option>
        {environments.map((item) => {
          const kind = environmentOf(state, item.name)?.environment?.kind
          return (
            <option key={item.name} value={item.name}>
              {item.name}
              {kind === 'production' ? ' (production)' : ''}
            </option>
          )
        })}
      </select>
    </label>
  )
}
