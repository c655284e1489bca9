/**
 * Users (zendesk.md §5.2): `GET /api/v2/users/{id}` and `/users/me`, plus the presenters
 * the ticket sideloads share for users, organizations and groups.
 */
import { jsonResponse, type FakeResponse } from '../http.js'
import { numericId, resourceUrl, type ZendeskRouter } from './context.js'
import { recordNotFound } from './errors.js'
import type { ZendeskGroup, ZendeskOrganization, ZendeskUser } from './state.js'

export function presentUser(baseUrl: string, user: ZendeskUser): Record<string, unknown> {
  return { url: resourceUrl(baseUrl, 'users', user.id), ...user }
}

export function presentOrganization(baseUrl: string, organization: ZendeskOrganization): Record<string, unknown> {
  return { url: resourceUrl(baseUrl, 'organizations', organization.id), ...organization }
}

export function presentGroup(baseUrl: string, group: ZendeskGroup): Record<string, unknown> {
  return { url: resourceUrl(baseUrl, 'groups', group.id), ...group }
}

/**
 * `GET /api/v2/users/me` without credentials: 200 "Anonymous user", not 401 (§5.2 warns not
 * to use it as a credential check). UNCONFIRMED: the exact anonymous user fields.
 */
export function anonymousUser(): FakeResponse {
  return jsonResponse(200, { user: { id: null, url: null, name: 'Anonymous user', email: 'invalid@example.com', role: 'end-user' } })
}

/** Whether a path is `/api/v2/users/me(.json)`. */
export function isUsersMe(path: string): boolean {
  return /^\/api\/v2\/users\/me(?:\.json)?$/.test(path)
}

export function registerUserRoutes(router: ZendeskRouter): void {
  router.on('GET', '/api/v2/users/me', (_request, _params, context) =>
    jsonResponse(200, { user: presentUser(context.baseUrl, context.principal) }), { dotJson: true })

  router.on('GET', '/api/v2/users/:id', (_request, params, context) => {
    const id = numericId(params.id)
    const user = id === undefined ? undefined : context.state.users.get(id)
    return user === undefined ? recordNotFound() : jsonResponse(200, { user: presentUser(context.baseUrl, user) })
  }, { dotJson: true })
}
