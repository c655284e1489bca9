/**
 * Rewrites Braze syntax into plain liquidjs syntax, keeping a map back to the source:
 * - `${first_name}` → `__braze["first_name"]`; `custom_attribute.${zip code}` → `custom_attribute["zip code"]`
 * - `{{content_blocks.${footer}}}` → `{% content_blocks "footer" %}` (an include, not a variable)
 * - the optional inner `{{ }}` inside tags (`{% if {{custom_attribute.${n}}} == 1 %}`) are dropped,
 *   except in tags whose arguments are templates (`connected_content`, `catalog_items` …)
 * - `<!-- … -->` is removed: Braze strips HTML comments before Liquid is parsed (braze.md §1.1)
 */
import type { Preprocessed } from '../engine/dialect.js'
import { SourceMap, type Edit } from '../engine/sourceMap.js'
import { STANDARD_SCOPE } from './attributes.js'
import { scanBraze, type AttributeRef, type Region } from './regions.js'

/** Tags whose arguments are themselves templates: their inner `{{ }}` must survive. */
export const TEMPLATE_ARGUMENT_TAGS: ReadonlySet<string> = new Set([
  'connected_content',
  'catalog_items',
  'catalog_selection_items',
])

const CONTENT_BLOCK_OUTPUT = /^\s*content_blocks\.\$\{([^}]*)\}\s*$/

export function preprocessBraze(text: string): Preprocessed {
  const { regions, htmlComments } = scanBraze(text)
  const edits: Edit[] = htmlComments.map((c) => ({ from: c.start, to: c.end, insert: '' }))
  for (const region of regions) {
    const block = contentBlockName(text, region)
    if (block !== null) {
      edits.push(contentBlockTag(text, region, block))
      continue
    }
    const keepNested = region.kind === 'tag' && TEMPLATE_ARGUMENT_TAGS.has(region.tagName)
    rewriteRegion(region, keepNested, edits)
  }
  return SourceMap.apply(text, edits)
}

function rewriteRegion(region: Region, keepNested: boolean, edits: Edit[]): void {
  for (const ref of region.attributes) edits.push(attributeEdit(ref))
  if (keepNested) return
  for (const inner of region.nested) {
    // Drop the delimiters only: the expression inside is what the tag evaluates.
    edits.push({ from: inner.start, to: inner.innerStart, insert: ' ' })
    if (inner.terminated) edits.push({ from: inner.innerEnd, to: inner.end, insert: ' ' })
  }
}

function attributeEdit(ref: AttributeRef): Edit {
  const key = quoteKey(ref.name)
  if (ref.namespace === null) return { from: ref.start, to: ref.end, insert: `${STANDARD_SCOPE}[${key}]` }
  // Replace the `.` too: `ns.${a}` → `ns["a"]`.
  return { from: ref.start - 1, to: ref.end, insert: `[${key}]` }
}

function quoteKey(name: string): string {
  return name.includes('"') ? `'${name}'` : `"${name}"`
}

function contentBlockName(text: string, region: Region): string | null {
  if (region.kind !== 'output' || !region.terminated) return null
  const m = CONTENT_BLOCK_OUTPUT.exec(text.slice(region.innerStart, region.innerEnd))
  return m ? m[1]!.trim() : null
}

function contentBlockTag(text: string, region: Region, name: string): Edit {
  const trimLeft = region.innerStart > region.start + 2 ? '-' : ''
  const trimRight = region.innerEnd < region.end - 2 && text[region.innerEnd] === '-' ? '-' : ''
  return { from: region.start, to: region.end, insert: `{%${trimLeft} content_blocks ${quoteKey(name)} ${trimRight}%}` }
}
