/**
 * `{% abort_message %}`: stops the message; Braze logs the reason in the Message Activity Log.
 * Forms: `abort_message`, `abort_message()`, `abort_message('reason')`, `abort_message("reason")`.
 */
import { Tag, type Context, type Liquid, type TagToken, type TopLevelToken } from 'liquidjs'
import { AbortMessage, renderEnv } from '../../engine/env.js'
import { problemCode } from './problems.js'
import { argumentsOf } from './tagArguments.js'

export const ABORT_MESSAGE = 'abort_message'

const FORM = /^(?:\(\s*(?:'([^']*)'|"([^"]*)")?\s*\))?$/

export class AbortMessageTag extends Tag {
  private readonly reason: string | null
  /** Set when the arguments are none of the documented forms. */
  private readonly malformed: boolean

  constructor(token: TagToken, remainTokens: TopLevelToken[], liquid: Liquid) {
    super(token, remainTokens, liquid)
    const form = FORM.exec(argumentsOf(token).text)
    this.malformed = form === null
    this.reason = form?.[1] ?? form?.[2] ?? null
  }

  render(ctx: Context): void {
    if (this.malformed) {
      // UNCONFIRMED how Braze treats other arguments; the message still aborts, with no reason.
      renderEnv(ctx).report(
        this.token,
        'error',
        problemCode(ABORT_MESSAGE, 'form'),
        `{% abort_message %} takes nothing or one quoted reason: abort_message('reason'); ${JSON.stringify(this.token.args)} is not a reason`,
      )
    }
    throw new AbortMessage(this.reason)
  }
}
