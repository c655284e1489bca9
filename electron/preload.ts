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

contextBridge.exposeInMainWorld('hookbenchIpc', {
  invoke(name: ApiName, input: unknown): Promise<Envelope> {
    if (!callable.has(name)) return Promise.resolve({ ok: false, error: { code: 'unknown-call', message: `No such call: ${String(name)}` } })
    return ipcRenderer.invoke(name, input) as Promise<Envelope>
  },
  onMenuCommand(listener: (command: MenuCommand) => void): () => void {
    const wrapped = (_event: IpcRendererEvent, command: MenuCommand) => listener(command)
    ipcRenderer.on(MENU_COMMAND_CHANNEL, wrapped)
    return () => ipcRenderer.removeListener(MENU_COMMAND_CHANNEL, wrapped)
  },
})
