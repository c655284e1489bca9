import { describe, expect, it } from 'vitest'
import { checkPayload, inferTarget, TARGETS, type PayloadIssue } from '../../shared/checks/index.js'

/** "Update a user profile by email address", the example request of Braze's post_user_track.md. */
const DOCUMENTED_EXAMPLE = {
  attributes: [
    {
      email: 'test@braze.com',
      string_attribute: 'fruit',
      boolean_attribute_1: true,
      integer_attribute: 26,
      array_attribute: ['banana', 'apple'],
    },
  ],
  events: [
    {
      email: 'test@braze.com',
      app_id: 'your_app_identifier',
      name: 'rented_movie',
      time: '2022-12-06T19:20:45+01:00',
      properties: { release: { studio: 'FilmStudio', year: '2022' }, cast: [{ name: 'Actor1' }, { name: 'Actor2' }] },
    },
    {
      user_alias: { alias_name: 'device123', alias_label: 'my_device_identifier' },
      app_id: 'your_app_identifier',
      name: 'rented_movie',
      time: '2013-07-16T19:20:50+01:00',
    },
  ],
  purchases: [
    {
      email: 'test@braze.com',
      app_id: 'your_app_identifier',
      product_id: 'product_name',
      currency: 'USD',
      price: 12.12,
      quantity: 6,
      time: '2017-05-12T18:47:12Z',
      properties: { color: 'red', monogram: 'ABC', checkout_duration: 180, size: 'Large', brand: 'Backpack Locker' },
    },
  ],
}

const EVENT = { external_id: 'u1', name: 'rented_movie', time: '2022-12-06T19:20:45+01:00' }
const PURCHASE = { external_id: 'u1', product_id: 'sku-1', currency: 'USD', price: 12.12, time: '2017-05-12T18:47:12Z' }
const ATTRIBUTES = { external_id: 'u1' }

const check = (body: unknown): PayloadIssue[] => checkPayload('braze.users.track', body)
const checkAttributes = (fields: Record<string, unknown>) => check({ attributes: [{ ...ATTRIBUTES, ...fields }] })
const checkEvent = (fields: Record<string, unknown>) => check({ events: [{ ...EVENT, ...fields }] })
const checkPurchase = (fields: Record<string, unknown>) => check({ purchases: [{ ...PURCHASE, ...fields }] })

/** One valid object per array, for tests that apply to all three. */
const VALID_OBJECT = { attributes: ATTRIBUTES, events: EVENT, purchases: PURCHASE } as const
const ARRAYS = ['attributes', 'events', 'purchases'] as const

type Expected = Pick<PayloadIssue, 'code' | 'path'> & Partial<PayloadIssue>

/** Exactly one issue, matching `expected`. */
function expectOnly(issues: PayloadIssue[], expected: Expected): PayloadIssue {
  expect(issues).toMatchObject([expected])
  return issues[0]!
}

describe('valid baselines', () => {
  it('accepts the documented example', () => {
    expect(check(DOCUMENTED_EXAMPLE)).toEqual([])
  })

  it('accepts the documented phone and subscription-group examples', () => {
    expect(check({ attributes: [{ phone: '+15043277269', string_attribute: 'fruit' }] })).toEqual([])
    expect(
      check({
        attributes: [
          {
            external_id: 'user_identifier',
            email: 'example@email.com',
            email_subscribe: 'subscribed',
            subscription_groups: [{ subscription_group_id: 'subscription_group_identifier_1', subscription_state: 'unsubscribed' }],
          },
        ],
      }),
    ).toEqual([])
  })

  it('accepts the documented alias-only example', () => {
    expect(
      check({ attributes: [{ _update_existing_only: false, user_alias: { alias_name: 'example_name', alias_label: 'example_label' }, email: 'email@example.com' }] }),
    ).toEqual([])
  })

  it('accepts standard attributes with valid values and free-form custom attributes', () => {
    expect(
      checkAttributes({
        first_name: 'Ada',
        last_name: 'Lovelace',
        dob: '1980-12-21',
        country: 'US',
        home_city: 'London',
        language: 'en',
        time_zone: 'Europe/London',
        gender: 'F',
        email_subscribe: 'opted_in',
        push_subscribe: 'unsubscribed',
        current_location: { longitude: -0.1, latitude: 51.5 },
        date_of_first_session: '2020-01-01T00:00:00Z',
        email_open_tracking_disabled: false,
        visits: { inc: 1 },
        pets: { $add: [{ id: 1 }] },
        last_seen: { $time: '2020-05-28' },
        nickname: null,
      }),
    ).toEqual([])
  })

  it.each(['external_id', 'braze_id', 'email', 'phone'])('accepts %s alone as the identifier', (identifier) => {
    expect(check({ events: [{ name: 'e', time: '2024-01-01', [identifier]: 'x' }] })).toEqual([])
  })
})

describe('body shape', () => {
  it.each([
    ['an array', [DOCUMENTED_EXAMPLE]],
    ['a string', 'attributes'],
    ['null', null],
  ])('reports a body that is %s once, at the root', (_what, body) => {
    expectOnly(check(body), { code: 'payload-not-object', path: [], at: 'value', severity: 'error' })
  })

  it('warns (UNCONFIRMED response) about a body with nothing to track', () => {
    expectOnly(check({}), { code: 'braze-nothing-to-track', path: [], at: 'value', severity: 'warning' })
  })

  it('warns about a body whose arrays are all empty', () => {
    expectOnly(check({ attributes: [], events: [] }), { code: 'braze-nothing-to-track', path: [] })
  })

  it('warns about unknown top-level keys, suggesting the cased name', () => {
    const issue = expectOnly(check({ events: [EVENT], Purchases: [PURCHASE] }), {
      code: 'braze-unknown-field',
      path: ['Purchases'],
      at: 'key',
      severity: 'warning',
    })
    expect(issue.hint).toContain('Did you mean purchases?')
  })

  it('warns about the deprecated api_key in the body', () => {
    expectOnly(check({ api_key: 'secret', events: [EVENT] }), { code: 'braze-api-key-in-body', path: ['api_key'], at: 'key', severity: 'warning' })
  })

  it.each(ARRAYS)('rejects %s that is not an array', (name) => {
    expectOnly(check({ [name]: VALID_OBJECT[name] }), { code: 'braze-wrong-type', path: [name], at: 'value', severity: 'error' })
  })

  it.each(ARRAYS)('accepts 75 objects in %s', (name) => {
    expect(check({ [name]: Array.from({ length: 75 }, () => VALID_OBJECT[name]) })).toEqual([])
  })

  it.each(ARRAYS)('rejects 76 objects in %s (400 Max Input Length Exceeded)', (name) => {
    const issue = expectOnly(check({ [name]: Array.from({ length: 76 }, () => VALID_OBJECT[name]) }), {
      code: 'braze-too-many-objects',
      path: [name],
      at: 'key',
      severity: 'error',
    })
    expect(issue.message).toContain('Max Input Length Exceeded')
  })

  it.each(ARRAYS)('rejects a non-object in %s at its index', (name) => {
    expectOnly(check({ [name]: [VALID_OBJECT[name], 'user1'] }), { code: 'braze-wrong-type', path: [name, 1], at: 'value', severity: 'error' })
  })
})

describe('identifiers', () => {
  it.each(ARRAYS)('requires an identifier in %s', (name) => {
    const { external_id: _dropped, ...anonymous } = VALID_OBJECT[name]
    expectOnly(check({ [name]: [anonymous] }), { code: 'braze-identifier-missing', path: [name, 0], at: 'value', severity: 'error' })
  })

  it.each(ARRAYS)('rejects an empty external_id in %s (rendered from a missing attribute)', (name) => {
    expectOnly(check({ [name]: [{ ...VALID_OBJECT[name], external_id: '' }] }), {
      code: 'braze-empty-identifier',
      path: [name, 0, 'external_id'],
      at: 'value',
      severity: 'error',
    })
  })

  it.each(['braze_id', 'email', 'phone'])('rejects an empty %s', (identifier) => {
    expectOnly(checkEvent({ [identifier]: '' }), { code: 'braze-empty-identifier', path: ['events', 0, identifier], severity: 'error' })
  })

  it('rejects an empty alias_name', () => {
    const { external_id: _dropped, ...event } = EVENT
    expectOnly(check({ events: [{ ...event, user_alias: { alias_name: '', alias_label: 'l' } }] }), {
      code: 'braze-empty-identifier',
      path: ['events', 0, 'user_alias', 'alias_name'],
    })
  })

  it('requires alias_label in user_alias', () => {
    expectOnly(checkEvent({ user_alias: { alias_name: 'n' } }), {
      code: 'braze-user-alias-invalid',
      path: ['events', 0, 'user_alias'],
      at: 'key',
      severity: 'error',
    })
  })

  it('requires user_alias to be an object', () => {
    expectOnly(checkEvent({ user_alias: 'n' }), { code: 'braze-wrong-type', path: ['events', 0, 'user_alias'] })
  })

  it('warns (UNCONFIRMED coercion) about a numeric external_id', () => {
    expectOnly(checkEvent({ external_id: 12345 }), { code: 'braze-coercible-type', path: ['events', 0, 'external_id'], severity: 'warning' })
  })

  it.each(['external_id', 'braze_id'])('rejects %s with push_token_import', (identifier) => {
    expectOnly(check({ attributes: [{ push_token_import: true, [identifier]: 'x', push_tokens: [] }] }), {
      code: 'braze-push-token-import-identifier',
      path: ['attributes', 0, identifier],
      at: 'key',
      severity: 'error',
    })
  })

  it('accepts an anonymous push_token_import without identifier', () => {
    expect(check({ attributes: [{ push_token_import: true, push_tokens: [{ app_id: 'a', token: 't', device_id: 'd' }] }] })).toEqual([])
  })

  it('warns that an alias-only attributes object without _update_existing_only updates existing profiles only', () => {
    expectOnly(check({ attributes: [{ user_alias: { alias_name: 'n', alias_label: 'l' }, first_name: 'Ada' }] }), {
      code: 'braze-alias-update-only',
      path: ['attributes', 0, 'user_alias'],
      at: 'key',
      severity: 'warning',
    })
  })
})

describe('events', () => {
  it.each(['name', 'time'])('requires %s', (field) => {
    const { [field as keyof typeof EVENT]: _dropped, ...event } = EVENT
    const issue = expectOnly(check({ events: [event] }), { code: 'braze-missing-required', path: ['events', 0], at: 'value', severity: 'error' })
    expect(issue.message).toContain(field)
  })

  it('rejects an empty name', () => {
    expectOnly(checkEvent({ name: '' }), { code: 'braze-missing-required', path: ['events', 0, 'name'], at: 'value', severity: 'error' })
  })

  it('rejects a non-string name', () => {
    expectOnly(checkEvent({ name: { id: 1 } }), { code: 'braze-wrong-type', path: ['events', 0, 'name'] })
  })

  it.each([
    '2022-12-06T19:20:45+01:00',
    '2017-05-12T18:47:12Z',
    '2024-01-31',
    '2024-01-31T10:00:00',
    '2024-01-31T10:00:00:123Z',
    '2024-01-31 10:00:00',
    '01/31/2024',
    'Wed 01 31 10:00:00.UTC 2024',
  ])('accepts the documented time format %s', (time) => {
    expect(checkEvent({ time })).toEqual([])
  })

  it.each(['yesterday', '31/01/2024', '2024-13-01T00:00:00Z', 'May18, 2014'])('rejects time %s', (time) => {
    expectOnly(checkEvent({ time }), { code: 'braze-invalid-date', path: ['events', 0, 'time'], at: 'value', severity: 'error' })
  })

  it('rejects a Unix timestamp number as time', () => {
    expectOnly(checkEvent({ time: 1700000000 }), { code: 'braze-wrong-type', path: ['events', 0, 'time'], severity: 'error' })
  })

  it('rejects an empty time', () => {
    expectOnly(checkEvent({ time: '' }), { code: 'braze-missing-required', path: ['events', 0, 'time'] })
  })

  it('warns about unknown event fields, pointing to properties', () => {
    const issue = expectOnly(checkEvent({ plan: 'gold' }), { code: 'braze-unknown-field', path: ['events', 0, 'plan'], at: 'key', severity: 'warning' })
    expect(issue.hint).toContain('properties')
  })
})

describe('properties', () => {
  const withProperties = (properties: unknown) => checkEvent({ properties })

  it('requires an object', () => {
    expectOnly(withProperties(['a']), { code: 'braze-wrong-type', path: ['events', 0, 'properties'] })
  })

  it('rejects an empty property name', () => {
    expectOnly(withProperties({ '': 1 }), { code: 'braze-property-name-empty', path: ['events', 0, 'properties', ''], at: 'key', severity: 'error' })
  })

  it('rejects a property name over 255 characters', () => {
    const name = 'p'.repeat(256)
    expectOnly(withProperties({ [name]: 1 }), { code: 'braze-property-name-too-long', path: ['events', 0, 'properties', name], at: 'key' })
  })

  it('accepts a property name of 255 characters', () => {
    expect(withProperties({ ['p'.repeat(255)]: 1 })).toEqual([])
  })

  it('rejects a leading $', () => {
    expectOnly(withProperties({ $plan: 'gold' }), { code: 'braze-property-name-leading-dollar', path: ['events', 0, 'properties', '$plan'], at: 'key' })
  })

  it.each(['time', 'event_name'])('rejects the reserved property name %s', (name) => {
    expectOnly(withProperties({ [name]: 'x' }), { code: 'braze-property-name-reserved', path: ['events', 0, 'properties', name], at: 'key', severity: 'error' })
  })

  it('rejects a string value over 255 characters', () => {
    expectOnly(withProperties({ note: 'x'.repeat(256) }), { code: 'braze-value-too-long', path: ['events', 0, 'properties', 'note'], at: 'value', severity: 'error' })
  })

  it('accepts a string value of 255 characters', () => {
    expect(withProperties({ note: 'x'.repeat(255) })).toEqual([])
  })

  it('checks purchase properties too', () => {
    expectOnly(checkPurchase({ properties: { event_name: 'x' } }), { code: 'braze-property-name-reserved', path: ['purchases', 0, 'properties', 'event_name'] })
  })
})

describe('purchases', () => {
  it.each(['product_id', 'currency', 'price', 'time'])('requires %s', (field) => {
    const { [field as keyof typeof PURCHASE]: _dropped, ...purchase } = PURCHASE
    const issue = expectOnly(check({ purchases: [purchase] }), { code: 'braze-missing-required', path: ['purchases', 0], at: 'value', severity: 'error' })
    expect(issue.message).toContain(field)
  })

  it('rejects an empty product_id', () => {
    expectOnly(checkPurchase({ product_id: '' }), { code: 'braze-missing-required', path: ['purchases', 0, 'product_id'] })
  })

  it('rejects a product_id over 255 characters', () => {
    expectOnly(checkPurchase({ product_id: 'p'.repeat(256) }), { code: 'braze-value-too-long', path: ['purchases', 0, 'product_id'], severity: 'error' })
  })

  it.each(['EUR', 'JPY'])('accepts currency %s', (currency) => {
    expect(checkPurchase({ currency })).toEqual([])
  })

  it('warns (UNCONFIRMED) about a lower-case currency, hinting | upcase', () => {
    const issue = expectOnly(checkPurchase({ currency: 'usd' }), { code: 'braze-currency-case', path: ['purchases', 0, 'currency'], severity: 'warning' })
    expect(issue.hint).toContain('| upcase')
  })

  it.each(['US Dollar', 'US', '$'])('rejects currency %s', (currency) => {
    expectOnly(checkPurchase({ currency }), { code: 'braze-invalid-currency', path: ['purchases', 0, 'currency'], severity: 'error' })
  })

  it('warns (UNCONFIRMED coercion) about a quoted price', () => {
    expectOnly(checkPurchase({ price: '12.12' }), { code: 'braze-coercible-type', path: ['purchases', 0, 'price'], severity: 'warning' })
  })

  it('rejects a non-numeric price', () => {
    expectOnly(checkPurchase({ price: '$12' }), { code: 'braze-wrong-type', path: ['purchases', 0, 'price'], severity: 'error' })
  })

  it('accepts quantity 100', () => {
    expect(checkPurchase({ quantity: 100 })).toEqual([])
  })

  it('rejects quantity over 100', () => {
    expectOnly(checkPurchase({ quantity: 101 }), { code: 'braze-quantity-too-large', path: ['purchases', 0, 'quantity'], at: 'value', severity: 'error' })
  })

  it('rejects a fractional quantity', () => {
    expectOnly(checkPurchase({ quantity: 1.5 }), { code: 'braze-wrong-type', path: ['purchases', 0, 'quantity'] })
  })

  it('rejects an invalid time', () => {
    expectOnly(checkPurchase({ time: 'now' }), { code: 'braze-invalid-date', path: ['purchases', 0, 'time'] })
  })
})

describe('attributes', () => {
  it.each([
    ['First_Name', 'first_name'],
    ['Email_Subscribe', 'email_subscribe'],
    ['DOB', 'dob'],
  ])('warns that %s is not the lowercase standard field', (key, standard) => {
    const issue = expectOnly(checkAttributes({ [key]: 'x' }), { code: 'braze-attribute-case', path: ['attributes', 0, key], at: 'key', severity: 'warning' })
    expect(issue.hint).toBe(`Rename it to ${standard}.`)
  })

  it('warns about an empty standard field', () => {
    expectOnly(checkAttributes({ first_name: '' }), { code: 'braze-empty-value', path: ['attributes', 0, 'first_name'], severity: 'warning' })
  })

  it.each(['M', 'F', 'O', 'N', 'P', null])('accepts gender %s', (gender) => {
    expect(checkAttributes({ gender })).toEqual([])
  })

  it('warns (UNCONFIRMED) about a lower-case gender, hinting | upcase', () => {
    const issue = expectOnly(checkAttributes({ gender: 'f' }), { code: 'braze-enum-case', path: ['attributes', 0, 'gender'], severity: 'warning' })
    expect(issue.hint).toContain('| upcase')
  })

  it('rejects gender "female"', () => {
    expectOnly(checkAttributes({ gender: 'female' }), { code: 'braze-enum-invalid', path: ['attributes', 0, 'gender'], at: 'value', severity: 'error' })
  })

  it.each(['email_subscribe', 'push_subscribe'])('accepts every documented %s state', (field) => {
    for (const state of ['opted_in', 'subscribed', 'unsubscribed']) expect(checkAttributes({ [field]: state })).toEqual([])
  })

  it.each(['email_subscribe', 'push_subscribe'])('warns (UNCONFIRMED) about %s in another case', (field) => {
    expectOnly(checkAttributes({ [field]: 'Subscribed' }), { code: 'braze-enum-case', path: ['attributes', 0, field] })
  })

  it.each(['email_subscribe', 'push_subscribe'])('rejects an undocumented %s', (field) => {
    expectOnly(checkAttributes({ [field]: 'yes' }), { code: 'braze-enum-invalid', path: ['attributes', 0, field], severity: 'error' })
  })

  it.each(['12/21/1980', '1980-02-30', '1980-12-21T00:00:00Z'])('rejects dob %s', (dob) => {
    expectOnly(checkAttributes({ dob }), { code: 'braze-invalid-date', path: ['attributes', 0, 'dob'], severity: 'error' })
  })

  it('warns about a country that is not a 2-letter code (Braze maps it best-effort)', () => {
    expectOnly(checkAttributes({ country: 'United States' }), { code: 'braze-country-format', path: ['attributes', 0, 'country'], severity: 'warning' })
  })

  it('warns (UNCONFIRMED coercion) about _update_existing_only as a string', () => {
    expectOnly(checkAttributes({ _update_existing_only: 'false' }), { code: 'braze-coercible-type', path: ['attributes', 0, '_update_existing_only'] })
  })
})

describe('inferTarget (Braze)', () => {
  /** braze.md §5.1, the "instances" table. */
  const DOCUMENTED_REST_HOSTS = [
    'https://rest.iad-01.braze.com',
    'https://rest.iad-02.braze.com',
    'https://rest.iad-03.braze.com',
    'https://rest.iad-04.braze.com',
    'https://rest.iad-05.braze.com',
    'https://rest.iad-06.braze.com',
    'https://rest.iad-07.braze.com',
    'https://rest.iad-08.braze.com',
    'https://rest.iad-10.braze.com',
    'https://rest.fra-01.braze.eu',
    'https://rest.fra-02.braze.eu',
    'https://rest.au-01.braze.com',
    'https://rest.id-01.braze.com',
  ]

  it.each(DOCUMENTED_REST_HOSTS)('recognises POST %s/users/track', (host) => {
    expect(inferTarget('POST', `${host}/users/track`)).toBe('braze.users.track')
    expect(TARGETS['braze.users.track'].matches(`${host}/users/track`)).toBe(true)
  })

  it.each([
    'https://rest.fra-03.braze.eu/users/track', // EU-03 is UNCONFIRMED; matched by path like any host
    'http://localhost:8080/users/track',
    'https://rest.iad-01.braze.com/users/track/',
    'https://rest.iad-01.braze.com/users/track?debug=1',
    'rest.iad-01.braze.com/users/track',
  ])('recognises POST %s by its path', (url) => {
    expect(inferTarget('post', url)).toBe('braze.users.track')
  })

  it.each([
    ['GET', 'https://rest.iad-01.braze.com/users/track'],
    ['POST', 'https://rest.iad-01.braze.com/users/track/sync'],
    ['POST', 'https://rest.iad-01.braze.com/users/export/ids'],
    ['POST', 'https://rest.iad-01.braze.com/v2/users/track'],
  ])('does not recognise %s %s', (method, url) => {
    expect(inferTarget(method, url)).toBeUndefined()
  })

  it('describes the target', () => {
    expect(TARGETS['braze.users.track']).toMatchObject({ id: 'braze.users.track', method: 'POST' })
    expect(TARGETS['braze.users.track'].docsUrl).toMatch(/^https:\/\/www\.braze\.com\/docs\//)
  })
})
