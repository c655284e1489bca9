export { EnvVarSecretStore } from './envVarStore.js'
export { MemorySecretStore } from './memoryStore.js'
export { SafeStorageSecretStore, type SafeStorageLike, type SafeStorageSecretStoreOptions } from './safeStorageStore.js'
export {
  loadSecretValues,
  scopedSecretStore,
  secretKey,
  SecretStoreError,
  type SecretScope,
  type SecretStore,
} from './store.js'
