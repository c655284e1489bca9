/**
 * Electron main process: deliberately thin. It creates the locked-down window, serves the UI from
 * the app:// origin, and wires the same Node services that browser mode uses to IPC.
 */
import { app, BrowserWindow, dialog, safeStorage } from 'electron'
import { join } from 'node:path'
import { registerApi } from './ipc.js'
import { installMenu } from './menu.js'
import { sendCommand } from './menuCommands.js'
import { filesInArguments, openFileCommand } from './openFiles.js'
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
  // Files to open once the UI has loaded: this instance's own arguments, then any that arrive early.
  let waiting: string[] | undefined = filesInArguments(process.argv.slice(1), process.cwd())
  const openFile = (path: string) => {
    if (waiting) return void waiting.push(path)
    const outcome = openFileCommand(path)
    if ('problem' in outcome) dialog.showErrorBox('Hookbench', outcome.problem)
    else sendCommand(mainWindow, outcome.command)
  }
  app.on('second-instance', (_event, argv, workingDirectory) => {
    if (mainWindow?.isMinimized()) mainWindow.restore()
    mainWindow?.focus()
    for (const path of filesInArguments(argv.slice(1), workingDirectory)) openFile(path)
  })
  // macOS: before the app is ready too, which is why this is registered at once.
  app.on('open-file', (event, path) => {
    event.preventDefault()
    openFile(path)
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
    installMenu(() => mainWindow)
    mainWindow = await createMainWindow(join(import.meta.dirname, 'preload.cjs'), userDataDir)
    mainWindow.on('closed', () => {
      mainWindow = undefined
    })
    await loadApp(mainWindow)
    const early = waiting ?? []
    waiting = undefined
    for (const path of early) openFile(path)
  })
}
