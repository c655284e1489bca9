/** Facts read straight from a template's text, cheap enough for every keystroke. */
import type { Dialect } from './items.js'

const FRONT_MATTER = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)^(?:---|\.\.\.)[ \t]*$/m
const DIALECT_LINE = /^dialect:[ \t]*["']?(braze|zendesk)["']?[ \t]*(?:#.*)?$/m

/** The dialect the front matter names; `fallback` when it names none (a body-only template). */
export function dialectOfText(text: string, fallback: Dialect = 'braze'): Dialect {
  const frontMatter = FRONT_MATTER.exec(text)
  const dialect = frontMatter ? DIALECT_LINE.exec(frontMatter[1]!) : null
  return (dialect?.[1] as Dialect | undefined) ?? fallback
}
