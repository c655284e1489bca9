/**
 * Send history: one JSON line per send in `.hookbench/history/history.jsonl` (git-ignored),
 * secrets masked, newest first when listed. A line that cannot be read is skipped and reported,
 * never rewritten, so a damaged history loses nothing more.
 *
 * Flow runs are kept in the same file, one line per run, marked `"kind": "flow"`; send lines
 * have no `kind` (the first format), so older histories read as they always did. Each listing
 * shows its own kind of entry and leaves the other kind's lines alone.
 */
import { randomUUID } from 'node:crypto'
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { z } from 'zod'
import { flowHistoryEntry, historyEntry, type FlowHistoryEntry, type FlowRun, type HistoryEntry, type SendResult } from '../../shared/api/contract.js'
import { HISTORY_DIR } from '../../shared/workspace/layout.js'

const FILE = 'history.jsonl'

export interface HistoryRecord {
  template: string
  sample: string
  environment: string
  result: SendResult
}

export interface HistoryListing<Entry = HistoryEntry> {
  entries: Entry[]
  /** Lines that could not be read, by line number. */
  skipped: { line: number; reason: string }[]
}

/** How a line says it is a flow run; a line without `kind` is a send. */
const FLOW_KIND = 'flow'

export class HistoryStore {
  private readonly file: string
  /** Opened once, in append mode: a send should not pay for opening the file every time. */
  private fd: number | undefined

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
    await this.write(entry)
    return entry
  }

  /** A whole flow run as one entry; the run keeps its history id, so it can be found and re-run. */
  async appendFlowRun(run: FlowRun): Promise<FlowHistoryEntry> {
    const id = randomUUID()
    const entry: FlowHistoryEntry = { kind: FLOW_KIND, id, at: this.clock().toISOString(), flow: run.flow, run: { ...run, historyId: id } }
    await this.write(entry)
    return entry
  }

  /**
   * Synchronous on purpose: appending one line to the page cache takes a few microseconds, while
   * a round trip through libuv's thread pool took ten times that, most of a send's own cost.
   * One write of one line in append mode: concurrent sends cannot interleave inside a line.
   */
  private async write(entry: HistoryEntry | FlowHistoryEntry): Promise<void> {
    if (this.fd === undefined) {
      mkdirSync(join(this.file, '..'), { recursive: true })
      this.fd = openSync(this.file, 'a')
    }
    const line = Buffer.from(`${this.mask(JSON.stringify(entry))}\n`, 'utf8')
    for (let written = 0; written < line.length; ) written += writeSync(this.fd, line, written)
  }

  async close(): Promise<void> {
    if (this.fd !== undefined) closeSync(this.fd)
    this.fd = undefined
  }

  async list(filter: { template?: string; limit?: number } = {}): Promise<HistoryListing> {
    const { entries, skipped } = await this.read('send', historyEntry)
    const matching = filter.template ? entries.filter((e) => e.template === filter.template) : entries
    return { entries: matching.reverse().slice(0, filter.limit ?? 100), skipped }
  }

  /** Flow runs, newest first. */
  async listFlowRuns(filter: { flow?: string; limit?: number } = {}): Promise<HistoryListing<FlowHistoryEntry>> {
    const { entries, skipped } = await this.read(FLOW_KIND, flowHistoryEntry)
    const matching = filter.flow ? entries.filter((e) => e.flow === filter.flow) : entries
    return { entries: matching.reverse().slice(0, filter.limit ?? 100), skipped }
  }

  async getFlowRun(id: string): Promise<FlowHistoryEntry | undefined> {
    const { entries } = await this.listFlowRuns({ limit: Number.MAX_SAFE_INTEGER })
    return entries.find((e) => e.id === id)
  }

  /** The lines of one kind, oldest first, each checked against its schema. */
  private async read<Entry>(kind: 'send' | typeof FLOW_KIND, schema: z.ZodType<Entry>): Promise<HistoryListing<Entry>> {
    let text = ''
    try {
      text = await readFile(this.file, 'utf8')
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], skipped: [] }
      throw err
    }
    const entries: Entry[] = []
    const skipped: HistoryListing['skipped'] = []
    text.split('\n').forEach((line, i) => {
      if (line.trim() === '') return
      try {
        const value: unknown = JSON.parse(line)
        const lineKind = (value as { kind?: unknown } | null)?.kind === FLOW_KIND ? FLOW_KIND : 'send'
        if (lineKind !== kind) return
        const parsed = schema.safeParse(value)
        if (parsed.success) entries.push(parsed.data)
        else skipped.push({ line: i + 1, reason: parsed.error.issues[0]?.message ?? 'unexpected shape' })
      } catch (err) {
        // A line that is not JSON belongs to no kind: the send listing reports it, as it always did.
        if (kind === 'send') skipped.push({ line: i + 1, reason: (err as Error).message })
      }
    })
    return { entries, skipped }
  }

  async get(id: string): Promise<HistoryEntry | undefined> {
    const { entries } = await this.list({ limit: Number.MAX_SAFE_INTEGER })
    return entries.find((e) => e.id === id)
  }
}
