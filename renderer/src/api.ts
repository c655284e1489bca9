/**
 * The one way the UI reaches files, secrets and the network: the typed contract, over Electron
 * IPC when the preload provides it, otherwise over the local HTTP bridge of browser mode.
 */
import type { ApiName, HookbenchApi } from '../../shared/api/contract.js'
import { createApiFromInvoke, type Envelope } from '../../shared/api/envelope.js'
import { createHttpApi } from '../../shared/api/httpClient.js'
import type { MenuCommand } from '../../electron/menuCommands.js'

/** What `electron/preload.ts` exposes. */
interface HookbenchIpc {
  invoke(name: ApiName, input: unknown): Promise<Envelope>
  onMenuCommand(listener: (command: MenuCommand) => void): () => void
}

export type { MenuCommand }

declare global {
  interface Window {
    hookbenchIpc?: HookbenchIpc
  }
}

const TOKEN_KEY = 'hookbench.token'

/**
 * The bridge prints its per-run token in the URL fragment (never sent to servers). Keep it for
 * reloads of this tab only, and take it out of the address bar so it is not copied or bookmarked.
 */
function takeBridgeToken(): string {
  const match = /(?:^#|&)token=([^&]+)/.exec(location.hash)
  if (match) {
    sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(match[1]!))
    history.replaceState(null, '', location.pathname + location.search)
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? ''
}

const ipc = window.hookbenchIpc

export const api: HookbenchApi = ipc
  ? createApiFromInvoke((name, input) => ipc.invoke(name, input))
  : createHttpApi(location.origin, takeBridgeToken())

/** Application-menu commands (desktop only); browser mode has no menu. */
export function onMenuCommand(listener: (command: MenuCommand) => void): () => void {
  return ipc ? ipc.onMenuCommand(listener) : () => {}
}
