/** Why a workspace operation was refused, for the UI to word and the CLI to map to an exit code. */
export type WorkspaceErrorCode =
  /** The folder is not a Hookbench workspace. */
  | 'not-a-workspace'
  /** `init` on a folder that already holds other files. */
  | 'not-empty'
  | 'invalid-name'
  | 'not-found'
  /** The name is taken (`existingName` says by which file, letter case included). */
  | 'exists'
  /** The file changed on disk since it was read. */
  | 'conflict'
  /** The file cannot be read, or is not UTF-8 text: it is never overwritten. */
  | 'unreadable'

export class WorkspaceError extends Error {
  override readonly name = 'WorkspaceError'

  constructor(
    readonly code: WorkspaceErrorCode,
    message: string,
    /** The file concerned, relative to the workspace root. */
    readonly path?: string,
    readonly existingName?: string,
  ) {
    super(message)
  }
}

export function isWorkspaceError(err: unknown, code?: WorkspaceErrorCode): err is WorkspaceError {
  return err instanceof WorkspaceError && (code === undefined || err.code === code)
}
