/** The actions of one sidebar item (rename, duplicate, delete), as a menu button. */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react'
import type { ItemRef } from '../lib/items.js'
import { useStore } from '../store/index.js'

export function ItemMenu({ item, label }: { item: ItemRef; label: string }) {
  // Fixed to the viewport: the sidebar's scrolling list would clip it.
  const [open, setOpen] = useState<{ top: number; left: number } | null>(null)
  const menu = useRef<HTMLDivElement>(null)
  const button = useRef<HTMLButtonElement>(null)
  const { openDialog, duplicateItem } = useStore.getState()

  useEffect(() => {
    if (!open) return
    menu.current?.querySelector<HTMLElement>('[role=menuitem]')?.focus()
    const close = (event: MouseEvent) => {
      const target = event.target as Node
      if (!menu.current?.contains(target) && !button.current?.contains(target)) setOpen(null)
    }
    document.addEventListener('mousedown', close)
    return () => document.removeEventListener('mousedown', close)
  }, [open])

  const choose = (action: () => void) => () => {
    setOpen(null)
    action()
  }

  const onKeyDown = (event: KeyboardEvent) => {
    const entries = [...(menu.current?.querySelectorAll<HTMLElement>('[role=menuitem]') ?? [])]
    const at = entries.indexOf(document.activeElement as HTMLElement)
    if (event.key === 'Escape') {
      setOpen(null)
      button.current?.focus()
    } else if (event.key === 'ArrowDown') entries[(at + 1) % entries.length]?.focus()
    else if (event.key === 'ArrowUp') entries[(at - 1 + entries.length) % entries.length]?.focus()
    else return
    event.preventDefault()
    event.stopPropagation()
  }

  return (
    <div className="item-menu">
      <button ref={button} type="button" className="icon" aria-label={`Actions for ${label}`} aria-haspopup="menu" aria-expanded={open !== null} onClick={(e) => {
          const rect = e.currentTarget.getBoundingClientRect()
          setOpen(open ? null : { top: rect.bottom, left: Math.max(0, rect.right - 160) })
        }}>
        ⋯
      </button>
      {open && (
        <div ref={menu} role="menu" aria-label={`Actions for ${label}`} className="menu" style={open} onKeyDown={onKeyDown}>
          <button type="button" role="menuitem" onClick={choose(() => openDialog({ type: 'rename', ref: item }))}>
            Rename…
          </button>
          <button type="button" role="menuitem" onClick={choose(() => void duplicateItem(item))}>
            Duplicate
          </button>
          <button type="button" role="menuitem" className="danger" onClick={choose(() => openDialog({ type: 'delete', ref: item }))}>
            Delete…
          </button>
        </div>
      )}
    </div>
  )
}
