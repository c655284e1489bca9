/**
 * Turning what a dashboard shows back into template values: an export's `<SECRET_NAME>`
 * stand-ins become `%{secret.secret_name}` again, an environment's values become `%{env.…}`
 * references, and a credential pasted in the clear is never written into the workspace: it is
 * replaced by a secret reference, and the user is told to store the value.
 */
import { NAME_PATTERN } from '../environment/substitute.js'
import type { HeaderRow } from './types.js'

export interface ImportNote {
  severity: 'warning' | 'info'
  message: string
}

/** `<BRAZE_REST_API_KEY>`, as {@link secretStandIn} writes it. */
const STAND_IN = /<([A-Z_][A-Z0-9_]*)>/g

export function standInsToReferences(text: string): string {
  return text.replace(STAND_IN, (_, name: string) => `%{secret.${name.toLowerCase()}}`)
}

/** Values shorter than this would match ordinary text by chance. */
const MIN_VALUE_LENGTH = 4

/** Each environment value found in `text` (longest first) becomes its `%{env.NAME}` reference. */
export function valuesToReferences(text: string, env: Readonly<Record<string, string>> | undefined): string {
  const candidates = Object.entries(env ?? {})
    .filter(([name, value]) => NAME_PATTERN.test(name) && value.length >= MIN_VALUE_LENGTH)
    .sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))
  if (candidates.length === 0) return text
  const byValue = new Map<string, string>()
  for (const [name, value] of candidates) if (!byValue.has(value)) byValue.set(value, name)
  const pattern = new RegExp([...byValue.keys()].map(escapeRegExp).join('|'), 'g')
  return text.replace(pattern, (value) => `%{env.${byValue.get(value)!}}`)
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** Header names whose values are credentials. */
const CREDENTIAL_HEADER = /^authorization$|secret|token|passw(or)?d|api[-_]?key/i

/** A value that is already a reference, a stand-in or Liquid: nothing secret in it. */
const NOT_LITERAL = /%\{|<[A-Z_][A-Z0-9_]*>|\{\{|\{%/

/**
 * Header values for a template: stand-ins and environment values turned into references, and a
 * credential written in the clear replaced by a secret reference (with a note saying which).
 */
export function importHeaders(rows: readonly HeaderRow[], url: string | undefined, env: Readonly<Record<string, string>> | undefined, notes: ImportNote[]): HeaderRow[] {
  return rows.map(({ key, value }) => {
    const literal = !NOT_LITERAL.test(value)
    if (!CREDENTIAL_HEADER.test(key) || !literal) return { key, value: valuesToReferences(standInsToReferences(value), env) }
    const scheme = /^(Bearer|Basic|Token)\s+/i.exec(value)?.[0] ?? ''
    const name = secretNameFor(key, scheme, url)
    notes.push({
      severity: 'warning',
      message: `The ${key} header held a credential in the clear; the template refers to %{secret.${name}} instead, so the value never enters the workspace. Declare "${name}" in the environment's "secrets" and store the value (rotate it if it was shared).`,
    })
    return { key, value: `${scheme}%{secret.${name}}` }
  })
}

/** A secret name for a credential, from where it is sent: the names the example workspace uses. */
export function secretNameFor(header: string, scheme: string, url: string | undefined): string {
  const host = hostOf(url)
  const bearer = /^bearer/i.test(scheme)
  const basic = /^basic/i.test(scheme)
  if (/\.zendesk\.com$/i.test(host)) return bearer ? 'zendesk_oauth_token' : basic ? 'zendesk_basic_auth' : 'zendesk_api_key'
  if (/(^|\.)braze\.(com|eu)$/i.test(host) || /%\{env\.braze_rest_host\}/.test(url ?? '')) return 'braze_rest_api_key'
  if (header.toLowerCase() !== 'authorization') return header.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '') || 'webhook_secret'
  return bearer ? 'webhook_bearer_token' : basic ? 'webhook_basic_auth' : 'webhook_authorization'
}

function hostOf(url: string | undefined): string {
  const match = /^[a-z]+:\/\/([^/:?#]+)/i.exec(url ?? '')
  return match?.[1] ?? ''
}
