/**
 * `{% content_blocks "name" %}`, what the preprocessor makes of Braze's `{{content_blocks.${name}}}`.
 *
 * The block renders in the message's own context, so its `assign`s stay visible afterwards
 * (Braze advises a block at the top of a message to set variables).
 */
import { Tag, type Context, type Emitter, type Liquid, type TagToken, type TopLevelToken } from 'liquidjs'
import { renderEnv } from '../../engine/env.js'
import { argumentsOf } from './tagArguments.js'

export const CONTENT_BLOCKS = 'content_blocks'

const QUOTED_NAME = /^(?:"([^"]*)"|'([^']*)')$/

/** How many blocks are open around the one rendering now. */
const DEPTH_REGISTER = 'hookbench:braze:content-block-depth'

/** A message may include a block that includes another; Braze silently drops a third level. */
const MAX_DEPTH = 2

export class ContentBlocksTag extends Tag {
  private readonly blockName: string | undefined

  constructor(token: TagToken, remainTokens: TopLevelToken[], liquid: Liquid) {
    super(token, remainTokens, liquid)
    const quoted = QUOTED_NAME.exec(argumentsOf(token).text)
    this.blockName = quoted ? (quoted[1] ?? quoted[2]) : undefined
  }

  *render(ctx: Context, emitter: Emitter): Generator<unknown, void, unknown> {
    const env = renderEnv(ctx)
    const name = this.blockName
    if (name === undefined) {
      env.report(this.token, 'error', 'content-block-name', `{% content_blocks %} takes one quoted block name, not ${JSON.stringify(this.token.args)}`, 'write {{content_blocks.${name}}}')
      return
    }
    const depth = ctx.getRegister<number>(DEPTH_REGISTER, 0)
    if (depth >= MAX_DEPTH) {
      env.report(
        this.token,
        'warning',
        'content-block-too-deep',
        `Content Block "${name}" is nested ${depth + 1} levels deep: Braze silently removes it and its content`,
        'Braze supports one level of nesting: a block inside a block, not deeper',
      )
      return
    }
    const templates = env.contentBlock(name)
    if (!templates) {
      // UNCONFIRMED what Braze renders for an unknown block; nothing is rendered here.
      env.report(this.token, 'error', 'content-block-missing', `no Content Block named "${name}"`, 'add the block to the workspace, or fix the name (names are case-sensitive)')
      return
    }
    ctx.setRegister(DEPTH_REGISTER, depth + 1)
    try {
      yield this.liquid.renderer.renderTemplates(templates, ctx, emitter)
    } finally {
      ctx.setRegister(DEPTH_REGISTER, depth)
    }
  }
}
