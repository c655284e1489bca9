/**
 * Secrets encrypted with Electron's `safeStorage` (OS keychain, DPAPI, or a Linux keyring), in
 * ONE file in the app's userData folder, outside every workspace. The file holds only ciphertext,
 * keyed by `secretKey(workspaceId, environment, name)`:
 *
 *   { "format": "hookbench-secrets", "version": 1,
 *     "entries": { "<workspaceId>/<environment>/<name>": "<base64 ciphertext>" } }
 *
 * Only the asynchronous safeStorage API is used: the synchronous one is removed in Electron 46.
 */
import { mkdir, open, readFile } from 'node:fs/promises'
import { dirname, isAbsolute, relative, sep } from 'node:path'
import { z } from 'zod'
import { writeFileAtomic } from '../fs/atomicWrite.js'
import { assertSecretKey, SecretStoreError, type SecretStore } from './store.js'

/** The part of Electron's `safeStorage` this store uses (injected: no Electron import here). */
export interface SafeStorageLike {
  isAsyncEncryptionAvailable(): Promise<boolean>
  encryptStringAsync(plainText: string): Promise<Uint8Array>
  /** `shouldReEncrypt`: the key was rotated or improved; the value should be encrypted again. */
  decryptStringAsync(encrypted: Buffer): Promise<{ shouldReEncrypt: boolean; result: string }>
  /** Linux only: which keyring encrypts; `basic_text` means a key hard-coded in Chromium. */
  getSelectedStorageBackend(): string
}

export interface SafeStorageSecretStoreOptions {
  safeStorage: SafeStorageLike
  /** The secrets file: `<userData>/secrets.json`. */
  file: string
  /** The open workspace: a secrets file inside it could be committed, so it is refused. */
  workspaceRoot?: string
  /** Default: this process's platform. */
  platform?: NodeJS.Platform
}

const fileSchema = z.object({
  format: z.literal('hookbench-secrets'),
  version: z.literal(1),
  entries: z.record(z.string(), z.string()),
})

type Entries = Record<string, string>

/** App-wide: create ONE per secrets file (changes are serialised per instance); scope it with `scopedSecretStore`. */
export class SafeStorageSecretStore implements SecretStore {
  private readonly safeStorage: SafeStorageLike
  private readonly file: string
  private readonly platform: NodeJS.Platform
  /** One change at a time: each is read, change, write back. */
  private queue: Promise<unknown> = Promise.resolve()

  constructor(options: SafeStorageSecretStoreOptions) {
    this.safeStorage = options.safeStorage
    this.file = options.file
    this.platform = options.platform ?? process.platform
    if (options.workspaceRoot !== undefined && isInside(options.file, options.workspaceRoot)) {
      throw new SecretStoreError(
        `The secrets file ${options.file} lies inside the workspace, where it could be shared or committed.`,
        'secret-file-in-workspace',
        "Keep it in the app's userData folder.",
      )
    }
  }

  /** Set when secrets are stored but not really protected (Linux without a keyring). */
  storageWarning(): string | undefined {
    if (this.platform !== 'linux' || this.safeStorage.getSelectedStorageBackend() !== 'basic_text') return undefined
    return (
      'Secrets are NOT encrypted on this system: no keyring (GNOME Keyring / libsecret or KWallet) is available, ' +
      'so they are scrambled with a key built into Electron that anyone who can read your files can undo. ' +
      'Install and unlock a keyring, or use environment variables with the CLI.'
    )
  }

  async get(key: string): Promise<string | undefined> {
    const ciphertext = (await this.read())[key]
    if (ciphertext === undefined) return undefined
    await this.requireEncryption()
    let decrypted: { shouldReEncrypt: boolean; result: string }
    try {
      decrypted = await this.safeStorage.decryptStringAsync(Buffer.from(ciphertext, 'base64'))
    } catch {
      // The cause is left out on purpose: nothing about the secret may travel in an error.
      throw new SecretStoreError(
        `Secret "${key}" could not be decrypted: the system keychain may have been reset, or the file comes from another user or machine.`,
        'secret-decrypt-failed',
        'Store the secret again.',
      )
    }
    if (decrypted.shouldReEncrypt) await this.reEncrypt(key, decrypted.result)
    return decrypted.result
  }

  async set(key: string, value: string): Promise<void> {
    assertSecretKey(key)
    await this.requireEncryption()
    const ciphertext = await this.encrypt(key, value)
    await this.update((entries) => {
      entries[key] = ciphertext
      return true
    })
  }

  async delete(key: string): Promise<boolean> {
    let existed = false
    await this.update((entries) => {
      existed = Object.hasOwn(entries, key)
      delete entries[key]
      return existed
    })
    return existed
  }

  async list(): Promise<string[]> {
    return Object.keys(await this.read()).sort()
  }

  private async requireEncryption(): Promise<void> {
    if (!(await this.safeStorage.isAsyncEncryptionAvailable())) {
      throw new SecretStoreError(
        'Secrets cannot be encrypted on this system right now (the OS keychain is unavailable).',
        'secret-encryption-unavailable',
        'Unlock or install a keychain, or use environment variables with the CLI.',
      )
    }
  }

  private async encrypt(key: string, value: string): Promise<string> {
    try {
      return Buffer.from(await this.safeStorage.encryptStringAsync(value)).toString('base64')
    } catch {
      throw new SecretStoreError(`Secret "${key}" could not be encrypted.`, 'secret-encrypt-failed')
    }
  }

  /** Best effort: the value was read fine; a failed upgrade of its encryption can wait. */
  private async reEncrypt(key: string, value: string): Promise<void> {
    try {
      const ciphertext = await this.encrypt(key, value)
      await this.update((entries) => {
        if (!Object.hasOwn(entries, key)) return false
        entries[key] = ciphertext
        return true
      })
    } catch {
      // The old ciphertext still decrypts.
    }
  }

  private async read(): Promise<Entries> {
    let text: string
    try {
      text = await readFile(this.file, 'utf8')
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code
      if (code === 'ENOENT') return {}
      throw new SecretStoreError(`The secrets file ${this.file} cannot be read (${code ?? 'I/O error'}).`, 'secret-file-unreadable')
    }
    // Created empty and private before the first write (see `update`).
    if (text.trim() === '') return {}
    const parsed = fileSchema.safeParse(parseOrUndefined(text))
    if (!parsed.success) {
      // Never rewritten: overwriting a damaged file would destroy every secret still in it.
      throw new SecretStoreError(
        `The secrets file ${this.file} is damaged; Hookbench leaves it untouched.`,
        'secret-file-damaged',
        'Move the file away to start over; the secrets in it then have to be stored again.',
      )
    }
    return parsed.data.entries
  }

  /** Read, change, write back atomically, one change at a time. */
  private update(change: (entries: Entries) => boolean): Promise<void> {
    const run = this.queue.then(async () => {
      await this.ensurePrivateFile()
      const entries = await this.read()
      if (!change(entries)) return
      const content: z.input<typeof fileSchema> = { format: 'hookbench-secrets', version: 1, entries }
      await writeFileAtomic(this.file, `${JSON.stringify(content, null, 2)}\n`)
    })
    this.queue = run.catch(() => undefined)
    return run
  }

  /**
   * The atomic writer keeps the mode of the file it replaces: creating the file empty with
   * owner-only permissions first makes every later version owner-only too.
   */
  private async ensurePrivateFile(): Promise<void> {
    await mkdir(dirname(this.file), { recursive: true, mode: 0o700 })
    await (await open(this.file, 'a', 0o600)).close()
  }
}

function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

function isInside(file: string, folder: string): boolean {
  const rel = relative(folder, file)
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel)
}
