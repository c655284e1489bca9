import { expect, sidebarItem, test } from './fixtures.js'

test.use({ openAtStart: false })

test('a workspace is opened by its path, and reopened at the next start', async ({ app, workspace }) => {
  await expect(app.getByRole('heading', { level: 1, name: 'Hookbench' })).toBeVisible()
  const folder = app.getByLabel('Workspace folder')
  await folder.fill(`${workspace.dir}/no-such-folder`)
  await app.getByRole('button', { name: 'Open workspace' }).click()
  await expect(app.getByRole('alert')).toContainText('no-such-folder')

  await folder.fill(workspace.dir)
  await app.getByRole('button', { name: 'Open workspace' }).click()
  await expect(sidebarItem(app, 'Negative survey → Zendesk ticket')).toBeVisible()

  await app.reload()
  await expect(app.locator('[data-app-state="loaded"]')).toBeVisible()
  await expect(sidebarItem(app, 'Negative survey → Zendesk ticket')).toBeVisible()
})
