/** The app's keyboard shortcuts, with Cmd on macOS and Ctrl elsewhere. */
export type Shortcut = 'save' | 'quick-open' | 'send'

export interface KeyPress {
  key: string
  ctrlKey: boolean
  metaKey: boolean
  altKey: boolean
  shiftKey: boolean
}

export function shortcutOf(press: KeyPress, mac: boolean): Shortcut | null {
  const primary = mac ? press.metaKey && !press.ctrlKey : press.ctrlKey && !press.metaKey
  if (!primary || press.altKey || press.shiftKey) return null
  switch (press.key.toLowerCase()) {
    case 's':
      return 'save'
    case 'p':
      return 'quick-open'
    case 'enter':
      return 'send'
    default:
      return null
  }
}

export function shortcutLabel(shortcut: Shortcut, mac: boolean): string {
  const key = { save: 'S', 'quick-open': 'P', send: 'Enter' }[shortcut]
  return mac ? `⌘${key === 'Enter' ? '↩' : key}` : `Ctrl+${key}`
}
