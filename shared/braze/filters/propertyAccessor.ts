/**
 * `property_accessor`: reads a hash at a key computed at render time. Braze's Liquid has no
 * hash literals, so this is how a custom attribute picks an entry of an object.
 */
import { Drop, toValue } from 'liquidjs'
import { isPlainObject, toText, type FilterScope, type FilterSet } from '../../engine/filters/filterScope.js'

function propertyAccessor(this: FilterScope, hash: unknown, key: unknown): unknown {
  const value = toValue(hash)
  const name = toText(key)
  if (value instanceof Drop) return this.context.readProperty(value, name)
  return isPlainObject(value) && Object.hasOwn(value, name) ? value[name] : undefined
}

export const PROPERTY_ACCESSOR_FILTERS: FilterSet = { property_accessor: propertyAccessor }
