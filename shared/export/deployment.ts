/**
 * What `hookbench deploy` created, kept in the template's front matter so the next deploy
 * updates the webhook and trigger instead of creating them again:
 *
 *   zendesk:
 *     deployed:
 *       sandbox:                  # the environment's name
 *         account: acme1589812345 # its Zendesk subdomain: ids belong to one account
 *         webhook_id: 01HV…
 *         trigger_id: 9001
 *
 * The front matter is edited in place, as text: only the changed values and inserted lines
 * differ, so comments, quoting and folded descriptions stay exactly as the user wrote them.
 */
import { isMap, isScalar, parseDocument, stringify, type YAMLMap } from 'yaml'
import { KNOWN_VARIABLES } from '../environment/model.js'
import type { ReferenceValues } from '../environment/substitute.js'
import { parseTemplateFile, type DeployedIds, type TemplateFile } from '../template/file.js'

/**
 * The ids recorded for `environment`, unless they were recorded for another account than the
 * one the environment points at now (then `note` says why they are not used).
 */
export function deployedIdsFor(file: TemplateFile, environment: string, account: string | undefined): { ids?: DeployedIds; note?: string } {
  const ids = file.meta.zendesk?.deployed?.[environment]
  if (!ids) return {}
  if (ids.account !== undefined && account !== undefined && ids.account !== account) {
    return {
      note: `The ids recorded for environment "${environment}" belong to Zendesk account ${ids.account}, but it now points at ${account}: they are not used.`,
    }
  }
  return { ids }
}

/** The Zendesk account (subdomain) an environment's references point at. */
export function zendeskAccount(values: ReferenceValues | null | undefined): string | undefined {
  return values?.env[KNOWN_VARIABLES.zendeskSubdomain]
}

export type RecordOutcome =
  | { ok: true; text: string; /** Set when the front matter had to be rewritten as a whole. */ reformatted?: boolean }
  | { ok: false; message: string }

type Entry = [key: string, value: string | number]

/** The template text with `zendesk.deployed.<environment>` set to `ids` (other keys kept). */
export function recordDeployment(text: string, environment: string, ids: DeployedIds): RecordOutcome {
  const file = parseTemplateFile(text, '')
  if (!file.frontMatter) return { ok: false, message: 'The template has no front matter to record the ids in.' }
  const { start, end } = file.frontMatter
  const yaml = text.slice(start, end)
  const doc = parseDocument(yaml)
  if (doc.errors.length > 0) return { ok: false, message: `The front matter is not valid YAML: ${doc.errors[0]!.message.split('\n')[0]}` }
  const path = ['zendesk', 'deployed', environment]
  const entries: Entry[] = [
    ['account', ids.account],
    ['webhook_id', ids.webhookId],
    ['trigger_id', ids.triggerId],
  ].filter((e): e is Entry => e[1] !== undefined)
  const eol = yaml.includes('\r\n') ? '\r\n' : '\n'
  const edited = editInPlace(yaml, doc.contents, path, entries, eol)
  for (const [key, value] of entries) doc.setIn([...path, key], value)
  // The edit must mean exactly what setting the values on the parsed document means.
  const expected = meaning(doc.toString())
  if (expected === undefined) return { ok: false, message: 'The front matter cannot be read (its aliases expand too far).' }
  if (edited !== undefined && meaning(edited) === expected) return { ok: true, text: text.slice(0, start) + edited + text.slice(end) }
  // A shape the in-place edit does not handle (a flow map, a key holding a scalar): rewrite the YAML.
  const rewritten = doc.toString({ lineWidth: 0 })
  if (meaning(rewritten) !== expected) return { ok: false, message: 'The ids could not be written into the front matter.' }
  return { ok: true, text: text.slice(0, start) + rewritten + text.slice(end), reformatted: true }
}

interface Edit {
  from: number
  to: number
  insert: string
}

function editInPlace(yaml: string, root: unknown, path: string[], entries: Entry[], eol: string): string | undefined {
  if (root === null) return appendTo(yaml, yaml.length, subtree(path, entries, 0, eol), eol)
  if (!isMap(root) || root.flow) return undefined
  let map: YAMLMap = root
  let indent = keyColumn(yaml, map)
  let depth = 0
  for (; depth < path.length; depth++) {
    const pair = map.items.find((p) => isScalar(p.key) && String(p.key.value) === path[depth])
    if (!pair) break
    if (!isMap(pair.value) || pair.value.flow) return undefined
    map = pair.value
    indent = keyColumn(yaml, map)
  }
  const end = map.range?.[1] ?? yaml.length
  if (depth < path.length) return appendTo(yaml, end, subtree(path.slice(depth), entries, indent, eol), eol)
  const edits: Edit[] = []
  const added: string[] = []
  for (const [key, value] of entries) {
    const pair = map.items.find((p) => isScalar(p.key) && String(p.key.value) === key)
    if (!pair) {
      added.push(`${' '.repeat(indent)}${key}: ${scalar(value)}${eol}`)
    } else if (isScalar(pair.value) && pair.value.range) {
      edits.push({ from: pair.value.range[0], to: pair.value.range[1], insert: scalar(value) })
    } else {
      return undefined
    }
  }
  let out = added.length > 0 ? appendTo(yaml, end, added.join(''), eol) : yaml
  // Replacements all lie before the insertion point: apply them last to first.
  for (const edit of edits.sort((a, b) => b.from - a.from)) out = out.slice(0, edit.from) + edit.insert + out.slice(edit.to)
  return out
}

/** `lines` inserted at `at`, starting on a line of their own. */
function appendTo(yaml: string, at: number, lines: string, eol: string): string {
  const before = yaml.slice(0, at)
  const separator = before === '' || before.endsWith('\n') ? '' : eol
  return before + separator + lines + yaml.slice(at)
}

/** `deployed:` / `  sandbox:` / `    webhook_id: …` lines for keys that do not exist yet. */
function subtree(path: string[], entries: Entry[], indent: number, eol: string): string {
  const lines = path.map((key, i) => `${' '.repeat(indent + 2 * i)}${scalar(key)}:${eol}`)
  const inner = ' '.repeat(indent + 2 * path.length)
  return lines.join('') + entries.map(([key, value]) => `${inner}${key}: ${scalar(value)}${eol}`).join('')
}

function keyColumn(yaml: string, map: YAMLMap): number {
  const first = map.items[0]?.key
  const offset = isScalar(first) && first.range ? first.range[0] : (map.range?.[0] ?? 0)
  return offset - (yaml.lastIndexOf('\n', offset - 1) + 1)
}

/** A value as YAML writes it: plain when it can be, quoted when it must be (`"0123"`, `"yes"`). */
function scalar(value: string | number): string {
  return stringify(value, { lineWidth: 0 }).trimEnd()
}

/** What the YAML says, comparable as a string; undefined when it cannot be read. */
function meaning(yaml: string): string | undefined {
  const doc = parseDocument(yaml)
  if (doc.errors.length > 0) return undefined
  try {
    return JSON.stringify(doc.toJS())
  } catch {
    // yaml refuses to expand aliases into an exponential tree.
    return undefined
  }
}
