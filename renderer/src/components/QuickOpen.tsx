/** Ctrl/Cmd+P: type part of a template's name, Enter opens it. */
import { useId, useMemo, useState, type KeyboardEvent } from 'react'
import { rankByFuzzy } from '../lib/fuzzy.js'
import { displayName, itemKey } from '../lib/items.js'
import { useStore } from '../store/index.js'
import { Modal } from './Modal.js'

const MAX_SHOWN = 50

export function QuickOpen() {
  const items = useStore((s) => s.items)
  const openItem = useStore((s) => s.openItem)
  const close = () => useStore.getState().setQuickOpen(false)
  const [query, setQuery] = useState('')
  const [selected, setSelected] = useState(0)
  const listId = useId()
  const templates = useMemo(() => items.filter((i) => i.kind === 'template'), [items])
  const matches = useMemo(
    () => rankByFuzzy(query, templates, (i) => [i.name, i.title ?? '']).slice(0, MAX_SHOWN),
    [query, templates],
  )
  const active = Math.min(selected, matches.length - 1)

  const open = (index: number) => {
    const item = matches[index]
    if (!item) return
    close()
    void openItem(item)
  }

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown') setSelected((active + 1) % Math.max(1, matches.length))
    else if (event.key === 'ArrowUp') setSelected((active - 1 + matches.length) % Math.max(1, matches.length))
    else if (event.key === 'Enter') open(active)
    else return
    event.preventDefault()
  }

  return (
    <Modal title="Open template" onCancel={close}>
      <input
        autoFocus
        role="combobox"
        aria-label="Template name"
        aria-expanded="true"
        aria-controls={listId}
        aria-activedescendant={matches[active] ? `${listId}-${active}` : undefined}
        placeholder="Type to search templates"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value)
          setSelected(0)
        }}
        onKeyDown={onKeyDown}
      />
      <ul id={listId} role="listbox" aria-label="Templates" className="quick-open-list">
        {matches.map((item, index) => (
          <li
            key={itemKey(item)}
            id={`${listId}-${index}`}
            role="option"
            aria-selected={index === active}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => open(index)}
          >
            <span className="quick-open-name">{displayName(item)}</span>
            <span className="quick-open-meta">
              {item.name} · {item.dialect ?? 'braze'}
            </span>
          </li>
        ))}
        {matches.length === 0 && <li className="empty">No template matches “{query}”.</li>}
      </ul>
    </Modal>
  )
}
