/**
 * Braze's hashing filters. Output for the documented examples is verified (braze.md §2.4);
 * every HMAC filter takes the secret key as its single argument.
 */
import { createHash, createHmac } from 'node:crypto'
import { toText } from '../../engine/filters/filterScope.js'
import type { FilterSet } from '../../engine/filters/filterScope.js'

type Algorithm = 'md5' | 'sha1' | 'sha256' | 'sha512'

const digest = (algorithm: Algorithm) => (input: unknown): string =>
  createHash(algorithm).update(toText(input), 'utf8').digest('hex')

const hmac = (algorithm: Algorithm, encoding: 'hex' | 'base64') => (input: unknown, key: unknown): string =>
  createHmac(algorithm, toText(key)).update(toText(input), 'utf8').digest(encoding)

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
