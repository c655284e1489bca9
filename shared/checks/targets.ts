/**
 * The API endpoints Hookbench knows, recognised by URL path on any host: a Zendesk
 * subdomain or sandbox, any Braze REST instance (braze.md §5.1), or a local fake server.
 */
import type { TargetId, TargetInfo } from './types.js'

/**
 * The path of a URL without needing it to parse: rendered URLs may still hold Liquid
 * (`https://{{subdomain}}.zendesk.com/…`) or lack a scheme (`{{ticket.url}}` renders none).
 */
function pathOf(url: string): string {
  const withoutAuthority = url.trim().replace(/^(?:[a-z][a-z\d+.-]*:)?(?:\/\/)?[^/?#]*/i, '')
  return withoutAuthority.replace(/[?#].*$/s, '')
}

function pathMatcher(pattern: RegExp): (url: string) => boolean {
  return (url) => pattern.test(pathOf(url))
}

export const TARGETS: Record<TargetId, TargetInfo> = {
  'zendesk.tickets.create': {
    id: 'zendesk.tickets.create',
    title: 'Zendesk: create a ticket',
    method: 'POST',
    docsUrl: 'https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/#create-ticket',
    // zendesk.md §5.1: with or without `.json`. `/api/v2/tickets/{id}` (update) is not this endpoint.
    matches: pathMatcher(/^\/api\/v2\/tickets(?:\.json)?\/?$/),
  },
  'braze.users.track': {
    id: 'braze.users.track',
    title: 'Braze: track users (POST /users/track)',
    method: 'POST',
    docsUrl: 'https://www.braze.com/docs/api/endpoints/user_data/post_user_track/',
    // `/users/track/sync` is excluded: it accepts one object per request (braze.md §5.2), so these checks don't fit it.
    matches: pathMatcher(/^\/users\/track\/?$/),
  },
}

/** The known endpoint a request addresses, if any. */
export function inferTarget(method: string, url: string): TargetId | undefined {
  return Object.values(TARGETS).find((target) => target.method === method.toUpperCase() && target.matches(url))?.id
}
