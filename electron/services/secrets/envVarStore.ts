/**
 * Secrets from environment variables, for the CLI and CI: `HOOKBENCH_SECRET_<NAME upper-cased>`
 * (e.g. `HOOKBENCH_SECRET_ZENDESK_API_TOKEN`). Read-only: the CLI never stores secrets. It runs
 * one environment at a time, so names are not namespaced.
 */
import { secretEnvVarName } from '../../../shared/environment/substitute.js'
import { SecretStoreError, type SecretStore } from './store.js'

const PREFIX = secretEnvVarName('')

export class EnvVarSecretStore implements SecretStore {
  readonly readOnly = true

  constructor(private readonly env: Readonly<Record<string, string | undefined>> = process.env) {}

  async get(name: string): Promise<string | undefined> {
    const value = this.env[secretEnvVarName(name)]
    // `export X=` sets an empty variable: nothing is stored.
    return value === undefined || value === '' ? undefined : value
  }

  async set(name: string, _value: string): Promise<void> {
    throw readOnly(name)
  }

  async delete(name: string): Promise<boolean> {
    throw readOnly(name)
  }

  /** Names in lower case: the variable does not keep the case they were declared in. */
  async list(): Promise<string[]> {
    return Object.keys(this.env)
      .filter((key) => key.startsWith(PREFIX) && key.length > PREFIX.length && this.env[key] !== '')
      .map((key) => key.slice(PREFIX.length).toLowerCase())
      .sort()
  }
}

function readOnly(name: string): SecretStoreError {
  return new SecretStoreError(
    `The command line reads secrets from environment variables and cannot store "${name}".`,
    'secret-store-read-only',
    `Set it in the shell instead: export ${secretEnvVarName(name)}=…`,
  )
}
