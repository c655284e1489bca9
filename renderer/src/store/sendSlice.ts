import type { HistoryEntry, SendResult } from '../../../shared/api/contract.js'
import { api } from '../api.js'
import { describeError, type ShownError } from '../lib/errors.js'
import type { SliceCreator } from './types.js'
import { activeTemplate, chosenSample, selectedEnvironment } from './selectors.js'

type SecretStatus = Awaited<ReturnType<typeof api['secrets.status']>>

export interface SendState {
  templateKey: string
  status: 'sending' | 'done'
  result: SendResult | null
  error: ShownError | null
  at: string
}

export interface SendSlice {
  environmentName: string | null
  secretStatus: Record<string, SecretStatus>
  lastSend: SendState | null
  history: { template: string; entries: HistoryEntry[]; loading: boolean; error: string | null } | null
  /** The history entry shown in place of the last send. */
  shownHistoryId: string | null
  /** A send to a production environment waits for this confirmation. */
  confirmingProduction: boolean
  selectEnvironment(name: string | null): void
  loadSecretStatus(environment: string): Promise<void>
  setSecret(environment: string, name: string, value: string): Promise<boolean>
  deleteSecret(environment: string, name: string): Promise<void>
  /** Sends the active template; production asks first. */
  requestSend(): void
  send(confirmProduction: boolean): Promise<void>
  loadHistory(template: string): Promise<void>
  showHistoryEntry(id: string | null): void
}

export const createSendSlice: SliceCreator<SendSlice> = (set, get) => ({
  environmentName: null,
  secretStatus: {},
  lastSend: null,
  history: null,
  shownHistoryId: null,
  confirmingProduction: false,

  selectEnvironment(name) {
    set({ environmentName: name })
    if (name) void get().loadSecretStatus(name)
  },

  async loadSecretStatus(environment) {
    try {
      const status = await api['secrets.status']({ environment })
      set((s) => ({ secretStatus: { ...s.secretStatus, [environment]: status } }))
    } catch (err) {
      get().reportError(err, `Could not read the secrets of ${environment}`)
    }
  },

  async setSecret(environment, name, value) {
    try {
      await api['secrets.set']({ environment, name, value })
      await get().loadSecretStatus(environment)
      return true
    } catch (err) {
      get().reportError(err, `Could not store secret ${name}`)
      return false
    }
  },

  async deleteSecret(environment, name) {
    try {
      await api['secrets.delete']({ environment, name })
      await get().loadSecretStatus(environment)
    } catch (err) {
      get().reportError(err, `Could not delete secret ${name}`)
    }
  },

  requestSend() {
    const state = get()
    if (!activeTemplate(state) || state.lastSend?.status === 'sending') return
    if (selectedEnvironment(state)?.environment?.kind === 'production') set({ confirmingProduction: true })
    else void state.send(false)
  },

  async send(confirmProduction) {
    set({ confirmingProduction: false })
    const state = get()
    const template = activeTemplate(state)
    const environment = state.environmentName
    const sample = template ? chosenSample(state, template.key) : null
    const missing = !template ? 'Open a template to send.' : !environment ? 'Pick an environment to send to.' : !sample ? 'Pick a sample to send with.' : null
    if (missing || !template || !environment || !sample) {
      state.reportError(new Error(missing ?? 'Nothing to send.'))
      return
    }
    const at = new Date().toISOString()
    set({ lastSend: { templateKey: template.key, status: 'sending', result: null, error: null, at }, shownHistoryId: null })
    try {
      const result = await api.send({
        template: template.ref.name,
        sample: { name: sample.name, ...(sample.label ? { label: sample.label } : {}) },
        environment,
        confirmProduction,
      })
      set({ lastSend: { templateKey: template.key, status: 'done', result, error: null, at } })
    } catch (err) {
      set({ lastSend: { templateKey: template.key, status: 'done', result: null, error: describeError(err), at } })
    }
    await get().loadHistory(template.ref.name)
  },

  async loadHistory(template) {
    set((s) => ({ history: { template, entries: s.history?.template === template ? s.history.entries : [], loading: true, error: null } }))
    try {
      const entries = await api['history.list']({ template, limit: 50 })
      set({ history: { template, entries, loading: false, error: null } })
    } catch (err) {
      set({ history: { template, entries: [], loading: false, error: describeError(err).message } })
    }
  },

  showHistoryEntry(id) {
    set({ shownHistoryId: id })
  },
})
