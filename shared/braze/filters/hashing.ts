/**
 * Braze's hashing filters. Output for the documented examples is verified (braze.md §2.4);
 * every HMAC filter takes the secret key as its single argument.
 */
import { hmac as hmacOf } from '@noble/hashes/hmac.js'
import { md5, sha1 } from '@noble/hashes/legacy.js'
import { sha256, sha512 } from '@noble/hashes/sha2.js'
import { bytesToHex } from '@noble/hashes/utils.js'
import { bytesToBase64, utf8Bytes } from '../../engine/bytes.js'
import { toText } from '../../engine/filters/filterScope.js'
import type { FilterSet } from '../../engine/filters/filterScope.js'

// Pure-JS hashes rather than node:crypto: the same filters run in the editor's browser preview.
const ALGORITHMS = { md5, sha1, sha256, sha512 }
type Algorithm = keyof typeof ALGORITHMS

const digest = (algorithm: Algorithm) => (input: unknown): string =>
  bytesToHex(ALGORITHMS[algorithm](utf8Bytes(toText(input))))

const hmac = (algorithm: Algorithm, encoding: 'hex' | 'base64') => (input: unknown, key: unknown): string => {
  const signature = hmacOf(ALGORITHMS[algorithm], utf8Bytes(toText(key)), utf8Bytes(toText(input)))
  return encoding === 'hex' ? bytesToHex(signature) : bytesToBase64(signature)
}

export const HASHING_FILTERS: FilterSet = {
  md5: digest('md5'),
  sha1: digest('sha1'),
  sha2: digest('sha256'),
  hmac_sha1_hex: hmac('sha1', 'hex'),
  hmac_sha1: hmac('sha1', 'hex'),
  hmac_sha1_base64: hmac('sha1', 'base64'),
  hmac_sha256_hex: hmac('sha256', 'hex'),
  hmac_sha256_base64: hmac('sha256', 'base64'),
  // UNCONFIRMED: Braze lists hmac_sha256 and hmac_sha512 without saying how they encode the
  // signature; hex is Shopify's choice for hmac_sha256 and matches the `_hex` variants.
  hmac_sha256: hmac('sha256', 'hex'),
  hmac_sha512: hmac('sha512', 'hex'),
}
