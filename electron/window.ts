/**
 * The main window, locked down: isolated, sandboxed preload, no Node in the page, no navigation
 * away from the app, no new windows (allow-listed documentation opens in the system browser),
 * and every permission request denied.
 */
import { BrowserWindow, dialog, screen, session, shell } from 'electron'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { writeFileAtomic } from './services/fs/atomicWrite.js'
import { APP_ORIGIN, isAppUrl } from './protocol.js'

/** Documentation sites the Help menu and the UI may open, in the system browser. */
export const EXTERNAL_ORIGINS = new Set([
  'https://www.braze.com',
  'https://braze.com',
  'https://developer.zendesk.com',
  'https://support.zendesk.com',
])

export function openExternalIfAllowed(url: string): void {
  try {
    const parsed = new URL(url)
    if (parsed.protocol === 'https:' && EXTERNAL_ORIGINS.has(parsed.origin)) void shell.openExternal(parsed.toString())
  } catch {
    // Not a URL: nothing to open.
  }
}

interface Bounds {
  x?: number
  y?: number
  width: number
  height: number
  maximized?: boolean
}

export async function createMainWindow(preload: string, userDataDir: string): Promise<BrowserWindow> {
  const stateFile = join(userDataDir, 'window-state.json')
  const bounds = visible(await readBounds(stateFile))
  const window = new BrowserWindow({
    ...bounds,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Hookbench',
    webPreferences: {
      preload,
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      // A middle click on a link would otherwise ask for a new window (denied anyway, below).
      disableBlinkFeatures: 'Auxclick',
    },
  })
  if (bounds.maximized) window.maximize()
  window.once('ready-to-show', () => window.show())

  window.webContents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault()
  })
  window.webContents.on('will-attach-webview', (event) => event.preventDefault())
  // The page holds its unload while it has unsaved changes; closing then loses them only if the user says so.
  window.webContents.on('will-prevent-unload', (event) => {
    if (confirmDiscard(window)) event.preventDefault()
  })
  window.webContents.setWindowOpenHandler(({ url }) => {
    openExternalIfAllowed(url)
    return { action: 'deny' }
  })
  window.on('close', () => {
    const b = window.getNormalBounds()
    void writeFileAtomic(stateFile, JSON.stringify({ ...b, maximized: window.isMaximized() }))
  })
  return window
}

const CLOSE_WITHOUT_SAVING = 1

function confirmDiscard(window: BrowserWindow): boolean {
  const choice = dialog.showMessageBoxSync(window, {
    type: 'warning',
    message: 'Some files have unsaved changes.',
    detail: 'Closing now loses them. Cancel, then save with Ctrl+S (Cmd+S on macOS), to keep them.',
    buttons: ['Cancel', 'Close Without Saving'],
    defaultId: 0,
    cancelId: 0,
  })
  return choice === CLOSE_WITHOUT_SAVING
}

/**
 * Loads the UI. Separate from creating the window because the page calls the API while it is
 * still loading: whoever answers those calls must know the window before loading starts.
 */
export function loadApp(window: BrowserWindow): Promise<void> {
  return window.loadURL(`${APP_ORIGIN}/index.html`)
}

/**
 * Camera, microphone, notifications, geolocation…: the app needs none of them. Writing to the
 * clipboard (the Export panel's Copy buttons) is the one permission it uses; reading it is not.
 */
const ALLOWED_PERMISSION = 'clipboard-sanitized-write'

export function denyAllPermissions(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback) => callback(permission === ALLOWED_PERMISSION))
  session.defaultSession.setPermissionCheckHandler((_contents, permission) => permission === ALLOWED_PERMISSION)
}

async function readBounds(file: string): Promise<Bounds> {
  try {
    const saved = JSON.parse(await readFile(file, 'utf8')) as Bounds
    if (typeof saved.width === 'number' && typeof saved.height === 'number') return saved
  } catch {
    // First start, or an unreadable state file: use the default size.
  }
  return { width: 1400, height: 900 }
}

/** A window saved on a monitor that is gone would open off-screen: keep only visible positions. */
function visible(bounds: Bounds): Bounds {
  if (bounds.x === undefined || bounds.y === undefined) return bounds
  const onScreen = screen.getAllDisplays().some(({ workArea: a }) =>
    bounds.x! >= a.x && bounds.y! >= a.y && bounds.x! < a.x + a.width && bounds.y! < a.y + a.height,
  )
  return onScreen ? bounds : { width: bounds.width, height: bounds.height }
}
