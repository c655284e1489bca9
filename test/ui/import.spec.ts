/**
 * The Import dialog: samples from pasted text or a picked file (Braze export, CSV of users,
 * Zendesk tickets) with the report of what was created and skipped, a ticket and a user straight
 * from the (fake) Zendesk and Braze sandboxes, and templates from a Braze webhook or a Zendesk trigger and webhook.
 */
import type { Page } from '@playwright/test'
import { DEFAULT_BRAZE_API_KEY, startFakeBraze } from '../fakes/braze.js'
import { clientCredentialsToken } from '../support/zendeskOAuth.js'
import { expect, sidebarItem, storeSecrets, test } from './fixtures.js'

function importDialog(page: Page) {
  return page.getByRole('dialog', { name: 'Import' })
}

test('a pasted Braze export becomes samples; the report says what was skipped and why', async ({ app, workspace }) => {
  await app.getByRole('button', { name: 'Import Braze users…' }).click()
  const dialog = importDialog(app)
  await expect(dialog.getByRole('tab', { name: 'Samples from a file' })).toHaveAttribute('aria-selected', 'true')
  await expect(dialog.getByRole('combobox', { name: 'Format' })).toHaveValue('braze-export')
  const importButton = dialog.getByRole('button', { name: 'Import samples' })
  await expect(importButton).toBeDisabled()

  await dialog.getByRole('textbox', { name: 'Text to import' }).fill(
    JSON.stringify({ users: [{ external_id: 'user-3001', first_name: 'Zoe' }, { external_id: 'user-3002' }, 5], invalid_user_ids: ['user-9999'] }, null, 2),
  )
  await importButton.click()
  const report = dialog.getByRole('region', { name: 'Import report' })
  await expect(report.getByRole('status')).toHaveText('2 items created, 2 records skipped, 0 warnings, 0 errors.')
  await expect(report.getByRole('list', { name: 'Skipped' })).toContainText('not a user object')
  await expect(report.getByRole('list', { name: 'Skipped' })).toContainText('Braze found no user "user-9999"')
  await expect(report.getByRole('list', { name: 'Created' })).toContainText('samples/braze-users/user-3001.json')

  // The sidebar lists them, and the first one is open behind the dialog.
  await expect(sidebarItem(app, 'user-3001')).toBeVisible()
  await expect(sidebarItem(app, 'user-3002')).toBeVisible()
  await dialog.getByRole('button', { name: 'Close' }).click()
  await expect(dialog).toBeHidden()
  await expect(app.getByRole('heading', { level: 1, name: 'user-3001' })).toBeVisible()
  expect(JSON.parse(await workspace.read('samples/braze-users/user-3001.json'))).toMatchObject({ external_id: 'user-3001', first_name: 'Zoe' })

  // The same export again: nothing is overwritten, identical records are skipped.
  await app.getByRole('button', { name: 'Import…' }).click()
  await dialog.getByRole('textbox', { name: 'Text to import' }).fill(JSON.stringify({ users: [{ external_id: 'user-3002' }] }, null, 2))
  await dialog.getByRole('button', { name: 'Import samples' }).click()
  await expect(report.getByRole('list', { name: 'Skipped' })).toContainText('already in the workspace')
})

test('a picked CSV file is read, its format recognised, and rows without an identifier skipped', async ({ app, workspace }) => {
  await app.getByRole('button', { name: 'Import…' }).click()
  const dialog = importDialog(app)
  await dialog.getByLabel('Text to import: open a file').setInputFiles({
    name: 'users.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('external_id,first_name,custom_attributes.plan,custom_attributes.tags\nc-1,Ann,pro,{broken\n,Nobody,free,\nc-2,Bob,free,"[""vip""]"\n'),
  })
  await expect(dialog.getByText('Using users.csv')).toBeVisible()
  await expect(dialog.getByRole('combobox', { name: 'Format' })).toHaveValue('users-csv')
  await dialog.getByRole('button', { name: 'Import samples' }).click()

  const report = dialog.getByRole('region', { name: 'Import report' })
  await expect(report.getByRole('status')).toHaveText('2 items created, 1 record skipped, 1 warning, 0 errors.')
  await expect(report.getByRole('list', { name: 'Skipped' })).toContainText('line 3')
  await expect(report.getByRole('list', { name: 'Skipped' })).toContainText('Braze could not tell who this is')
  await expect(report.getByRole('list', { name: 'Warnings' })).toContainText('not valid JSON: kept as text')
  expect(JSON.parse(await workspace.read('samples/braze-users/c-2.json'))).toMatchObject({ custom_attributes: { plan: 'free', tags: ['vip'] } })

  await report.getByRole('button', { name: 'Open c-2' }).click()
  await expect(dialog).toBeHidden()
  await expect(app.getByRole('heading', { level: 1, name: 'c-2' })).toBeVisible()
})

test('text that cannot be read is reported with its place, and nothing is created', async ({ app }) => {
  await app.getByRole('button', { name: 'Import Zendesk tickets…' }).click()
  const dialog = importDialog(app)
  await expect(dialog.getByRole('combobox', { name: 'Format' })).toHaveValue('zendesk-tickets')
  await dialog.getByRole('textbox', { name: 'Text to import' }).fill('{"ticket": ')
  await dialog.getByRole('button', { name: 'Import samples' }).click()
  const report = dialog.getByRole('region', { name: 'Import report' })
  await expect(report.getByRole('status')).toHaveText('0 items created, 0 records skipped, 0 warnings, 1 error.')
  await expect(report.getByRole('list', { name: 'Errors' })).toContainText('pasted text:1:12: Not valid JSON')
  await expect(report.getByRole('list', { name: 'Created' })).toHaveCount(0)
})

test.describe('from the sandbox', () => {

  test('a Zendesk ticket is fetched by id with its users and comments', async ({ app, workspace, zendesk }) => {
    const token = await clientCredentialsToken(zendesk)
    const created = await fetch(`${zendesk.url}/api/v2/tickets.json`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ ticket: { subject: 'Printer on fire', comment: { body: 'It smells of smoke.' }, requester: { name: 'Ann Lee', email: 'ann@example.com' } } }),
    })
    const ticketId = ((await created.json()) as { ticket: { id: number } }).ticket.id
    await workspace.write(
      'environments/fake-sandbox.json',
      JSON.stringify({
        kind: 'sandbox',
        variables: { zendesk_subdomain: zendesk.subdomain, zendesk_base_url: zendesk.url },
        secrets: ['zendesk_oauth_token'],
        allowedHosts: [new URL(zendesk.url).host],
        zendesk: { auth: { type: 'oauth_access_token', token: 'zendesk_oauth_token' } },
      }),
    )
    await app.reload()
    await storeSecrets(app, 'fake-sandbox', { zendesk_oauth_token: token })

    await app.getByRole('button', { name: 'Import…' }).click()
    const dialog = importDialog(app)
    await dialog.getByRole('tab', { name: 'From the sandbox' }).click()
    await dialog.getByRole('radio', { name: 'A Zendesk ticket, by id' }).check()
    await expect(dialog.getByRole('combobox', { name: 'Environment' })).toHaveValue('fake-sandbox')
    await dialog.getByRole('textbox', { name: 'Ticket id' }).fill('abc')
    await expect(dialog.getByText('The id is not valid: a Zendesk ticket id is a number.')).toBeVisible()
    await expect(dialog.getByRole('button', { name: 'Import the ticket' })).toBeDisabled()
    await dialog.getByRole('textbox', { name: 'Ticket id' }).fill(String(ticketId))
    await dialog.getByRole('button', { name: 'Import the ticket' }).click()

    const report = dialog.getByRole('region', { name: 'Import report' })
    await expect(report.getByRole('status')).toHaveText('1 item created, 0 records skipped, 0 warnings, 0 errors.')
    await expect(sidebarItem(app, `ticket-${ticketId}`)).toBeVisible()
    const sample = JSON.parse(await workspace.read(`samples/zendesk-tickets/ticket-${ticketId}.json`)) as {
      ticket: { subject: string }
      users: { email: string }[]
      comments: { body: string }[]
    }
    expect(sample.ticket.subject).toBe('Printer on fire')
    expect(sample.users.map((u) => u.email)).toContain('ann@example.com')
    expect(sample.comments.map((c) => c.body)).toEqual(['It smells of smoke.'])
    await dialog.getByRole('button', { name: 'Close' }).click()
    await expect(app.getByRole('heading', { level: 1, name: `ticket-${ticketId}` })).toBeVisible()

    // A ticket the account does not have: the service's reason, nothing created.
    await app.getByRole('button', { name: 'Import…' }).click()
    await dialog.getByRole('tab', { name: 'From the sandbox' }).click()
    await dialog.getByRole('textbox', { name: 'Ticket id' }).fill('424242')
    await dialog.getByRole('button', { name: 'Import the ticket' }).click()
    await expect(report.getByRole('alert')).toContainText('Nothing was imported: Zendesk answered 404')
  })

  test('a Braze user is fetched by external_id, once the environment holds the REST API key', async ({ app, workspace }) => {
    const braze = await startFakeBraze({ seed: { users: [{ external_id: 'cust-7', attributes: { first_name: 'Ana', email: 'ana@example.com' }, custom_attributes: { plan: 'pro' } }] } })
    try {
      // braze_base_url points the import at the fake Braze instead of https://rest.iad-01.braze.com.
      await workspace.write(
        'environments/braze-sandbox.json',
        JSON.stringify({ kind: 'sandbox', variables: { braze_instance: 'US-01', braze_base_url: braze.url }, secrets: ['braze_rest_api_key'], allowedHosts: [new URL(braze.url).host] }),
      )
      await app.reload()
      await app.getByRole('button', { name: 'Import…' }).click()
      const dialog = importDialog(app)
      const report = dialog.getByRole('region', { name: 'Import report' })
      const importUser = async (id: string) => {
        await dialog.getByRole('tab', { name: 'From the sandbox' }).click()
        await dialog.getByRole('radio', { name: 'A Braze user, by external_id' }).check()
        await dialog.getByRole('textbox', { name: 'External id' }).fill(id)
        await dialog.getByRole('button', { name: 'Import the user' }).click()
      }
      await importUser('cust-7')
      await expect(report.getByRole('alert')).toContainText('No value is stored for the secret "braze_rest_api_key" of environment "braze-sandbox"')
      await dialog.getByRole('button', { name: 'Close' }).click()

      await storeSecrets(app, 'braze-sandbox', { braze_rest_api_key: DEFAULT_BRAZE_API_KEY })

      await app.getByRole('button', { name: 'Import…' }).click()
      await importUser('cust-7')
      await expect(report.getByRole('status')).toHaveText('1 item created, 0 records skipped, 0 warnings, 0 errors.')
      expect(JSON.parse(await workspace.read('samples/braze-users/cust-7.json'))).toMatchObject({ external_id: 'cust-7', first_name: 'Ana', custom_attributes: { plan: 'pro' } })

      await importUser('nobody')
      await expect(report.getByRole('alert')).toContainText('Braze has no user with external_id "nobody"')
    } finally {
      await braze.close()
    }
  })
})

test('a template is made from a pasted Braze messaging-API webhook; the credential becomes a secret reference', async ({ app, workspace }) => {
  await app.getByRole('button', { name: 'Import a template from a dashboard…' }).click()
  const dialog = importDialog(app)
  await expect(dialog.getByRole('tab', { name: 'Template from a dashboard' })).toHaveAttribute('aria-selected', 'true')
  await dialog.getByRole('radio', { name: /A Braze webhook/ }).check()
  await dialog.getByRole('textbox', { name: 'Template name' }).fill('from-braze')
  const pasted = JSON.stringify({
    url: 'https://acme.zendesk.com/api/v2/tickets.json',
    request_method: 'POST',
    request_headers: { 'Content-Type': 'application/json', Authorization: 'Bearer zd-token-999' },
    body: '{"ticket": {"subject": "{{${first_name} | json_escape}}", "comment": {"body": "hi"}}}',
  })
  await dialog.getByRole('textbox', { name: 'Braze webhook', exact: true }).fill(pasted)
  await dialog.getByRole('button', { name: 'Create template' }).click()
  const report = dialog.getByRole('region', { name: 'Import report' })
  await expect(report.getByRole('status')).toContainText('Created the template from-braze.')
  await expect(report).toContainText('%{secret.zendesk_oauth_token}')
  await dialog.getByRole('button', { name: 'Close' }).click()
  await expect(app.getByRole('heading', { level: 1, name: 'from-braze' })).toBeVisible()
  await expect(sidebarItem(app, 'from-braze')).toBeVisible()
  const text = await workspace.read('templates/from-braze.liquid')
  expect(text).toContain('Authorization: Bearer %{secret.zendesk_oauth_token}')
  expect(text).not.toContain('zd-token-999')

  // A name already taken is refused, never overwritten.
  await app.getByRole('button', { name: 'Import a template from a dashboard…' }).click()
  await dialog.getByRole('textbox', { name: 'Template name' }).fill('from-braze')
  await dialog.getByRole('textbox', { name: 'Braze webhook', exact: true }).fill(pasted)
  await dialog.getByRole('button', { name: 'Create template' }).click()
  await expect(report.getByRole('alert')).toContainText('Nothing was imported')
  await expect(report.getByRole('alert')).toContainText('from-braze')
  expect(await workspace.read('templates/from-braze.liquid')).toBe(text)
})

test('a body pasted from the Braze composer gets its URL, method and headers from the dialog', async ({ app, workspace }) => {
  await app.getByRole('button', { name: 'Import a template from a dashboard…' }).click()
  const dialog = importDialog(app)
  await dialog.getByRole('radio', { name: /A Braze webhook/ }).check()
  await dialog.getByRole('textbox', { name: 'Template name' }).fill('composer-body')
  await dialog.getByRole('textbox', { name: 'Braze webhook', exact: true }).fill('{"ticket": {"subject": "{{${first_name} | json_escape}}", "comment": {"body": "hi"}}}')
  await dialog.getByRole('textbox', { name: 'Webhook URL' }).fill('https://acme.zendesk.com/api/v2/tickets.json')
  await dialog.getByRole('combobox', { name: 'HTTP method' }).selectOption('POST')
  const headers = dialog.getByRole('textbox', { name: 'Request headers, one "Name: value" a line' })
  await headers.fill('Content-Type: application/json\nBearer 4f1c9e0b7a')
  await expect(dialog.getByText('"Bearer 4f1c9e0b7a" is not a header: write it as "Name: value".')).toBeVisible()
  await expect(dialog.getByRole('button', { name: 'Create template' })).toBeDisabled()
  await headers.fill('Content-Type: application/json\nAuthorization: Bearer 4f1c9e0b7a')
  await dialog.getByRole('button', { name: 'Create template' }).click()
  await expect(dialog.getByRole('region', { name: 'Import report' }).getByRole('status')).toContainText('Created the template composer-body.')

  const text = await workspace.read('templates/composer-body.liquid')
  expect(text).toContain('method: POST')
  expect(text).toContain('url: https://acme.zendesk.com/api/v2/tickets.json')
  expect(text).toContain('Authorization: Bearer %{secret.zendesk_oauth_token}')
  expect(text).not.toContain('4f1c9e0b7a')
})

/** A trigger and its webhook as the Zendesk API answers them. */
const TRIGGER = {
  trigger: {
    title: 'Solved → Braze',
    active: true,
    conditions: {
      all: [
        { field: 'update_type', operator: 'is', value: 'Change' },
        { field: 'status', operator: 'value', value: 'solved' },
      ],
      any: [],
    },
    actions: [{ field: 'notification_webhook', value: ['01HZX', '{\n  "events": [{ "email": "{{ticket.requester.email}}", "name": "solved" }]\n}'] }],
  },
}
const WEBHOOK = {
  webhook: {
    id: '01HZX',
    name: 'Braze track',
    endpoint: 'https://rest.iad-01.braze.com/users/track',
    http_method: 'POST',
    request_format: 'json',
    status: 'active',
    subscriptions: ['conditional_ticket_events'],
    authentication: { type: 'bearer_token', data: { token: 'live-key-123' }, add_position: 'header' },
  },
}

test('a template is made from a Zendesk trigger and its webhook, picked as files', async ({ app, workspace }) => {
  await app.getByRole('button', { name: 'Import a template from a dashboard…' }).click()
  const dialog = importDialog(app)
  await dialog.getByRole('radio', { name: /A Zendesk trigger/ }).check()
  await dialog.getByLabel('Trigger JSON: open a file').setInputFiles({ name: 'solved-trigger.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(TRIGGER)) })
  // The name comes from the file's.
  await expect(dialog.getByRole('textbox', { name: 'Template name' })).toHaveValue('solved-trigger')
  await dialog.getByLabel('Webhook JSON (optional): open a file').setInputFiles({ name: 'webhook.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(WEBHOOK)) })
  await dialog.getByRole('button', { name: 'Create template' }).click()

  const report = dialog.getByRole('region', { name: 'Import report' })
  await expect(report.getByRole('status')).toContainText('Created the template solved-trigger.')
  await expect(report).toContainText('Declare "braze_rest_api_key"')
  await dialog.getByRole('button', { name: 'Close' }).click()
  await expect(app.getByRole('heading', { level: 1, name: 'solved-trigger' })).toBeVisible()
  const text = await workspace.read('templates/solved-trigger.liquid')
  expect(text).toContain('conditions: status-solved')
  expect(text).toContain('url: https://rest.iad-01.braze.com/users/track')
  expect(text).not.toContain('live-key-123')
  // Listed with the Zendesk → Braze templates.
  await expect(sidebarItem(app, 'solved-trigger')).toBeVisible()
})

test('a trigger adopted for an environment: its values become references, and deploy will update it rather than copy it', async ({ app, workspace }) => {
  await workspace.write(
    'environments/acme-sandbox.json',
    JSON.stringify({ kind: 'sandbox', variables: { zendesk_subdomain: 'acme', braze_instance: 'US-01' }, secrets: ['braze_rest_api_key'], allowedHosts: ['acme.zendesk.com', 'rest.iad-01.braze.com'] }),
  )
  await app.reload()
  await app.getByRole('button', { name: 'Import a template from a dashboard…' }).click()
  const dialog = importDialog(app)
  await dialog.getByRole('radio', { name: /A Zendesk trigger/ }).check()
  await dialog.getByRole('textbox', { name: 'Template name' }).fill('solved-adopted')
  await dialog.getByRole('textbox', { name: 'Trigger JSON' }).fill(JSON.stringify({ trigger: { ...TRIGGER.trigger, id: 9031 } }))
  await dialog.getByRole('textbox', { name: 'Webhook JSON (optional)' }).fill(JSON.stringify(WEBHOOK))
  const adopt = dialog.getByRole('checkbox', { name: /Deploy updates this trigger and webhook/ })
  await expect(adopt).toBeDisabled()
  await dialog.getByRole('combobox', { name: 'Environment it came from (optional)' }).selectOption('acme-sandbox')
  await adopt.check()
  await dialog.getByRole('button', { name: 'Create template' }).click()
  await expect(dialog.getByRole('region', { name: 'Import report' }).getByRole('status')).toContainText('Created the template solved-adopted.')

  const text = await workspace.read('templates/solved-adopted.liquid')
  expect(text).toContain('url: https://%{env.braze_rest_host}/users/track')
  expect(text).toMatch(/deployed:\n {4}acme-sandbox:\n {6}account: acme\n {6}webhook_id: 01HZX\n {6}trigger_id: 9031/)
})

test('a pasted trigger that is not JSON is located', async ({ app }) => {
  await app.getByRole('button', { name: 'Import a template from a dashboard…' }).click()
  const dialog = importDialog(app)
  await dialog.getByRole('radio', { name: /A Zendesk trigger/ }).check()
  await dialog.getByRole('textbox', { name: 'Template name' }).fill('broken')
  await dialog.getByRole('textbox', { name: 'Trigger JSON', exact: true }).fill('{nope')
  await dialog.getByRole('button', { name: 'Create template' }).click()
  const alert = dialog.getByRole('region', { name: 'Import report' }).getByRole('alert')
  await expect(alert).toContainText('could not be read as a webhook')
  await expect(alert).toContainText('pasted Zendesk trigger:1:2: Not valid JSON')
})
