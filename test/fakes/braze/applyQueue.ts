/**
 * `/users/track` is asynchronous: 201 means queued, not applied (braze.md §5.2). The fake
 * applies each accepted batch after a delay, in arrival order, so tests see the same gap a
 * client sees, and can wait for it without sleeping.
 */
export class ApplyQueue {
  private readonly pending = new Map<NodeJS.Timeout, () => void>()
  private waiters: (() => void)[] = []

  constructor(private readonly delayMs: number) {}

  /** Runs `apply` after the delay (batches enqueued earlier run first: same delay, FIFO timers). */
  enqueue(apply: () => void): void {
    const timer = setTimeout(() => this.run(timer), this.delayMs)
    this.pending.set(timer, apply)
  }

  /** How many accepted batches are not applied yet. */
  get size(): number {
    return this.pending.size
  }

  /** Resolves once every batch accepted so far has been applied. */
  settled(): Promise<void> {
    if (this.pending.size === 0) return Promise.resolve()
    return new Promise((resolve) => this.waiters.push(resolve))
  }

  /** Applies every pending batch now, in order. */
  flush(): void {
    for (const timer of [...this.pending.keys()]) {
      clearTimeout(timer)
      this.run(timer)
    }
  }

  /** Drops pending batches (the server is closing). */
  cancel(): void {
    for (const timer of this.pending.keys()) clearTimeout(timer)
    this.pending.clear()
    this.release()
  }

  private run(timer: NodeJS.Timeout): void {
    const apply = this.pending.get(timer)
    this.pending.delete(timer)
    apply?.()
    if (this.pending.size === 0) this.release()
  }

  private release(): void {
    const waiters = this.waiters
    this.waiters = []
    for (const resolve of waiters) resolve()
  }
}
