/** The layout is the architecture: `shared/` is pure TypeScript that also runs in the browser. */
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = join(import.meta.dirname, '..', '..')

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  )
}

describe('shared/ stays pure', () => {
  it('imports no Node built-ins, Electron or DOM-only globals, and never uses Buffer', () => {
    const offenders = sources(join(ROOT, 'shared')).flatMap((file) => {
      const text = readFileSync(file, 'utf8')
      const found = [/from ['"]node:/, /from ['"]electron['"]/, /\bBuffer\./, /\brequire\(/, /^[^*/]*\bwindow\./m, /^[^*/]*\bdocument\./m]
        .filter((pattern) => pattern.test(text))
        .map((pattern) => `${relative(ROOT, file)}: ${pattern}`)
      return found
    })
    expect(offenders).toEqual([])
  })
})
