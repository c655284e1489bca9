import { afterEach, describe, expect, it } from 'vitest'
import { DEFAULT_BRAZE_API_KEY, startFakeBraze, type FakeBraze, type FakeBrazeOptions } from '../fakes/braze.js'
import { manualClock } from '../fakes/clock.js'

const EVENT = { external_id: 'u1', name: 'rented_movie', time: '2026-11-20T19:20:45+01:00' }
const PURCHASE = { external_id: 'u1', product_id: 'sku-1', currency: 'USD', price: 12.5, quantity: 2, time: '2026-11-21T18:47:12Z' }

let fake: FakeBraze | undefined

afterEach(async () => {
  await fake?.close()
  fake = undefined
})

async function start(options: FakeBrazeOptions = {}): Promise<FakeBraze> {
  fake = await startFakeBraze(options)
  return fake
}

interface Answer {
  status: number
  headers: Headers
  json: any
}

/** A POST to the running fake; `key: null` sends no Authorization header. */
async function post(path: string, body: unknown, key: string | null = DEFAULT_BRAZE_API_KEY): Promise<Answer> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' }
  if (key !== null) headers.Authorization = `Bearer ${key}`
  const response = await fetch(`${fake!.url}${path}`, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
    redirect: 'manual',
  })
  const text = await response.text()
  return { status: response.status, headers: response.headers, json: text === '' ? undefined : JSON.parse(text) }
}

const track = (body: unknown, key?: string | null) => post('/users/track', body, key)
const exportIds = (body: unknown, key?: string | null) => post('/users/export/ids', body, key)

/** Tracks `body`, waits until Braze would have applied it, and returns the export of `externalId`. */
async function trackThenExport(body: unknown, externalId = 'u1'): Promise<Record<string, any> | undefined> {
  expect((await track(body)).status).toBe(201)
  await fake!.settled()
  return (await exportIds({ external_ids: [externalId] })).json.users[0]
}

describe('fake Braze: REST API keys', () => {
  it('refuses a missing or unknown key with 401 and a {"message"} body', async () => {
    await start()
    for (const key of [null, 'unknown-key']) {
      const refused = await track({ attributes: [{ external_id: 'u1' }] }, key)
      expect(refused.status).toBe(401)
      expect(refused.json).toEqual({ message: expect.stringMatching(/^Invalid API key/) })
    }
  })

  it('refuses a key without the endpoint’s permission (403 by default, 401 when configured)', async () => {
    const keys = [{ key: 'track-only', permissions: ['users.track' as const] }]
    await start({ apiKeys: keys })
    expect((await track({ attributes: [{ external_id: 'u1' }] }, 'track-only')).status).toBe(201)
    const forbidden = await exportIds({ external_ids: ['u1'] }, 'track-only')
    expect(forbidden.status).toBe(403)
    expect(forbidden.json.message).toContain('users.export.ids')
    await fake!.close()
    await start({ apiKeys: keys, missingPermissionStatus: 401 })
    expect((await exportIds({ external_ids: ['u1'] }, 'track-only')).status).toBe(401)
  })
})

describe('fake Braze: /users/track responses', () => {
  it('answers 201 success with a count for each array sent, and only those', async () => {
    await start()
    const all = await track({ attributes: [{ external_id: 'u1', first_name: 'Ada' }], events: [EVENT, EVENT], purchases: [PURCHASE] })
    expect(all.status).toBe(201)
    expect(all.json).toEqual({ message: 'success', attributes_processed: 1, events_processed: 2, purchases_processed: 1 })
    expect((await track({ events: [EVENT] })).json).toEqual({ message: 'success', events_processed: 1 })
  })

  it('answers more than 75 objects in an array with a fatal 400 Max Input Length Exceeded', async () => {
    const braze = await start()
    const attributes = Array.from({ length: 76 }, (_, index) => ({ external_id: `u${index}` }))
    const tooMany = await track({ attributes })
    expect(tooMany.status).toBe(400)
    expect(tooMany.json).toEqual({ message: 'Max Input Length Exceeded', errors: [{ type: expect.stringContaining('76 objects'), input_array: 'attributes' }] })
    expect(braze.pendingTracking).toBe(0)
    expect((await track({ attributes: attributes.slice(0, 75) })).status).toBe(201)
  })

  it('answers a body that is not a tracking request with a fatal 400', async () => {
    await start()
    const notJson = await track('{"attributes": [')
    expect(notJson.status).toBe(400)
    expect(notJson.json.message).toMatch(/^Invalid JSON/)
    for (const body of [[], { attributes: { external_id: 'u1' } }]) {
      const fatal = await track(body)
      expect(fatal.status).toBe(400)
      expect(fatal.json).toEqual({ message: 'Bad Request', errors: [expect.objectContaining({ type: expect.any(String) })] })
    }
  })

  it('skips objects with minor errors, reports them by array and index, and processes the rest', async () => {
    const braze = await start()
    const answer = await track({
      attributes: [{ external_id: 'ok', first_name: 'Ada' }, { first_name: 'nobody' }],
      events: [
        { ...EVENT, time: undefined },
        { ...EVENT, properties: { time: 'reserved', $bad: 1 } },
        EVENT,
      ],
      purchases: [{ ...PURCHASE, quantity: 101 }],
    })
    expect(answer.status).toBe(201)
    expect(answer.json).toEqual({
      message: 'success',
      attributes_processed: 1,
      events_processed: 1,
      purchases_processed: 0,
      errors: [
        { type: "'external_id' or 'braze_id' or 'user_alias' is required", input_array: 'attributes', index: 1 },
        { type: expect.stringContaining('time'), input_array: 'events', index: 0 },
        { type: expect.stringContaining('reserved'), input_array: 'events', index: 1 },
        { type: expect.stringContaining('$'), input_array: 'events', index: 1 },
        { type: expect.stringContaining('at most 100'), input_array: 'purchases', index: 0 },
      ],
    })
    await braze.settled()
    expect(braze.state.users.map((user) => user.external_id).sort()).toEqual(['ok', 'u1'])
    expect(braze.state.users.find((user) => user.external_id === 'u1')!.events).toHaveLength(1)
  })

  it('accepts what Braze accepts: warnings such as a case-variant attribute are not errors', async () => {
    await start()
    const answer = await track({ attributes: [{ external_id: 'u1', First_Name: 'Ada', country: 'Germany' }] })
    expect(answer.json).toEqual({ message: 'success', attributes_processed: 1 })
  })
})

describe('fake Braze: asynchronous apply, visible through /users/export/ids', () => {
  it('applies a batch only after its 201, then exports attributes, events and purchases', async () => {
    const clock = manualClock('2026-11-25T12:00:00Z')
    const braze = await start({ now: clock.now, applyDelayMs: 30 })
    const accepted = await track({
      attributes: [{ external_id: 'u1', first_name: 'Ada', email: 'ada@example.com', plan: 'pro', visits: 3 }],
      events: [EVENT, { ...EVENT, time: '2026-11-22T08:00:00Z' }],
      purchases: [PURCHASE],
    })
    expect(accepted.status).toBe(201)
    expect(braze.pendingTracking).toBe(1)

    const before = await exportIds({ external_ids: ['u1'] })
    expect(before.status).toBe(201)
    expect(before.json).toEqual({ message: 'success', users: [], invalid_user_ids: ['u1'] })

    await braze.settled()
    const after = await exportIds({ external_ids: ['u1'] })
    expect(after.json.invalid_user_ids).toBeUndefined()
    expect(after.json.users).toEqual([
      {
        created_at: '2026-11-25T12:00:00.000Z',
        external_id: 'u1',
        braze_id: expect.stringMatching(/^[0-9a-f]{24}$/),
        first_name: 'Ada',
        email: 'ada@example.com',
        total_revenue: 25,
        custom_attributes: { plan: 'pro', visits: 3 },
        custom_events: [{ name: 'rented_movie', first: '2026-11-20T18:20:45.000Z', last: '2026-11-22T08:00:00.000Z', count: 2 }],
        purchases: [{ name: 'sku-1', first: '2026-11-21T18:47:12.000Z', last: '2026-11-21T18:47:12.000Z', count: 2 }],
      },
    ])
  })

  it('applies batches in order and can be flushed at once', async () => {
    const braze = await start({ applyDelayMs: 60_000 })
    await track({ attributes: [{ external_id: 'u1', plan: 'free' }] })
    await track({ attributes: [{ external_id: 'u1', plan: 'pro' }] })
    expect(braze.pendingTracking).toBe(2)
    braze.flushTracking()
    expect(braze.pendingTracking).toBe(0)
    expect(braze.state.users[0]!.custom_attributes).toEqual({ plan: 'pro' })
  })

  it('closes cleanly with batches still pending', async () => {
    const braze = await start({ applyDelayMs: 60_000 })
    await track({ attributes: [{ external_id: 'u1' }] })
    const settled = braze.settled()
    await braze.close()
    fake = undefined
    await settled
    expect(braze.state.users).toEqual([])
  })

  it('turns future event times into now', async () => {
    const clock = manualClock('2026-11-25T12:00:00Z')
    await start({ now: clock.now })
    const user = await trackThenExport({ events: [{ ...EVENT, time: '2030-01-01T00:00:00Z' }] })
    expect(user!.custom_events[0]).toMatchObject({ first: '2026-11-25T12:00:00.000Z' })
  })
})

describe('fake Braze: attribute operations', () => {
  it('increments, adds to and removes from arrays, and removes attributes set to null', async () => {
    await start({ seed: { users: [{ external_id: 'u1', custom_attributes: { visits: 2, tags: ['a', 'b'], stale: true } }] } })
    const user = await trackThenExport({
      attributes: [{ external_id: 'u1', visits: { inc: 3 }, tags: { add: ['c'], remove: ['a'] }, stale: null, first_seen: { $time: '2026-01-02' } }],
    })
    expect(user!.custom_attributes).toEqual({ visits: 5, tags: ['b', 'c'], first_seen: '2026-01-02' })
  })

  it('adds, then removes, then updates arrays of objects; _merge_objects deep-merges', async () => {
    const pets = [
      { id: 1, type: 'dog', details: { age: 3, color: 'brown' } },
      { id: 2, type: 'cat', details: { age: 5 } },
    ]
    await start({ seed: { users: [{ external_id: 'u1', custom_attributes: { pets } }] } })
    const user = await trackThenExport({
      attributes: [
        {
          external_id: 'u1',
          _merge_objects: true,
          pets: {
            $add: [{ id: 3, type: 'fish' }],
            $remove: [{ $identifier_key: 'id', $identifier_value: 2 }],
            $update: [{ $identifier_key: 'id', $identifier_value: 1, $new_object: { details: { age: 4 } } }],
          },
          address: { city: 'Berlin' },
        },
      ],
    })
    expect(user!.custom_attributes.pets).toEqual([
      { id: 1, type: 'dog', details: { age: 4, color: 'brown' } },
      { id: 3, type: 'fish' },
    ])
    expect(user!.custom_attributes.address).toEqual({ city: 'Berlin' })
  })

  it('replaces nested objects without _merge_objects, and merges them with it', async () => {
    await start({ seed: { users: [{ external_id: 'u1', custom_attributes: { address: { city: 'Berlin', zip: '10115' } } }] } })
    expect((await trackThenExport({ attributes: [{ external_id: 'u1', address: { city: 'Paris' } }] }))!.custom_attributes).toEqual({
      address: { city: 'Paris' },
    })
    expect(
      (await trackThenExport({ attributes: [{ external_id: 'u1', _merge_objects: true, address: { zip: '75001' } }] }))!.custom_attributes,
    ).toEqual({ address: { city: 'Paris', zip: '75001' } })
  })
})

describe('fake Braze: which profile an object updates', () => {
  it('only updates an alias-only profile unless _update_existing_only is false', async () => {
    const braze = await start()
    const alias = { alias_name: 'device123', alias_label: 'my_device_identifier' }
    await track({ attributes: [{ user_alias: alias, plan: 'trial' }] })
    await braze.settled()
    expect(braze.state.users).toHaveLength(0)
    await track({ attributes: [{ user_alias: alias, _update_existing_only: false, plan: 'trial' }] })
    await braze.settled()
    const exported = await exportIds({ user_aliases: [alias] })
    expect(exported.json.users).toEqual([expect.objectContaining({ user_aliases: [alias], custom_attributes: { plan: 'trial' } })])
  })

  it('creates profiles for unknown external_ids unless update-only, and never for unknown braze_ids', async () => {
    const braze = await start()
    await track({ attributes: [{ external_id: 'new', _update_existing_only: true }, { braze_id: '0123456789abcdef01234567', plan: 'x' }] })
    await braze.settled()
    expect(braze.state.users).toHaveLength(0)
  })

  it('matches by email: the latest-updated profile with an external_id, else creates an email-only profile', async () => {
    const braze = await start({
      seed: {
        users: [
          { external_id: 'older', attributes: { email: 'ada@example.com' } },
          { external_id: 'newer', attributes: { email: 'ada@example.com' } },
          { attributes: { email: 'ada@example.com' } },
        ],
      },
    })
    await track({ attributes: [{ email: 'ADA@example.com', plan: 'pro' }, { email: 'new@example.com', plan: 'free' }] })
    await braze.settled()
    const byExternalId = Object.fromEntries(braze.state.users.map((user) => [user.external_id ?? String(user.attributes.email), user.custom_attributes]))
    expect(byExternalId).toEqual({ older: {}, newer: { plan: 'pro' }, 'ada@example.com': {}, 'new@example.com': { plan: 'free' } })

    const allAdas = await exportIds({ email_address: 'ada@example.com', fields_to_export: ['external_id'] })
    expect(allAdas.json.users).toEqual([{ external_id: 'older' }, { external_id: 'newer' }, {}])
  })
})

describe('fake Braze: /users/export/ids requests', () => {
  it('returns only fields_to_export, and lists identifiers that matched nobody', async () => {
    await start({ seed: { users: [{ external_id: 'u1', attributes: { first_name: 'Ada', email: 'ada@example.com' }, custom_attributes: { plan: 'pro' } }] } })
    const answer = await exportIds({ external_ids: ['u1', 'ghost'], fields_to_export: ['first_name', 'custom_attributes', 'custom_events'] })
    expect(answer.json).toEqual({ message: 'success', users: [{ first_name: 'Ada', custom_attributes: { plan: 'pro' } }], invalid_user_ids: ['ghost'] })
  })

  it('requires fields_to_export for workspaces onboarded after 2024-08-22', async () => {
    await start({ requireFieldsToExport: true })
    const missing = await exportIds({ external_ids: ['u1'] })
    expect(missing.status).toBe(400)
    expect(missing.json).toEqual({ message: 'fields_to_export is required' })
    expect((await exportIds({ external_ids: ['u1'], fields_to_export: ['email'] })).status).toBe(201)
  })

  it('rejects malformed requests with 400 {"message"}', async () => {
    await start()
    const bad = [
      {},
      { external_ids: 'u1' },
      { external_ids: Array.from({ length: 51 }, (_, index) => `u${index}`) },
      { user_aliases: [{ alias_name: 'only a name' }] },
      { email_address: ['a@example.com', 'b@example.com'] },
      { external_ids: ['u1'], fields_to_export: ['first_name', 'favourite_colour'] },
    ]
    for (const body of bad) {
      const answer = await exportIds(body)
      expect(answer.status, JSON.stringify(body)).toBe(400)
      expect(Object.keys(answer.json)).toEqual(['message'])
    }
  })

  it('reports custom events and purchases of the last 90 days only', async () => {
    const clock = manualClock('2026-11-25T12:00:00Z')
    const day = 24 * 60 * 60 * 1000
    await start({
      now: clock.now,
      seed: {
        users: [
          {
            external_id: 'u1',
            events: [
              { name: 'old', time: clock.now() - 91 * day },
              { name: 'recent', time: clock.now() - day },
            ],
          },
        ],
      },
    })
    const user = (await exportIds({ external_ids: ['u1'] })).json.users[0]
    expect(user.custom_events.map((event: { name: string }) => event.name)).toEqual(['recent'])
    expect(user.purchases).toBeUndefined()
  })
})

describe('fake Braze: rate limits', () => {
  it('limits each endpoint separately, with X-RateLimit-* headers and Retry-After', async () => {
    const clock = manualClock('2026-11-25T12:00:45Z')
    await start({ now: clock.now, rateLimits: { '/users/track': 1 } })
    const first = await track({ events: [EVENT] })
    expect(first.headers.get('x-ratelimit-limit')).toBe('1')
    expect(first.headers.get('x-ratelimit-remaining')).toBe('0')
    expect(first.headers.get('x-ratelimit-reset')).toBe(String(Date.parse('2026-11-25T12:01:00Z') / 1000))

    const limited = await track({ events: [EVENT] })
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBe('15')
    expect(limited.json).toEqual({ message: 'Rate Limited' })
    expect((await exportIds({ external_ids: ['u1'] })).headers.get('x-ratelimit-limit')).toBe('2500')

    clock.advance(15_000)
    expect((await track({ events: [EVENT] })).status).toBe(201)
  })
})

describe('fake Braze: failure injection and routing', () => {
  it('injects maintenance, server errors and redirects once each', async () => {
    const braze = await start()
    braze.failNext(202, { message: 'queued' })
    braze.failNext(500)
    braze.redirectNext('https://rest.iad-02.braze.com/users/track')
    expect((await track({ events: [EVENT] })).json).toEqual({ message: 'queued' })
    const failed = await track({ events: [EVENT] })
    expect(failed.status).toBe(500)
    expect(failed.json).toEqual({ message: 'Internal Server Error' })
    const redirected = await track({ events: [EVENT] })
    expect(redirected.status).toBe(302)
    expect(redirected.headers.get('location')).toBe('https://rest.iad-02.braze.com/users/track')
    expect(braze.pendingTracking).toBe(0)
    expect((await track({ events: [EVENT] })).status).toBe(201)
    expect(braze.requests.map((request) => request.path)).toEqual(Array(4).fill('/users/track'))
  })

  it('answers unknown endpoints and methods with 404', async () => {
    await start()
    expect((await post('/users/delete', {})).status).toBe(404)
    const get = await fetch(`${fake!.url}/users/track`)
    expect(get.status).toBe(404)
    expect(await get.json()).toEqual({ message: 'Not Found' })
  })
})
