/** A stand-in for Electron's safeStorage in tests. */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import type { SafeStorageLike } from '../../electron/services/secrets/safeStorageStore.js'

/** Stands in for Electron's safeStorage: real AES-GCM under a key only it knows. */
export class FakeSafeStorage implements SafeStorageLike {
  available = true
  backend = 'gnome_libsecret'
  reEncrypt = false
  failDecrypt = false
  encryptions = 0
  private readonly key = randomBytes(32)

  async isAsyncEncryptionAvailable() {
    return this.available
  }

  async encryptStringAsync(plainText: string) {
    this.encryptions++
    const iv = randomBytes(12)
    const cipher = createCipheriv('aes-256-gcm', this.key, iv)
    const body = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()])
    return Buffer.concat([iv, cipher.getAuthTag(), body])
  }

  async decryptStringAsync(encrypted: Buffer) {
    if (this.failDecrypt) throw new Error(`bad ciphertext ${encrypted.toString('hex')}`)
    const decipher = createDecipheriv('aes-256-gcm', this.key, encrypted.subarray(0, 12))
    decipher.setAuthTag(encrypted.subarray(12, 28))
    const result = Buffer.concat([decipher.update(encrypted.subarray(28)), decipher.final()]).toString('utf8')
    return { shouldReEncrypt: this.reEncrypt, result }
  }

  getSelectedStorageBackend() {
    return this.backend
  }
}
