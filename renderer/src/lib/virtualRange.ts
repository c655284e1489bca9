/** Which rows of a fixed-height list are on screen (plus a margin), so long lists render only those. */
export function visibleRange(
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  count: number,
  overscan = 8,
): { start: number; end: number } {
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight)
  const shown = Math.ceil(Math.max(0, viewportHeight) / rowHeight)
  return { start: Math.max(0, first - overscan), end: Math.min(count, first + shown + overscan) }
}
