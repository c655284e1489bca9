/**
 * The only bridge between the sandboxed UI and the main process: one invoke per API call name
 * of the shared contract (no raw ipcRenderer), plus menu commands. Inputs are validated again in
 * main; nothing here trusts the page.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import type { ApiName } from '../shared/api/contract.js'
import { API_NAMES, type Envelope } from '../shared/api/envelope.js'
import { MENU_COMMAND_CHANNEL, type MenuCommand } from './menuCommands.js'

const callable = new Set<string>(API_NAMES)

// Commands can arrive before the UI listens (a file opened at start): they wait for the first listener.
const listeners = new Set<(command: MenuCommand) => void>()
const early: MenuCommand[] = []
ipcRenderer.on(MENU_COMMAND_CHANNEL, (_event: IpcRendererEvent, command: MenuCommand) => {
  if (listeners.size === 0) early.push(command)
  for (const listener of listeners) listener(command)
})

contextBridge.exposeInMainWorld('hookbenchIpc', {
  invoke(name: ApiName, input: unknown): Promise<Envelope> {
    if (!callable.has(name)) return Promise.resolve({ ok: false, error: { code: 'unknown-call', message: `No such call: ${String(name)}` } })
    return ipcRenderer.invoke(name, input) as Promise<Envelope>
  },
  onMenuCommand(listener: (command: MenuCommand) => void): () => void {
    listeners.add(listener)
    for (const command of early.splice(0)) listener(command)
    return () => listeners.delete(listener)
  },
})
