/** End-to-end: the real `hookbench` bin on template and sample files under test/fixtures. */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = join(import.meta.dirname, '..', '..')
const W = 'test/fixtures/workspace'
const NOW = ['--now', '2026-03-05T14:07:09Z']

function hookbench(...args: string[]) {
  const run = spawnSync(process.execPath, [join(ROOT, 'bin', 'hookbench.js'), ...args], { cwd: ROOT, encoding: 'utf8' })
  return { code: run.status, stdout: run.stdout, stderr: run.stderr }
}

function tempFile(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'hookbench-')), name)
  writeFileSync(path, text)
  return path
}

describe('hookbench render --sample', () => {
  it('prints the rendered body exactly and exits 0', () => {
    const run = hookbench('render', `${W}/templates/negative-survey-to-zendesk.liquid`, '--sample', `${W}/samples/braze-users/detractors.json#user-1001`, ...NOW)
    expect(run.stderr).toMatch(/^[^\n]*negative-survey-to-zendesk\.liquid:18:48: info: json_escape escaped a control character/)
    expect(run.stderr).not.toMatch(/: (error|warning): /)
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout).ticket.subject).toBe('Alice rated us 2/10')
  })

  it('prints the whole request as JSON with --format json', () => {
    const run = hookbench('render', `${W}/templates/negative-survey-to-zendesk.liquid`, '--sample', `${W}/samples/braze-users/detractors.json#user-1001`, '--format', 'json', ...NOW)
    const out = JSON.parse(run.stdout)
    expect(Object.keys(out)).toEqual(['request', 'aborted', 'diagnostics'])
    expect(out.request).toMatchObject({ method: 'POST', url: 'https://acme-sandbox.zendesk.com/api/v2/tickets.json' })
    expect(out.request.headers.Authorization).toMatch(/^Basic /)
    expect(out.aborted).toBeNull()
    expect(run.code).toBe(0)
  })

  it('exits 3 and prints the reason when abort_message fires', () => {
    const run = hookbench('render', `${W}/templates/negative-survey-to-zendesk.liquid`, '--sample', `${W}/samples/braze-users/detractors.json#user-1003`)
    expect(run.code).toBe(3)
    expect(run.stdout).toBe('')
    expect(run.stderr).toContain('aborted: Survey score is not negative')
  })

  it('exits 1 with located diagnostics on stderr when the body is not valid JSON', () => {
    const run = hookbench('render', 'test/fixtures/broken/missing-json-escape.liquid', '--sample', `${W}/samples/braze-users/detractors.json#user-1001`)
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/^test\/fixtures\/broken\/missing-json-escape\.liquid:12:27: error: Rendered body is not valid JSON: .* \[json-invalid\]$/m)
    expect(run.stderr).toMatch(/hint: .*json_escape/)
  })

  it('says when a list holds several samples and renders the first', () => {
    const run = hookbench('render', `${W}/templates/negative-survey-to-zendesk.liquid`, '--sample', `${W}/samples/braze-users/detractors.json`)
    expect(run.stderr).toMatch(/holds 3 samples; rendering the first \(user-1001\)/)
    expect(run.code).toBe(0)
  })

  it('renders a body-only template with --dialect', () => {
    const template = tempFile('body.liquid', '{"id": {{ticket.id}}, "status": "{{ticket.status}}"}')
    const sample = tempFile('t.json', JSON.stringify({ ticket: { id: 7, status: 'solved' } }))
    const run = hookbench('render', template, '--sample', sample, '--dialect', 'zendesk')
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout)).toEqual({ id: 7, status: 'Solved' })
  })
})

describe('hookbench render --samples', () => {
  it('prints one line per sample and a summary', () => {
    const run = hookbench('render', `${W}/templates/negative-survey-to-zendesk.liquid`, '--samples', `${W}/samples/braze-users`)
    const lines = run.stdout.trim().split('\n')
    expect(lines).toEqual([
      expect.stringMatching(/^ok +user-1001 \(/),
      expect.stringMatching(/^ok +user-1002 \(/),
      expect.stringMatching(/^aborted +user-1003 .*: Survey score is not negative$/),
      '3 sample(s): 2 ok, 1 aborted, 0 failed',
    ])
    expect(run.code).toBe(0)
  })

  it('exits 1 when a sample breaks the template', () => {
    const run = hookbench('render', 'test/fixtures/broken/missing-json-escape.liquid', '--samples', `${W}/samples/braze-users/detractors.json`)
    expect(run.stdout).toMatch(/^error +user-1001 .*missing-json-escape\.liquid:12:27: error/m)
    expect(run.stdout).toMatch(/failed$/m)
    expect(run.code).toBe(1)
  })
})

describe('hookbench check', () => {
  it('lints without a sample and exits 1 on errors', () => {
    const run = hookbench('check', 'test/fixtures/broken/rules.liquid')
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/rules\.liquid:1:\d+: error: .*\[braze-filter-in-condition\]/)
    expect(run.stderr).toMatch(/rules\.liquid:2:\d+: error: .*\[braze-operator-in-assign\]/)
    expect(run.stderr).toMatch(/rules\.liquid:3:\d+: error: .*\[braze-parentheses\]/)
    expect(run.stderr).toMatch(/rules\.liquid:4:\d+: error: .*\[braze-unsupported-filter\]/)
    expect(run.stderr).toMatch(/rules\.liquid:5:\d+: error: .*\[braze-two-attributes\]/)
    expect(run.stderr).toMatch(/rules\.liquid:6:4: error: .*\[braze-curly-quote\]/)
    expect(run.stderr).toMatch(/rules\.liquid:7:3: warning: .*\[braze-missing-dollar\]/)
  })

  it('exits 0 for a clean template', () => {
    const run = hookbench('check', `${W}/templates/negative-survey-to-zendesk.liquid`)
    expect(run.stderr).toContain('0 error(s), 0 warning(s)')
    expect(run.code).toBe(0)
  })
})

describe('bad usage and unreadable input exit 2', () => {
  it('a missing template file', () => {
    const run = hookbench('render', 'nope.liquid', '--sample', `${W}/samples/braze-users/detractors.json`)
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('cannot read template nope.liquid: ENOENT')
  })

  it('a sample that is not JSON, located', () => {
    const sample = tempFile('bad.json', '{\n  "first_name": "A",\n  "email": \n}')
    const run = hookbench('render', `${W}/templates/negative-survey-to-zendesk.liquid`, '--sample', sample)
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/bad\.json:4:1: error: Sample is not valid JSON/)
  })

  it('a Zendesk sample for a Braze template', () => {
    const sample = tempFile('ticket.json', JSON.stringify({ ticket: { id: 1 } }))
    const run = hookbench('render', `${W}/templates/negative-survey-to-zendesk.liquid`, '--sample', sample)
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/is a Zendesk ticket, but the template is Braze/)
  })

  it('neither --sample nor --samples', () => {
    const run = hookbench('render', `${W}/templates/negative-survey-to-zendesk.liquid`)
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('give either --sample FILE or --samples DIR_OR_FILE')
  })

  it('an unknown option', () => {
    expect(hookbench('render', 'x', '--bogus').code).toBe(2)
  })
})
