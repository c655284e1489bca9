/** Where the cursor is in Liquid terms, from the text before it. Pure: shared by completion and hover. */

export interface LiquidContext {
  /** `{{` or `{%`. */
  opener: '{{' | '{%'
  /** The expression typed so far, after the opener (and its `-`). */
  expression: string
}

/** The innermost unclosed `{{` or `{%` before the cursor, or null outside Liquid. */
export function liquidContextAt(before: string): LiquidContext | null {
  // Braze nests outputs in tags ({% if {{${x}}} > 1 %}): walk the delimiters as a stack.
  const stack: { opener: '{{' | '{%'; end: number }[] = []
  const delimiters = /\{\{-?|\{%-?|-?\}\}|-?%\}/g
  for (const match of before.matchAll(delimiters)) {
    const token = match[0]
    if (token.startsWith('{')) stack.push({ opener: token.slice(0, 2) as '{{' | '{%', end: match.index + token.length })
    else {
      const closes = token.includes('%') ? '{%' : '{{'
      const at = stack.map((s) => s.opener).lastIndexOf(closes)
      if (at >= 0) stack.length = at
    }
  }
  const top = stack.at(-1)
  return top ? { opener: top.opener, expression: before.slice(top.end) } : null
}

/** Names a template defines itself: `assign`, `capture`, `for` loop variables and Connected Content `:save`. */
export function definedVariables(text: string): string[] {
  const names = new Set<string>()
  const patterns = [/\{%-?\s*(?:assign|capture)\s+([A-Za-z_]\w*)/g, /\{%-?\s*for\s+([A-Za-z_]\w*)\s+in\b/g, /:save\s+([A-Za-z_]\w*)/g]
  for (const pattern of patterns) for (const match of text.matchAll(pattern)) names.add(match[1]!)
  return [...names].sort()
}
