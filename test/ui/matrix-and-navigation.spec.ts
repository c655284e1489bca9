import { expect, openItem, openTemplate, primary, problems, replaceLine, sidebarItem, test } from './fixtures.js'

test('the matrix renders the template against every sample: ok, aborted or broken', async ({ app, workspace }) => {
  // A user whose email carries a quote breaks the JSON of a body that does not escape it.
  await workspace.write(
    'samples/braze-users/tricky.json',
    JSON.stringify({ external_id: 'user-2001', email: 'quote"d@example.com', event_properties: { score: 1, comment: 'x' } }),
  )
  await app.reload()
  await openTemplate(app, 'Negative survey → Zendesk ticket')
  await app.getByRole('tab', { name: 'Matrix' }).click()
  await expect(app.getByRole('status').filter({ hasText: 'sample(s)' })).toHaveText(/4 sample\(s\): 2 ok, 1 aborted, 1 failed/)

  const row = (name: string) => app.getByRole('row', { name: new RegExp(`^${name}`) })
  await expect(row('user-1001')).toContainText('ok')
  await expect(row('user-1002')).toContainText('ok')
  await expect(row('user-1003')).toContainText('aborted')
  await expect(row('user-1003')).toContainText('Survey score is not negative')
  await expect(row('user-2001')).toContainText('error')
  await expect(row('user-2001')).toContainText('not valid JSON')

  await row('user-2001').getByRole('button', { name: 'Preview with user-2001' }).click()
  await expect(app.getByRole('tab', { name: 'Preview' })).toHaveAttribute('aria-selected', 'true')
  await expect(app.getByRole('combobox', { name: 'Sample' })).toHaveValue('braze-user:tricky')
  await expect(problems(app)).toContainText('not valid JSON')
})

test('the preview shows the aborted banner for a user abort_message stops', async ({ app }) => {
  await openTemplate(app, 'Negative survey → Zendesk ticket')
  await app.getByRole('combobox', { name: 'User' }).selectOption('user-1003')
  await expect(app.getByRole('status', { name: 'Aborted' })).toContainText('Survey score is not negative')
})

test('Ctrl+P quick-opens a template by part of its name', async ({ app }) => {
  await app.keyboard.press(`${primary}+p`)
  const dialog = app.getByRole('dialog', { name: 'Open template' })
  await expect(dialog).toBeVisible()
  await dialog.getByRole('combobox', { name: 'Template name' }).fill('solved')
  await expect(dialog.getByRole('option')).toHaveCount(1)
  await app.keyboard.press('Enter')
  await expect(dialog).toBeHidden()
  await expect(app.getByRole('heading', { level: 1, name: 'Solved ticket → Braze event' })).toBeVisible()
  await expect(app.getByLabel('Request body')).toContainText('"ticket_id": 4521')

  // It works from inside the editor too.
  await app.locator('.monaco-editor .view-line', { hasText: '"events"' }).click()
  await app.keyboard.press(`${primary}+p`)
  await dialog.getByRole('combobox', { name: 'Template name' }).fill('order')
  await app.keyboard.press('Enter')
  await expect(app.getByRole('heading', { level: 1, name: 'Order follow-up with a content block and Connected Content' })).toBeVisible()
  // Rendered with its content block and the sample's canned Connected Content answer.
  await expect(app.getByLabel('Request body')).toContainText('"order_id": "ord_77"')
  await expect(app.getByLabel('Request body')).toContainText('"currency": "EUR"')
})

test('a sample is edited as JSON and checked against its schema', async ({ app, workspace }) => {
  await openItem(app, 'detractors')
  await replaceLine(app, '"custom_attributes": { "plan": "enterprise"', '"custom_attributes": 5,')
  await expect(problems(app).getByRole('button', { name: /Incorrect type\. Expected "object"/ })).toBeVisible()
  await expect(problems(app).getByRole('button', { name: /custom_attributes/ }).first()).toBeVisible()
  await expect(app.locator('.monaco-editor .squiggly-error').first()).toBeVisible()

  await replaceLine(app, '"custom_attributes": 5,', '"custom_attributes": { "plan": "pro" },')
  await expect(problems(app)).toBeHidden()
  await app.keyboard.press(`${primary}+s`)
  await expect.poll(() => workspace.read('samples/braze-users/detractors.json')).toContain('"custom_attributes": { "plan": "pro" },')

  // The template's preview renders with the edited sample.
  await openTemplate(app, 'Negative survey → Zendesk ticket')
  await expect(app.getByLabel('Request body')).toContainText('"plan_pro"')
  await expect(sidebarItem(app, 'detractors')).toBeVisible()
})
