/**
 * IPC: one handler per API call, answering only the app's own window. Every input is validated
 * with the contract's zod schema (in `dispatch`) before any service sees it.
 */
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron'
import { API_NAMES, type Envelope } from '../shared/api/envelope.js'
import { dispatch, type ApiHandlers } from './services/apiDispatch.js'
import { isAppUrl } from './protocol.js'

export function registerApi(handlers: ApiHandlers, window: () => BrowserWindow | undefined): void {
  for (const name of API_NAMES) {
    ipcMain.handle(name, async (event, input: unknown): Promise<Envelope> => {
      if (!isTrustedSender(event, window())) {
        return { ok: false, error: { code: 'untrusted-sender', message: 'Calls are accepted from the Hookbench window only.' } }
      }
      const outcome = await dispatch(handlers, name, input)
      return outcome.ok ? outcome : { ok: false, error: outcome.error }
    })
  }
}

/** The main frame of our window, showing our own app origin: not a subframe, webview or other page. */
function isTrustedSender(event: IpcMainInvokeEvent, window: BrowserWindow | undefined): boolean {
  if (!window || event.sender !== window.webContents) return false
  const frame = event.senderFrame
  return frame !== null && frame === window.webContents.mainFrame && isAppUrl(frame.url)
}
