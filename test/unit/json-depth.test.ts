/** Deeply nested JSON (found by the fuzz tests) must give a located problem, never a stack overflow. */
import { describe, expect, it } from 'vitest'
import { parseEnvironment } from '../../shared/environment/model.js'
import { MAX_JSON_DEPTH, parseJson, spanAtPath } from '../../shared/render/json.js'

const deep = (levels: number) => `{"a": ${'['.repeat(levels)}1${']'.repeat(levels)}}`

describe('deeply nested JSON', () => {
  it('a broken deep document is reported at the bracket that nests too deep', () => {
    const text = `{"a": ${'['.repeat(100_000)}`
    const parsed = parseJson(text)
    expect(parsed.ok).toBe(false)
    if (!parsed.ok) expect(parsed.error).toEqual({ offset: 6 + MAX_JSON_DEPTH - 1, message: `values are nested more than ${MAX_JSON_DEPTH} levels deep` })
  })

  it('locating inside a deep document gives up instead of overflowing', () => {
    expect(spanAtPath(deep(50_000), ['a'])).toBeUndefined()
    expect(spanAtPath(deep(3), ['a'])).toMatchObject({ key: { start: 1 } })
  })

  it('an environment file nested deeply is refused with a located problem', () => {
    const result = parseEnvironment(`{"kind": "sandbox", "allowedHosts": ${'['.repeat(60_000)}`, 'environments/deep.json')
    expect(result.environment).toBeUndefined()
    expect(result.diagnostics[0]).toMatchObject({ severity: 'error', line: 1 })
  })
})
