import { describe, expect, it } from 'vitest'
import { maskSecrets } from '../../shared/environment/substitute.js'

const TOKEN = 'Zx9kQ2mW7pL4vN8rT1yB3cD6fG0hJ5sA2eU7iO4q'
const b64 = (text: string) => btoa(text)
const urlSafe = (base64: string) => base64.replaceAll('+', '-').replaceAll('/', '_')

describe('maskSecrets', () => {
  it('masks every raw occurrence', () => {
    expect(maskSecrets(`token=${TOKEN}&again=${TOKEN}`, [TOKEN])).toBe('token=<secret>&again=<secret>')
  })

  it('masks the standard and URL-safe base64 encodings of the value', () => {
    // A value whose encoding uses + and /, so both alphabets differ.
    const secret = 'k>>?~~l>>?~~m>>?'
    const standard = b64(secret)
    expect(standard).toMatch(/[+/]/)
    expect(maskSecrets(`a ${standard} b`, [secret])).toBe('a <secret> b')
    expect(maskSecrets(`a ${urlSafe(standard)} b`, [secret])).toBe('a <secret> b')
    expect(maskSecrets(`a ${urlSafe(standard).replace(/=+$/, '')} b`, [secret])).toBe('a <secret> b')
  })

  it('masks Basic-auth headers of any user, whatever the length before the secret', () => {
    for (const user of ['agent@acme.com/token', 'x', 'ab', 'client-id-123', 'agent@acme.co.uk/token']) {
      const header = `Authorization: Basic ${b64(`${user}:${TOKEN}`)}`
      expect(maskSecrets(header, [TOKEN]), user).toBe('Authorization: Basic <secret>')
    }
  })

  it('masks a secret encoded in the middle of a larger base64 payload', () => {
    const payload = b64(JSON.stringify({ id: 1, token: TOKEN, more: 'data' }))
    expect(maskSecrets(`body: ${payload}.`, [TOKEN])).toBe('body: <secret>.')
  })

  it('masks percent- and JSON-escaped forms', () => {
    const secret = 'p@ss/w"rd+1 2'
    expect(maskSecrets(`?k=${encodeURIComponent(secret)}`, [secret])).toBe('?k=<secret>')
    expect(maskSecrets(JSON.stringify({ k: secret }), [secret])).toBe('{"k":"<secret>"}')
  })

  it('masks short secrets raw and in their own base64', () => {
    expect(maskSecrets(`x abc123 ${b64('abc123')} y`, ['abc123'])).toBe('x <secret> <secret> y')
  })

  it('merges overlapping matches, handles several secrets and ignores empty ones', () => {
    const other = 'another-secret-value-0123'
    const text = `${TOKEN}${other} | ${b64(`u:${TOKEN}`)} | plain`
    expect(maskSecrets(text, [TOKEN, other, ''])).toBe('<secret> | <secret> | plain')
  })

  it('leaves text without secrets unchanged', () => {
    const text = 'Authorization: Basic YWdlbnRAYWNtZS5jb20vdG9rZW46b3RoZXI='
    expect(maskSecrets(text, [TOKEN])).toBe(text)
    expect(maskSecrets(text, [])).toBe(text)
  })

  it('handles non-ASCII secrets by their UTF-8 bytes', () => {
    const secret = 'clé-secrète-ünïcødé-42'
    const encoded = btoa(String.fromCharCode(...new TextEncoder().encode(`me:${secret}`)))
    expect(maskSecrets(`Basic ${encoded}`, [secret])).toBe('Basic <secret>')
  })
})
