/**
 * The desktop app's renderer: the page reaches the services through the built preload, and the
 * main process opens workspaces (File menu) and files (opened from the desktop) by sending it
 * commands. Switching workspaces never loses unsaved changes without asking.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, mainSends, openTemplate, replaceLine, sidebarItem, test, unsavedMark } from './fixtures.js'

test.use({ desktop: true })

const NEGATIVE_SURVEY = 'Negative survey → Zendesk ticket'
const OTHER_SURVEY = 'Survey from the other workspace'
const TEMPLATE = { kind: 'template', name: 'negative-survey-to-zendesk' }

/** A second workspace, its template renamed so the two can be told apart. */
async function otherWorkspace(): Promise<{ dir: string; remove(): Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), 'hookbench-ui-other-'))
  const dir = join(root, 'other-workspace')
  await cp(join(import.meta.dirname, '..', 'fixtures', 'workspace'), dir, { recursive: true })
  const path = join(dir, 'templates', 'negative-survey-to-zendesk.liquid')
  await writeFile(path, (await readFile(path, 'utf8')).replace(/^name: .*$/m, `name: ${OTHER_SURVEY}`))
  return { dir, remove: () => rm(root, { recursive: true, force: true }) }
}

test('the page talks to the services through the preload', async ({ app }) => {
  expect(await app.evaluate(() => Object.keys((globalThis as { hookbenchIpc?: object }).hookbenchIpc ?? {}).sort())).toEqual(['invoke', 'onMenuCommand'])
  await openTemplate(app, NEGATIVE_SURVEY)
  await expect(app.getByLabel('Request body')).toContainText('"subject": "Alice rated us 2/10"')
})

test('a template opened from the desktop opens in its workspace, switching workspaces when it is elsewhere', async ({ app, workspace }) => {
  await mainSends(app, { type: 'open-item', dir: workspace.dir, item: TEMPLATE })
  await expect(sidebarItem(app, NEGATIVE_SURVEY)).toHaveAttribute('aria-current', 'page')

  const other = await otherWorkspace()
  try {
    await mainSends(app, { type: 'open-item', dir: other.dir, item: TEMPLATE })
    await expect(app.locator('.workspace-name')).toHaveText('other-workspace')
    await expect(sidebarItem(app, OTHER_SURVEY)).toHaveAttribute('aria-current', 'page')
    await expect(app.getByLabel('Request body')).toContainText('"subject": "Alice rated us 2/10"')
  } finally {
    await other.remove()
  }
})

test('with unsaved changes, another workspace opens only once the user discards them', async ({ app, workspace }) => {
  await openTemplate(app, NEGATIVE_SURVEY)
  await replaceLine(app, '"public"', '"public": true')
  await expect(unsavedMark(app, NEGATIVE_SURVEY)).toBeVisible()

  const other = await otherWorkspace()
  try {
    // File → Open Workspace…, then a folder chosen in the system dialog.
    await mainSends(app, { type: 'open-workspace', dir: other.dir, mode: 'open' })
    const dialog = app.getByRole('dialog', { name: 'Open a workspace' })
    await expect(dialog.getByRole('alert')).toContainText('One file has unsaved changes')
    await expect(dialog.getByRole('alert')).toContainText('negative-survey-to-zendesk')
    await expect(dialog.getByLabel('Workspace folder')).toHaveValue(other.dir)
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    await expect(unsavedMark(app, NEGATIVE_SURVEY)).toBeVisible()
    await expect(app.locator('.workspace-name')).toHaveText('workspace')

    await mainSends(app, { type: 'open-item', dir: other.dir, item: TEMPLATE })
    await dialog.getByRole('button', { name: 'Discard changes and open workspace' }).click()
    await expect(app.locator('.workspace-name')).toHaveText('other-workspace')
    await expect(sidebarItem(app, OTHER_SURVEY)).toHaveAttribute('aria-current', 'page')
    await expect(unsavedMark(app, OTHER_SURVEY)).toBeHidden()
    // The discarded edit went nowhere: neither workspace's file holds it.
    expect(await workspace.read('templates/negative-survey-to-zendesk.liquid')).not.toContain('"public": true')
    expect(await readFile(join(other.dir, 'templates/negative-survey-to-zendesk.liquid'), 'utf8')).not.toContain('"public": true')
  } finally {
    await other.remove()
  }
})
