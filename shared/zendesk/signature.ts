/**
 * Zendesk webhook signatures (zendesk.md §0 item 5, §3.4):
 * `X-Zendesk-Webhook-Signature = base64(HMAC-SHA256(secret, timestamp + raw body))`, with the
 * timestamp (ISO 8601 UTC, to the second) in `X-Zendesk-Webhook-Signature-Timestamp`.
 */
import { hmac } from '@noble/hashes/hmac.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToBase64, utf8Bytes } from '../engine/bytes.js'

export const SIGNATURE_HEADER = 'X-Zendesk-Webhook-Signature'
export const SIGNATURE_TIMESTAMP_HEADER = 'X-Zendesk-Webhook-Signature-Timestamp'

/**
 * Tests of a webhook that does not exist yet are signed with this static secret. It looks like
 * base64, but Zendesk uses the string itself as the key.
 */
export const ZENDESK_TEST_SIGNING_SECRET = 'dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmdfb25seQ=='

export function zendeskSignature(secret: string, timestamp: string, body: string): string {
  return bytesToBase64(hmac(sha256, utf8Bytes(secret), utf8Bytes(timestamp + body)))
}

/** Zendesk's timestamp format: `2021-03-25T05:09:27Z`. */
export function signatureTimestamp(at: Date): string {
  return at.toISOString().replace(/\.\d{3}Z$/, 'Z')
}

export function signatureHeaders(secret: string, body: string, at: Date): Record<string, string> {
  const timestamp = signatureTimestamp(at)
  return { [SIGNATURE_HEADER]: zendeskSignature(secret, timestamp, body), [SIGNATURE_TIMESTAMP_HEADER]: timestamp }
}
