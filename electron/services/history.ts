/**
 * Send history: one JSON line per send in `.hookbench/history/history.jsonl` (git-ignored),
 * secrets masked, newest first when listed. A line that cannot be read is skipped and reported,
 * never rewritten, so a damaged history loses nothing more.
 */
import { randomUUID } from 'node:crypto'
import { mkdir, open, readFile, type FileHandle } from 'node:fs/promises'
import { join } from 'node:path'
import { historyEntry, type HistoryEntry, type SendResult } from '../../shared/api/contract.js'
import { HISTORY_DIR } from '../../shared/workspace/layout.js'

const FILE = 'history.jsonl'

export interface HistoryRecord {
  template: string
  sample: string
  environment: string
  result: SendResult
}

export interface HistoryListing {
  entries: HistoryEntry[]
  /** Lines that could not be read, by line number. */
  skipped: { line: number; reason: string }[]
}

export class HistoryStore {
  private readonly file: string
  /** Opened once, in append mode: a send should not pay for opening the file every time. */
  private handle: Promise<FileHandle> | undefined

  /** `mask` is the last line of defence: it runs over every line before it touches the disk. */
  constructor(
    workspaceDir: string,
    private readonly mask: (text: string) => string,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.file = join(workspaceDir, HISTORY_DIR, FILE)
  }

  async append(record: HistoryRecord): Promise<HistoryEntry> {
    const entry: HistoryEntry = { id: randomUUID(), at: this.clock().toISOString(), ...record }
    this.handle ??= mkdir(join(this.file, '..'), { recursive: true }).then(() => open(this.file, 'a'))
    // One write of one line in append mode: concurrent sends cannot interleave inside a line.
    await (await this.handle).appendFile(`${this.mask(JSON.stringify(entry))}\n`, 'utf8')
    return entry
  }

  async close(): Promise<void> {
    const handle = this.handle
    this.handle = undefined
    await (await handle)?.close()
  }

  async list(filter: { template?: string; limit?: number } = {}): Promise<HistoryListing> {
    let text = ''
    try {
      text = await readFile(this.file, 'utf8')
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], skipped: [] }
      throw err
    }
    const entries: HistoryEntry[] = []
    const skipped: HistoryListing['skipped'] = []
    text.split('\n').forEach((line, i) => {
      if (line.trim() === '') return
      try {
        const parsed = historyEntry.safeParse(JSON.parse(line))
        if (parsed.success) entries.push(parsed.data)
        else skipped.push({ line: i + 1, reason: parsed.error.issues[0]?.message ?? 'unexpected shape' })
      } catch (err) {
        skipped.push({ line: i + 1, reason: (err as Error).message })
      }
    })
    const matching = filter.template ? entries.filter((e) => e.template === filter.template) : entries
    return { entries: matching.reverse().slice(0, filter.limit ?? 100), skipped }
  }

  async get(id: string): Promise<HistoryEntry | undefined> {
    const { entries } = await this.list({ limit: Number.MAX_SAFE_INTEGER })
    return entries.find((e) => e.id === id)
  }
}
