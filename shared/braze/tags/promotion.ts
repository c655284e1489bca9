/**
 * `{% promotion('list-name') %}`: a unique code from a Braze promotion-code list.
 *
 * Real codes live in Braze, so a deterministic placeholder stands in: `PROMO-<LIST>-0001`,
 * numbered per list in the order the tag renders.
 */
import { Tag, type Context, type Emitter, type Liquid, type TagToken, type TopLevelToken } from 'liquidjs'
import { renderEnv } from '../../engine/env.js'
import { problemReporter } from './problems.js'
import { argumentsOf } from './tagArguments.js'

export const PROMOTION = 'promotion'

const FORM = /^\(\s*(?:'([^']*)'|"([^"]*)")\s*\)$/

/** Codes handed out so far in this render, by list. */
const COUNTER_REGISTER = 'hookbench:braze:promotion-codes'

export function placeholderPromotionCode(list: string, serial: number): string {
  const name = list.toUpperCase().replace(/[^A-Z0-9]+/g, '-').replace(/^-+|-+$/g, '')
  return `PROMO-${name || 'LIST'}-${String(serial).padStart(4, '0')}`
}

export class PromotionTag extends Tag {
  private readonly list: string | undefined

  constructor(token: TagToken, remainTokens: TopLevelToken[], liquid: Liquid) {
    super(token, remainTokens, liquid)
    const form = FORM.exec(argumentsOf(token).text)
    this.list = form ? (form[1] ?? form[2]) : undefined
  }

  render(ctx: Context, emitter: Emitter): void {
    const problem = problemReporter(PROMOTION, renderEnv(ctx))
    if (this.list === undefined) {
      problem(this.token, 'error', 'form', `{% promotion %} takes one quoted list name: promotion('list-name'), not ${JSON.stringify(this.token.args)}`)
      return
    }
    const counters = ctx.getRegister<Map<string, number>>(COUNTER_REGISTER, new Map())
    const serial = (counters.get(this.list) ?? 0) + 1
    counters.set(this.list, serial)
    problem(
      this.token,
      'info',
      'placeholder',
      `promotion code from list "${this.list}" is a placeholder: real codes come from Braze, which consumes one for every branch containing this tag, even branches whose condition is false`,
      'when the list runs out or expires, Braze aborts later messages (whether test sends consume codes is UNCONFIRMED)',
    )
    emitter.write(placeholderPromotionCode(this.list, serial))
  }
}
