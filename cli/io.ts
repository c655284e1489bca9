/** The CLI's contract with its caller: where text goes, and what exit codes mean. */

export interface Io {
  out(text: string): void
  err(text: string): void
}

export const EXIT = {
  ok: 0,
  /** Rendered with errors, or a sample failed. */
  errors: 1,
  /** Bad usage, or input that cannot be read. */
  usage: 2,
  /** `{% abort_message %}` fired: Braze would not send. */
  aborted: 3,
} as const

/** A mistake in how the command was called or in what it was given to read (exit 2). */
export class UsageError extends Error {
  override name = 'UsageError'
}
