/**
 * Checks the body of Braze `POST /users/track` against braze.md §5.2: the three arrays,
 * their limits, user identifiers, and the standard attribute, event and purchase fields.
 *
 * Custom attributes are free-form, so an attributes object only has its standard fields
 * checked, plus names that differ from a standard field only in case (`First_Name`):
 * Braze accepts those silently as custom attributes.
 */
import { FIELD, type EmptyStringRule, type FieldRule, type PayloadChecker } from './checker.js'
import { BRAZE_DATE_FORMATS_TEXT, isBrazeDateTime, isCalendarDate } from './dates.js'
import { caseVariantOf, describeValue, formatPath, hasOwn, isSet, type JsonObject } from './json.js'
import type { JsonPath } from './types.js'

const TRACKED_ARRAYS = ['attributes', 'events', 'purchases'] as const
type TrackedArray = (typeof TRACKED_ARRAYS)[number]

/** Per array and request; more gives `400 Max Input Length Exceeded`. */
const MAX_OBJECTS_PER_ARRAY = 75
/** Property names, string property values and product_id. */
const MAX_TEXT_LENGTH = 255
const MAX_PURCHASE_QUANTITY = 100
const RESERVED_PROPERTY_NAMES = new Set(['time', 'event_name'])
const SUBSCRIPTION_STATES = ['opted_in', 'subscribed', 'unsubscribed']

const EMPTY_IDENTIFIER: EmptyStringRule = {
  severity: 'error',
  code: 'braze-empty-identifier',
  consequence: 'Braze cannot tell which user this is',
}
const EMPTY_REQUIRED: EmptyStringRule = { severity: 'error', code: 'braze-missing-required', consequence: 'Braze requires a value' }

// ── shared field rules ──

const requiredText: FieldRule = (check, value, path) => void check.string(path, value, EMPTY_REQUIRED)

const optionalDateTime: FieldRule = (check, value, path) => void check.dateTime(path, value, isBrazeDateTime, BRAZE_DATE_FORMATS_TEXT)

const requiredDateTime: FieldRule = (check, value, path) =>
  void check.dateTime(path, value, isBrazeDateTime, BRAZE_DATE_FORMATS_TEXT, { empty: EMPTY_REQUIRED })

function checkTextLength(check: PayloadChecker, text: string, path: JsonPath): void {
  const length = [...text].length
  if (length > MAX_TEXT_LENGTH) {
    check.error(
      'braze-value-too-long',
      path,
      'value',
      `${formatPath(path)} is ${length} characters long; Braze accepts at most ${MAX_TEXT_LENGTH}`,
      `Truncate it, e.g. \`| truncate: ${MAX_TEXT_LENGTH}, ""\`.`,
    )
  }
}

// ── identifiers ──

const identifier: FieldRule = (check, value, path) => void check.string(path, value, EMPTY_IDENTIFIER)

const checkUserAlias: FieldRule = (check, value, path) => {
  const alias = check.object(path, value)
  if (!alias) return
  check.required(alias, path, ['alias_name', 'alias_label'], 'braze-user-alias-invalid')
  check.fields(alias, path, { alias_name: identifier, alias_label: identifier }, (_key, keyPath) =>
    check.unknownField(keyPath, ['alias_name', 'alias_label'], 'part of a user alias {alias_name, alias_label}'),
  )
}

const IDENTIFIER_FIELDS: Record<string, FieldRule> = {
  external_id: identifier,
  user_alias: checkUserAlias,
  braze_id: identifier,
  email: identifier,
  phone: identifier,
}
const IDENTIFIER_NAMES = Object.keys(IDENTIFIER_FIELDS)
/** Identifiers of a known profile, which an anonymous push-token import must not carry. */
const PROFILE_IDENTIFIERS = ['external_id', 'braze_id']

/** Every object must name its user, except anonymous push-token imports, which must not name one by profile id. */
function checkIdentified(check: PayloadChecker, object: JsonObject, path: JsonPath, isPushTokenImport: boolean): void {
  if (isPushTokenImport) {
    for (const name of PROFILE_IDENTIFIERS.filter((key) => hasOwn(object, key))) {
      check.error(
        'braze-push-token-import-identifier',
        [...path, name],
        'key',
        `${formatPath(path)} sets push_token_import and ${name}; Braze says not to send external_id or braze_id with an anonymous push-token import`,
        `Remove ${name}, or drop push_token_import to update a known user.`,
      )
    }
    return
  }
  if (!IDENTIFIER_NAMES.some((name) => isSet(object, name))) {
    check.error(
      'braze-identifier-missing',
      path,
      'value',
      `${formatPath(path)} has no user identifier; Braze needs one of ${IDENTIFIER_NAMES.join(', ')}`,
    )
  }
}

// ── attributes ──

const ATTRIBUTE_FIELDS: Record<string, FieldRule> = {
  ...IDENTIFIER_FIELDS,
  first_name: FIELD.string,
  last_name: FIELD.string,
  dob: FIELD.dateTime(isCalendarDate, 'a date as YYYY-MM-DD'),
  country: (check, value, path) => {
    const country = check.string(path, value)
    if (country !== undefined && !/^[A-Za-z]{2}$/.test(country)) {
      // Accepted: Braze maps other values on a best-effort basis and stores null when it can't.
      check.warning(
        'braze-country-format',
        path,
        'value',
        `${formatPath(path)} is ${describeValue(country)}; Braze expects an ISO 3166-1 alpha-2 code such as "US"`,
        'Braze maps other values on a best-effort basis and stores null when it cannot.',
      )
    }
  },
  home_city: FIELD.string,
  language: FIELD.string,
  time_zone: FIELD.string,
  gender: FIELD.oneOf(['M', 'F', 'O', 'N', 'P'], { alsoNull: true }),
  email_subscribe: FIELD.oneOf(SUBSCRIPTION_STATES),
  push_subscribe: FIELD.oneOf(SUBSCRIPTION_STATES),
  subscription_groups: FIELD.arrayOf(FIELD.object),
  current_location: FIELD.object,
  push_tokens: FIELD.array,
  date_of_first_session: optionalDateTime,
  date_of_last_session: optionalDateTime,
  email_open_tracking_disabled: FIELD.boolean,
  email_click_tracking_disabled: FIELD.boolean,
  marked_email_as_spam_at: optionalDateTime,
  facebook: FIELD.object,
  twitter: FIELD.object,
  alias_name: FIELD.string,
  alias_label: FIELD.string,
  _update_existing_only: FIELD.boolean,
  _merge_objects: FIELD.boolean,
  push_token_import: FIELD.boolean,
}
const ATTRIBUTE_FIELD_NAMES = Object.keys(ATTRIBUTE_FIELDS)
const ALIAS_COMPANION_IDENTIFIERS = IDENTIFIER_NAMES.filter((name) => name !== 'user_alias')

function checkAttributes(check: PayloadChecker, attributes: JsonObject, path: JsonPath): void {
  checkIdentified(check, attributes, path, attributes.push_token_import === true)
  const aliasOnly = isSet(attributes, 'user_alias') && !ALIAS_COMPANION_IDENTIFIERS.some((name) => isSet(attributes, name))
  if (aliasOnly && !hasOwn(attributes, '_update_existing_only')) {
    check.warning(
      'braze-alias-update-only',
      [...path, 'user_alias'],
      'key',
      `${formatPath(path)} names its user by user_alias only, so Braze only updates an existing alias profile`,
      'Add "_update_existing_only": false to create the profile when the alias is new.',
    )
  }
  check.fields(attributes, path, ATTRIBUTE_FIELDS, (key, keyPath) => {
    const standardName = caseVariantOf(key, ATTRIBUTE_FIELD_NAMES)
    if (standardName === undefined) return // a custom attribute
    check.warning(
      'braze-attribute-case',
      keyPath,
      'key',
      `${formatPath(keyPath)} is not the standard attribute ${standardName}; Braze field names are case-sensitive, so this sets a custom attribute ${JSON.stringify(key)}`,
      `Rename it to ${standardName}.`,
    )
  })
}

// ── events and purchases ──

function propertyNameProblem(name: string): { code: string; text: string } | undefined {
  if (name === '') return { code: 'braze-property-name-empty', text: 'is an empty property name' }
  if ([...name].length > MAX_TEXT_LENGTH) return { code: 'braze-property-name-too-long', text: `is longer than ${MAX_TEXT_LENGTH} characters` }
  if (name.startsWith('$')) return { code: 'braze-property-name-leading-dollar', text: 'starts with $, which Braze does not allow in property names' }
  if (RESERVED_PROPERTY_NAMES.has(name)) {
    return { code: 'braze-property-name-reserved', text: `is reserved: Braze does not accept ${[...RESERVED_PROPERTY_NAMES].join(' or ')} as a property` }
  }
  return undefined
}

/** Event and purchase properties (braze.md §5.2 states the limits for events; purchases share the properties object). */
const checkProperties: FieldRule = (check, value, path) => {
  const properties = check.object(path, value)
  if (!properties) return
  for (const [name, propertyValue] of Object.entries(properties)) {
    const propertyPath = [...path, name]
    const problem = propertyNameProblem(name)
    if (problem) check.error(problem.code, propertyPath, 'key', `${formatPath(propertyPath)} ${problem.text}`)
    if (typeof propertyValue === 'string') checkTextLength(check, propertyValue, propertyPath)
  }
}

const EVENT_FIELDS: Record<string, FieldRule> = {
  ...IDENTIFIER_FIELDS,
  app_id: FIELD.string,
  name: requiredText,
  time: requiredDateTime,
  properties: checkProperties,
  _update_existing_only: FIELD.boolean,
}

const PURCHASE_FIELDS: Record<string, FieldRule> = {
  ...IDENTIFIER_FIELDS,
  app_id: FIELD.string,
  product_id: (check, value, path) => {
    const productId = check.string(path, value, EMPTY_REQUIRED)
    if (productId !== undefined) checkTextLength(check, productId, path)
  },
  currency: (check, value, path) => {
    const currency = check.string(path, value, EMPTY_REQUIRED)
    if (currency === undefined || /^[A-Z]{3}$/.test(currency)) return
    const message = `${formatPath(path)} is ${describeValue(currency)}; Braze expects a 3-letter ISO 4217 code such as "USD"`
    // ISO 4217 codes are upper case; whether Braze accepts "usd" is UNCONFIRMED.
    if (/^[a-z]{3}$/i.test(currency)) check.warning('braze-currency-case', path, 'value', message, 'Add `| upcase` to the placeholder.')
    else check.error('braze-invalid-currency', path, 'value', message)
  },
  price: FIELD.number,
  quantity: (check, value, path) => {
    const quantity = check.integer(path, value)
    if (quantity !== undefined && quantity > MAX_PURCHASE_QUANTITY) {
      check.error(
        'braze-quantity-too-large',
        path,
        'value',
        `${formatPath(path)} is ${quantity}; Braze accepts at most ${MAX_PURCHASE_QUANTITY}`,
        'Send several purchase objects instead.',
      )
    }
  },
  time: requiredDateTime,
  properties: checkProperties,
  _update_existing_only: FIELD.boolean,
}

/** Checks an event or purchase: an identified user, the required fields, and no undocumented ones. */
function trackedObjectChecker(fields: Record<string, FieldRule>, required: readonly string[], what: string) {
  const fieldNames = Object.keys(fields)
  return (check: PayloadChecker, object: JsonObject, path: JsonPath): void => {
    checkIdentified(check, object, path, false)
    check.required(object, path, required, 'braze-missing-required')
    check.fields(object, path, fields, (_key, keyPath) =>
      check.unknownField(keyPath, fieldNames, `a documented ${what} field`, 'Custom data goes in properties.'),
    )
  }
}

const CHECK_OBJECT: Record<TrackedArray, (check: PayloadChecker, object: JsonObject, path: JsonPath) => void> = {
  attributes: checkAttributes,
  events: trackedObjectChecker(EVENT_FIELDS, ['name', 'time'], 'event'),
  purchases: trackedObjectChecker(PURCHASE_FIELDS, ['product_id', 'currency', 'price', 'time'], 'purchase'),
}

// ── body ──

export function checkBrazeUsersTrack(check: PayloadChecker, body: JsonObject): void {
  for (const key of Object.keys(body)) {
    if ((TRACKED_ARRAYS as readonly string[]).includes(key)) continue
    if (key === 'api_key') {
      check.warning(
        'braze-api-key-in-body',
        [key],
        'key',
        'api_key in the body was deprecated in May 2020 and may stop working',
        'Send the key as an Authorization: Bearer header, and keep it out of the body.',
      )
    } else {
      check.unknownField([key], TRACKED_ARRAYS, 'part of a /users/track request (attributes, events, purchases)')
    }
  }

  let objectCount = 0
  let hasMalformedArray = false
  for (const name of TRACKED_ARRAYS) {
    if (!isSet(body, name)) continue
    const objects = check.array([name], body[name])
    if (!objects) {
      hasMalformedArray = true
      continue
    }
    objectCount += objects.length
    if (objects.length > MAX_OBJECTS_PER_ARRAY) {
      check.error(
        'braze-too-many-objects',
        [name],
        'key',
        `${name} has ${objects.length} objects; Braze accepts at most ${MAX_OBJECTS_PER_ARRAY} per request (400 Max Input Length Exceeded)`,
        'Split the batch over several requests.',
      )
    }
    objects.forEach((item, index) => {
      const path = [name, index]
      const object = check.object(path, item)
      if (object) CHECK_OBJECT[name](check, object, path)
    })
  }

  if (objectCount === 0 && !hasMalformedArray) {
    // All three arrays are optional (braze.md §5.2). What Braze answers to a request
    // without any object is UNCONFIRMED, so a warning: such a request tracks nothing.
    check.warning(
      'braze-nothing-to-track',
      [],
      'value',
      'The body has no attributes, events or purchases to track',
      'Add at least one object to "attributes", "events" or "purchases".',
    )
  }
}
