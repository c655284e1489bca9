/** A fixed-row-height list that renders only the rows in view: thousands of items stay instant. */
import { useEffect, useRef, useState, type ReactNode } from 'react'
import { visibleRange } from '../lib/virtualRange.js'

interface Props<T> {
  rows: readonly T[]
  rowHeight: number
  rowKey(row: T): string
  renderRow(row: T, index: number): ReactNode
  label: string
}

export function VirtualList<T>({ rows, rowHeight, rowKey, renderRow, label }: Props<T>) {
  const viewport = useRef<HTMLDivElement>(null)
  const [scrollTop, setScrollTop] = useState(0)
  const [height, setHeight] = useState(600)

  useEffect(() => {
    const element = viewport.current
    if (!element) return
    const observer = new ResizeObserver(() => setHeight(element.clientHeight))
    observer.observe(element)
    return () => observer.disconnect()
  }, [])

  const { start, end } = visibleRange(scrollTop, height, rowHeight, rows.length)
  return (
    <div ref={viewport} className="virtual-list" onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}>
      <ul role="list" aria-label={label} style={{ height: rows.length * rowHeight }}>
        {rows.slice(start, end).map((row, i) => (
          <li
            key={rowKey(row)}
            role="listitem"
            aria-setsize={rows.length}
            aria-posinset={start + i + 1}
            style={{ top: (start + i) * rowHeight, height: rowHeight }}
          >
            {renderRow(row, start + i)}
          </li>
        ))}
      </ul>
    </div>
  )
}
