/**
 * Maps offsets of a rewritten template back to the text the user wrote.
 *
 * Dialect preprocessing (Braze's `${…}`, stripped HTML comments) changes lengths, so
 * every liquidjs position must be translated before it is shown.
 */

export interface Edit {
  /** Start offset in the original text. */
  from: number
  /** End offset (exclusive) in the original text. */
  to: number
  /** What replaces `original.slice(from, to)`. */
  insert: string
}

interface Segment {
  /** Start in the rewritten text. */
  outStart: number
  outEnd: number
  srcStart: number
  srcEnd: number
}

export class SourceMap {
  /** Replaced regions, in order; everything between them is copied verbatim. */
  private readonly segments: Segment[]

  private constructor(segments: Segment[]) {
    this.segments = segments
  }

  static identity(): SourceMap {
    return new SourceMap([])
  }

  /** Applies non-overlapping edits (any order) and returns the new text with its map. */
  static apply(original: string, edits: Edit[]): { text: string; map: SourceMap } {
    if (edits.length === 0) return { text: original, map: SourceMap.identity() }
    const sorted = [...edits].sort((a, b) => a.from - b.from)
    const parts: string[] = []
    const segments: Segment[] = []
    let src = 0
    let out = 0
    for (const e of sorted) {
      if (e.from < src) throw new Error(`overlapping edits at offset ${e.from}`)
      parts.push(original.slice(src, e.from))
      out += e.from - src
      parts.push(e.insert)
      segments.push({ outStart: out, outEnd: out + e.insert.length, srcStart: e.from, srcEnd: e.to })
      out += e.insert.length
      src = e.to
    }
    parts.push(original.slice(src))
    return { text: parts.join(''), map: new SourceMap(segments) }
  }

  /** The original offset of a rewritten offset. Inside a replacement, the start of what it replaced. */
  toSource(offset: number): number {
    let delta = 0
    for (const s of this.segments) {
      if (offset < s.outStart) break
      if (offset < s.outEnd) {
        // Inside rewritten text: keep the relative position when lengths allow, else clamp.
        return Math.min(s.srcStart + (offset - s.outStart), Math.max(s.srcStart, s.srcEnd - 1))
      }
      delta = s.srcEnd - s.outEnd
    }
    return offset + delta
  }

  /** Maps a rewritten range; an end inside a replacement extends to the end of what it replaced. */
  rangeToSource(start: number, end: number): { start: number; end: number } {
    const s = this.toSource(start)
    let e = this.toSource(Math.max(start, end - 1)) + 1
    for (const seg of this.segments) {
      if (end > seg.outStart && end <= seg.outEnd) e = Math.max(e, seg.srcEnd)
    }
    return { start: s, end: Math.max(e, s + 1) }
  }
}
