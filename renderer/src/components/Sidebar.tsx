/**
 * The workspace: templates by dialect, flows, samples, content blocks and environments, as one
 * virtualised list. Unsaved items carry a dot; files that failed to parse show their error.
 */
import { useMemo, useState } from 'react'
import type { FlowSummary, ItemKind, WorkspaceItem } from '../../../shared/api/contract.js'
import { displayName, itemKey } from '../lib/items.js'
import { isDirty } from '../store/documentsSlice.js'
import { useStore } from '../store/index.js'
import type { Dialog } from '../store/uiSlice.js'
import { ItemMenu } from './ItemMenu.js'
import { VirtualList } from './VirtualList.js'

const ROW_HEIGHT = 28

/** What a section's import button opens, and its accessible name. */
interface ImportAction {
  label: string
  dialog: Extract<Dialog, { type: 'import' }>
}

type Row =
  | { type: 'section'; id: string; label: string; count: number; newKind?: ItemKind; importAction?: ImportAction; nested: boolean }
  | { type: 'item'; item: WorkspaceItem; nested: boolean }
  | { type: 'flow'; flow: FlowSummary }
  | { type: 'empty'; id: string; label: string }

interface Section {
  id: string
  label: string
  newKind?: ItemKind
  importAction?: ImportAction
  items: WorkspaceItem[]
  nested?: boolean
}

function sectionsOf(items: readonly WorkspaceItem[]): Section[] {
  const of = (kind: ItemKind) => items.filter((i) => i.kind === kind)
  const templates = of('template')
  return [
    {
      id: 'templates',
      label: 'Templates',
      newKind: 'template',
      importAction: { label: 'Import a template from a dashboard', dialog: { type: 'import', mode: 'template' } },
      items: [],
    },
    { id: 'templates-braze', label: 'Braze → Zendesk', items: templates.filter((t) => (t.dialect ?? 'braze') === 'braze'), nested: true },
    { id: 'templates-zendesk', label: 'Zendesk → Braze', items: templates.filter((t) => t.dialect === 'zendesk'), nested: true },
    {
      id: 'braze-users',
      label: 'Braze users',
      newKind: 'braze-user',
      importAction: { label: 'Import Braze users', dialog: { type: 'import', mode: 'text', format: 'braze-export' } },
      items: of('braze-user'),
    },
    {
      id: 'zendesk-tickets',
      label: 'Zendesk tickets',
      newKind: 'zendesk-ticket',
      importAction: { label: 'Import Zendesk tickets', dialog: { type: 'import', mode: 'text', format: 'zendesk-tickets' } },
      items: of('zendesk-ticket'),
    },
    { id: 'content-blocks', label: 'Content blocks', newKind: 'content-block', items: of('content-block') },
    { id: 'environments', label: 'Environments', newKind: 'environment', items: of('environment') },
  ]
}

export function Sidebar() {
  const items = useStore((s) => s.items)
  const docs = useStore((s) => s.docs)
  const activeKey = useStore((s) => s.activeKey)
  const flows = useStore((s) => s.flows)
  const activeFlow = useStore((s) => s.activeFlow)
  const { openItem, openDialog, openFlow } = useStore.getState()
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set())
  const [filter, setFilter] = useState('')

  const rows = useMemo(() => {
    const needle = filter.trim().toLowerCase()
    const matches = (i: WorkspaceItem) => needle === '' || i.name.toLowerCase().includes(needle) || (i.title ?? '').toLowerCase().includes(needle)
    const out: Row[] = []
    for (const section of sectionsOf(items)) {
      const shown = section.items.filter(matches)
      const count = section.id === 'templates' ? items.filter((i) => i.kind === 'template').length : section.items.length
      out.push({
        type: 'section',
        id: section.id,
        label: section.label,
        count,
        nested: section.nested ?? false,
        ...(section.newKind ? { newKind: section.newKind } : {}),
        ...(section.importAction ? { importAction: section.importAction } : {}),
      })
      if (collapsed.has(section.id) || section.id === 'templates') continue
      if (shown.length === 0 && !section.nested) out.push({ type: 'empty', id: `${section.id}-empty`, label: needle ? 'No match' : 'None yet' })
      for (const item of shown) out.push({ type: 'item', item, nested: section.nested ?? false })
      // Flows (flows/NAME.yaml) come right after the templates they connect.
      if (section.id === 'templates-zendesk') {
        out.push({ type: 'section', id: 'flows', label: 'Flows', count: flows.length, nested: false })
        if (collapsed.has('flows')) continue
        const shownFlows = flows.filter((f) => needle === '' || f.name.toLowerCase().includes(needle) || f.title.toLowerCase().includes(needle))
        if (shownFlows.length === 0) out.push({ type: 'empty', id: 'flows-empty', label: needle ? 'No match' : 'None yet' })
        for (const flow of shownFlows) out.push({ type: 'flow', flow })
      }
    }
    return out
  }, [items, flows, collapsed, filter])

  const toggle = (id: string) =>
    setCollapsed((previous) => {
      const next = new Set(previous)
      if (next.has(id)) next.delete(id)
      else next.add(id)
      return next
    })

  const renderRow = (row: Row) => {
    if (row.type === 'empty') return <span className="sidebar-empty">{row.label}</span>
    if (row.type === 'section') {
      return (
        <div className={`sidebar-section${row.nested ? ' nested' : ''}`}>
          <button type="button" className="section-toggle" aria-expanded={!collapsed.has(row.id)} onClick={() => toggle(row.id)}>
            <span aria-hidden="true">{collapsed.has(row.id) ? '▸' : '▾'}</span> {row.label} <span className="count">{row.count}</span>
          </button>
          {row.importAction && (
            <button type="button" className="icon" aria-label={`${row.importAction.label}…`} title={`${row.importAction.label}…`} onClick={() => openDialog(row.importAction!.dialog)}>
              <span aria-hidden="true">⤓</span>
            </button>
          )}
          {row.newKind && (
            <button type="button" className="icon" aria-label={`New ${row.label.toLowerCase().replace(/s$/, '')}`} onClick={() => openDialog({ type: 'create', kind: row.newKind! })}>
              +
            </button>
          )}
        </div>
      )
    }
    if (row.type === 'flow') {
      const { flow } = row
      const problem = flow.diagnostics.find((d) => d.severity === 'error')
      const active = flow.name === activeFlow
      return (
        <div className={`sidebar-item${active ? ' active' : ''}${problem ? ' broken' : ''}`}>
          <button
            type="button"
            className="item-open"
            aria-current={active ? 'page' : undefined}
            title={problem ? `${flow.path}:${problem.line}:${problem.column}: ${problem.message}` : flow.path}
            onClick={() => openFlow(flow.name)}
          >
            <span className="item-name">{flow.title}</span>
            {problem && <span className="item-problem">⚠ {problem.message}</span>}
          </button>
        </div>
      )
    }
    const { item } = row
    const key = itemKey(item)
    const dirty = isDirty(docs[key])
    const problem = item.diagnostics.find((d) => d.severity === 'error') ?? item.diagnostics[0]
    const name = displayName(item)
    return (
      <div className={`sidebar-item${row.nested ? ' nested' : ''}${key === activeKey ? ' active' : ''}${problem ? ' broken' : ''}`}>
        <button
          type="button"
          className="item-open"
          aria-current={key === activeKey ? 'page' : undefined}
          title={problem ? `${item.path}:${problem.line}:${problem.column}: ${problem.message}` : item.path}
          onClick={() => void openItem(item)}
        >
          <span className="item-name">{name}</span>
          {dirty && (
            <span className="dirty-dot" role="img" aria-label="unsaved changes">
              ●
            </span>
          )}
          {problem && <span className="item-problem">⚠ {problem.message}</span>}
        </button>
        <ItemMenu item={item} label={name} />
      </div>
    )
  }

  return (
    <nav className="sidebar" aria-label="Workspace">
      <div className="sidebar-tools">
        <input className="sidebar-filter" type="search" placeholder="Filter" aria-label="Filter items" value={filter} onChange={(e) => setFilter(e.target.value)} />
        <button type="button" onClick={() => openDialog({ type: 'import', mode: 'text' })}>
          Import…
        </button>
      </div>
      <VirtualList
        rows={rows}
        rowHeight={ROW_HEIGHT}
        label="Workspace items"
        rowKey={(row) => (row.type === 'item' ? itemKey(row.item) : row.type === 'flow' ? `flow:${row.flow.name}` : row.id)}
        renderRow={renderRow}
      />
    </nav>
  )
}
