/**
 * Braze's own Liquid tags, as liquidjs tags. They reach the sample, the clock and the report
 * through the render environment (`shared/engine/env.ts`), and work in sync and async renders.
 */
import type { Liquid } from 'liquidjs'
import { ABORT_MESSAGE, AbortMessageTag } from './abortMessage.js'
import { CatalogItemsTag, CatalogSelectionItemsTag } from './catalogItems.js'
import { CONNECTED_CONTENT } from './connectedContentCall.js'
import { ConnectedContentTag } from './connectedContent.js'
import { CONTENT_BLOCKS, ContentBlocksTag } from './contentBlocks.js'
import { MESSAGE_EXTRAS, MessageExtrasTag } from './messageExtras.js'
import { PROMOTION, PromotionTag } from './promotion.js'

/** What `registerTag` accepts; liquidjs does not export the `TagClass` type itself. */
type TagDefinition = Parameters<Liquid['registerTag']>[1]

export const BRAZE_TAGS: Readonly<Record<string, TagDefinition>> = {
  [ABORT_MESSAGE]: AbortMessageTag,
  [CONNECTED_CONTENT]: ConnectedContentTag,
  [CONTENT_BLOCKS]: ContentBlocksTag,
  catalog_items: CatalogItemsTag,
  catalog_selection_items: CatalogSelectionItemsTag,
  [PROMOTION]: PromotionTag,
  [MESSAGE_EXTRAS]: MessageExtrasTag,
}

export function installBrazeTags(liquid: Liquid): void {
  for (const [name, tag] of Object.entries(BRAZE_TAGS)) liquid.registerTag(name, tag)
}
