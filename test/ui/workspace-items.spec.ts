import { expect, openItem, primary, problems, replaceLine, sidebarItem, test } from './fixtures.js'

test('a template is created with a valid name and its dialect', async ({ app, workspace }) => {
  await app.getByRole('button', { name: 'New template' }).click()
  const create = app.getByRole('dialog', { name: 'New template' })
  await create.getByLabel('Name').fill('bad/name')
  await expect(create.getByRole('status')).toContainText('path separator')
  await expect(create.getByRole('button', { name: 'Create' })).toBeDisabled()
  await create.getByLabel('Name').fill('ticket-to-braze')
  await create.getByRole('radio', { name: /^Zendesk/ }).check()
  await create.getByRole('button', { name: 'Create' }).click()
  await expect(create).toBeHidden()
  await expect(app.getByRole('heading', { level: 1, name: 'ticket-to-braze' })).toBeVisible()
  await expect(app.getByLabel('Request body')).toContainText('"name": "zendesk_ticket_updated"')
  expect(await workspace.read('templates/ticket-to-braze.liquid')).toContain('dialect: zendesk')

  await expect(app.getByText('templates/ticket-to-braze.liquid')).toBeVisible()
})

test('samples are renamed, duplicated and deleted from the sidebar', async ({ app, workspace }) => {
  await openItem(app, 'detractors')
  await app.getByRole('button', { name: 'Actions for detractors' }).first().click()
  await app.getByRole('menuitem', { name: 'Rename…' }).click()
  const rename = app.getByRole('dialog', { name: 'Rename Braze user sample detractors' })
  await rename.getByLabel('New name').fill('promoters')
  await rename.getByRole('button', { name: 'Rename' }).click()
  await expect(sidebarItem(app, 'promoters')).toBeVisible()
  await expect(app.getByRole('heading', { level: 1, name: 'promoters' })).toBeVisible()
  expect(await workspace.read('samples/braze-users/promoters.json')).toContain('user-1001')

  await app.getByRole('button', { name: 'Actions for promoters' }).first().click()
  await app.getByRole('menuitem', { name: 'Duplicate' }).click()
  await expect(app.getByRole('heading', { level: 1, name: 'promoters copy' })).toBeVisible()

  await app.getByRole('button', { name: 'Actions for promoters copy' }).first().click()
  await app.getByRole('menuitem', { name: 'Delete…' }).click()
  const confirm = app.getByRole('alertdialog', { name: 'Delete Braze user sample promoters copy?' })
  await confirm.getByRole('button', { name: 'Delete' }).click()
  await expect(sidebarItem(app, 'promoters copy')).toBeHidden()
  await expect(sidebarItem(app, 'promoters')).toBeVisible()
  await expect(app.getByText('Open a template from the sidebar')).toBeVisible()
})

test('a file that does not parse is listed with its error', async ({ app, workspace }) => {
  await workspace.write('samples/zendesk-tickets/broken.json', '{ "ticket": { "id": 1, } }')
  await app.reload()
  await expect(sidebarItem(app, 'broken')).toContainText(/⚠/)
  await openItem(app, 'broken')
  await expect(problems(app).getByRole('button').first()).toContainText('1:')
})

test('an environment lists its secrets; values are set, replaced and deleted but never shown', async ({ app, workspace }) => {
  await app.getByRole('button', { name: 'New environment' }).click()
  const create = app.getByRole('dialog', { name: 'New environment' })
  await create.getByLabel('Name').fill('sandbox')
  await create.getByRole('button', { name: 'Create' }).click()
  await expect(app.getByRole('heading', { level: 1, name: 'sandbox' })).toBeVisible()
  await expect(app.getByRole('region', { name: 'Secrets of sandbox' })).toContainText('declares no secrets')
  await expect(app.getByRole('region', { name: 'Secrets of sandbox' }).getByRole('alert')).toContainText('in memory')

  await replaceLine(app, '"secrets"', '"secrets": ["zendesk_api_token"],')
  await app.keyboard.press(`${primary}+s`)
  const secrets = app.getByRole('region', { name: 'Secrets of sandbox' })
  await expect(secrets.getByRole('listitem')).toContainText('zendesk_api_token')
  await expect(secrets.getByRole('listitem')).toContainText('not set')

  const value = secrets.getByLabel('Value for zendesk_api_token')
  await expect(value).toHaveAttribute('type', 'password')
  await value.fill('s3cr3t-value')
  await secrets.getByRole('button', { name: 'Set' }).click()
  await expect(secrets.getByRole('listitem')).toContainText('stored')
  await expect(value).toHaveValue('')
  await expect(app.getByText('s3cr3t-value')).toHaveCount(0)
  expect(await workspace.read('environments/sandbox.json')).not.toContain('s3cr3t-value')

  await secrets.getByRole('button', { name: 'Delete secret zendesk_api_token' }).click()
  await expect(secrets.getByRole('listitem')).toContainText('not set')
})

test('the send panel needs an environment, and previews substitute its variables', async ({ app, workspace }) => {
  await workspace.write(
    'environments/acme-sandbox.json',
    JSON.stringify({ kind: 'sandbox', variables: { zendesk_subdomain: 'acme-sandbox' }, secrets: ['zendesk_api_token'], allowedHosts: ['acme-sandbox.zendesk.com'] }),
  )
  await workspace.write(
    'templates/with-references.liquid',
    '---\ndialect: braze\nurl: https://%{env.zendesk_subdomain}.zendesk.com/api/v2/tickets.json\nheaders:\n  X-Token: "%{secret.zendesk_api_token}"\n---\n{"a": "{{${user_id}}}"}\n',
  )
  await app.reload()
  await openItem(app, 'with-references')
  // The only sandbox environment is chosen by itself; without one, references cannot render.
  await expect(app.getByRole('combobox', { name: 'Environment' })).toHaveValue('acme-sandbox')
  await app.getByRole('combobox', { name: 'Environment' }).selectOption('')
  await expect(problems(app)).toContainText('needs an environment')

  await app.getByRole('tab', { name: 'Send' }).click()
  await expect(app.getByRole('button', { name: /^Send/ })).toBeDisabled()
  await app.getByRole('combobox', { name: 'Environment' }).selectOption('acme-sandbox')
  await expect(app.getByRole('button', { name: /^Send/ })).toBeEnabled()
  await expect(app.getByText('No value stored yet for: zendesk_api_token')).toBeVisible()
  await expect(app.getByRole('region', { name: 'History' })).toContainText('Not sent yet')

  await app.getByRole('tab', { name: 'Preview' }).click()
  await expect(app.getByLabel('URL')).toHaveText('https://acme-sandbox.zendesk.com/api/v2/tickets.json')
  await expect(app.getByRole('table')).toContainText('<ZENDESK_API_TOKEN>')
  await expect(problems(app)).toContainText('no value is stored for secret')
})

test('2,000 samples are listed without slowing the editor down', async ({ app, workspace }) => {
  for (let i = 0; i < 2000; i++) {
    await workspace.write(`samples/braze-users/user-${String(i).padStart(4, '0')}.json`, JSON.stringify({ external_id: `u${i}`, first_name: `User ${i}` }))
  }
  await app.reload()
  const list = app.getByRole('list', { name: 'Workspace items' })
  await expect(app.getByRole('button', { name: /^Braze users/ })).toContainText('2001')
  // Only the rows in view are in the page.
  expect(await list.getByRole('listitem').count()).toBeLessThan(80)
  await app.getByRole('searchbox', { name: 'Filter items' }).fill('user-1999')
  await expect(sidebarItem(app, 'user-1999')).toBeVisible()

  await app.getByRole('searchbox', { name: 'Filter items' }).fill('')
  await openItem(app, 'Negative survey → Zendesk ticket')
  await replaceLine(app, '"subject"', '"subject": "Fast {{${first_name} | json_escape}}",')
  await expect(app.getByLabel('Request body')).toContainText('"subject": "Fast Alice"')
  await app.getByRole('tab', { name: 'Matrix' }).click()
  await expect(app.getByRole('status').filter({ hasText: 'sample(s)' })).toContainText('2003 sample(s)', { timeout: 30_000 })
})
