/**
 * Render throughput of Hookbench's Braze engine beside plain liquidjs.
 *
 * (a) plain liquidjs on an equivalent plain-Liquid request (URL, two headers, body), parsed once;
 * (b) Hookbench on the Braze → Zendesk ticket example, parsed once, against the same 10,000
 *     generated users, without and with JSON checking (parse + payload checks).
 * Targets (issue 2): (b) unchecked within 1.25× the time of (a); (b) checked ≥ 20,000 renders/s.
 */
import { readFileSync } from 'node:fs'
import { Liquid } from 'liquidjs'
import { compileTemplate } from '../shared/render/compile.js'
import { renderTemplate } from '../shared/render/render.js'
import { parseTemplateFile } from '../shared/template/file.js'
import { median, type BenchRow } from './table.js'

const USERS = 10_000
const RUNS = 5
export const TEMPLATE = 'test/fixtures/workspace/templates/negative-survey-to-zendesk.liquid'

/** Deterministic users with the variety real exports have: quotes, line breaks, missing names. */
export function generateUsers(count: number): Record<string, unknown>[] {
  let seed = 42
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
  const names = ['Alice', 'Bob', 'Chloé', 'Dmitri', 'Eve', null, 'François', 'Gwen "G"']
  const plans = ['free', 'pro', 'enterprise', null]
  const comments = ['Too slow', 'The export "does nothing".\nPlease fix.', 'Billing is confusing\\unclear', 'Meh']
  return Array.from({ length: count }, (_, i) => ({
    external_id: `user-${i}`,
    first_name: names[Math.floor(random() * names.length)],
    last_name: 'Tester',
    email: `user${i}@example.com`,
    custom_attributes: { plan: plans[Math.floor(random() * plans.length)] },
    event_properties: { score: Math.floor(random() * 7), comment: comments[Math.floor(random() * comments.length)] },
  }))
}

/** The same request in plain Liquid: standard variables and filters instead of Braze's. */
const PLAIN = {
  url: 'https://acme-sandbox.zendesk.com/api/v2/tickets.json',
  headers: ['application/json', "Basic {{ 'agent@acme.com/token:TOKEN' | base64_encode }}"],
  body: readFileSync(TEMPLATE, 'utf8')
    .split(/^---$/m)[2]!
    .replace(/\$\{(first_name|last_name)\}/g, '$1')
    .replace(/\$\{email_address\}/g, 'email')
    .replace(/\$\{user_id\}/g, 'external_id')
    .replace(/(custom_attribute|event_properties)\.\$\{(\w+)\}/g, '$1.$2')
    .replace(/\{%\s*abort_message\([^)]*\)\s*%\}/g, '')
    .replace(/json_escape/g, 'escape'),
}

function plainScope(user: Record<string, unknown>): Record<string, unknown> {
  return { ...user, custom_attribute: user.custom_attributes }
}

function measure(label: string, users: Record<string, unknown>[], renderOne: (u: Record<string, unknown>) => void): number {
  for (let i = 0; i < 1000; i++) renderOne(users[i % users.length]!)
  const times: number[] = []
  for (let run = 0; run < RUNS; run++) {
    globalThis.gc?.()
    const start = process.hrtime.bigint()
    for (const user of users) renderOne(user)
    times.push(Number(process.hrtime.bigint() - start) / 1e6)
  }
  const ms = median(times)
  process.stderr.write(`  ${label}: ${ms.toFixed(1)} ms for ${users.length} renders\n`)
  return (users.length / ms) * 1000
}

export function benchRender(): { rows: BenchRow[]; users: Record<string, unknown>[]; checkedMs: number } {
  const users = generateUsers(USERS)
  const liquid = new Liquid()
  const plain = {
    url: liquid.parse(PLAIN.url),
    headers: PLAIN.headers.map((h) => liquid.parse(h)),
    body: liquid.parse(PLAIN.body),
  }
  const compiled = compileTemplate(parseTemplateFile(readFileSync(TEMPLATE, 'utf8'), TEMPLATE))
  const now = new Date('2026-01-01T00:00:00Z')

  // Sanity: the engine must render this corpus cleanly, or the numbers mean nothing.
  const broken = users.filter((u) => renderTemplate(compiled, u, { now }).diagnostics.some((d) => d.severity === 'error'))
  if (broken.length > 0) throw new Error(`${broken.length} generated users fail to render: the benchmark would be meaningless`)

  process.stderr.write(`Rendering ${USERS} users, median of ${RUNS} runs\n`)
  const a = measure('plain liquidjs', users, (u) => {
    const scope = plainScope(u)
    liquid.renderSync(plain.url, scope)
    for (const h of plain.headers) liquid.renderSync(h, scope)
    liquid.renderSync(plain.body, scope)
  })
  const b = measure('hookbench braze, no JSON check', users, (u) => renderTemplate(compiled, u, { now, checkJson: false }))
  const c = measure('hookbench braze, JSON checked', users, (u) => renderTemplate(compiled, u, { now }))

  const rate = (n: number) => `${Math.round(n).toLocaleString('en-US')} renders/s`
  const rows = [
    { name: '(a) plain liquidjs, equivalent template', value: rate(a), versus: 'baseline', target: '—', met: true },
    { name: '(b) Hookbench Braze engine, no JSON check', value: rate(b), versus: `${(a / b).toFixed(2)}× time of (a)`, target: '≤ 1.25× time of (a)', met: a / b <= 1.25 },
    { name: '(b) Hookbench Braze engine, JSON checked', value: rate(c), versus: `${(a / c).toFixed(2)}× time of (a)`, target: '≥ 20,000 renders/s', met: c >= 20_000 },
  ]
  return { rows, users, checkedMs: (users.length / c) * 1000 }
}
