/**
 * The UI's side of the render worker. Each kind of call keeps at most one request waiting: a
 * newer one replaces it (typing fast renders only the latest text). A call that runs too long
 * (an endless loop in a template) gets the worker replaced, so the preview recovers by itself.
 */
import type { Calls, CallName, FromWorker, ToWorker, WorkerFile } from './protocol.js'

const TIME_LIMIT_MS = 8000

export class RenderTimeout extends Error {
  constructor() {
    super(`Rendering took longer than ${TIME_LIMIT_MS / 1000} s and was stopped: look for a loop that never ends.`)
    this.name = 'RenderTimeout'
  }
}

interface Pending<N extends CallName = CallName> {
  name: N
  input: Calls[N]['input']
  resolve(value: Calls[N]['output'] | null): void
  reject(error: Error): void
}

export class RenderClient {
  private worker: Worker
  private nextId = 1
  private readonly files = new Map<string, WorkerFile>()
  private readonly running = new Map<number, { pending: Pending; timer: ReturnType<typeof setTimeout> }>()
  private readonly busy = new Set<CallName>()
  private readonly waiting = new Map<CallName, Pending>()

  constructor(private readonly createWorker: () => Worker) {
    this.worker = this.start()
  }

  /** Brings the worker's copy of samples and content blocks up to date (unchanged files are not sent again); returns the keys that changed. */
  syncFiles(current: readonly WorkerFile[]): string[] {
    const upsert = current.filter((f) => {
      const known = this.files.get(f.key)
      return !known || known.text !== f.text || known.path !== f.path
    })
    const keys = new Set(current.map((f) => f.key))
    const remove = [...this.files.keys()].filter((k) => !keys.has(k))
    if (upsert.length === 0 && remove.length === 0) return []
    for (const key of remove) this.files.delete(key)
    for (const file of upsert) this.files.set(file.key, file)
    this.post({ type: 'files', upsert, remove })
    return [...upsert.map((f) => f.key), ...remove]
  }

  /** Resolves with null when a newer call of the same kind replaced this one before it ran. */
  call<N extends CallName>(name: N, input: Calls[N]['input']): Promise<Calls[N]['output'] | null> {
    return new Promise((resolve, reject) => {
      const pending = { name, input, resolve, reject } as Pending
      this.waiting.get(name)?.resolve(null)
      this.waiting.set(name, pending)
      this.pump(name)
    })
  }

  private pump(name: CallName): void {
    if (this.busy.has(name)) return
    const pending = this.waiting.get(name)
    if (!pending) return
    this.waiting.delete(name)
    this.busy.add(name)
    const id = this.nextId++
    const timer = setTimeout(() => this.restart(), TIME_LIMIT_MS)
    this.running.set(id, { pending, timer })
    this.post({ type: 'call', id, name: pending.name, input: pending.input } as ToWorker)
  }

  private finish(id: number, settle: (pending: Pending) => void): void {
    const entry = this.running.get(id)
    if (!entry) return
    clearTimeout(entry.timer)
    this.running.delete(id)
    this.busy.delete(entry.pending.name)
    settle(entry.pending)
    this.pump(entry.pending.name)
  }

  private start(): Worker {
    const worker = this.createWorker()
    worker.onmessage = (event: MessageEvent<FromWorker>) => {
      const reply = event.data
      this.finish(reply.id, (p) => (reply.ok ? p.resolve(reply.value as never) : p.reject(new Error(reply.message))))
    }
    worker.onerror = (event) => {
      event.preventDefault()
      for (const id of [...this.running.keys()]) this.finish(id, (p) => p.reject(new Error(`The render worker failed: ${event.message}`)))
    }
    return worker
  }

  private restart(): void {
    this.worker.terminate()
    this.worker = this.start()
    if (this.files.size > 0) this.post({ type: 'files', upsert: [...this.files.values()], remove: [] })
    for (const id of [...this.running.keys()]) this.finish(id, (p) => p.reject(new RenderTimeout()))
  }

  private post(message: ToWorker): void {
    this.worker.postMessage(message)
  }
}

export const renderClient = new RenderClient(
  () => new Worker(new URL('./renderWorker.ts', import.meta.url), { type: 'module', name: 'hookbench-render' }),
)
