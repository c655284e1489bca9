/**
 * Braze's own tags (shared/braze/tags), written in the syntax the preprocessor hands over:
 * `{{${first_name}}}` is `{{__braze["first_name"]}}` and `{{content_blocks.${x}}}` is
 * `{% content_blocks "x" %}`.
 */
import { Context, Liquid, toPromise, type Template } from 'liquidjs'
import { describe, expect, it } from 'vitest'
import { AbortMessage, findAbort, setRenderEnv, type ConnectedContentRequest, type RenderEnv } from '../../shared/engine/env.js'
import type { CannedResponse } from '../../shared/samples/types.js'
import { installBrazeTags } from '../../shared/braze/tags/index.js'
import { renderSyncWithEnv, testEnv } from '../support/liquidEnv.js'

interface Report {
  severity: string
  code: string
  message: string
  hint?: string
  begin: number
  end: number
}

type Mode = 'sync' | 'async'

function brazeLiquid(): Liquid {
  const liquid = new Liquid({ jsTruthy: false, greedy: false })
  installBrazeTags(liquid)
  return liquid
}

const liquid = brazeLiquid()

/** A render environment that keeps hints too, and every Connected Content request made. */
function env(overrides: Partial<RenderEnv> = {}): RenderEnv & { reports: Report[]; requests: ConnectedContentRequest[] } {
  const reports: Report[] = []
  const requests: ConnectedContentRequest[] = []
  const base = testEnv({
    report: (at, severity, code, message, hint) =>
      reports.push({ severity, code, message, begin: at.begin, end: at.end, ...(hint ? { hint } : {}) }),
    ...overrides,
  })
  const answer = base.connectedContent
  return Object.assign(base, {
    reports,
    requests,
    connectedContent: (request: ConnectedContentRequest) => {
      requests.push(request)
      return answer(request)
    },
  })
}

/** Answers Connected Content calls by URL. */
function answering(byUrl: Record<string, CannedResponse>): Partial<RenderEnv> {
  return { connectedContent: (request) => byUrl[request.url] }
}

async function render(mode: Mode, source: string, scope: Record<string, unknown> = {}, renderEnv: RenderEnv = env()): Promise<string> {
  if (mode === 'sync') return renderSyncWithEnv(liquid, source, scope, renderEnv)
  const ctx = new Context(scope, liquid.options, { sync: false })
  setRenderEnv(ctx, renderEnv)
  return (await toPromise(liquid.renderer.renderTemplates(liquid.parse(source), ctx))) as string
}

const renderSync = (source: string, scope: Record<string, unknown> = {}, renderEnv: RenderEnv = env()): string =>
  renderSyncWithEnv(liquid, source, scope, renderEnv)

/** The abort a render ended with; fails when it did not abort. */
function abortOf(run: () => unknown): AbortMessage {
  try {
    run()
  } catch (err) {
    const abort = findAbort(err)
    if (abort) return abort
    throw err
  }
  throw new Error('the render did not abort')
}

const codes = (e: { reports: Report[] }): string[] => e.reports.map((r) => r.code)

/** The offsets of `part` in `source`, to check where a report points. */
function at(source: string, part: string): { begin: number; end: number } {
  const begin = source.indexOf(part)
  if (begin < 0) throw new Error(`${part} not in ${source}`)
  return { begin, end: begin + part.length }
}

describe('installBrazeTags', () => {
  it('registers every Braze tag', () => {
    for (const tag of ['abort_message', 'connected_content', 'content_blocks', 'catalog_items', 'catalog_selection_items', 'promotion', 'message_extras']) {
      expect(liquid.tags[tag], tag).toBeDefined()
    }
  })
})

describe.each<Mode>(['sync', 'async'])('every tag renders in %s mode', (mode) => {
  it('connected_content saves a JSON answer', async () => {
    const e = env(answering({ 'https://api.example.com/u/7': { body: { name: 'Ada' } } }))
    expect(await render(mode, '{% connected_content https://api.example.com/u/{{ id }} :save u %}{{ u.name }}', { id: 7 }, e)).toBe('Ada')
  })

  it('connected_content with :retry aborts on a failure', async () => {
    const e = env(answering({ 'https://api.example.com/': { status: 503, body: '' } }))
    await expect(render(mode, '{% connected_content https://api.example.com/ :retry %}', {}, e)).rejects.toSatisfy((err) => findAbort(err) !== undefined)
  })

  it('abort_message aborts', async () => {
    await expect(render(mode, 'x{% abort_message("stop") %}')).rejects.toSatisfy((err) => findAbort(err)?.reason === 'stop')
  })

  it('content_blocks renders a block', async () => {
    const e = env({ contentBlock: (name) => (name === 'hi' ? liquid.parse('Hi {{ n }}{% assign later = 1 %}') : undefined) })
    expect(await render(mode, '{% content_blocks "hi" %}!{{ later }}', { n: 'Ada' }, e)).toBe('Hi Ada!1')
  })

  it('catalog_items and catalog_selection_items assign items', async () => {
    const e = env({ catalog: (name) => (name === 'Games' ? [{ id: '1', title: 'Tetris {{ n }}' }] : name === 'Games/selections/top' ? [{ id: '9' }] : undefined) })
    expect(await render(mode, '{% catalog_items Games {{ ids[0] }} :rerender %}{{ items[0].title }}', { ids: ['1'], n: 99 }, e)).toBe('Tetris 99')
    expect(await render(mode, '{% catalog_selection_items Games top %}{{ items[0].id }}', {}, e)).toBe('9')
  })

  it('promotion and message_extras render', async () => {
    expect(await render(mode, "{% promotion('vip') %}|{% message_extras :key k :value v %}|")).toBe('PROMO-VIP-0001||')
  })
})

describe('abort_message', () => {
  it.each([
    ['{% abort_message %}', null],
    ['{% abort_message() %}', null],
    ['{% abort_message( ) %}', null],
    ["{% abort_message('no email') %}", 'no email'],
    ['{% abort_message("no email") %}', 'no email'],
    [`{% abort_message("it's over") %}`, "it's over"],
    ['{%- abort_message("trimmed") -%}', 'trimmed'],
  ])('%s aborts with reason %j', (source, reason) => {
    const e = env()
    expect(abortOf(() => renderSync(`before ${source} after`, {}, e)).reason).toBe(reason)
    expect(e.reports).toEqual([])
  })

  it('a reason-less abort reads as Braze logs it', () => {
    expect(abortOf(() => renderSync('{% abort_message %}')).message).toBe('{% abort_message %} called')
  })

  it('does nothing in a branch not taken', () => {
    expect(renderSync('{% if false %}{% abort_message("x") %}{% endif %}ok')).toBe('ok')
  })

  it('UNCONFIRMED: other arguments are reported, and the message still aborts without a reason', () => {
    const e = env()
    const source = '{% abort_message(reason) %}'
    expect(abortOf(() => renderSync(source, {}, e)).reason).toBeNull()
    expect(e.reports).toMatchObject([{ severity: 'error', code: 'abort-message-form', ...at(source, source) }])
  })
})

describe('connected_content: the request', () => {
  /** Renders with every call answered, so only the request and the reports about it matter. */
  const call = (source: string, scope: Record<string, unknown> = {}) => {
    const e = env({ connectedContent: () => ({ body: {} }) })
    const output = renderSync(source, scope, e)
    return { output, e, request: e.requests[0] }
  }

  it('GET by default, with Content-Type application/json and Accept */*', () => {
    const { request } = call('{% connected_content https://api.example.com/v1 %}')
    expect(request).toEqual({
      url: 'https://api.example.com/v1',
      method: 'GET',
      headers: { 'Content-Type': 'application/json', Accept: '*/*' },
    })
  })

  it('renders Liquid in the URL with the current context', () => {
    const { request } = call(
      '{% assign q = "a b" %}{% connected_content https://api.example.com/users/{{__braze["user_id"]}}?q={{ q | url_encode }}&e={{ custom_attribute["mail"] }} %}',
      { __braze: { user_id: 'u-1' }, custom_attribute: { mail: 'x@y.z' } },
    )
    expect(request?.url).toBe('https://api.example.com/users/u-1?q=a+b&e=x@y.z')
  })

  it(':method post sends a form body with Content-Type application/x-www-form-urlencoded', () => {
    const { request } = call('{% connected_content https://api.example.com/ :method post :body a=1&b={{ n }} %}', { n: 2 })
    expect(request).toEqual({
      url: 'https://api.example.com/',
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'a=1&b=2',
    })
  })

  it(':method is case-insensitive', () => {
    expect(call('{% connected_content https://api.example.com/ :method POST %}').request?.method).toBe('POST')
    expect(call('{% connected_content https://api.example.com/ :method Get %}').request?.method).toBe('GET')
  })

  it(':body {{captured}} sends what was captured, spaces and all', () => {
    const { request } = call('{% capture body %}{"name": "{{ n }}"}{% endcapture %}{% connected_content https://api.example.com/ :method post :body {{body}} %}', { n: 'Ada' })
    expect(request?.body).toBe('{"name": "Ada"}')
  })

  it(':body takes inline JSON without spaces, Liquid inside rendered', () => {
    const { request, e } = call('{% connected_content https://api.example.com/ :method post :body {"foo":"bar","baz":"{{1|plus:1}}"} :content_type application/json %}')
    expect(request?.body).toBe('{"foo":"bar","baz":"2"}')
    expect(e.reports).toEqual([])
  })

  it('UNCONFIRMED: inline JSON with a space is reported and cut at the space', () => {
    const source = '{% connected_content https://api.example.com/ :method post :body {"foo": "bar"} %}'
    const { request, e } = call(source)
    expect(e.reports).toMatchObject([{ severity: 'error', code: 'connected-content-body-spaces', ...at(source, ' "bar"}') }])
    expect(request?.body).toBe('{"foo":')
  })

  it('UNCONFIRMED: :body on a GET call is reported and not sent', () => {
    const source = '{% connected_content https://api.example.com/ :body a=1 %}'
    const { request, e } = call(source)
    expect(request).not.toHaveProperty('body')
    expect(e.reports).toMatchObject([{ severity: 'warning', code: 'connected-content-body-ignored', ...at(source, 'a=1') }])
  })

  it(':content_type sets both Content-Type and Accept', () => {
    expect(call('{% connected_content https://api.example.com/ :content_type text/xml %}').request?.headers).toEqual({
      'Content-Type': 'text/xml',
      Accept: 'text/xml',
    })
    expect(call('{% connected_content https://api.example.com/ :method post :content_type text/plain :body hi %}').request).toMatchObject({
      headers: { 'Content-Type': 'text/plain', Accept: 'text/plain' },
      body: 'hi',
    })
  })

  it(':content_type application/json JSON-encodes a form-style body', () => {
    const { request } = call('{% connected_content https://api.example.com/ :method post :body a=1&name={{ n }}&c=x%20y :content_type application/json %}', { n: 'Ada' })
    expect(request?.headers).toEqual({ 'Content-Type': 'application/json', Accept: 'application/json' })
    expect(JSON.parse(request?.body ?? '')).toEqual({ a: '1', name: 'Ada', c: 'x y' })
  })

  it(':content_type application/json leaves a JSON body as it is', () => {
    const { request } = call('{% assign b = \'{"a":1}\' %}{% connected_content https://api.example.com/ :method post :body {{b}} :content_type application/json %}')
    expect(request?.body).toBe('{"a":1}')
  })

  it(':headers adds headers whose values may hold Liquid (quotes inside Liquid included)', () => {
    const { request, e } = call(
      '{% connected_content https://api.example.com/ :headers {"Authorization": "Bearer {{__braze["token"]}}", "X-Count": 3, "X-Empty": ""} %}',
      { __braze: { token: 't0k' } },
    )
    expect(e.reports).toEqual([])
    expect(request?.headers).toEqual({ 'Content-Type': 'application/json', Accept: '*/*', Authorization: 'Bearer t0k', 'X-Count': '3', 'X-Empty': '' })
  })

  it('UNCONFIRMED: a :headers entry replaces a default header of the same name, whatever its case', () => {
    const { request } = call('{% connected_content https://api.example.com/ :headers {"content-type": "text/csv"} %}')
    expect(request?.headers).toEqual({ Accept: '*/*', 'content-type': 'text/csv' })
  })

  it.each([
    ['{"A" "b"}', '"b"}'],
    ['{"A": b}', 'b}'],
    ['{"A": "b",', ''],
    ["{'A': 'b'}", "'A'"],
    ['{"X Y": "b"}', 'X Y'],
    ['{"": "b"}', '": "b"}'],
  ])('reports :headers %s that is not a JSON object of values', (headers, where) => {
    const source = `{% connected_content https://api.example.com/ :headers ${headers} %}`
    const { request, e } = call(source)
    expect(e.reports).toMatchObject([{ severity: 'error', code: 'connected-content-headers' }])
    const report = e.reports[0]!
    if (where) expect(report.begin).toBe(source.indexOf(where))
    expect(request?.headers).toEqual({ 'Content-Type': 'application/json', Accept: '*/*' })
  })

  it(':basic_auth puts a marked stand-in in Authorization and reports an info', () => {
    const source = '{% connected_content https://api.example.com/ :basic_auth my_cred %}'
    const { request, e } = call(source)
    expect(request?.headers.Authorization).toBe('Basic HOOKBENCH-STAND-IN(basic_auth:my_cred)')
    expect(e.reports).toMatchObject([{ severity: 'info', code: 'connected-content-credential', ...at(source, 'my_cred') }])
    expect(e.reports[0]?.message).toContain('"my_cred"')
  })

  it(':auth_credentials puts a marked stand-in in a header of its own and reports an info', () => {
    const { request, e } = call('{% connected_content https://api.example.com/ :auth_credentials token_cred %}')
    expect(request?.headers['X-Hookbench-Auth-Credentials']).toBe('HOOKBENCH-STAND-IN(auth_credentials:token_cred)')
    expect(codes(e)).toEqual(['connected-content-credential'])
  })

  it.each(['300', '600', '14400'])(':cache_max_age %s is accepted', (seconds) => {
    const { e, request } = call(`{% connected_content https://api.example.com/ :cache_max_age ${seconds} %}`)
    expect(e.reports).toEqual([])
    expect(request).toBeDefined()
  })

  it.each(['299', '14401', '0', 'abc', '600s'])(':cache_max_age %s is reported (allowed 300 to 14400)', (seconds) => {
    const source = `{% connected_content https://api.example.com/ :cache_max_age ${seconds} %}`
    const { e, request } = call(source)
    const value = source.lastIndexOf(seconds)
    expect(e.reports).toMatchObject([{ severity: 'warning', code: 'connected-content-cache-max-age', begin: value, end: value + seconds.length }])
    expect(request).toBeDefined()
  })

  it(':no_cache and :retry are accepted as flags', () => {
    const { e, request } = call('{% connected_content https://api.example.com/ :no_cache :retry %}')
    expect(e.reports).toEqual([])
    expect(request?.url).toBe('https://api.example.com/')
  })

  it.each([
    ['https://api.example.com:443/x', true],
    ['http://api.example.com:80/x', true],
    ['http://api.example.com:443/x', true],
    ['https://api.example.com:8443/x', false],
    ['http://localhost:3000/x', false],
  ])('only ports 80 and 443: %s', (url, allowed) => {
    const source = `{% connected_content ${url} %}`
    const { e, request } = call(source)
    if (allowed) {
      expect(request?.url).toBe(url)
    } else {
      expect(request).toBeUndefined()
      expect(e.reports).toMatchObject([{ severity: 'error', code: 'connected-content-url', ...at(source, url) }])
      expect(e.reports[0]?.message).toContain('ports 80 and 443')
    }
  })

  it.each(['/relative/path', 'ftp://files.example.com/a', '{{ missing }}'])('reports a URL Braze cannot call: %s', (url) => {
    const { e, request } = call(`{% connected_content ${url} %}`)
    expect(request).toBeUndefined()
    expect(codes(e)).toEqual(['connected-content-url'])
  })

  it('reports a method other than GET and POST, and makes no call', () => {
    const source = '{% connected_content https://api.example.com/ :method put %}'
    const { e, request } = call(source)
    expect(request).toBeUndefined()
    expect(e.reports).toMatchObject([{ severity: 'error', code: 'connected-content-method', ...at(source, 'put') }])
  })

  it('reports a missing URL', () => {
    const { e, request } = call('{% connected_content :save x %}')
    expect(request).toBeUndefined()
    expect(codes(e)).toEqual(['connected-content-url-missing'])
  })

  it('reports an unknown option, taking the word after it as its value', () => {
    const source = '{% connected_content https://api.example.com/ :cache 300 %}'
    const { e, request } = call(source)
    expect(e.reports).toMatchObject([{ severity: 'warning', code: 'connected-content-unknown-option', ...at(source, ':cache') }])
    expect(request?.url).toBe('https://api.example.com/')
  })

  it('reports words that belong to no option', () => {
    const source = '{% connected_content https://api.example.com/ extra :retry stray %}'
    const { e } = call(source)
    expect(e.reports.filter((r) => r.code === 'connected-content-unexpected-argument')).toMatchObject([at(source, 'extra'), at(source, 'stray')])
  })

  it('reports an option without its value', () => {
    const source = '{% connected_content https://api.example.com/ :save %}'
    expect(call(source).e.reports).toMatchObject([{ severity: 'error', code: 'connected-content-option-value', ...at(source, ':save') }])
  })

  it('UNCONFIRMED: an option given twice is reported and the last one wins', () => {
    const { e, request } = call('{% connected_content https://api.example.com/ :method get :method post %}')
    expect(codes(e)).toContain('connected-content-duplicate-option')
    expect(request?.method).toBe('POST')
  })

  it('reports a :save name Braze would not accept as a variable', () => {
    const { e } = call('{% connected_content https://api.example.com/ :save my-var %}')
    expect(codes(e)).toContain('connected-content-save-name')
  })

  it('a syntax error in the URL Liquid points at its place in the template', () => {
    expect(() => liquid.parse('line one\n{% connected_content https://x.com/{{ "id }} %}')).toThrow(/line:2, col:36/)
  })

  it('parses the Liquid of its arguments in place: variables are located in the template', () => {
    const source = 'line one\n{% connected_content https://x.com/{{ user.id }} %}'
    const [user] = liquid.analyzeSync(liquid.parse(source)).variables['user'] ?? []
    expect(user?.location).toEqual({ row: 2, col: source.split('\n')[1]!.indexOf('user') + 1 })
  })

  it('exposes the Liquid of its arguments to static analysis', () => {
    const source = '{% connected_content https://x.com/{{ user.id }} :method post :body a={{ b }} :headers {"K": "{{ c }}"} %}'
    expect(liquid.globalVariablesSync(source).sort()).toEqual(['b', 'c', 'user'])
  })

  it('works with whitespace control', () => {
    const e = env(answering({ 'https://api.example.com/': { body: 'hi' } }))
    expect(renderSync('a  {%- connected_content https://api.example.com/ -%}  b', {}, e)).toBe('ahib')
  })
})

describe('connected_content: the answer', () => {
  const URL = 'https://api.example.com/data'
  const withAnswer = (answer: CannedResponse | undefined, source: string, scope: Record<string, unknown> = {}) => {
    const e = env({ connectedContent: () => answer })
    return { output: renderSync(source, scope, e), e }
  }

  it('saves a JSON object to `connected` without :save, with __http_status_code__', () => {
    const { output } = withAnswer({ body: { name: 'Ada' } }, `{% connected_content ${URL} %}{{ connected.name }} {{ connected.__http_status_code__ }}`)
    expect(output).toBe('Ada 200')
  })

  it('saves a JSON object to the :save variable, visible after the tag', () => {
    const { output } = withAnswer({ status: 201, body: { id: 5 } }, `{% connected_content ${URL} :save r %}{{ r.id }}/{{ r.__http_status_code__ }}/{{ connected }}`)
    expect(output).toBe('5/201/')
  })

  it('saves a JSON array without a status code', () => {
    const { output } = withAnswer({ body: [{ n: 1 }, { n: 2 }] }, `{% connected_content ${URL} :save r %}{{ r.size }}{% for x in r %}{{ x.n }}{% endfor %}{{ r.__http_status_code__ }}`)
    expect(output).toBe('212')
  })

  it('reads a string answer holding JSON as JSON', () => {
    const { output } = withAnswer({ body: '{"name":"Ada"}' }, `{% connected_content ${URL} %}{{ connected.name }}`)
    expect(output).toBe('Ada')
  })

  it('does not change the canned answer when it adds the status code', () => {
    const body = { name: 'Ada' }
    withAnswer({ body }, `{% connected_content ${URL} %}`)
    expect(body).toEqual({ name: 'Ada' })
  })

  it('inserts a non-JSON answer as text where the tag is, without :save', () => {
    expect(withAnswer({ body: 'Hello <b>you</b>' }, `[{% connected_content ${URL} %}]`).output).toBe('[Hello <b>you</b>]')
  })

  it('UNCONFIRMED: a JSON scalar answer is inserted as text', () => {
    expect(withAnswer({ body: 42 }, `[{% connected_content ${URL} %}]`).output).toBe('[42]')
  })

  it('UNCONFIRMED: with :save, a non-JSON answer is neither inserted nor saved, and reported', () => {
    const { output, e } = withAnswer({ body: 'plain' }, `[{% connected_content ${URL} :save r %}]{{ r }}`)
    expect(output).toBe('[]')
    expect(e.reports).toMatchObject([{ severity: 'info', code: 'connected-content-not-json' }])
  })

  it('renders a 404 as an empty string', () => {
    const { output, e } = withAnswer({ status: 404, body: 'Not Found' }, `[{% connected_content ${URL} %}]`)
    expect(output).toBe('[]')
    expect(e.reports).toMatchObject([{ severity: 'info', code: 'connected-content-http-status' }])
  })

  it('UNCONFIRMED (the reference says maybe only on 2XX): a 4XX JSON object is saved with its status code', () => {
    const { output } = withAnswer({ status: 404, body: { error: 'nope' } }, `[{% connected_content ${URL} :save r %}]{% if r.__http_status_code__ != 200 %}{{ r.__http_status_code__ }}{% endif %}`)
    expect(output).toBe('[]404')
  })

  it.each([500, 502, 503, 408, 429])('inserts nothing on a %i without :retry, and reports it', (status) => {
    const { output, e } = withAnswer({ status, body: { error: 'x' } }, `[{% connected_content ${URL} :save r %}]{{ r.error }}`)
    expect(output).toBe('[]')
    expect(e.reports).toMatchObject([{ severity: 'warning', code: 'connected-content-failed' }])
  })

  it.each([500, 502, 503, 408, 429])('aborts the message on a %i with :retry, naming URL and status', (status) => {
    const abort = abortOf(() => withAnswer({ status, body: '' }, `{% connected_content ${URL} :retry %}`))
    expect(abort.reason).toContain(URL)
    expect(abort.reason).toContain(String(status))
  })

  it('without a canned answer, warns with the exact URL and how to add one, and renders as if nothing came back', () => {
    const source = '[{% connected_content https://api.example.com/u/{{ id }} :method post :save r %}]{{ r.x }}'
    const { output, e } = withAnswer(undefined, source, { id: 42 })
    expect(output).toBe('[]')
    expect(e.reports).toHaveLength(1)
    const [report] = e.reports
    expect(report).toMatchObject({ severity: 'warning', code: 'connected-content-unanswered', ...at(source, source.slice(1, source.indexOf('%}') + 2)) })
    expect(report?.message).toContain('https://api.example.com/u/42')
    expect(report?.hint).toContain('"connected_content": {"https://api.example.com/u/42": {"status": 200, "body": {…}}}')
    expect(report?.hint).toContain('"POST https://api.example.com/u/42"')
  })
})

describe('content_blocks', () => {
  const blocks = (sources: Record<string, string>): Partial<RenderEnv> => ({
    contentBlock: (name) => (name in sources ? liquid.parse(sources[name]!) : undefined),
  })

  it('renders a block in the same context; its assigns are visible afterwards', () => {
    const e = env(blocks({ vars: '{% assign greeting = "Hello" %}', footer: '— {{ team }}' }))
    expect(renderSync('{% content_blocks "vars" %}{{ greeting }} {{ n }} {% content_blocks "footer" %}', { n: 'Ada', team: 'Acme' }, e)).toBe('Hello Ada — Acme')
    expect(e.reports).toEqual([])
  })

  it('takes a single-quoted name (a name holding a double quote)', () => {
    const e = env(blocks({ 'say "hi"': 'hi' }))
    expect(renderSync(`{% content_blocks 'say "hi"' %}`, {}, e)).toBe('hi')
  })

  it('keeps whitespace control', () => {
    const e = env(blocks({ footer: 'F' }))
    expect(renderSync('a  {%- content_blocks "footer" -%}  b', {}, e)).toBe('aFb')
  })

  it('reports an unknown block and renders nothing', () => {
    const e = env()
    const source = 'x{% content_blocks "nope" %}y'
    expect(renderSync(source, {}, e)).toBe('xy')
    expect(e.reports).toMatchObject([{ severity: 'error', code: 'content-block-missing', ...at(source, '{% content_blocks "nope" %}') }])
  })

  it('renders one level of block inside block', () => {
    const e = env(blocks({ outer: '<{% content_blocks "inner" %}>', inner: 'in' }))
    expect(renderSync('{% content_blocks "outer" %}', {}, e)).toBe('<in>')
    expect(e.reports).toEqual([])
  })

  it('silently removes a third level, and reports it', () => {
    const e = env(blocks({ a: 'A({% content_blocks "b" %})', b: 'B({% content_blocks "c" %})', c: 'C' }))
    expect(renderSync('{% content_blocks "a" %}|{% content_blocks "b" %}', {}, e)).toBe('A(B())|B(C)')
    expect(e.reports).toMatchObject([{ severity: 'warning', code: 'content-block-too-deep' }])
  })

  it('stops a block that includes itself', () => {
    const e = env(blocks({ loop: 'L{% content_blocks "loop" %}' }))
    expect(renderSync('{% content_blocks "loop" %}', {}, e)).toBe('LL')
    expect(codes(e)).toEqual(['content-block-too-deep'])
  })

  it('lets an abort inside a block abort the message', () => {
    const e = env(blocks({ guard: '{% abort_message("blocked") %}' }))
    expect(abortOf(() => renderSync('{% content_blocks "guard" %}', {}, e)).reason).toBe('blocked')
  })

  it.each(['footer', '"a" "b"', ''])('reports a name that is not one quoted string: %j', (args) => {
    const e = env(blocks({ footer: 'F' }))
    expect(renderSync(`{% content_blocks ${args} %}`, {}, e)).toBe('')
    expect(codes(e)).toEqual(['content-block-name'])
  })
})

describe('catalog_items', () => {
  const games = [
    { id: '1', title: 'Tetris', price: 5 },
    { id: '2', title: 'Doom', price: 10 },
    { id: 3, title: 'Myst', price: 7 },
    { id: 'greet', title: 'Hi {{ __braze["first_name"] }}!', raw: '{{ "{{ not_again }}" }}', n: 1 },
  ]
  const catalogEnv = (rows: Record<string, Record<string, unknown>[]> = { Games: games }) => env({ catalog: (name) => rows[name] })
  const titles = '{% for i in items %}{{ i.title }},{% endfor %}'

  it('assigns the rows asked for, in the order asked', () => {
    expect(renderSync(`{% catalog_items Games 2 1 %}${titles}`, {}, catalogEnv())).toBe('Doom,Tetris,')
  })

  it('matches a numeric id', () => {
    expect(renderSync('{% catalog_items Games 3 %}{{ items[0].title }}', {}, catalogEnv())).toBe('Myst')
  })

  it('renders ids written as Liquid', () => {
    expect(renderSync(`{% catalog_items Games {{ wishlist[0] }} {{wishlist[1]}} %}${titles}`, { wishlist: ['1', '2'] }, catalogEnv())).toBe('Tetris,Doom,')
  })

  it('leaves unknown ids out, and gives an empty array when none match', () => {
    const e = catalogEnv()
    expect(renderSync(`{% catalog_items Games 9 1 %}${titles}`, {}, e)).toBe('Tetris,')
    expect(renderSync('{% catalog_items Games 8 9 %}{{ items.size }}', {}, e)).toBe('0')
    expect(e.reports).toEqual([])
  })

  it('UNCONFIRMED: an id asked twice gives its row twice', () => {
    expect(renderSync(`{% catalog_items Games 1 1 %}${titles}`, {}, catalogEnv())).toBe('Tetris,Tetris,')
  })

  it('prints Liquid in cells as raw text without :rerender', () => {
    expect(renderSync('{% catalog_items Games greet %}{{ items[0].title }}', { __braze: { first_name: 'Ada' } }, catalogEnv())).toBe('Hi {{ __braze["first_name"] }}!')
  })

  it(':rerender renders Liquid in string cells, one level deep, without changing the catalog', () => {
    const e = catalogEnv()
    const output = renderSync('{% catalog_items Games greet :rerender %}{{ items[0].title }} {{ items[0].raw }} {{ items[0].n }}', { __braze: { first_name: 'Ada' } }, e)
    expect(output).toBe('Hi Ada! {{ not_again }} 1')
    expect(games[3]?.title).toBe('Hi {{ __braze["first_name"] }}!')
    expect(e.reports).toEqual([])
  })

  it(':rerender reports a cell whose Liquid does not parse and keeps it as it is', () => {
    const e = catalogEnv({ M: [{ id: 'x', body: 'Hi {{ name' }] })
    expect(renderSync('{% catalog_items M x :rerender %}{{ items[0].body }}', {}, e)).toBe('Hi {{ name')
    expect(e.reports).toMatchObject([{ severity: 'error', code: 'catalog-items-rerender' }])
  })

  it(':rerender does not run catalog tags inside cells: Braze forbids recursion', () => {
    const e = catalogEnv({ M: [{ id: 'x', body: 'a{% catalog_items M x %}b' }] })
    expect(renderSync('{% catalog_items M x :rerender %}{{ items[0].body }}', {}, e)).toBe('ab')
    expect(codes(e)).toEqual(['catalog-items-recursive'])
  })

  it('UNCONFIRMED: reports an unknown catalog and leaves items empty', () => {
    const e = catalogEnv()
    const source = '{% catalog_items Nope 1 %}{{ items.size }}'
    expect(renderSync(source, {}, e)).toBe('0')
    expect(e.reports).toMatchObject([{ severity: 'error', code: 'catalog-items-unknown-catalog', ...at(source, '{% catalog_items Nope 1 %}') }])
  })

  it.each(['{% catalog_items %}', '{% catalog_items Games %}'])('reports missing arguments: %s', (source) => {
    const e = catalogEnv()
    expect(renderSync(`${source}{{ items.size }}`, {}, e)).toBe('0')
    expect(codes(e)).toEqual(['catalog-items-arguments'])
  })

  it('reports an unknown option', () => {
    const e = catalogEnv()
    const source = '{% catalog_items Games 1 :fresh %}'
    renderSync(source, {}, e)
    expect(e.reports).toMatchObject([{ severity: 'warning', code: 'catalog-items-unknown-option', ...at(source, ':fresh') }])
  })
})

describe('catalog_selection_items', () => {
  const selectionEnv = () => {
    const asked: string[] = []
    const e = env({
      catalog: (name) => {
        asked.push(name)
        return name === 'Games/selections/top' ? [{ id: '2', title: 'Doom' }, { id: '1', title: 'Tetris' }] : undefined
      },
    })
    return Object.assign(e, { asked })
  }

  it('assigns the rows of the selection to items', () => {
    const e = selectionEnv()
    expect(renderSync('{% catalog_selection_items Games {{ s }} %}{% for i in items %}{{ i.title }},{% endfor %}', { s: 'top' }, e)).toBe('Doom,Tetris,')
    expect(e.asked).toEqual(['Games/selections/top'])
  })

  it('reports a missing selection and leaves items empty', () => {
    const e = selectionEnv()
    expect(renderSync('{% catalog_selection_items Games flop %}{{ items.size }}', {}, e)).toBe('0')
    expect(e.reports).toMatchObject([{ severity: 'error', code: 'catalog-selection-items-unknown-selection' }])
  })

  it('reports missing and extra arguments', () => {
    const e = selectionEnv()
    renderSync('{% catalog_selection_items Games %}', {}, e)
    const source = '{% catalog_selection_items Games top extra %}'
    renderSync(source, {}, e)
    expect(e.reports).toMatchObject([
      { severity: 'error', code: 'catalog-selection-items-arguments' },
      { severity: 'warning', code: 'catalog-selection-items-unexpected-argument', ...at(source, 'extra') },
    ])
  })

  it('UNCONFIRMED: :rerender on a selection is reported as an unknown option', () => {
    const e = selectionEnv()
    renderSync('{% catalog_selection_items Games top :rerender %}', {}, e)
    expect(codes(e)).toEqual(['catalog-selection-items-unknown-option'])
  })
})

describe('promotion', () => {
  it('renders a deterministic placeholder code, numbered per list, and reports an info', () => {
    const e = env()
    const output = renderSync(`{% promotion('spring-sale') %} {% promotion("spring-sale") %} {% promotion('VIP codes 2024') %}`, {}, e)
    expect(output).toBe('PROMO-SPRING-SALE-0001 PROMO-SPRING-SALE-0002 PROMO-VIP-CODES-2024-0001')
    expect(e.reports).toHaveLength(3)
    expect(e.reports[0]).toMatchObject({ severity: 'info', code: 'promotion-placeholder' })
    expect(e.reports[0]?.message).toMatch(/real codes come from Braze.*every branch/)
  })

  it('starts again at 0001 in every render', () => {
    expect(renderSync("{% promotion('a') %}")).toBe('PROMO-A-0001')
    expect(renderSync("{% promotion('a') %}")).toBe('PROMO-A-0001')
  })

  it.each(['{% promotion %}', '{% promotion(list) %}', "{% promotion 'list' %}"])('reports a malformed %s and renders nothing', (source) => {
    const e = env()
    expect(renderSync(source, {}, e)).toBe('')
    expect(codes(e)).toEqual(['promotion-form'])
  })
})

describe('message_extras', () => {
  it('renders nothing for a valid tag', () => {
    const e = env()
    expect(renderSync('a{% message_extras :key order_id :value 123 %}b', {}, e)).toBe('ab')
    expect(e.reports).toEqual([])
  })

  it('takes a value expression of several words (the engine strips its {{ }})', () => {
    const e = env()
    renderSync('{% message_extras :key name :value __braze["first_name"] | upcase %}', {}, e)
    expect(e.reports).toEqual([])
  })

  it.each([
    ['{% message_extras :key k %}', ['message-extras-form']],
    ['{% message_extras :value v %}', ['message-extras-form']],
    ['{% message_extras %}', ['message-extras-form', 'message-extras-form']],
    ['{% message_extras :key :value v %}', ['message-extras-option-value']],
    ['{% message_extras :key k :value v :extra x %}', ['message-extras-unknown-option']],
    ['{% message_extras stray :key k :value v %}', ['message-extras-unexpected-argument']],
  ])('reports %s', (source, expected) => {
    const e = env()
    expect(renderSync(source, {}, e)).toBe('')
    expect(codes(e)).toEqual(expected)
  })
})

describe('reports inside content blocks', () => {
  it('point at the block, not the message', () => {
    const block = liquid.parse('{% promotion("x") %}', 'blocks/promo.liquid') as Template[]
    const e = env({ contentBlock: () => block })
    renderSync('0123456789{% content_blocks "promo" %}', {}, e)
    expect(e.reports).toMatchObject([{ code: 'promotion-placeholder', begin: 0, end: '{% promotion("x") %}'.length }])
  })
})
