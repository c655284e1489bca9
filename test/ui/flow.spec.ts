/**
 * The Flow view: flows listed in the sidebar, their steps as a timeline, a run against the fake
 * Zendesk and fake Braze followed step by step (running, then passed or failed), each step opening
 * onto its requests and answers, earlier runs from the history, and production asked first.
 */
import type { Page } from '@playwright/test'
import { DEFAULT_BRAZE_API_KEY, startFakeBraze, type FakeBraze } from '../fakes/braze.js'
import { startFakeZendesk, type FakeZendesk } from '../fakes/zendesk.js'
import { BRAZE_TO_ZENDESK, SAMPLE_USER, ZENDESK_TO_BRAZE } from '../e2e/flowWorkspace.js'
import { clientCredentialsToken } from '../support/zendeskOAuth.js'
import { expect, sidebarItem, storeSecrets, test, type Workspace } from './fixtures.js'

const FLOW = `name: NPS detractor round trip
description: A detractor's ticket, solved by an agent, lands on their Braze profile.
environment: fake-sandbox
braze_to_zendesk:
  template: detractor-to-zendesk
  sample: priya
agent_update:
  status: solved
zendesk_to_braze:
  template: solved-to-braze
`

let zendesk: FakeZendesk
let braze: FakeBraze
test.beforeEach(async () => {
  // Slow enough that the page sees steps running.
  zendesk = await startFakeZendesk({ responseDelayMs: 300 })
  braze = await startFakeBraze()
})
test.afterEach(async () => {
  await zendesk.close()
  await braze.close()
})

async function flowWorkspace(app: Page, workspace: Workspace, kind: 'sandbox' | 'production' = 'sandbox') {
  await workspace.write('templates/detractor-to-zendesk.liquid', BRAZE_TO_ZENDESK)
  await workspace.write('templates/solved-to-braze.liquid', ZENDESK_TO_BRAZE)
  await workspace.write('samples/braze-users/priya.json', JSON.stringify(SAMPLE_USER))
  await workspace.write(
    'environments/fake-sandbox.json',
    JSON.stringify({
      kind,
      variables: { zendesk_subdomain: zendesk.subdomain, zendesk_base_url: zendesk.url, zendesk_url: zendesk.url, braze_url: braze.url },
      secrets: ['zendesk_oauth_token', 'braze_rest_api_key'],
      allowedHosts: [new URL(zendesk.url).host, new URL(braze.url).host],
      zendesk: { auth: { type: 'oauth_access_token', token: 'zendesk_oauth_token' } },
    }),
  )
  await workspace.write('flows/nps-round-trip.yaml', FLOW)
  await app.reload()
  await storeSecrets(app, 'fake-sandbox', { zendesk_oauth_token: await clientCredentialsToken(zendesk), braze_rest_api_key: DEFAULT_BRAZE_API_KEY })
}

/** A step of the timeline, by (part of) its title. */
const step = (page: Page, title: string) => page.getByRole('list', { name: 'Steps' }).getByRole('listitem', { name: title })

test('a flow runs step by step against the fakes: each step shows its status while it runs, then its requests and answers', async ({ app, workspace }) => {
  await flowWorkspace(app, workspace)
  await sidebarItem(app, 'NPS detractor round trip').click()
  await expect(app.getByRole('heading', { level: 1, name: 'NPS detractor round trip' })).toBeVisible()
  await expect(app.getByText('flow · flows/nps-round-trip.yaml')).toBeVisible()
  await expect(app.getByLabel('Run status')).toHaveText('Not run yet: these are the steps a run takes.')
  const steps = app.getByRole('list', { name: 'Steps' }).getByRole('listitem')
  await expect(steps.first()).toContainText('Render detractor-to-zendesk for priya')
  await expect(steps.filter({ hasText: 'Pending' })).toHaveCount(await steps.count())

  await app.getByRole('button', { name: 'Run', exact: true }).click()
  // Progress: a step is running while the fake Zendesk answers.
  await expect(steps.filter({ hasText: 'Running' })).toHaveCount(1)
  await expect(app.getByLabel('Run status')).toContainText(/Running step \d+ of \d+/)
  await expect(app.getByRole('button', { name: 'Running…' })).toBeDisabled()

  await expect(app.getByLabel('Run status')).toContainText('Passed', { timeout: 30_000 })
  await expect(step(app, 'Send it to Zendesk')).toContainText('Passed')
  await expect(step(app, "Check the trigger's conditions")).toContainText('Passed')
  await expect(step(app, 'Send it to Braze')).toContainText('Passed')
  await expect(step(app, 'Delete the test ticket')).toContainText('Passed')
  expect(braze.requests.filter((r) => r.path === '/users/track')).toHaveLength(1)
  expect(zendesk.state.tickets.size).toBe(0)

  // Each step opens onto what it sent and got (secrets as stand-ins), its timing and its reason.
  const create = step(app, 'Send it to Zendesk')
  await create.getByText('Send it to Zendesk').click()
  await expect(create).toContainText(/Zendesk created ticket #\d+ \(201 Created\)/)
  await expect(create.getByRole('region', { name: 'Create the ticket' }).getByLabel('Status')).toHaveText('201 Created')
  await expect(create).toContainText(/took \d/)
  await create.getByText('Request as sent').click()
  await expect(create.getByRole('table', { name: 'Request headers' })).toContainText('Bearer <ZENDESK_OAUTH_TOKEN>')

  const trigger = step(app, "Check the trigger's conditions")
  await trigger.getByText("Check the trigger's conditions").click()
  await expect(trigger).toContainText('the trigger fires')

  // The run is in the history; it can be shown again.
  const history = app.getByRole('region', { name: 'Earlier runs' })
  await expect(history.getByRole('button')).toHaveCount(1)
  await expect(history).toContainText('passed')
  await history.getByRole('button').click()
  await expect(app.getByLabel('Run status')).toContainText(/^Run of .*Passed/)
})

test('a run that fails says where and why; the failed step is open and the later ones skipped', async ({ app, workspace }) => {
  await flowWorkspace(app, workspace)
  await workspace.write('flows/nps-round-trip.yaml', FLOW.replace('status: solved', 'status: pending'))
  await app.reload()
  await sidebarItem(app, 'NPS detractor round trip').click()
  await app.getByRole('button', { name: 'Run', exact: true }).click()
  await expect(app.getByLabel('Run status')).toContainText("Failed in", { timeout: 30_000 })
  await expect(app.getByLabel('Run status')).toContainText("Zendesk would not fire the trigger")

  const failed = step(app, "Check the trigger's conditions")
  await expect(failed).toContainText('Failed')
  // Open by itself: the reason and the condition that does not hold.
  await expect(failed).toContainText('does not fire')
  await expect(failed).toContainText('status changed to solved')
  await expect(step(app, 'Send it to Braze')).toContainText('Skipped')
  expect(braze.requests.filter((r) => r.path === '/users/track')).toHaveLength(0)
})

test('a flow file with problems is listed with them, and does not run', async ({ app, workspace }) => {
  await workspace.write('flows/broken.yaml', 'name: Broken flow\nbraze_to_zendesk:\n  template: x\n')
  await app.reload()
  // Listed by its file name while it does not parse.
  await expect(sidebarItem(app, 'broken')).toContainText('⚠')
  await sidebarItem(app, 'broken').click()
  await expect(app.getByRole('region', { name: 'Flow file problems' })).toContainText('zendesk_to_braze')
  await expect(app.getByRole('button', { name: 'Run', exact: true })).toBeDisabled()
})

test('a production environment is asked about first', async ({ app, workspace }) => {
  await flowWorkspace(app, workspace, 'production')
  await sidebarItem(app, 'NPS detractor round trip').click()
  await app.getByRole('button', { name: 'Run', exact: true }).click()
  const confirm = app.getByRole('alertdialog', { name: 'Run the flow against production?' })
  await expect(confirm).toContainText('"fake-sandbox" is a production environment')
  await confirm.getByRole('button', { name: 'Cancel' }).click()
  await expect(confirm).toBeHidden()
  expect(zendesk.state.tickets.size).toBe(0)
  await expect(app.getByLabel('Run status')).toHaveText('Not run yet: these are the steps a run takes.')

  await app.getByRole('button', { name: 'Run', exact: true }).click()
  await confirm.getByRole('button', { name: 'Run against production' }).click()
  await expect(app.getByLabel('Run status')).toContainText('Passed', { timeout: 30_000 })
  // Never deleted in production.
  await expect(step(app, 'Delete the test ticket')).toContainText('Skipped')
  expect(zendesk.state.tickets.size).toBe(1)
})
