/** What the main process asks of the UI: menu commands, and workspaces or files to open. */
import type { BrowserWindow } from 'electron'
import type { ItemKind } from '../shared/workspace/layout.js'

export const MENU_COMMAND_CHANNEL = 'hookbench:menu-command'

/**
 * Opening a workspace or a file goes through the UI, never straight to the services: the UI
 * knows about unsaved changes, and asks before they would be lost.
 */
export type MenuCommand =
  | 'save'
  | 'quick-open'
  | 'new-template'
  | 'about'
  | { type: 'open-workspace'; dir: string; mode: 'open' | 'create' }
  | { type: 'open-item'; dir: string; item: { kind: ItemKind; name: string } }

export function sendCommand(window: BrowserWindow | undefined, command: MenuCommand): void {
  window?.webContents.send(MENU_COMMAND_CHANNEL, command)
}
