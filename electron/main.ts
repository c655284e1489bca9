/**
 * Electron main process: deliberately thin. It creates the locked-down window, serves the UI from
 * the app:// origin, and wires the same Node services that browser mode uses to IPC.
 */
import { app, BrowserWindow, safeStorage } from 'electron'
import { join } from 'node:path'
import { registerApi } from './ipc.js'
import { installMenu } from './menu.js'
import { registerAppScheme, serveRenderer } from './protocol.js'
import { createAppServices } from './services/app.js'
import { SafeStorageSecretStore } from './services/secrets/safeStorageStore.js'
import { createMainWindow, denyAllPermissions, loadApp } from './window.js'

registerAppScheme()
// Tests (and people who want several profiles) can point the app at another settings folder.
if (process.env.HOOKBENCH_USER_DATA) app.setPath('userData', process.env.HOOKBENCH_USER_DATA)

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  let mainWindow: BrowserWindow | undefined
  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore()
    mainWindow?.focus()
  })
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }))
  })
  app.on('window-all-closed', () => app.quit())

  void app.whenReady().then(async () => {
    const userDataDir = app.getPath('userData')
    const services = createAppServices({
      mode: 'electron',
      version: app.getVersion(),
      userDataDir,
      secrets: new SafeStorageSecretStore({ safeStorage, file: join(userDataDir, 'secrets.json') }),
    })
    denyAllPermissions()
    serveRenderer(join(import.meta.dirname, 'renderer'))
    registerApi(services.handlers, () => mainWindow)
    installMenu(() => mainWindow, services)
    mainWindow = await createMainWindow(join(import.meta.dirname, 'preload.cjs'), userDataDir)
    mainWindow.on('closed', () => {
      mainWindow = undefined
    })
    await loadApp(mainWindow)
  })
}
