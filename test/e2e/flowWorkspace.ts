/**
 * A workspace for flow tests, pointed at the fake Zendesk and fake Braze: a Braze → Zendesk
 * template that opens a ticket for a detractor, a Zendesk → Braze template fired when the ticket
 * is solved, a sample user, a sandbox environment (OAuth client credentials for the API, an
 * access token for the template), and a flow that connects them.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DEFAULT_BRAZE_API_KEY, type FakeBraze } from '../fakes/braze.js'
import { DEFAULT_ZENDESK_OAUTH_CLIENT, type FakeZendesk } from '../fakes/zendesk.js'
import { clientCredentialsToken } from '../support/zendeskOAuth.js'

export const BRAZE_TO_ZENDESK = `---
name: Detractor → Zendesk ticket
dialect: braze
method: POST
url: "%{env.zendesk_url}/api/v2/tickets.json"
headers:
  Content-Type: application/json
  Authorization: Bearer %{secret.zendesk_oauth_token}
---
{
  "ticket": {
    "subject": "{{\${first_name} | json_escape}} rated us {{event_properties.\${score}}}/10",
    "comment": { "body": "{{event_properties.\${comment} | json_escape}}", "public": false },
    "requester": { "name": "{{\${first_name} | json_escape}}", "email": "{{\${email_address} | json_escape}}" },
    "tags": ["braze", "nps_detractor"]
  }
}
`

export const ZENDESK_TO_BRAZE = `---
name: Solved ticket → Braze
dialect: zendesk
method: POST
url: "%{env.braze_url}/users/track"
headers:
  Content-Type: application/json
  Authorization: Bearer %{secret.braze_rest_api_key}
zendesk:
  trigger:
    title: Braze – ticket solved
    conditions: status-solved
---
{
  "events": [
    {
      "email": "{{ticket.requester.email}}",
      "name": "zendesk_ticket_solved",
      "time": "{{ticket.updated_at_with_timestamp}}",
      "properties": { "ticket_id": {{ticket.id}}, "subject": "{{ticket.title}}" }
    }
  ],
  "attributes": [
    { "email": "{{ticket.requester.email}}", "last_zendesk_ticket_id": {{ticket.id}} }
  ]
}
`

export const SAMPLE_USER = {
  external_id: 'cust-10482',
  first_name: 'Priya',
  email: 'priya.raman@northwind.example',
  custom_attributes: { plan: 'enterprise' },
  event_properties: { score: 3, comment: 'The CSV export "hangs" at 99%.\nWe need it for month-end.' },
}

export const FLOW = `# The NPS round trip: a detractor's ticket, solved by an agent, lands on their Braze profile.
name: NPS detractor round trip
environment: sandbox
braze_to_zendesk:
  template: detractor-to-zendesk
  sample: priya
agent_update:
  status: solved
zendesk_to_braze:
  template: solved-to-braze
verify:
  user: requester-email
  events: [zendesk_ticket_solved]
  attributes:
    last_zendesk_ticket_id: "{{ticket.id}}"
  timeout_seconds: 3
  interval_seconds: 0.05
`

export interface FlowWorkspace {
  root: string
  /** Secret values by name, for a memory store. */
  secrets: Record<string, string>
  /** The same secrets as the CLI reads them (HOOKBENCH_SECRET_<NAME>). */
  secretEnv: Record<string, string>
  write(path: string, text: string): void
  /** The sandbox environment file, with changes. */
  writeEnvironment(name: string, changes?: Record<string, unknown>): void
}

export async function makeFlowWorkspace(zendesk: FakeZendesk, braze: FakeBraze, receiverUrl?: string): Promise<FlowWorkspace> {
  const root = join(mkdtempSync(join(tmpdir(), 'hookbench-flow-')), 'ws')
  const write = (path: string, text: string) => {
    mkdirSync(join(root, path, '..'), { recursive: true })
    writeFileSync(join(root, path), text)
  }
  const secrets = {
    zendesk_oauth_token: await clientCredentialsToken(zendesk),
    zendesk_client_secret: DEFAULT_ZENDESK_OAUTH_CLIENT.clientSecret,
    braze_rest_api_key: DEFAULT_BRAZE_API_KEY,
  }
  const writeEnvironment = (name: string, changes: Record<string, unknown> = {}) => {
    const environment = {
      kind: 'sandbox',
      variables: {
        zendesk_subdomain: zendesk.subdomain,
        zendesk_base_url: zendesk.url,
        zendesk_url: zendesk.url,
        // Where the template sends (a signature-checking receiver, maybe), and where Hookbench looks profiles up.
        braze_url: receiverUrl ?? braze.url,
        braze_base_url: braze.url,
      },
      secrets: Object.keys(secrets),
      allowedHosts: [...new Set([zendesk.url, braze.url, receiverUrl ?? braze.url].map((url) => new URL(url).host))],
      zendesk: { auth: { type: 'oauth_client_credentials', clientId: DEFAULT_ZENDESK_OAUTH_CLIENT.clientId, clientSecret: 'zendesk_client_secret' } },
      ...changes,
    }
    write(`environments/${name}.json`, JSON.stringify(environment, null, 2))
  }
  write('templates/detractor-to-zendesk.liquid', BRAZE_TO_ZENDESK)
  write('templates/solved-to-braze.liquid', ZENDESK_TO_BRAZE)
  write('samples/braze-users/priya.json', JSON.stringify(SAMPLE_USER, null, 2))
  mkdirSync(join(root, 'samples', 'zendesk-tickets'), { recursive: true })
  writeEnvironment('sandbox')
  write('flows/nps-round-trip.yaml', FLOW)
  const secretEnv = Object.fromEntries(Object.entries(secrets).map(([name, value]) => [`HOOKBENCH_SECRET_${name.toUpperCase()}`, value]))
  return { root, secrets, secretEnv, write, writeEnvironment }
}
