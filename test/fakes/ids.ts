/** Identifier and secret generators for the fakes. */
import { randomBytes } from 'node:crypto'

/** Incrementing numeric ids that never collide with seeded records. */
export class Sequence {
  private last: number

  constructor(start = 1) {
    this.last = start - 1
  }

  next(): number {
    this.last += 1
    return this.last
  }

  /** Records an id that already exists (a seeded record), so `next` skips past it. */
  observe(id: number): void {
    if (id > this.last) this.last = id
  }
}

const CROCKFORD_BASE32 = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

/**
 * A 26-character ULID (48-bit timestamp + 80 random bits, Crockford base32), the shape of
 * Zendesk webhook ids such as `01GK8E6BKWMJZD2TEXAMPLE` (zendesk.md §3.2).
 */
export function ulid(nowMs: number): string {
  let time = ''
  let remaining = nowMs
  for (let i = 0; i < 10; i += 1) {
    time = CROCKFORD_BASE32[remaining % 32] + time
    remaining = Math.floor(remaining / 32)
  }
  const random = [...randomBytes(16)].map((byte) => CROCKFORD_BASE32[byte % 32]).join('')
  return time + random
}

/** Random hex, for tokens and secrets. */
export function randomHex(bytes: number): string {
  return randomBytes(bytes).toString('hex')
}

/** Random base64, for signing secrets. */
export function randomBase64(bytes: number): string {
  return randomBytes(bytes).toString('base64')
}
