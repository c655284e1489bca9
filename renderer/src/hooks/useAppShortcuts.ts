/**
 * Ctrl/Cmd+S, Ctrl/Cmd+P and Ctrl/Cmd+Enter everywhere, Monaco included: listened to in the
 * capture phase, before the editor's own bindings (Ctrl+Enter inserts a line there). The desktop
 * menu's commands arrive here too.
 */
import { useEffect } from 'react'
import { onMenuCommand } from '../api.js'
import { shortcutOf, type Shortcut } from '../lib/shortcuts.js'
import { isMac } from '../platform.js'
import { useStore } from '../store/index.js'

function run(shortcut: Shortcut): void {
  const state = useStore.getState()
  if (!state.workspace) return
  switch (shortcut) {
    case 'save':
      if (state.activeKey) void state.saveDoc(state.activeKey)
      return
    case 'quick-open':
      state.setQuickOpen(true)
      return
    case 'send':
      state.setRightTab('send')
      state.requestSend()
      return
  }
}

export function useAppShortcuts(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const shortcut = shortcutOf(event, isMac)
      if (!shortcut) return
      event.preventDefault()
      event.stopPropagation()
      run(shortcut)
    }
    window.addEventListener('keydown', onKeyDown, true)
    const stopMenu = onMenuCommand((command) => {
      const state = useStore.getState()
      if (typeof command === 'object') {
        if (command.type === 'open-workspace') void state.requestWorkspace(command.dir, command.mode)
        else void state.requestWorkspace(command.dir, 'open', command.item)
      } else if (command === 'save' || command === 'quick-open') run(command)
      else if (command === 'new-template') state.openDialog({ type: 'create', kind: 'template' })
      else if (command === 'about') state.openDialog({ type: 'about' })
    })
    return () => {
      window.removeEventListener('keydown', onKeyDown, true)
      stopMenu()
    }
  }, [])
}
