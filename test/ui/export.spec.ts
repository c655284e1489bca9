/**
 * The Export panel: one sub-tab per dashboard target, the problems first (a click moves the
 * cursor), each field with its own Copy button, the whole export copied and saved as a file,
 * secrets as stand-ins until the user confirms, and "Create in sandbox" against the fake Zendesk
 * (production asks first).
 */
import { readFile } from 'node:fs/promises'
import type { Page } from '@playwright/test'
import type { FakeZendesk } from '../fakes/zendesk.js'
import { clientCredentialsToken } from '../support/zendeskOAuth.js'
import { expect, openItem, primary, replaceLine, storeSecrets, test, type Workspace } from './fixtures.js'

test.use({ permissions: ['clipboard-read', 'clipboard-write'] })

const clipboard = (page: Page) => page.evaluate('navigator.clipboard.readText()') as Promise<string>

function exportPanel(page: Page) {
  return page.getByRole('complementary', { name: 'Request' })
}

async function openExport(page: Page, template: string) {
  await openItem(page, template)
  await page.getByRole('tab', { name: 'Export' }).click()
  await expect(page.getByRole('tab', { name: 'Export' })).toHaveAttribute('aria-selected', 'true')
}

test('a Braze template exports to the composer and the messaging API, problems first, each field copied', async ({ app }) => {
  await openExport(app, 'Negative survey → Zendesk ticket')
  const panel = exportPanel(app)
  const targets = panel.getByRole('tablist', { name: 'Export targets' })
  await expect(targets.getByRole('tab')).toHaveText(['Webhook composer', 'Messaging API object'])
  await expect(targets.getByRole('tab', { name: 'Webhook composer' })).toHaveAttribute('aria-selected', 'true')

  // The problems come before the fields, and a click puts the cursor where the problem is.
  const problems = panel.getByRole('list', { name: 'Export problems' })
  const tokenProblem = problems.getByRole('button', { name: /Zendesk API token/ })
  await expect(tokenProblem).toContainText('9:18')
  await tokenProblem.click()
  await expect(app.getByLabel('Cursor position')).toHaveText('Ln 9, Col 18')

  await expect(panel.getByRole('textbox', { name: 'Webhook URL', exact: true })).toHaveValue('https://acme-sandbox.zendesk.com/api/v2/tickets.json')
  await expect(panel.getByRole('textbox', { name: 'Header key 1' })).toHaveValue('Content-Type')
  await expect(panel.getByRole('textbox', { name: 'Request body (Raw text)' })).toHaveValue(/abort_message\('Survey score is not negative'\)/)

  await panel.getByRole('button', { name: 'Copy Webhook URL' }).click()
  await expect(panel.getByRole('button', { name: 'Copy Webhook URL' }).locator('..').getByRole('status')).toHaveText('Copied')
  expect(await clipboard(app)).toBe('https://acme-sandbox.zendesk.com/api/v2/tickets.json')

  await panel.getByRole('button', { name: 'Copy Request body (Raw text)' }).click()
  expect(await clipboard(app)).toContain("{%- assign plan = custom_attribute.${plan} | default: 'free' -%}")

  await panel.getByRole('button', { name: 'Copy everything as text' }).click()
  expect(await clipboard(app)).toContain('Braze webhook composer, Compose tab')

  // The messaging-API object: its JSON copied and saved as a .json file; the body as a .txt file.
  await targets.getByRole('tab', { name: 'Messaging API object' }).click()
  await expect(panel.getByLabel('Export as JSON')).toContainText('"request_method": "POST"')
  await panel.getByRole('button', { name: 'Copy JSON' }).click()
  const copied = JSON.parse(await clipboard(app)) as { url: string; request_method: string; body: string }
  expect(copied.url).toBe('https://acme-sandbox.zendesk.com/api/v2/tickets.json')
  expect(copied.request_method).toBe('POST')

  const [json] = await Promise.all([app.waitForEvent('download'), panel.getByRole('button', { name: 'Save as file (.json)' }).click()])
  expect(json.suggestedFilename()).toBe('negative-survey-to-zendesk.braze-api.json')
  expect(JSON.parse(await readFile((await json.path())!, 'utf8'))).toEqual(copied)

  const [body] = await Promise.all([app.waitForEvent('download'), panel.getByRole('button', { name: 'Save body as file (.txt)' }).click()])
  expect(body.suggestedFilename()).toBe('negative-survey-to-zendesk.body.txt')
  expect(await readFile((await body.path())!, 'utf8')).toBe(copied.body)
})

test('the export is of the saved file, and follows a save', async ({ app }) => {
  await openExport(app, 'Negative survey → Zendesk ticket')
  const panel = exportPanel(app)
  await expect(panel.getByRole('textbox', { name: 'Webhook URL', exact: true })).toHaveValue('https://acme-sandbox.zendesk.com/api/v2/tickets.json')
  await replaceLine(app, 'url: https://acme-sandbox', 'url: https://acme-other.zendesk.com/api/v2/tickets.json')
  await expect(panel.getByText('The export is of the saved file')).toBeVisible()
  await app.keyboard.press(`${primary}+s`)
  await expect(panel.getByRole('textbox', { name: 'Webhook URL', exact: true })).toHaveValue('https://acme-other.zendesk.com/api/v2/tickets.json')
  await expect(panel.getByText('The export is of the saved file')).toBeHidden()
})

async function sandboxWithToken(app: Page, workspace: Workspace) {
  await workspace.write(
    'environments/acme-sandbox.json',
    JSON.stringify({
      kind: 'sandbox',
      variables: { zendesk_subdomain: 'acme-sandbox' },
      secrets: ['zendesk_oauth_token'],
      allowedHosts: ['acme-sandbox.zendesk.com'],
    }),
  )
  const template = (await workspace.read('templates/negative-survey-to-zendesk.liquid'))
    .replace(/^url: .*$/m, 'url: https://%{env.zendesk_subdomain}.zendesk.com/api/v2/tickets.json')
    .replace(/^ {2}Authorization: .*$/m, '  Authorization: Bearer %{secret.zendesk_oauth_token}')
  await workspace.write('templates/negative-survey-to-zendesk.liquid', template)
  await app.reload()
  await storeSecrets(app, 'acme-sandbox', { zendesk_oauth_token: 'real-oauth-7f3a9c' })
}

test('secrets are stand-ins until the user confirms, and go away again', async ({ app, workspace }) => {
  await sandboxWithToken(app, workspace)
  await openExport(app, 'Negative survey → Zendesk ticket')
  const panel = exportPanel(app)
  await expect(app.getByRole('combobox', { name: 'Environment' })).toHaveValue('acme-sandbox')
  const authorization = panel.getByRole('textbox', { name: 'Authorization value' })
  await expect(authorization).toHaveValue('Bearer <ZENDESK_OAUTH_TOKEN>')
  await expect(panel.getByRole('textbox', { name: 'Webhook URL', exact: true })).toHaveValue('https://acme-sandbox.zendesk.com/api/v2/tickets.json')

  // Cancelled: nothing changes.
  await panel.getByRole('button', { name: 'Include real secret values…' }).click()
  const confirm = app.getByRole('alertdialog', { name: 'Include real secret values?' })
  await expect(confirm).toContainText('Anyone who sees your screen')
  await confirm.getByRole('button', { name: 'Cancel' }).click()
  await expect(confirm).toBeHidden()
  await expect(authorization).toHaveValue('Bearer <ZENDESK_OAUTH_TOKEN>')

  await panel.getByRole('button', { name: 'Include real secret values…' }).click()
  await confirm.getByRole('button', { name: 'Show real secret values' }).click()
  await expect(authorization).toHaveValue('Bearer real-oauth-7f3a9c')
  const banner = panel.getByRole('alert').filter({ hasText: 'Real secret values of acme-sandbox are on screen' })
  await expect(banner).toBeVisible()
  await panel.getByRole('button', { name: 'Copy Authorization value' }).click()
  expect(await clipboard(app)).toBe('Bearer real-oauth-7f3a9c')

  // Real values are shown for one target at a time: another target is stand-ins again.
  await panel.getByRole('tab', { name: 'Messaging API object' }).click()
  await expect(panel.getByLabel('Export as JSON')).toContainText('Bearer <ZENDESK_OAUTH_TOKEN>')
  await expect(banner).toBeHidden()
  await panel.getByRole('tab', { name: 'Webhook composer' }).click()
  await expect(authorization).toHaveValue('Bearer <ZENDESK_OAUTH_TOKEN>')

  // Back to stand-ins with the banner's button.
  await panel.getByRole('button', { name: 'Include real secret values…' }).click()
  await confirm.getByRole('button', { name: 'Show real secret values' }).click()
  await expect(authorization).toHaveValue('Bearer real-oauth-7f3a9c')
  await banner.getByRole('button', { name: 'Back to stand-ins' }).click()
  await expect(authorization).toHaveValue('Bearer <ZENDESK_OAUTH_TOKEN>')
  await expect(banner).toBeHidden()

  // Leaving the panel forgets them.
  await panel.getByRole('button', { name: 'Include real secret values…' }).click()
  await confirm.getByRole('button', { name: 'Show real secret values' }).click()
  await expect(authorization).toHaveValue('Bearer real-oauth-7f3a9c')
  await app.getByRole('tab', { name: 'Preview' }).click()
  await app.getByRole('tab', { name: 'Export' }).click()
  await expect(authorization).toHaveValue('Bearer <ZENDESK_OAUTH_TOKEN>')
  await expect(panel.getByRole('alert').filter({ hasText: 'Real secret values' })).toHaveCount(0)
})

test.describe('Create in sandbox', () => {
  async function zendeskEnvironment(app: Page, workspace: Workspace, zendesk: FakeZendesk, name: string, kind: 'sandbox' | 'production') {
    const token = await clientCredentialsToken(zendesk)
    await workspace.write(
      `environments/${name}.json`,
      JSON.stringify({
        kind,
        variables: { zendesk_subdomain: zendesk.subdomain, zendesk_base_url: zendesk.url, braze_instance: 'US-01' },
        secrets: ['zendesk_oauth_token', 'braze_rest_api_key'],
        allowedHosts: [new URL(zendesk.url).host, 'rest.iad-01.braze.com'],
        zendesk: { auth: { type: 'oauth_access_token', token: 'zendesk_oauth_token' } },
      }),
    )
    const template = (await workspace.read('templates/solved-ticket-to-braze.liquid'))
      .replace(/^url: .*$/m, 'url: "https://%{env.braze_rest_host}/users/track"')
      .replace(/^ {2}Authorization: .*$/m, '  Authorization: Bearer %{secret.braze_rest_api_key}')
    expect(template).toContain('conditions: status-solved')
    await workspace.write('templates/solved-ticket-to-braze.liquid', template)
    await app.reload()
    await storeSecrets(app, name, { zendesk_oauth_token: token, braze_rest_api_key: 'braze-key-0c0ffee' })
  }

  test('creates the webhook and the trigger in the fake Zendesk, then updates them', async ({ app, workspace, zendesk }) => {
    await zendeskEnvironment(app, workspace, zendesk, 'zendesk-sandbox', 'sandbox')
    await openExport(app, 'Solved ticket → Braze event')
    const panel = exportPanel(app)
    await expect(panel.getByRole('tablist', { name: 'Export targets' }).getByRole('tab')).toHaveText(['Webhook', 'Trigger'])
    await expect(panel.getByRole('textbox', { name: 'Token' })).toHaveValue('<BRAZE_REST_API_KEY>')
    await expect(panel.getByText("A deploy replaces the trigger's conditions and actions")).toBeVisible()

    await panel.getByRole('button', { name: 'Create in sandbox' }).click()
    const result = panel.getByRole('region', { name: 'Deploy result' })
    await expect(result.getByRole('list', { name: 'Created and updated' })).toContainText(/Webhook \S+ created/)
    await expect(result).toContainText('Trigger 1 created')
    await expect(result).toContainText('Ids recorded in the template (zendesk.deployed.zendesk-sandbox)')

    const [webhook] = [...zendesk.state.webhooks.values()]
    expect(webhook).toMatchObject({ endpoint: 'https://rest.iad-01.braze.com/users/track', authentication: { data: { token: 'braze-key-0c0ffee' } } })
    const trigger = zendesk.state.triggers.get(1)!
    expect(trigger.conditions.all).toEqual([
      { field: 'update_type', operator: 'is', value: 'Change' },
      { field: 'status', operator: 'value', value: 'solved' },
    ])
    const saved = await workspace.read('templates/solved-ticket-to-braze.liquid')
    expect(saved).toContain(`webhook_id: ${webhook!.id}`)
    expect(saved).toContain('trigger_id: 1')
    // The real key went to Zendesk, never to the page.
    await expect(app.locator('body')).not.toContainText('braze-key-0c0ffee')

    // The editor shows the recorded ids, and the trigger's export names the deployed webhook.
    await expect(app.locator('.monaco-editor .view-line', { hasText: `webhook_id: ${webhook!.id}` })).toBeVisible()
    await panel.getByRole('tab', { name: 'Trigger' }).click()
    await expect(panel.getByLabel('Export as JSON')).toContainText(`"${webhook!.id}"`)

    await panel.getByRole('button', { name: 'Create in sandbox' }).click()
    await expect(result).toContainText(`Webhook ${webhook!.id} updated`)
    await expect(result).toContainText('Trigger 1 updated')
    expect(zendesk.state.webhooks.size).toBe(1)
    expect(zendesk.state.triggers.size).toBe(1)
  })

  test('a production environment asks first', async ({ app, workspace, zendesk }) => {
    await zendeskEnvironment(app, workspace, zendesk, 'zendesk-live', 'production')
    await openExport(app, 'Solved ticket → Braze event')
    const panel = exportPanel(app)
    await app.getByRole('combobox', { name: 'Environment' }).selectOption('zendesk-live')

    await panel.getByRole('button', { name: 'Create in production' }).click()
    const confirm = app.getByRole('alertdialog', { name: 'Create in production (zendesk-live)?' })
    await expect(confirm).toContainText('real tickets')
    await confirm.getByRole('button', { name: 'Cancel' }).click()
    await expect(confirm).toBeHidden()
    expect(zendesk.state.webhooks.size).toBe(0)
    await expect(panel.getByRole('region', { name: 'Deploy result' })).toHaveCount(0)

    await panel.getByRole('button', { name: 'Create in production' }).click()
    await confirm.getByRole('button', { name: 'Create in production' }).click()
    await expect(panel.getByRole('region', { name: 'Deploy result' })).toContainText('Trigger 1 created')
    expect(zendesk.state.webhooks.size).toBe(1)
    expect(await workspace.read('templates/solved-ticket-to-braze.liquid')).toContain('zendesk-live:')
  })

  test('a deploy Zendesk refuses is reported with its reason', async ({ app, workspace, zendesk }) => {
    await zendeskEnvironment(app, workspace, zendesk, 'zendesk-sandbox', 'sandbox')
    // The webhook would carry the Braze key to a host the environment does not allow.
    const environment = JSON.parse(await workspace.read('environments/zendesk-sandbox.json')) as { allowedHosts: string[] }
    environment.allowedHosts = environment.allowedHosts.filter((h) => h !== 'rest.iad-01.braze.com')
    await workspace.write('environments/zendesk-sandbox.json', JSON.stringify(environment))
    await app.reload()
    await openExport(app, 'Solved ticket → Braze event')
    const panel = exportPanel(app)
    await panel.getByRole('button', { name: 'Create in sandbox' }).click()
    await expect(panel.getByRole('region', { name: 'Deploy result' }).getByRole('alert')).toContainText('rest.iad-01.braze.com, which is not among the hosts')
    expect(zendesk.state.webhooks.size).toBe(0)
  })
})
