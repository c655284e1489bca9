/**
 * Secrets: values that must never enter the workspace (no file in it, no log, no history).
 *
 * One app-wide store holds the secrets of every workspace and environment under namespaced
 * keys, `secretKey(workspaceId, environment, name)`; `scopedSecretStore` turns it into the
 * store of one workspace and environment, which speaks plain secret names. The CLI's store
 * (environment variables) speaks plain names directly.
 *
 * Nothing here may put a secret VALUE into an error message: errors name secrets, never show them.
 */
import { NAME_PATTERN } from '../../../shared/environment/substitute.js'

export interface SecretStore {
  /** True when `set` and `delete` always fail (the CLI's environment variables). */
  readonly readOnly?: boolean
  /** The stored value, or undefined when none is stored. */
  get(name: string): Promise<string | undefined>
  set(name: string, value: string): Promise<void>
  /** Whether there was a value to delete. */
  delete(name: string): Promise<boolean>
  /** Names (or keys) with a stored value, sorted; never values. */
  list(): Promise<string[]>
}

export interface SecretScope {
  /** Stable id of the workspace (not its path, which can move). */
  workspaceId: string
  /** The environment's name. */
  environment: string
}

/**
 * The namespaced key of a secret. Each part is percent-encoded, so no workspace id or
 * environment name can reach into another's secrets (`a/b` + `c` ≠ `a` + `b/c`).
 */
export function secretKey(workspaceId: string, environment: string, name: string): string {
  return [workspaceId, environment, name].map(encodeURIComponent).join('/')
}

/** The store of one workspace and environment, inside an app-wide store. */
export function scopedSecretStore(store: SecretStore, scope: SecretScope): SecretStore {
  const prefix = secretKey(scope.workspaceId, scope.environment, '')
  const key = (name: string) => {
    assertSecretName(name)
    return prefix + encodeURIComponent(name)
  }
  return {
    ...(store.readOnly !== undefined ? { readOnly: store.readOnly } : {}),
    get: async (name) => store.get(key(name)),
    set: async (name, value) => store.set(key(name), value),
    delete: async (name) => store.delete(key(name)),
    list: async () =>
      (await store.list())
        .filter((k) => k.startsWith(prefix))
        .map((k) => decodeURIComponent(k.slice(prefix.length)))
        .sort(),
  }
}

export class SecretStoreError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly hint?: string,
  ) {
    super(message)
    this.name = 'SecretStoreError'
  }
}

export function assertSecretName(name: string): void {
  if (!NAME_PATTERN.test(name)) {
    throw new SecretStoreError(
      `"${name}" is not a valid secret name: names use letters, digits and _, and do not start with a digit.`,
      'secret-name-invalid',
    )
  }
}

/** A plain name, or a `secretKey` whose last part is one. */
export function assertSecretKey(key: string): void {
  const parts = key.split('/')
  const name = decodeURIComponent(parts.at(-1)!)
  if (parts.length !== 1 && parts.length !== 3) {
    throw new SecretStoreError(`"${key}" is neither a secret name nor a key made by secretKey().`, 'secret-key-invalid')
  }
  assertSecretName(name)
}

/**
 * The stored values of `names`, read once up front: substitution and masking run synchronously
 * while rendering, stores are asynchronous.
 */
export async function loadSecretValues(store: SecretStore, names: readonly string[]): Promise<Map<string, string>> {
  const values = new Map<string, string>()
  for (const name of names) {
    const value = await store.get(name)
    if (value !== undefined) values.set(name, value)
  }
  return values
}
