/**
 * Each UI test: a fresh copy of the fixture workspace and a fresh browser-mode bridge (its own
 * settings folder, secrets in memory) serving the built renderer; the page opens with the token.
 */
import { test as base, expect, type Page } from '@playwright/test'
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { MENU_COMMAND_CHANNEL } from '../../electron/menuCommands.js'
import { startWebBridge } from '../../electron/services/webBridge.js'
import { startFakeZendesk, type FakeZendesk } from '../fakes/zendesk.js'

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'workspace')

export interface Workspace {
  dir: string
  read(path: string): Promise<string>
  write(path: string, text: string): Promise<void>
}

/**
 * The desktop app's renderer, short of Electron: the built preload (dist/preload.cjs) runs in the
 * page on a stand-in `electron` whose ipcRenderer carries each call to the bridge, as the main
 * process would answer it, and whose main side the test drives (`mainSends`).
 */
function desktopPreload(preloadSource: string): string {
  return `(() => {
    const token = decodeURIComponent((/token=([^&]+)/.exec(location.hash) || [])[1] || '')
    const listeners = new Map()
    window.__hookbenchMain = { send: (channel, command) => (listeners.get(channel) || []).forEach((l) => l({}, command)) }
    const electron = {
      contextBridge: { exposeInMainWorld: (key, api) => { window[key] = Object.freeze(api) } },
      ipcRenderer: {
        invoke: async (name, input) => {
          const response = await fetch('/api/' + name, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Hookbench-Token': token }, body: JSON.stringify(input) })
          const payload = await response.json()
          return response.ok ? { ok: true, value: payload } : { ok: false, error: payload }
        },
        on: (channel, listener) => listeners.set(channel, [...(listeners.get(channel) || []), listener]),
        removeListener: (channel, listener) => listeners.set(channel, (listeners.get(channel) || []).filter((l) => l !== listener)),
      },
    }
    const require = (id) => { if (id === 'electron') return electron; throw new Error('not in a sandboxed preload: ' + id) }
    const module = { exports: {} }
    ;(function (require, module, exports) { ${preloadSource} })(require, module, module.exports)
  })()`
}

/** What the desktop app's main process sends the window (menu commands, files opened). */
export async function mainSends(page: Page, command: unknown): Promise<void> {
  await page.evaluate(([channel, sent]) => (globalThis as unknown as { __hookbenchMain: { send(c: string, s: unknown): void } }).__hookbenchMain.send(channel, sent), [MENU_COMMAND_CHANNEL, command] as const)
}

export const test = base.extend<{ workspace: Workspace; app: Page; openAtStart: boolean; desktop: boolean; zendesk: FakeZendesk }>({
  /** A fake Zendesk account for the test, started on first use. */
  zendesk: async ({}, use) => {
    const zendesk = await startFakeZendesk()
    await use(zendesk)
    await zendesk.close()
  },
  /** false: the services start with no workspace open, as on a first run. */
  openAtStart: [true, { option: true }],
  /** true: the page talks to the services as the desktop app does, through the preload. */
  desktop: [false, { option: true }],
  workspace: async ({}, use) => {
    const root = await mkdtemp(join(tmpdir(), 'hookbench-ui-'))
    const dir = join(root, 'workspace')
    await cp(FIXTURE, dir, { recursive: true })
    await use({
      dir,
      read: (path) => readFile(join(dir, path), 'utf8'),
      write: async (path, text) => {
        await mkdir(dirname(join(dir, path)), { recursive: true })
        await writeFile(join(dir, path), text)
      },
    })
    await rm(root, { recursive: true, force: true })
  },
  app: async ({ page, workspace, openAtStart, desktop }, use) => {
    const bridge = await startWebBridge({
      staticDir: 'dist/renderer',
      port: 0,
      version: 'test',
      userDataDir: join(workspace.dir, '..', 'user-data'),
      ...(openAtStart ? { workspaceDir: workspace.dir } : {}),
    })
    const problems: string[] = []
    page.on('pageerror', (err) => problems.push(err.message))
    page.on('console', (message) => {
      // A refused API call (409 for a conflict) is the browser's log line, not a fault of the page.
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) problems.push(message.text())
    })
    if (desktop) await page.addInitScript({ content: desktopPreload(await readFile('dist/preload.cjs', 'utf8')) })
    await page.goto(bridge.url)
    await expect(page.locator('[data-app-state="loaded"]')).toBeVisible()
    await use(page)
    await bridge.close()
    expect(problems, 'errors in the page').toEqual([])
  },
})

export { expect }

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** The sidebar's button that opens an item (its name may be followed by "unsaved changes"). */
export function sidebarItem(page: Page, title: string) {
  return page.getByRole('navigation', { name: 'Workspace' }).getByRole('button', { name: new RegExp(`^${escapeRegExp(title)}`) })
}

/** The unsaved-changes mark of a sidebar item. */
export function unsavedMark(page: Page, title: string) {
  return sidebarItem(page, title).getByRole('img', { name: 'unsaved changes' })
}

/** Stores secret values the way a person does: the environment's Secrets panel, one Set per secret. */
export async function storeSecrets(page: Page, environment: string, values: Record<string, string>): Promise<void> {
  await openItem(page, environment)
  const secrets = page.getByRole('region', { name: `Secrets of ${environment}` })
  for (const [secret, value] of Object.entries(values)) {
    const row = secrets.getByRole('listitem').filter({ hasText: secret })
    await row.getByLabel(`Value for ${secret}`).fill(value)
    await row.getByRole('button', { name: 'Set' }).click()
    await expect(row).toContainText('stored')
  }
}

/** Opens an item from the sidebar and waits for its editor. */
export async function openItem(page: Page, title: string): Promise<void> {
  await sidebarItem(page, title).click()
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible()
  await expect(page.locator('.monaco-editor .view-lines')).toBeVisible()
}

export const openTemplate = openItem

/** Monaco marks the editor that has the keyboard focus. */
export function focusedEditor(page: Page) {
  return page.locator('.monaco-editor.focused')
}

/**
 * Pastes `text` into the focused editor. Typed text would go through auto-closing brackets and
 * quotes (and surround a selection); a paste is inserted as it is, as a person pasting would.
 */
export async function paste(page: Page, text: string): Promise<void> {
  // A string, not a function: the root tsconfig type-checks these specs without DOM types.
  await page.evaluate(`(() => {
    const data = new DataTransfer()
    data.setData('text/plain', ${JSON.stringify(text)})
    document.activeElement.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }))
  })()`)
}

/** Replaces the editor line that shows `marker`, from its first non-blank character to its end. */
export async function replaceLine(page: Page, marker: string, text: string): Promise<void> {
  await page.locator('.monaco-editor .view-line', { hasText: marker }).first().click()
  await page.keyboard.press('End')
  await page.keyboard.press('Shift+Home')
  await paste(page, text)
}

/** The Problems list of the open editor. */
export function problems(page: Page) {
  return page.getByRole('list', { name: 'Problems' })
}

export const primary = process.platform === 'darwin' ? 'Meta' : 'Control'
