import { describe, expect, it } from 'vitest'
import {
  EnvVarSecretStore,
  loadSecretValues,
  MemorySecretStore,
  scopedSecretStore,
  secretKey,
  SecretStoreError,
} from '../../electron/services/secrets/index.js'

describe('secret keys', () => {
  it('namespace a name by workspace and environment, unambiguously', () => {
    expect(secretKey('ws-1', 'acme-sandbox', 'zendesk_api_token')).toBe('ws-1/acme-sandbox/zendesk_api_token')
    expect(secretKey('a/b', 'c', 'x')).not.toBe(secretKey('a', 'b/c', 'x'))
  })
})

describe('MemorySecretStore', () => {
  it('gets, sets, deletes and lists names', async () => {
    const store = new MemorySecretStore()
    expect(await store.get('token')).toBeUndefined()
    await store.set('token', 'v1')
    await store.set('api_key', 'v2')
    expect(await store.get('token')).toBe('v1')
    expect(await store.list()).toEqual(['api_key', 'token'])
    expect(await store.delete('token')).toBe(true)
    expect(await store.delete('token')).toBe(false)
    expect(await store.list()).toEqual(['api_key'])
  })

  it('refuses invalid names without echoing the value', async () => {
    const error = await new MemorySecretStore().set('bad-name', 'super-secret-value').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SecretStoreError)
    expect((error as Error).message).not.toContain('super-secret-value')
  })

  it('loads values up front for synchronous rendering', async () => {
    const store = new MemorySecretStore({ a: '1' })
    expect(await loadSecretValues(store, ['a', 'b'])).toEqual(new Map([['a', '1']]))
  })
})

describe('scopedSecretStore', () => {
  it('keeps workspaces and environments apart in one app-wide store', async () => {
    const app = new MemorySecretStore()
    const sandbox = scopedSecretStore(app, { workspaceId: 'ws', environment: 'sandbox' })
    const production = scopedSecretStore(app, { workspaceId: 'ws', environment: 'production' })
    const other = scopedSecretStore(app, { workspaceId: 'ws/2', environment: 'sandbox' })
    await sandbox.set('token', 'sandbox-value')
    await production.set('token', 'production-value')
    expect(await sandbox.get('token')).toBe('sandbox-value')
    expect(await production.get('token')).toBe('production-value')
    expect(await other.get('token')).toBeUndefined()
    expect(await sandbox.list()).toEqual(['token'])
    expect(await other.list()).toEqual([])
    expect(await app.list()).toEqual(['ws/production/token', 'ws/sandbox/token'])
    expect(await sandbox.delete('token')).toBe(true)
    expect(await production.get('token')).toBe('production-value')
  })

  it('refuses a name that would escape its scope', async () => {
    const scoped = scopedSecretStore(new MemorySecretStore(), { workspaceId: 'ws', environment: 'e' })
    await expect(scoped.get('../other/token')).rejects.toMatchObject({ code: 'secret-name-invalid' })
  })

  it('passes read-only through', () => {
    expect(scopedSecretStore(new EnvVarSecretStore({}), { workspaceId: 'w', environment: 'e' }).readOnly).toBe(true)
  })
})

describe('EnvVarSecretStore', () => {
  const env = {
    HOOKBENCH_SECRET_ZENDESK_API_TOKEN: 'tok',
    HOOKBENCH_SECRET_BRAZE_API_KEY: '',
    HOOKBENCH_SECRET_: 'ignored',
    PATH: '/usr/bin',
  }

  it('reads HOOKBENCH_SECRET_<NAME upper-cased>', async () => {
    const store = new EnvVarSecretStore(env)
    expect(await store.get('zendesk_api_token')).toBe('tok')
    expect(await store.get('ZENDESK_API_TOKEN')).toBe('tok')
    // An empty variable stores nothing.
    expect(await store.get('braze_api_key')).toBeUndefined()
    expect(await store.list()).toEqual(['zendesk_api_token'])
  })

  it('is read-only, with a clear error that never contains a value', async () => {
    const store = new EnvVarSecretStore(env)
    expect(store.readOnly).toBe(true)
    const error = (await store.set('zendesk_api_token', 'new-secret-value').catch((e: unknown) => e)) as SecretStoreError
    expect(error).toBeInstanceOf(SecretStoreError)
    expect(error.code).toBe('secret-store-read-only')
    expect(error.message).toBe('The command line reads secrets from environment variables and cannot store "zendesk_api_token".')
    expect(error.hint).toBe('Set it in the shell instead: export HOOKBENCH_SECRET_ZENDESK_API_TOKEN=…')
    expect(`${error.message}${error.hint}`).not.toContain('new-secret-value')
    await expect(store.delete('zendesk_api_token')).rejects.toMatchObject({ code: 'secret-store-read-only' })
  })

  it('reads process.env by default', async () => {
    process.env.HOOKBENCH_SECRET_HOOKBENCH_TEST_ONLY = 'from-process'
    try {
      expect(await new EnvVarSecretStore().get('hookbench_test_only')).toBe('from-process')
    } finally {
      delete process.env.HOOKBENCH_SECRET_HOOKBENCH_TEST_ONLY
    }
  })
})
