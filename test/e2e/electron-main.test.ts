/**
 * The built main process (dist/main.js) and preload (dist/preload.cjs), started on a stand-in
 * Electron (test/fakes/electron.ts) because this machine cannot download Electron's binary: the
 * wiring runs for real — scheme, window, protocol, permissions, IPC, menu — and each is checked
 * as Electron would exercise it. The real binary is exercised by test/e2e/electron.test.ts where
 * it is installed.
 */
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { CONTENT_SECURITY_POLICY } from '../../electron/security.js'
import { MENU_COMMAND_CHANNEL } from '../../electron/menuCommands.js'
import { createFakePreloadElectron, FakeWebContents, type FakeBrowserWindow, type FakeElectron, type MenuItem } from '../fakes/electron.js'

const ROOT = join(import.meta.dirname, '..', '..')
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version
const USER_DATA = mkdtempSync(join(tmpdir(), 'hookbench-main-'))

const electron = vi.hoisted(() => ({ fake: undefined as FakeElectron | undefined }))
vi.mock('electron', async () => {
  const { createFakeElectron: create } = await import('../fakes/electron.js')
  electron.fake = create({ version: VERSION, userData: join(USER_DATA, 'default') })
  return electron.fake.module
})

let fake: FakeElectron
let window: FakeBrowserWindow
let firstCall: unknown

beforeAll(async () => {
  process.env.HOOKBENCH_USER_DATA = join(USER_DATA, 'chosen')
  await import('../../dist/main.js' as string)
  fake = electron.fake!
  // Before ready: only what Electron allows then.
  expect(fake.state.windows).toHaveLength(0)
  // macOS hands over a file opened from the Finder before the app is ready.
  fake.module.app.emit('open-file', { preventDefault: () => undefined }, '/home/ana/hooks/templates/early.liquid')
  // The UI asks for the app's info as soon as its script runs, while the page is still loading.
  fake.state.pageScript = async (win) => {
    firstCall = await fake.state.ipcHandlers.get('app.info')!({ sender: win.webContents, senderFrame: win.webContents.mainFrame }, {})
  }
  fake.makeReady()
  window = await fake.firstWindowLoaded
  delete process.env.HOOKBENCH_USER_DATA
})

describe('the main process, on a stand-in Electron', () => {
  it('registers app:// as a secure standard scheme before the app is ready, and uses the settings folder it is given', () => {
    expect(fake.state.privilegedSchemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }])
    expect(fake.state.paths.get('userData')).toBe(join(USER_DATA, 'chosen'))
  })

  it('opens one locked-down window on app://hookbench, with the built preload', () => {
    expect(fake.state.windows).toHaveLength(1)
    expect(window.loadedUrl).toBe('app://hookbench/index.html')
    const preferences = window.options.webPreferences!
    expect(preferences).toMatchObject({ contextIsolation: true, nodeIntegration: false, sandbox: true, webSecurity: true, webviewTag: false, allowRunningInsecureContent: false })
    expect(preferences.preload).toBe(join(ROOT, 'dist', 'preload.cjs'))
    expect(() => readFileSync(preferences.preload as string)).not.toThrow()
  })

  it('serves the built UI from app:// with the security headers, and nothing outside it', async () => {
    const handler = fake.state.protocolHandlers.get('app')!
    const page = await handler(new Request('app://hookbench/index.html'))
    expect(page.status).toBe(200)
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
    expect(page.headers.get('x-content-type-options')).toBe('nosniff')
    const html = await page.text()
    expect(html).toBe(readFileSync(join(ROOT, 'dist', 'renderer', 'index.html'), 'utf8'))
    // Every script the page loads is there too.
    for (const [, path] of html.matchAll(/src="\.\/([^"]+)"/g)) expect((await handler(new Request(`app://hookbench/${path}`))).status, path).toBe(200)

    for (const outside of ['app://hookbench/../main.js', 'app://hookbench/%2e%2e/main.js', 'app://hookbench/..%2fpackage.json', 'app://elsewhere/index.html', 'app://hookbench/missing.js']) {
      expect((await handler(new Request(outside))).status, outside).toBe(404)
    }
  })

  it('refuses navigation away from the app and every new window; documentation opens in the system browser', () => {
    expect(window.webContents.navigate('app://hookbench/index.html#x')).toBe(true)
    expect(window.webContents.navigate('https://evil.example/')).toBe(false)
    expect(window.webContents.navigate('file:///etc/passwd')).toBe(false)
    expect(window.webContents.windowOpenHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' })
    expect(window.webContents.windowOpenHandler!({ url: 'https://developer.zendesk.com/api-reference/' })).toEqual({ action: 'deny' })
    expect(fake.state.openedExternally).toEqual(['https://developer.zendesk.com/api-reference/'])
  })

  it('closing with unsaved changes asks first, and loses them only if the user says so', () => {
    fake.state.messageBoxAnswer = 0
    expect(window.webContents.holdUnload()).toBe(false)
    expect(fake.state.messageBoxes.at(-1)).toMatchObject({ message: 'Some files have unsaved changes.', buttons: ['Cancel', 'Close Without Saving'], cancelId: 0 })
    fake.state.messageBoxAnswer = 1
    expect(window.webContents.holdUnload()).toBe(true)
    fake.state.messageBoxAnswer = undefined
  })

  it('grants no permission but writing the clipboard', () => {
    const granted = (permission: string) => {
      let answer: boolean | undefined
      fake.state.permissionRequest!({}, permission, (value) => (answer = value))
      return answer
    }
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      expect(granted(permission), permission).toBe(false)
      expect(fake.state.permissionCheck!({}, permission), permission).toBe(false)
    }
    expect(granted('clipboard-sanitized-write')).toBe(true)
  })

  it('answers API calls from its own window only, each one validated, from the moment the page starts loading', async () => {
    expect(firstCall).toEqual({ ok: true, value: { version: VERSION, mode: 'electron', platform: process.platform } })
    const handler = fake.state.ipcHandlers.get('app.info')!
    const own = { sender: window.webContents, senderFrame: window.webContents.mainFrame }
    expect(await handler(own, {})).toEqual({ ok: true, value: { version: VERSION, mode: 'electron', platform: process.platform } })

    const refusals = [
      { sender: new FakeWebContents(), senderFrame: { url: 'app://hookbench/index.html' } },
      { sender: window.webContents, senderFrame: { url: 'app://hookbench/index.html' } },
      { sender: window.webContents, senderFrame: null },
    ]
    for (const event of refusals) expect(await handler(event, {})).toMatchObject({ ok: false, error: { code: 'untrusted-sender' } })

    const open = fake.state.ipcHandlers.get('workspace.open')!
    expect(await open(own, { dir: 42 })).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
  })

  it('opens template files handed over by the desktop in the page, and says why when a file is not in a workspace', () => {
    const { app } = fake.module
    const openItem = (dir: string, name: string) => ({ channel: MENU_COMMAND_CHANNEL, args: [{ type: 'open-item', dir, item: { kind: 'template', name } }] })
    // Received before the window existed: sent once the page had loaded.
    expect(window.webContents.sent).toContainEqual(openItem('/home/ana/hooks', 'early'))

    // Windows and Linux: a second start of the app hands its arguments over.
    app.emit('second-instance', {}, ['/opt/Hookbench/hookbench', '--original-process-start-time=1', 'templates/Solved ticket.liquid'], '/srv/webhooks')
    expect(window.webContents.sent).toContainEqual(openItem('/srv/webhooks', 'Solved ticket'))

    app.emit('open-file', { preventDefault: () => undefined }, '/home/ana/theme/sections/header.liquid')
    expect(fake.state.errorBoxes.at(-1)).toEqual({ title: 'Hookbench', content: expect.stringMatching(/header\.liquid is not part of a Hookbench workspace/) })
  })

  it('File → Open Workspace… hands the chosen folder to the page, which asks about unsaved changes', async () => {
    const file = fake.state.menu!.template.find((item) => item.label === 'File')!
    fake.state.openDialogAnswer = '/srv/other-webhooks'
    await file.submenu!.find((item) => item.label === 'Open Workspace…')!.click!()
    fake.state.openDialogAnswer = undefined
    expect(window.webContents.sent.at(-1)).toEqual({ channel: MENU_COMMAND_CHANNEL, args: [{ type: 'open-workspace', dir: '/srv/other-webhooks', mode: 'open' }] })
  })

  it('keeps secrets encrypted with safeStorage in the settings folder, never in the workspace', async () => {
    const own = { sender: window.webContents, senderFrame: window.webContents.mainFrame }
    const call = (name: string, input: unknown) => fake.state.ipcHandlers.get(name)!(own, input) as Promise<{ ok: boolean; value?: unknown; error?: unknown }>
    const dir = join(USER_DATA, 'workspace')
    expect(await call('workspace.create', { dir })).toMatchObject({ ok: true })
    const environment = JSON.stringify({ kind: 'sandbox', variables: {}, secrets: ['zendesk_oauth_token'], allowedHosts: ['acme.zendesk.com'] })
    expect(await call('workspace.add', { kind: 'environment', name: 'keychain', text: environment })).toMatchObject({ ok: true })
    expect(await call('secrets.set', { environment: 'keychain', name: 'zendesk_oauth_token', value: 'oauth-secret-91c2' })).toMatchObject({ ok: true })
    expect(await call('secrets.status', { environment: 'keychain' })).toEqual({
      ok: true,
      value: { environment: 'keychain', secrets: [{ name: 'zendesk_oauth_token', stored: true }], storageWarning: null },
    })
    const stored = readFileSync(join(USER_DATA, 'chosen', 'secrets.json'), 'utf8')
    expect(stored).not.toContain('oauth-secret-91c2')
    expect(readFileSync(join(dir, 'environments', 'keychain.json'), 'utf8')).not.toContain('oauth-secret-91c2')
  })

  it('names the version in Help → About, and tells the window when a menu command is chosen', () => {
    const help = fake.state.menu!.template.find((item) => item.role === 'help')!
    const about = help.submenu!.find((item: MenuItem) => item.label?.startsWith('About'))!
    expect(about.label).toBe(`About Hookbench ${VERSION}`)
    about.click!()
    expect(window.webContents.sent).toContainEqual({ channel: MENU_COMMAND_CHANNEL, args: ['about'] })
  })
})

describe('the preload, on a stand-in Electron', () => {
  const load = () => {
    const preload = createFakePreloadElectron((channel) => ({ ok: true, value: { answered: channel } }))
    const source = readFileSync(join(ROOT, 'dist', 'preload.cjs'), 'utf8')
    // A sandboxed preload gets a require that knows only a few modules, electron among them.
    const sandboxedRequire = (id: string) => {
      if (id === 'electron') return preload.module
      throw new Error(`module not found in a sandboxed preload: ${id}`)
    }
    new Function('require', 'module', 'exports', source)(sandboxedRequire, { exports: {} }, {})
    return preload
  }

  it('exposes one object with invoke and onMenuCommand, and no raw IPC', () => {
    const preload = load()
    expect([...preload.exposed.keys()]).toEqual(['hookbenchIpc'])
    expect(Object.keys(preload.exposed.get('hookbenchIpc') as object).sort()).toEqual(['invoke', 'onMenuCommand'])
  })

  it('forwards calls of the contract, and refuses any other channel without touching IPC', async () => {
    const preload = load()
    const bridge = preload.exposed.get('hookbenchIpc') as { invoke(name: string, input: unknown): Promise<unknown> }
    expect(await bridge.invoke('app.info', {})).toEqual({ ok: true, value: { answered: 'app.info' } })
    expect(await bridge.invoke(MENU_COMMAND_CHANNEL, {})).toMatchObject({ ok: false, error: { code: 'unknown-call' } })
    expect(preload.invoked).toEqual([{ channel: 'app.info', input: {} }])
  })

  it('keeps commands that arrive before the page listens (a file opened at start) for its first listener', () => {
    const preload = load()
    const bridge = preload.exposed.get('hookbenchIpc') as { onMenuCommand(listener: (command: unknown) => void): () => void }
    const command = { type: 'open-item', dir: '/w', item: { kind: 'template', name: 'nps' } }
    preload.emitFromMain(MENU_COMMAND_CHANNEL, command)
    const heard: unknown[] = []
    bridge.onMenuCommand((c) => heard.push(c))
    bridge.onMenuCommand((c) => heard.push(c))
    expect(heard).toEqual([command])
  })

  it('delivers menu commands until the listener is removed', () => {
    const preload = load()
    const bridge = preload.exposed.get('hookbenchIpc') as { onMenuCommand(listener: (command: string) => void): () => void }
    const heard: string[] = []
    const stop = bridge.onMenuCommand((command) => heard.push(command))
    preload.emitFromMain(MENU_COMMAND_CHANNEL, 'save')
    stop()
    preload.emitFromMain(MENU_COMMAND_CHANNEL, 'quick-open')
    expect(heard).toEqual(['save'])
  })
})
