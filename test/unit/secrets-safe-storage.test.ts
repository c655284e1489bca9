import { FakeSafeStorage } from '../support/fakeSafeStorage.js'
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { SafeStorage } from 'electron'
import {
  SafeStorageSecretStore,
  scopedSecretStore,
  secretKey,
  SecretStoreError,
  type SafeStorageLike,
} from '../../electron/services/secrets/index.js'

const SECRET = 'Zx9kQ2mW7pL4vN8rT1yB3cD6fG0hJ5sA2eU7iO4q'

/** Electron's own safeStorage must fit the injected interface (checked by tsc). */
export const electronSafeStorageFits = (safeStorage: SafeStorage): SafeStorageLike => safeStorage


describe('SafeStorageSecretStore', () => {
  let userData: string
  let file: string
  let safeStorage: FakeSafeStorage
  const KEY = secretKey('ws-1', 'acme-sandbox', 'zendesk_api_token')
  const store = (overrides: Partial<ConstructorParameters<typeof SafeStorageSecretStore>[0]> = {}) =>
    new SafeStorageSecretStore({ safeStorage, file, platform: 'linux', ...overrides })

  beforeEach(async () => {
    userData = await mkdtemp(join(tmpdir(), 'hookbench-secrets-'))
    file = join(userData, 'secrets.json')
    safeStorage = new FakeSafeStorage()
  })
  afterEach(async () => {
    await rm(userData, { recursive: true, force: true })
  })

  it('round-trips values and keeps only ciphertext on disk', async () => {
    const secrets = store()
    await secrets.set(KEY, SECRET)
    expect(await secrets.get(KEY)).toBe(SECRET)
    const text = await readFile(file, 'utf8')
    expect(text).not.toContain(SECRET)
    expect(text).not.toContain(Buffer.from(SECRET).toString('base64'))
    const json = JSON.parse(text)
    expect(json).toMatchObject({ format: 'hookbench-secrets', version: 1 })
    expect(Object.keys(json.entries)).toEqual(['ws-1/acme-sandbox/zendesk_api_token'])
    expect(Buffer.from(json.entries[KEY], 'base64').length).toBeGreaterThan(28)
  })

  it('writes the file for its owner only, atomically, leaving no temporary file', async () => {
    const secrets = store()
    await Promise.all(Array.from({ length: 20 }, (_, i) => secrets.set(`name_${i}`, `value-${i}`)))
    expect(await readdir(userData)).toEqual(['secrets.json'])
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o600)
    // Twenty concurrent writers, no lost update.
    expect(await secrets.list()).toHaveLength(20)
    expect(await secrets.get('name_7')).toBe('value-7')
  })

  it('creates its folder when missing', async () => {
    const nested = store({ file: join(userData, 'Hookbench', 'secrets.json') })
    await nested.set(KEY, SECRET)
    expect(await nested.get(KEY)).toBe(SECRET)
  })

  it('keeps workspaces and environments apart in one file, through scoped stores', async () => {
    const app = store()
    const sandbox = scopedSecretStore(app, { workspaceId: 'ws-1', environment: 'acme-sandbox' })
    const production = scopedSecretStore(app, { workspaceId: 'ws-1', environment: 'acme-production' })
    const otherWorkspace = scopedSecretStore(app, { workspaceId: 'ws-2', environment: 'acme-sandbox' })
    await sandbox.set('token', 'a')
    await production.set('token', 'b')
    expect(await sandbox.get('token')).toBe('a')
    expect(await production.get('token')).toBe('b')
    expect(await otherWorkspace.get('token')).toBeUndefined()
    expect(await otherWorkspace.list()).toEqual([])
    expect(Object.keys(JSON.parse(await readFile(file, 'utf8')).entries).sort()).toEqual([
      'ws-1/acme-production/token',
      'ws-1/acme-sandbox/token',
    ])
  })

  it('deletes and lists keys only', async () => {
    const secrets = store()
    expect(await secrets.list()).toEqual([])
    expect(await secrets.get('missing')).toBeUndefined()
    await secrets.set('b_token', SECRET)
    await secrets.set('a_key', SECRET)
    expect(await secrets.list()).toEqual(['a_key', 'b_token'])
    expect(await secrets.delete('a_key')).toBe(true)
    expect(await secrets.delete('a_key')).toBe(false)
    expect(await secrets.list()).toEqual(['b_token'])
  })

  it('refuses keys that are neither names nor made by secretKey()', async () => {
    await expect(store().set('a/b', SECRET)).rejects.toMatchObject({ code: 'secret-key-invalid' })
    await expect(store().set('ws/env/bad-name', SECRET)).rejects.toMatchObject({ code: 'secret-name-invalid' })
  })

  it('warns on Linux when the backend is basic_text (not really encrypted)', () => {
    expect(store().storageWarning()).toBeUndefined()
    safeStorage.backend = 'basic_text'
    expect(store().storageWarning()).toMatch(/NOT encrypted/)
    expect(store({ platform: 'darwin' }).storageWarning()).toBeUndefined()
  })

  it('refuses to store when encryption is unavailable', async () => {
    safeStorage.available = false
    const error = (await store().set(KEY, SECRET).catch((e: unknown) => e)) as SecretStoreError
    expect(error.code).toBe('secret-encryption-unavailable')
    await expect(readFile(file)).rejects.toMatchObject({ code: 'ENOENT' })
  })

  it('a failed decryption names the secret but shows nothing of it', async () => {
    await store().set(KEY, SECRET)
    safeStorage.failDecrypt = true
    const error = (await store().get(KEY).catch((e: unknown) => e)) as SecretStoreError
    expect(error.code).toBe('secret-decrypt-failed')
    expect(error.message).toMatch(/Secret "ws-1\/acme-sandbox\/zendesk_api_token" could not be decrypted/)
    const ciphertext = JSON.parse(await readFile(file, 'utf8')).entries[KEY]
    expect(JSON.stringify({ m: error.message, h: error.hint, c: (error as { cause?: unknown }).cause })).not.toContain(
      Buffer.from(ciphertext, 'base64').toString('hex'),
    )
  })

  it('re-encrypts a value when safeStorage asks to', async () => {
    await store().set(KEY, SECRET)
    const before = await readFile(file, 'utf8')
    safeStorage.reEncrypt = true
    expect(await store().get(KEY)).toBe(SECRET)
    expect(safeStorage.encryptions).toBe(2)
    expect(await readFile(file, 'utf8')).not.toBe(before)
  })

  it('never overwrites a damaged file', async () => {
    const damaged = '{"format": "hookbench-secrets", "version": 1, "entries": {"ws-1/acme-sandbox/a": '
    await writeFile(file, damaged)
    const error = (await store().set(KEY, SECRET).catch((e: unknown) => e)) as SecretStoreError
    expect(error.code).toBe('secret-file-damaged')
    expect(await readFile(file, 'utf8')).toBe(damaged)
  })

  it('refuses a secrets file inside the workspace', () => {
    expect(() => store({ workspaceRoot: userData })).toThrow(SecretStoreError)
    expect(() => store({ workspaceRoot: join(userData, 'workspace') })).not.toThrow()
  })
})
