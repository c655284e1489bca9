/**
 * A Braze `POST /users/export/ids` response (braze.md §5.3) → one sample per user. Also takes a
 * bare list of users or a single user object, as people paste them.
 */
import { sanitizeName } from '../layout.js'
import { elementLines, lineAt, parseJsonSource, stripBom } from './jsonSource.js'
import { addRecord, emptyPlan, failedPlan, isObject, type ImportPlan } from './plan.js'

/** Fields that identify a Braze user; a lone object with none of them is not a user. */
const IDENTIFIERS = ['external_id', 'braze_id', 'email', 'phone', 'user_aliases'] as const

export function planBrazeExport(rawText: string, source: string): ImportPlan {
  const text = stripBom(rawText)
  const parsed = parseJsonSource('braze-user', text, source)
  if ('failed' in parsed) return parsed.failed
  const found = findUsers(parsed.value)
  if (typeof found === 'string') return failedPlan('braze-user', source, text, 'import-shape', found)

  const plan = emptyPlan('braze-user')
  const lines = found.path ? elementLines(text, found.path) : [1]
  found.users.forEach((user, i) => {
    const place = { origin: found.origin(i), ...lineAt(lines, i) }
    if (isObject(user)) addRecord(plan, user, userName(user, i), place)
    else plan.skipped.push({ ...place, message: 'not a user object' })
  })
  const root = parsed.value
  if (isObject(root) && Array.isArray(root.invalid_user_ids)) {
    const idLines = elementLines(text, ['invalid_user_ids'])
    root.invalid_user_ids.forEach((id, i) => {
      plan.skipped.push({ origin: `invalid_user_ids[${i}]`, ...lineAt(idLines, i), message: `Braze found no user ${JSON.stringify(id)}` })
    })
  }
  if (found.users.length === 0) plan.warnings.push({ origin: 'users', message: 'the export holds no users' })
  return plan
}

interface UserList {
  users: unknown[]
  /** Path of the list in the source, for line numbers; undefined for a single user. */
  path?: string[]
  /** How people find user `i` in the source. */
  origin: (i: number) => string
}

/** The users of an export, or why there are none. */
function findUsers(root: unknown): UserList | string {
  if (Array.isArray(root)) return { users: root, path: [], origin: (i) => `[${i}]` }
  if (!isObject(root)) return 'A Braze export is a JSON object {"users": [...]}, a list of users or one user.'
  if ('ticket' in root || 'tickets' in root) return 'This is a Zendesk ticket, not a Braze user export: import it as Zendesk tickets.'
  if ('users' in root) {
    if (!Array.isArray(root.users)) return '`users` must be a list of user objects.'
    return { users: root.users, path: ['users'], origin: (i) => `users[${i}]` }
  }
  if (typeof root.message === 'string' && root.message !== 'success') {
    return `This is a Braze error answer ("${root.message}"), not a user export.`
  }
  if (IDENTIFIERS.some((field) => field in root)) return { users: [root], origin: () => 'the user' }
  return `No users found: expected {"users": [...]} as /users/export/ids returns it, or one user with ${IDENTIFIERS.join(', ')} or similar.`
}

/** A user's sample is named after the first identifier it has: external_id, braze_id, email, alias. */
export function userName(user: Record<string, unknown>, index: number): string {
  const alias = Array.isArray(user.user_aliases) && isObject(user.user_aliases[0]) ? user.user_aliases[0].alias_name : undefined
  const id = [user.external_id, user.braze_id, user.email, alias].find((v) => typeof v === 'string' && v.trim() !== '')
  const fallback = `user-${index + 1}`
  return typeof id === 'string' ? sanitizeName('braze-user', id, fallback) : fallback
}
