/**
 * The Braze dialect: Shopify Liquid 5 with Braze's `${…}` attributes, filters and tags.
 */
import { Liquid } from 'liquidjs'
import type { Dialect } from '../engine/dialect.js'
import type { BrazeUserSample } from '../samples/types.js'
import { installBrazeFilters } from './filters/index.js'
import { lintBraze } from './lints.js'
import { preprocessBraze } from './preprocess.js'
import { buildBrazeScope } from './scope.js'
import { installBrazeTags } from './tags/index.js'

/** liquidjs tags with no Braze counterpart: there is no file system or theme to include from. */
const TAGS_NOT_IN_BRAZE = ['include', 'render', 'layout', 'block', '#']

let instance: Liquid | undefined

function brazeLiquid(): Liquid {
  if (instance) return instance
  const liquid = new Liquid({
    // Braze renders missing values and unknown filters as blanks, never as errors.
    strictVariables: false,
    strictFilters: false,
    // Ruby truthiness: only nil and false are falsy ("" and 0 are truthy).
    jsTruthy: false,
    // Shopify's `{%- -%}` trims all surrounding whitespace, newlines included.
    greedy: true,
  })
  for (const tag of TAGS_NOT_IN_BRAZE) delete liquid.tags[tag]
  installBrazeFilters(liquid)
  installBrazeTags(liquid)
  instance = liquid
  return liquid
}

export const brazeDialect: Dialect<BrazeUserSample> = {
  id: 'braze',
  sampleKind: 'braze-user',
  liquid: () => brazeLiquid(),
  preprocess: preprocessBraze,
  lint: lintBraze,
  scope: buildBrazeScope,
}
