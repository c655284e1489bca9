/** Workspace items as the UI names, groups and keys them. */
import type { ItemKind, WorkspaceItem } from '../../../shared/api/contract.js'
import type { SampleKind } from '../../../shared/samples/load.js'
import { KIND_LAYOUT } from '../../../shared/workspace/layout.js'

export type Dialect = 'braze' | 'zendesk'
export type { SampleKind }

export interface ItemRef {
  kind: ItemKind
  name: string
}

/** One string per item, for maps and React keys; names may hold any character but `:` is safe after the kind. */
export function itemKey(ref: ItemRef): string {
  return `${ref.kind}:${ref.name}`
}

export function refOfKey(key: string): ItemRef {
  const colon = key.indexOf(':')
  return { kind: key.slice(0, colon) as ItemKind, name: key.slice(colon + 1) }
}

export function sampleKindOf(dialect: Dialect): SampleKind {
  return dialect === 'braze' ? 'braze-user' : 'zendesk-ticket'
}

export function nounOf(kind: ItemKind): string {
  return KIND_LAYOUT[kind].noun
}

/** What the sidebar shows: the template's front-matter name when it has one. */
export function displayName(item: WorkspaceItem): string {
  return item.title || item.name
}

export function isSampleKind(kind: ItemKind): kind is SampleKind {
  return kind === 'braze-user' || kind === 'zendesk-ticket'
}
