/**
 * Quick-open matching: every query character in order, scored so that matches at word starts
 * and runs of consecutive characters rank first (what people expect from Ctrl+P).
 */
export function fuzzyScore(query: string, text: string): number | null {
  const q = query.toLowerCase().replace(/\s+/g, '')
  if (q === '') return 0
  const t = text.toLowerCase()
  let score = 0
  let previous = -2
  let from = 0
  for (const ch of q) {
    const at = t.indexOf(ch, from)
    if (at < 0) return null
    const wordStart = at === 0 || /[\s\-_./→]/.test(t[at - 1]!)
    score += (at === previous + 1 ? 5 : 1) + (wordStart ? 3 : 0)
    previous = at
    from = at + 1
  }
  return score - t.length / 100
}

export function rankByFuzzy<T>(query: string, items: readonly T[], textsOf: (item: T) => string[]): T[] {
  const scored: { item: T; score: number }[] = []
  for (const item of items) {
    const scores = textsOf(item).map((text) => fuzzyScore(query, text)).filter((s): s is number => s !== null)
    if (scores.length > 0) scored.push({ item, score: Math.max(...scores) })
  }
  return scored.sort((a, b) => b.score - a.score).map((s) => s.item)
}
