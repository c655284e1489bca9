/**
 * Payload checks for known API targets: pure functions over the parsed JSON body of a
 * rendered request. Each issue names a JSON path; the engine maps it to the template.
 *
 * Codes (stable): `payload-not-object`; per vendor (`zendesk-` / `braze-`) `wrong-type`,
 * `coercible-type`, `empty-value`, `enum-case`, `enum-invalid`, `invalid-date`,
 * `unknown-field`; Zendesk `ticket-missing`, `comment-missing`, `comment-body-missing`,
 * `requester-email-missing`, `requester-conflict`, `tags-not-array`, `tag-whitespace`,
 * `custom-field-id-missing`, `custom-field-value-missing`; Braze `nothing-to-track`,
 * `too-many-objects`, `identifier-missing`, `empty-identifier`, `user-alias-invalid`,
 * `push-token-import-identifier`, `alias-update-only`, `missing-required`,
 * `value-too-long`, `property-name-empty`, `property-name-too-long`,
 * `property-name-leading-dollar`, `property-name-reserved`, `attribute-case`,
 * `country-format`, `currency-case`, `invalid-currency`, `quantity-too-large`,
 * `api-key-in-body`.
 */
import { checkBrazeUsersTrack } from './brazeUsersTrack.js'
import { PayloadChecker, type Vendor } from './checker.js'
import { describeValue, isJsonObject, type JsonObject } from './json.js'
import type { PayloadIssue, TargetId } from './types.js'
import { checkZendeskTicketCreate } from './zendeskTicketCreate.js'

export type { JsonPath, PayloadIssue, TargetId, TargetInfo } from './types.js'
export { TARGETS, inferTarget } from './targets.js'

const CHECKS: Record<TargetId, { vendor: Vendor; expected: string; check: (checker: PayloadChecker, body: JsonObject) => void }> = {
  'zendesk.tickets.create': { vendor: 'zendesk', expected: '{"ticket": {…}}', check: checkZendeskTicketCreate },
  'braze.users.track': { vendor: 'braze', expected: '{"attributes": […], "events": […], "purchases": […]}', check: checkBrazeUsersTrack },
}

/** Everything wrong with `body` (the parsed JSON of a rendered request) for the given endpoint. */
export function checkPayload(target: TargetId, body: unknown): PayloadIssue[] {
  const { vendor, expected, check } = CHECKS[target]
  const checker = new PayloadChecker(vendor)
  if (isJsonObject(body)) check(checker, body)
  else {
    const message = `The body is ${describeValue(body)}; ${checker.api} expects a JSON object ${expected}`
    checker.error('payload-not-object', [], 'value', message)
  }
  return checker.issues
}
