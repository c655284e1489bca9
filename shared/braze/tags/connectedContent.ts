/**
 * `{% connected_content <URL> [options] %}`: Braze's HTTP call from inside a template.
 *
 * Offline the call is answered by the sample's canned responses (`RenderEnv.connectedContent`);
 * the request is built exactly as Braze would send it so the answer can be chosen by it.
 */
import { Tag, type Context, type Emitter, type Liquid, type Parser, type TagToken, type Template, type TopLevelToken } from 'liquidjs'
import { AbortMessage, renderEnv } from '../../engine/env.js'
import { parseConnectedContentCall, CONNECTED_CONTENT, type ConnectedContentCall } from './connectedContentCall.js'
import { buildConnectedContentRequest, urlProblem, type RenderedCall } from './connectedContentRequest.js'
import { responseEffect } from './connectedContentResponse.js'
import { problemReporter, reportProblems } from './problems.js'
import { renderSubTemplate } from './subTemplate.js'

export class ConnectedContentTag extends Tag {
  private readonly call: ConnectedContentCall

  constructor(token: TagToken, remainTokens: TopLevelToken[], liquid: Liquid, parser: Parser) {
    super(token, remainTokens, liquid)
    this.call = parseConnectedContentCall(token, liquid, parser)
  }

  *render(ctx: Context, emitter: Emitter): Generator<unknown, void, unknown> {
    const env = renderEnv(ctx)
    const problem = problemReporter(CONNECTED_CONTENT, env)
    const { call, liquid } = this
    reportProblems(env, call.problems)
    if (!call.url || !call.method) return

    const url = (yield* renderSubTemplate(liquid, call.url, ctx)).trim()
    const refused = urlProblem(url)
    if (refused) {
      problem(call.url.span, 'error', 'url', refused)
      return
    }
    const { contentType, basicAuth, authCredentials } = call
    const rendered: RenderedCall = { url, method: call.method, headers: [], contentType, basicAuth, authCredentials }
    if (call.body) rendered.body = yield* renderSubTemplate(liquid, call.body, ctx)
    for (const header of call.headers) rendered.headers.push([header.name, yield* renderSubTemplate(liquid, header.value, ctx)])

    const request = buildConnectedContentRequest(rendered)
    const callName = `${request.method} ${request.url}`
    const response = env.connectedContent(request)
    if (!response) {
      // As if the call timed out: nothing inserted, nothing saved.
      problem(
        this.token,
        'warning',
        'unanswered',
        `no canned answer for Connected Content ${callName}; rendered as if the call returned nothing`,
        `add one to the sample: "connected_content": {${JSON.stringify(request.url)}: {"status": 200, "body": {…}}}, ` +
          `or use the key ${JSON.stringify(callName)} for an answer to ${request.method} only`,
      )
      return
    }

    const effect = responseEffect(response, { call: callName, saveGiven: call.saveGiven, retry: call.retry })
    if (effect.note) problem(this.token, effect.note.severity, effect.note.rule, effect.note.message)
    if (effect.abortReason !== undefined) throw new AbortMessage(effect.abortReason)
    if (effect.saved !== undefined) ctx.bottom()[call.saveAs] = effect.saved
    if (effect.text) emitter.write(effect.text)
  }

  /** The Liquid inside the arguments, so static analysis sees the variables the call uses. */
  *children(): Generator<unknown, Template[], unknown> {
    return this.call.subTemplates.flatMap((sub) => sub.templates)
  }
}
