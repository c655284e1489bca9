/** Derived state, read by components and by the controllers that drive the render worker. */
import type { WorkspaceItem } from '../../../shared/api/contract.js'
import type { Diagnostic } from '../../../shared/diagnostics.js'
import { parseEnvironment, type Environment } from '../../../shared/environment/model.js'
import { itemKey, sampleKindOf, type Dialect, type ItemRef } from '../lib/items.js'
import { dialectOfText } from '../lib/templateText.js'
import type { PreviewEnvironment } from '../render/protocol.js'
import type { Doc } from './documentsSlice.js'
import type { SampleChoice } from './previewSlice.js'
import type { AppState } from './types.js'

export function itemOf(state: AppState, key: string): WorkspaceItem | undefined {
  return state.items.find((i) => itemKey(i) === key)
}

export function textOf(state: AppState, key: string): string | undefined {
  return state.docs[key]?.draft ?? state.diskTexts[key]?.text
}

export function activeTemplate(state: AppState): { key: string; ref: ItemRef; doc: Doc; dialect: Dialect } | null {
  const key = state.activeKey
  const doc = key ? state.docs[key] : undefined
  if (!key || !doc || doc.ref.kind !== 'template') return null
  return { key, ref: doc.ref, doc, dialect: dialectOfText(doc.draft, itemOf(state, key)?.dialect ?? 'braze') }
}

export function templateDialect(state: AppState, templateKey: string): Dialect {
  const text = textOf(state, templateKey)
  const listed = itemOf(state, templateKey)?.dialect ?? 'braze'
  return text === undefined ? listed : dialectOfText(text, listed)
}

export function sampleItemsFor(state: AppState, dialect: Dialect): WorkspaceItem[] {
  const kind = sampleKindOf(dialect)
  return state.items.filter((i) => i.kind === kind)
}

/** The sample a template previews and sends with: the user's pick, else the first of its kind. */
export function chosenSample(state: AppState, templateKey: string): ChosenSample | null {
  return chosenSampleAmong(sampleItemsFor(state, templateDialect(state, templateKey)), state.sampleChoice[templateKey])
}

export interface ChosenSample {
  key: string
  name: string
  label: string | null
}

export function chosenSampleAmong(candidates: readonly WorkspaceItem[], choice: SampleChoice | undefined): ChosenSample | null {
  const picked = choice?.sampleKey ? candidates.find((i) => itemKey(i) === choice.sampleKey) : undefined
  const item = picked ?? candidates[0]
  if (!item) return null
  return { key: itemKey(item), name: item.name, label: picked ? choice!.label : null }
}

export interface SelectedEnvironment {
  name: string
  environment?: Environment
  diagnostics: Diagnostic[]
}

const parsedEnvironments = new Map<string, { text: string; parsed: SelectedEnvironment }>()

export function environmentOf(state: AppState, name: string): SelectedEnvironment | null {
  const key = itemKey({ kind: 'environment', name })
  const item = itemOf(state, key)
  const text = textOf(state, key)
  if (!item || text === undefined) return null
  const cached = parsedEnvironments.get(key)
  if (cached?.text === text) return cached.parsed
  const parsed = { name, ...parseEnvironment(text, item.path) }
  parsedEnvironments.set(key, { text, parsed })
  return parsed
}

export function selectedEnvironment(state: AppState): SelectedEnvironment | null {
  return state.environmentName ? environmentOf(state, state.environmentName) : null
}

/** What the preview substitutes for `%{env.…}` and `%{secret.…}`: values and stand-ins, never secrets. */
export function previewEnvironment(state: AppState): PreviewEnvironment | null {
  const selected = selectedEnvironment(state)
  const environment = selected?.environment
  if (!selected || !environment) return null
  const status = state.secretStatus[selected.name]
  return {
    name: selected.name,
    variables: environment.variables,
    secretNames: environment.secrets,
    storedSecrets: status ? status.secrets.filter((s) => s.stored).map((s) => s.name) : [],
  }
}
