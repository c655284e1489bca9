/**
 * Reads `{% connected_content <URL> [options] %}` into what a call needs, before any render.
 *
 * The URL, the body and header values may hold Liquid; they become sub-templates rendered at
 * each call. Every other option is taken as written.
 */
import type { Liquid, Parser, TagToken } from 'liquidjs'
import { problemCollector, type AddProblem, type TagProblem } from './problems.js'
import { parseHeaderObject } from './headerObject.js'
import { parseSubTemplate, type SubTemplate } from './subTemplate.js'
import {
  argumentsOf,
  firstBlankOutsideLiquid,
  isLiquidAt,
  parseArguments,
  reportUnexpectedWords,
  spanOf,
  type OptionKind,
  type Span,
} from './tagArguments.js'

export const CONNECTED_CONTENT = 'connected_content'

const OPTIONS: Readonly<Record<string, OptionKind>> = {
  save: 'value',
  method: 'value',
  body: 'value',
  content_type: 'value',
  headers: 'value',
  basic_auth: 'value',
  auth_credentials: 'value',
  cache_max_age: 'value',
  no_cache: 'flag',
  retry: 'flag',
}

/** Braze's allowed `:cache_max_age` range: 5 minutes to 4 hours. */
export const CACHE_MAX_AGE_SECONDS = { min: 300, max: 14_400 } as const

/** Braze's rule for `assign`/`capture` names, which a saved response becomes too. */
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/

export interface ConnectedContentCall {
  url?: SubTemplate
  /** `null` when the method is one Braze refuses: no call is made. */
  method: 'GET' | 'POST' | null
  body?: SubTemplate
  contentType?: string
  headers: { name: string; value: SubTemplate }[]
  basicAuth?: string
  authCredentials?: string
  /** Where a JSON response goes; Braze's default is `connected`. */
  saveAs: string
  /** Whether `:save` was given: a non-JSON response is then not inserted. */
  saveGiven: boolean
  retry: boolean
  /** Found while parsing; reported whenever the tag renders. */
  problems: TagProblem[]
  /** Every sub-template, for static analysis. */
  subTemplates: SubTemplate[]
}

type ParseSub = (span: Span) => SubTemplate

export function parseConnectedContentCall(token: TagToken, liquid: Liquid, parser: Parser): ConnectedContentCall {
  const parsed = parseArguments(CONNECTED_CONTENT, argumentsOf(token), OPTIONS)
  const problem = problemCollector(CONNECTED_CONTENT, parsed.problems)
  const sub: ParseSub = (span) => parseSubTemplate(liquid, parser, span, token.file)
  const option = (name: string): Span | undefined => parsed.options.get(name)?.value

  const [urlWord, ...extraWords] = parsed.positional
  reportUnexpectedWords(CONNECTED_CONTENT, extraWords, problem)
  if (!urlWord) problem(token, 'error', 'url-missing', '{% connected_content %} needs a URL')
  checkCacheMaxAge(option('cache_max_age'), problem)

  const method = readMethod(option('method'), problem)
  const save = readSave(option('save'), problem)
  const call: ConnectedContentCall = {
    url: urlWord && sub(urlWord),
    method,
    body: readBody(option('body'), method, problem, sub),
    contentType: option('content_type')?.text,
    headers: readHeaders(option('headers'), problem, sub),
    basicAuth: readCredential('basic_auth', option('basic_auth'), problem),
    authCredentials: readCredential('auth_credentials', option('auth_credentials'), problem),
    saveAs: save ?? 'connected',
    saveGiven: save !== undefined,
    retry: parsed.options.has('retry'),
    problems: parsed.problems,
    subTemplates: [],
  }
  call.subTemplates = [call.url, call.body, ...call.headers.map((h) => h.value)].filter((s) => s !== undefined)
  return call
}

function readMethod(method: Span | undefined, problem: AddProblem): ConnectedContentCall['method'] {
  if (!method) return 'GET'
  const upper = method.text.toUpperCase()
  if (upper === 'GET' || upper === 'POST') return upper
  problem(method, 'error', 'method', `Connected Content supports only GET and POST, not ${JSON.stringify(method.text)}; Braze makes no such call`)
  return null
}

function readBody(body: Span | undefined, method: ConnectedContentCall['method'], problem: AddProblem, sub: ParseSub): SubTemplate | undefined {
  if (!body) return undefined
  if (method === 'GET') {
    // UNCONFIRMED what Braze does with a body on GET; like the webhook composer ("GET has no body"), none is sent.
    problem(body, 'warning', 'body-ignored', ':body has no effect on a GET call; add :method post')
    return undefined
  }
  return sub(inlineJsonCutAtBlank(body, problem))
}

function readHeaders(headers: Span | undefined, problem: AddProblem, sub: ParseSub): ConnectedContentCall['headers'] {
  if (!headers) return []
  const object = parseHeaderObject(headers)
  if ('error' in object) {
    problem(object.at, 'error', 'headers', `:headers is not a JSON object of header values: ${object.error}`, 'write :headers {"Authorization": "Bearer {{token}}", "X-Key": "value"}')
    return []
  }
  return object.entries.map(({ name, value }) => ({ name, value: sub(value) }))
}

/** Credentials are stored in Braze; offline only their name is known. */
function readCredential(option: 'basic_auth' | 'auth_credentials', name: Span | undefined, problem: AddProblem): string | undefined {
  if (!name) return undefined
  problem(
    name,
    'info',
    'credential',
    `the ${option} credential ${JSON.stringify(name.text)} is stored in Braze and cannot be known offline; the request carries a marked stand-in instead`,
    'Braze aborts the call when the credential is deleted: check it exists under Settings > Connected Content',
  )
  return name.text
}

/** Caching has no effect offline, but a value Braze refuses is worth knowing about. */
function checkCacheMaxAge(value: Span | undefined, problem: AddProblem): void {
  if (!value) return
  const seconds = /^\d+$/.test(value.text) ? Number(value.text) : NaN
  const { min, max } = CACHE_MAX_AGE_SECONDS
  if (seconds >= min && seconds <= max) return
  // UNCONFIRMED what Braze does with a value out of range (clamp, default or refuse).
  problem(value, 'warning', 'cache-max-age', `:cache_max_age must be a number of seconds from ${min} (5 minutes) to ${max} (4 hours), not ${JSON.stringify(value.text)}`)
}

function readSave(name: Span | undefined, problem: AddProblem): string | undefined {
  if (name && !VARIABLE_NAME.test(name.text)) {
    problem(name, 'warning', 'save-name', `:save ${name.text}: Braze variable names use only ASCII letters, digits and "_"`)
  }
  return name?.text
}

/**
 * Braze takes an inline JSON body only without spaces; it ends where the first blank is.
 * UNCONFIRMED: what Braze makes of the rest, and whether blanks inside `{{ }}` count; here the
 * rest is dropped and `{{…}}` may hold blanks.
 */
function inlineJsonCutAtBlank(body: Span, problem: AddProblem): Span {
  const isInlineJson = body.text.startsWith('{') && !isLiquidAt(body.input, body.begin)
  const blank = isInlineJson ? firstBlankOutsideLiquid(body) : -1
  if (blank < 0) return body
  problem(
    spanOf(body.input, blank, body.end),
    'error',
    'body-spaces',
    'an inline JSON :body must not contain spaces; the body is cut at the first one',
    'build the body with {% capture body %}…{% endcapture %} and pass :body {{body}}',
  )
  return spanOf(body.input, body.begin, blank)
}
