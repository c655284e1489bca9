/**
 * `{% message_extras :key KEY :value VALUE %}`: sends a key/value pair to Currents with the
 * send event; nothing appears in the message. Only the form is checked offline.
 */
import { Tag, type Context, type Liquid, type TagToken, type TopLevelToken } from 'liquidjs'
import { renderEnv } from '../../engine/env.js'
import { problemCollector, reportProblems, type TagProblem } from './problems.js'
import { argumentsOf, parseArguments, reportUnexpectedWords } from './tagArguments.js'

export const MESSAGE_EXTRAS = 'message_extras'

export class MessageExtrasTag extends Tag {
  private readonly problems: TagProblem[]

  constructor(token: TagToken, remainTokens: TopLevelToken[], liquid: Liquid) {
    super(token, remainTokens, liquid)
    // The engine strips the inner `{{ }}` of this tag's arguments, so a value may be an
    // expression of several words (`first_name | upcase`). UNCONFIRMED that Braze allows blanks there.
    const parsed = parseArguments(MESSAGE_EXTRAS, argumentsOf(token), { key: 'text', value: 'text' })
    this.problems = parsed.problems
    const problem = problemCollector(MESSAGE_EXTRAS, this.problems)
    reportUnexpectedWords(MESSAGE_EXTRAS, parsed.positional, problem)
    for (const option of ['key', 'value']) {
      if (!parsed.written.has(option)) {
        problem(token, 'error', 'form', `{% message_extras %} needs :${option}: write {% message_extras :key KEY :value VALUE %}`)
      }
    }
  }

  render(ctx: Context): void {
    reportProblems(renderEnv(ctx), this.problems)
  }
}
