/** Which secrets an environment has stored; values can be set or replaced, never read back. */
import { useEffect, useState, type FormEvent } from 'react'
import { useStore } from '../store/index.js'

function SecretRow({ environment, name, stored }: { environment: string; name: string; stored: boolean }) {
  const setSecret = useStore((s) => s.setSecret)
  const deleteSecret = useStore((s) => s.deleteSecret)
  const [value, setValue] = useState('')
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (value === '') return
    // Cleared whatever the outcome: the value must not linger in the page.
    const entered = value
    setValue('')
    await setSecret(environment, name, entered)
  }
  return (
    <li className="secret-row">
      <form onSubmit={submit}>
        <span className="secret-name">{name}</span>
        <span className={`secret-state ${stored ? 'stored' : 'missing'}`}>{stored ? 'stored' : 'not set'}</span>
        <label className="visually-hidden" htmlFor={`secret-${name}`}>
          Value for {name}
        </label>
        <input id={`secret-${name}`} type="password" autoComplete="off" value={value} onChange={(e) => setValue(e.target.value)} placeholder={stored ? 'New value' : 'Value'} />
        <button type="submit" disabled={value === ''}>
          {stored ? 'Replace' : 'Set'}
        </button>
        {stored && (
          <button type="button" className="danger" aria-label={`Delete secret ${name}`} onClick={() => void deleteSecret(environment, name)}>
            Delete
          </button>
        )}
      </form>
    </li>
  )
}

export function SecretsPanel({ environment }: { environment: string }) {
  const status = useStore((s) => s.secretStatus[environment])
  const load = useStore((s) => s.loadSecretStatus)
  // Saving the file may declare new secret names.
  const fileHash = useStore((s) => s.items.find((i) => i.kind === 'environment' && i.name === environment)?.hash)
  useEffect(() => {
    void load(environment)
  }, [load, environment, fileHash])

  return (
    <section className="secrets" aria-labelledby="secrets-heading">
      <h3 id="secrets-heading">Secrets of {environment}</h3>
      {status?.storageWarning && (
        <p role="alert" className="warning-text">
          {status.storageWarning}
        </p>
      )}
      {!status ? (
        <p>Loading…</p>
      ) : status.secrets.length === 0 ? (
        <p className="empty">This environment declares no secrets: list their names in the file's "secrets".</p>
      ) : (
        <ul>
          {status.secrets.map((s) => (
            <SecretRow key={s.name} environment={environment} name={s.name} stored={s.stored} />
          ))}
        </ul>
      )}
      <p className="hint-text">Values are stored outside the workspace and never shown again; templates use them as %{'{'}secret.NAME{'}'}.</p>
    </section>
  )
}
