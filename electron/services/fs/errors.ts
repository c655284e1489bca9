/** Node's error codes (`ENOENT`, `EEXIST` …), read without casting at every call site. */
export function errnoCode(err: unknown): string | undefined {
  return err instanceof Error && typeof (err as NodeJS.ErrnoException).code === 'string' ? (err as NodeJS.ErrnoException).code : undefined
}

/** An `EEXIST` error like the ones node:fs throws, for the paths where we detect it ourselves. */
export function alreadyExists(path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`EEXIST: file already exists, '${path}'`), { code: 'EEXIST', path })
}

/** Hard links are missing on some file systems (FAT, exFAT, some network shares). */
export function linkUnsupported(err: unknown): boolean {
  const code = errnoCode(err)
  return code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'ENOSYS' || code === 'EXDEV'
}
