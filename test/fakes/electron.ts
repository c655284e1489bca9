/**
 * A stand-in for the parts of Electron that Hookbench's main process and preload use, for tests
 * on a machine where Electron's binary cannot be downloaded. It keeps the rules Electron documents
 * and throws where Electron throws (privileged schemes only before ready; windows, sessions,
 * protocol handlers and net only after; one handler per IPC channel), and records what the app
 * asked for, so tests can check the settings and call the handlers as Electron would.
 */
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { FakeSafeStorage } from '../support/fakeSafeStorage.js'

type Listener = (...args: never[]) => unknown
type ProtocolHandler = (request: Request) => Response | Promise<Response>
type IpcHandler = (event: FakeInvokeEvent, ...args: unknown[]) => unknown

export interface FakeInvokeEvent {
  sender: FakeWebContents
  senderFrame: { url: string } | null
}

export class Emitter {
  private readonly listeners = new Map<string, Listener[]>()

  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener])
    return this
  }

  once(event: string, listener: Listener): this {
    const wrapped = ((...args: never[]) => {
      this.removeListener(event, wrapped)
      return listener(...args)
    }) as Listener
    return this.on(event, wrapped)
  }

  removeListener(event: string, listener: Listener): this {
    this.listeners.set(event, (this.listeners.get(event) ?? []).filter((l) => l !== listener))
    return this
  }

  emit(event: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(event) ?? []) (listener as (...a: unknown[]) => unknown)(...args)
  }
}

export class FakeWebContents extends Emitter {
  readonly mainFrame = { url: '' }
  readonly sent: { channel: string; args: unknown[] }[] = []
  windowOpenHandler: ((details: { url: string }) => { action: 'allow' | 'deny' }) | undefined

  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'allow' | 'deny' }): void {
    this.windowOpenHandler = handler
  }

  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args })
  }

  /**
   * The page's beforeunload held the unload (closing with unsaved changes): Electron asks the app,
   * which lets the unload go ahead with preventDefault(). Returns whether the page unloads.
   */
  holdUnload(): boolean {
    let unloads = false
    this.emit('will-prevent-unload', { preventDefault: () => (unloads = true) })
    return unloads
  }

  /** Asks the app whether a navigation may go ahead, as Electron does before navigating. */
  navigate(url: string): boolean {
    let prevented = false
    this.emit('will-navigate', { preventDefault: () => (prevented = true) }, url)
    return !prevented
  }
}

export interface FakeElectron {
  /** What goes to `vi.mock('electron', …)`. */
  module: Record<string, unknown> & { app: Emitter }
  state: {
    ready: boolean
    privilegedSchemes: { scheme: string; privileges: Record<string, boolean> }[]
    protocolHandlers: Map<string, ProtocolHandler>
    ipcHandlers: Map<string, IpcHandler>
    windows: FakeBrowserWindow[]
    menu: { template: MenuItem[] } | undefined
    openedExternally: string[]
    paths: Map<string, string>
    permissionRequest: ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | undefined
    permissionCheck: ((contents: unknown, permission: string) => boolean) | undefined
    /**
     * What the page does while it loads, before `loadURL` resolves: in Electron the page's
     * scripts run, and call the API, before the load has finished.
     */
    pageScript: ((window: FakeBrowserWindow) => Promise<void>) | undefined
    messageBoxes: MessageBox[]
    /** The button the user presses in the next message boxes (default: cancel). */
    messageBoxAnswer: number | undefined
    errorBoxes: { title: string; content: string }[]
    /** The folder the user picks in the next open dialogs (default: cancelled). */
    openDialogAnswer: string | undefined
  }
  /** Emits `ready`: what Electron does once it has started. */
  makeReady(): void
  /** Resolves with the first window once it has loaded its URL. */
  firstWindowLoaded: Promise<FakeBrowserWindow>
}

export interface FakeBrowserWindow {
  options: { webPreferences?: Record<string, unknown> } & Record<string, unknown>
  webContents: FakeWebContents
  loadedUrl: string | undefined
}

export interface MessageBox {
  message: string
  detail?: string
  buttons: string[]
  cancelId?: number
}

export interface MenuItem {
  label?: string
  role?: string
  submenu?: MenuItem[]
  click?: () => unknown
}

export function createFakeElectron(options: { version: string; userData: string }): FakeElectron {
  const appEvents = new Emitter()
  let resolveReady!: () => void
  const ready = new Promise<void>((resolve) => (resolveReady = resolve))
  let resolveLoaded!: (window: FakeBrowserWindow) => void
  const firstWindowLoaded = new Promise<FakeBrowserWindow>((resolve) => (resolveLoaded = resolve))
  const state: FakeElectron['state'] = {
    ready: false,
    privilegedSchemes: [],
    protocolHandlers: new Map(),
    ipcHandlers: new Map(),
    windows: [],
    menu: undefined,
    openedExternally: [],
    paths: new Map([['userData', options.userData]]),
    permissionRequest: undefined,
    permissionCheck: undefined,
    pageScript: undefined,
    messageBoxes: [],
    messageBoxAnswer: undefined,
    errorBoxes: [],
    openDialogAnswer: undefined,
  }
  const whenReadyOnly = (what: string) => {
    if (!state.ready) throw new Error(`${what} cannot be used before the app is ready`)
  }

  const app = Object.assign(appEvents, {
    isPackaged: false,
    requestSingleInstanceLock: () => true,
    quit: () => undefined,
    whenReady: () => ready,
    getVersion: () => options.version,
    getPath: (name: string) => {
      const path = state.paths.get(name)
      if (!path) throw new Error(`Failed to get '${name}' path`)
      return path
    },
    setPath: (name: string, path: string) => {
      if (state.ready && name === 'userData') throw new Error('userData must be set before the app is ready')
      state.paths.set(name, path)
    },
  })

  class BrowserWindow extends Emitter implements FakeBrowserWindow {
    readonly webContents = new FakeWebContents()
    loadedUrl: string | undefined
    private maximized = false

    constructor(readonly options: FakeBrowserWindow['options']) {
      super()
      whenReadyOnly('BrowserWindow')
      state.windows.push(this)
    }

    async loadURL(url: string): Promise<void> {
      this.loadedUrl = url
      this.webContents.mainFrame.url = url
      await state.pageScript?.(this)
      this.emit('ready-to-show')
      resolveLoaded(this)
    }

    show(): void {}
    focus(): void {}
    restore(): void {}
    maximize(): void {
      this.maximized = true
    }
    isMaximized(): boolean {
      return this.maximized
    }
    isMinimized(): boolean {
      return false
    }
    getNormalBounds() {
      return { x: 0, y: 0, width: Number(this.options.width), height: Number(this.options.height) }
    }
  }

  const protocol = {
    registerSchemesAsPrivileged(schemes: FakeElectron['state']['privilegedSchemes']) {
      if (state.ready) throw new Error('registerSchemesAsPrivileged should be called before app is ready')
      state.privilegedSchemes.push(...schemes)
    },
    handle(scheme: string, handler: ProtocolHandler) {
      whenReadyOnly('protocol.handle')
      if (state.protocolHandlers.has(scheme)) throw new Error(`The scheme ${scheme} is already handled`)
      state.protocolHandlers.set(scheme, handler)
    },
  }

  // net.fetch: file: URLs as Chromium serves them (404 for what is missing); nothing else is needed here.
  const net = {
    async fetch(url: string): Promise<Response> {
      whenReadyOnly('net.fetch')
      if (!url.startsWith('file:')) throw new Error(`the stand-in net.fetch serves file: URLs only, not ${url}`)
      const path = fileURLToPath(url)
      const body = await readFile(path).catch(() => undefined)
      if (!body) throw new TypeError(`net::ERR_FILE_NOT_FOUND ${path}`)
      const type = path.endsWith('.html') ? 'text/html' : path.endsWith('.js') ? 'text/javascript' : path.endsWith('.css') ? 'text/css' : 'application/octet-stream'
      return new Response(body, { status: 200, headers: { 'Content-Type': type } })
    },
  }

  const defaultSession = {
    setPermissionRequestHandler(handler: FakeElectron['state']['permissionRequest']) {
      state.permissionRequest = handler
    },
    setPermissionCheckHandler(handler: FakeElectron['state']['permissionCheck']) {
      state.permissionCheck = handler
    },
  }

  const module = {
    app,
    BrowserWindow,
    protocol,
    net,
    session: {
      get defaultSession() {
        whenReadyOnly('session.defaultSession')
        return defaultSession
      },
    },
    ipcMain: {
      handle(channel: string, handler: IpcHandler) {
        if (state.ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`)
        state.ipcHandlers.set(channel, handler)
      },
    },
    Menu: {
      buildFromTemplate: (template: MenuItem[]) => ({ template }),
      setApplicationMenu: (menu: { template: MenuItem[] }) => {
        state.menu = menu
      },
    },
    dialog: {
      showOpenDialog: async () => (state.openDialogAnswer ? { canceled: false, filePaths: [state.openDialogAnswer] } : { canceled: true, filePaths: [] }),
      showErrorBox: (title: string, content: string) => void state.errorBoxes.push({ title, content }),
      showMessageBoxSync: (_window: unknown, box: MessageBox) => {
        state.messageBoxes.push(box)
        const answer = state.messageBoxAnswer ?? box.cancelId ?? 0
        if (answer < 0 || answer >= box.buttons.length) throw new Error(`no button ${answer} in ${JSON.stringify(box.buttons)}`)
        return answer
      },
    },
    shell: {
      openExternal: async (url: string) => void state.openedExternally.push(url),
    },
    screen: {
      getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }],
    },
    safeStorage: new FakeSafeStorage(),
  }

  return {
    module,
    state,
    makeReady() {
      state.ready = true
      appEvents.emit('ready')
      resolveReady()
    },
    firstWindowLoaded,
  }
}

/** The preload's side: what `contextBridge` was given, and what went over `ipcRenderer`. */
export function createFakePreloadElectron(answer: (channel: string, input: unknown) => unknown) {
  const exposed = new Map<string, unknown>()
  const invoked: { channel: string; input: unknown }[] = []
  const listeners = new Emitter()
  const module = {
    contextBridge: {
      exposeInMainWorld(key: string, api: unknown) {
        if (exposed.has(key)) throw new Error(`Cannot bind an API on top of an existing property on the window object: ${key}`)
        exposed.set(key, api)
      },
    },
    ipcRenderer: {
      invoke: async (channel: string, input: unknown) => {
        invoked.push({ channel, input })
        return answer(channel, input)
      },
      on: (channel: string, listener: Listener) => listeners.on(channel, listener),
      removeListener: (channel: string, listener: Listener) => listeners.removeListener(channel, listener),
    },
  }
  return { module, exposed, invoked, emitFromMain: (channel: string, ...args: unknown[]) => listeners.emit(channel, {}, ...args) }
}
