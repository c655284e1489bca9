/**
 * REST API key checks (braze.md §5.1): `Authorization: Bearer <key>`, each key scoped to
 * permissions such as `users.track`. The deprecated `api_key` in the body (sunset announced
 * in 2020) is not accepted: whether Braze still takes it is UNCONFIRMED.
 */
import { bearerToken, type FakeRequest, type FakeResponse } from '../http.js'
import { brazeError, invalidApiKey } from './errors.js'
import type { BrazePermission, BrazeState } from './state.js'

/**
 * The status for a known key that lacks the endpoint's permission. UNCONFIRMED: §5.2's table
 * has no row for it; 403 ("Forbidden") is the closest documented meaning, 401 the other
 * plausible reading, so tests can choose.
 */
export type MissingPermissionStatus = 401 | 403

/** undefined when the request may proceed, else the refusal. */
export function authorize(
  request: FakeRequest,
  state: BrazeState,
  permission: BrazePermission,
  missingPermissionStatus: MissingPermissionStatus,
): FakeResponse | undefined {
  const key = bearerToken(request.headers)
  const apiKey = key === undefined ? undefined : state.apiKeys.find((candidate) => candidate.key === key)
  if (apiKey === undefined) return invalidApiKey(key)
  if (!apiKey.permissions.includes(permission)) {
    return brazeError(missingPermissionStatus, `This API key does not have the ${permission} permission`)
  }
  return undefined
}
