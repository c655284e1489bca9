/**
 * Electron's security checklist, enforced on the source: the window's settings are written out,
 * nothing ever loosens them, the preload exposes no raw IPC, every IPC handler checks its sender,
 * and the page's CSP is the one the main process and the bridge send.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CONTENT_SECURITY_POLICY } from '../../electron/security.js'

const ROOT = join(import.meta.dirname, '..', '..')
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8')

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name)
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : sources(path)
    return /\.(ts|tsx|js|mjs|cjs|html)$/.test(e.name) ? [path] : []
  })
}

const APP_SOURCES = [...sources('electron'), ...sources('renderer')]

describe('Electron security settings', () => {
  it('the main window writes out isolation, sandbox and web security', () => {
    const window = read('electron/window.ts')
    for (const setting of ['contextIsolation: true', 'nodeIntegration: false', 'sandbox: true', 'webSecurity: true', 'webviewTag: false']) {
      expect(window).toContain(setting)
    }
    expect(window).toMatch(/will-navigate/)
    expect(window).toMatch(/setWindowOpenHandler[\s\S]*action: 'deny'/)
    // Every permission is refused but writing the clipboard (Copy buttons).
    expect(window).toMatch(/setPermissionRequestHandler\(.*=> callback\(permission === ALLOWED_PERMISSION\)\)/)
    expect(window).toMatch(/const ALLOWED_PERMISSION = 'clipboard-sanitized-write'\n/)
  })

  it('no source ever loosens them', () => {
    const loosening = [
      /nodeIntegration\s*:\s*true/,
      /nodeIntegrationInWorker\s*:\s*true/,
      /contextIsolation\s*:\s*false/,
      /sandbox\s*:\s*false/,
      /webSecurity\s*:\s*false/,
      /allowRunningInsecureContent\s*:\s*true/,
      /enableRemoteModule/,
      /experimentalFeatures\s*:\s*true/,
    ]
    const found = APP_SOURCES.flatMap((file) => loosening.filter((p) => p.test(read(file))).map((p) => `${relative(ROOT, join(ROOT, file))}: ${p}`))
    expect(found).toEqual([])
  })

  it('the preload exposes one typed bridge and never ipcRenderer itself', () => {
    const preload = read('electron/preload.ts')
    expect(preload.match(/exposeInMainWorld\(/g)).toHaveLength(1)
    expect(preload).toMatch(/exposeInMainWorld\('hookbenchIpc'/)
    expect(preload).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer\s*[,)]/)
    expect(preload).not.toMatch(/ipcRenderer\s*[,}]\s*\)/)
    expect(preload).not.toMatch(/\bsend\s*:|sendSync|ipcRenderer\.send\(/)
    for (const file of APP_SOURCES.filter((f) => f !== join('electron', 'preload.ts'))) {
      expect(read(file), file).not.toMatch(/exposeInMainWorld/)
    }
  })

  it('every IPC handler is registered in ipc.ts, behind the sender check', () => {
    const handlers = APP_SOURCES.filter((f) => /ipcMain\.(handle|on)\(/.test(read(f)))
    expect(handlers).toEqual([join('electron', 'ipc.ts')])
    const ipc = read('electron/ipc.ts')
    expect(ipc).toMatch(/if \(!isTrustedSender\(event, window\(\)\)\)/)
    expect(ipc).toMatch(/dispatch\(handlers, name, input\)/)
  })

  it('the UI is served from app://, never file://', () => {
    expect(read('electron/window.ts')).toMatch(/loadURL\(`\$\{APP_ORIGIN\}/)
    expect(APP_SOURCES.filter((f) => /loadFile\(|loadURL\(['"`]file:/.test(read(f)))).toEqual([])
  })

  it("the page's CSP allows only the app itself", () => {
    expect(CONTENT_SECURITY_POLICY).toMatch(/default-src 'self'/)
    expect(CONTENT_SECURITY_POLICY).toMatch(/script-src 'self'(;|$)/)
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|https?:|\*/)
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(read('renderer/index.html'))?.[1]
    // frame-ancestors only works as a header; browsers ignore it in a meta tag.
    const headerWithoutFraming = CONTENT_SECURITY_POLICY.replace(/; frame-ancestors 'none'/, '')
    expect(meta?.replace(/\s+/g, ' ')).toBe(headerWithoutFraming)
  })
})
