/**
 * Sending from the app to the fake Zendesk: the secret set in the Secrets panel is used but never
 * shown, the answer and the history appear, and the ticket the send created becomes a sample.
 */
import { clientCredentialsToken } from '../support/zendeskOAuth.js'
import { expect, openItem, sidebarItem, storeSecrets, test } from './fixtures.js'

test('a template is sent with the environment, its answer and history shown, and the created ticket kept as a sample', async ({ app, workspace, zendesk }) => {
  const token = await clientCredentialsToken(zendesk)
  await workspace.write(
    'environments/fake-sandbox.json',
    JSON.stringify({
      kind: 'sandbox',
      variables: { zendesk_subdomain: 'acme-sandbox', zendesk_base_url: zendesk.url },
      secrets: ['zendesk_oauth_token'],
      allowedHosts: [new URL(zendesk.url).host],
      zendesk: { auth: { type: 'oauth_access_token', token: 'zendesk_oauth_token' } },
    }),
  )
  const template = (await workspace.read('templates/negative-survey-to-zendesk.liquid'))
    .replace(/^url: .*$/m, 'url: "%{env.zendesk_base_url}/api/v2/tickets.json"')
    .replace(/^ {2}Authorization: .*$/m, '  Authorization: Bearer %{secret.zendesk_oauth_token}')
  await workspace.write('templates/negative-survey-to-zendesk.liquid', template)
  await app.reload()

  await storeSecrets(app, 'fake-sandbox', { zendesk_oauth_token: token })

  await openItem(app, 'Negative survey → Zendesk ticket')
  await app.getByRole('tab', { name: 'Send' }).click()
  await app.getByRole('combobox', { name: 'Environment' }).selectOption('fake-sandbox')
  await app.getByRole('button', { name: /^Send/ }).click()
  await expect(app.getByLabel('Status')).toHaveText('201 Created')
  await expect(app.getByLabel('Response body')).toContainText('"subject": "Alice rated us 2/10"')
  await expect(app.getByRole('region', { name: 'History' })).toContainText('201')
  expect([...zendesk.state.tickets.values()].map((t) => t.subject)).toEqual(['Alice rated us 2/10'])
  await expect(app.locator('body')).not.toContainText(token)

  await app.getByRole('button', { name: /Use ticket \d+ as a sample/ }).click()
  await expect(app.getByText(/saved as the sample ticket-\d+/)).toBeVisible()
  await expect(sidebarItem(app, 'ticket-1')).toBeVisible()
})
