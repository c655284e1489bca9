/** One table for every benchmark figure, each beside its baseline and target. */
export interface BenchRow {
  name: string
  value: string
  versus: string
  target: string
  met: boolean
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]!
}

export function printTable(rows: BenchRow[]): string {
  return [
    '| benchmark | figure | vs baseline | target | met |',
    '|---|---:|---:|---|---|',
    ...rows.map((r) => `| ${r.name} | ${r.value} | ${r.versus} | ${r.target} | ${r.met ? 'yes' : 'NO'} |`),
  ].join('\n')
}
