/** Secrets kept in memory, for tests (and nothing else: they vanish with the process). */
import { assertSecretKey, type SecretStore } from './store.js'

export class MemorySecretStore implements SecretStore {
  private readonly entries: Map<string, string>

  constructor(initial: Record<string, string> = {}) {
    this.entries = new Map(Object.entries(initial))
  }

  async get(name: string): Promise<string | undefined> {
    return this.entries.get(name)
  }

  async set(name: string, value: string): Promise<void> {
    assertSecretKey(name)
    this.entries.set(name, value)
  }

  async delete(name: string): Promise<boolean> {
    return this.entries.delete(name)
  }

  async list(): Promise<string[]> {
    return [...this.entries.keys()].sort()
  }
}
