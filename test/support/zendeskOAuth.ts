/** An OAuth access token from the fake Zendesk, as an admin would paste one into Hookbench. */
import { DEFAULT_ZENDESK_OAUTH_CLIENT, type FakeZendesk } from '../fakes/zendesk.js'

export interface IssuedTokens {
  access_token: string
  refresh_token: string
}

export async function clientCredentialsTokens(zendesk: FakeZendesk): Promise<IssuedTokens> {
  const response = await fetch(`${zendesk.url}/oauth/tokens`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      grant_type: 'client_credentials',
      client_id: DEFAULT_ZENDESK_OAUTH_CLIENT.clientId,
      client_secret: DEFAULT_ZENDESK_OAUTH_CLIENT.clientSecret,
    }),
  })
  return (await response.json()) as IssuedTokens
}

export async function clientCredentialsToken(zendesk: FakeZendesk): Promise<string> {
  return (await clientCredentialsTokens(zendesk)).access_token
}
