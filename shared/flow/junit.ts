/**
 * A flow run as JUnit XML, for CI: one test suite per run, one test case per step. A failed
 * step is a `<failure>` with its plain-language reason (and the problems located in the
 * templates), a skipped step is `<skipped>`, and every step's exchanges go to `<system-out>`.
 */
import type { FlowRun, FlowStep } from '../api/contract.js'
import type { Diagnostic } from '../diagnostics.js'

export function flowRunJUnit(run: FlowRun): string {
  const properties: [string, string][] = [['mode', run.mode]]
  if (run.ticket) properties.push(['ticket', String(run.ticket.id)])
  if (run.historyId) properties.push(['history', run.historyId])
  const cases = run.steps.map((step, index) => ({ status: step.status, xml: testCase(run, step, index, seconds(step.durationMs)) }))
  return junitDocument({ name: `flow ${run.flow}`, time: seconds(run.durationMs), timestamp: run.startedAt, properties }, cases)
}

/** A flow that could not start, as one failed test case: CI still gets a report saying why. */
export function flowSetupJUnit(flow: string, message: string, diagnostics: readonly Diagnostic[], at: Date): string {
  const failure = `      <failure ${attributes({ message, type: 'setup' })}>${escapeXml(diagnostics.map(diagnosticLine).join('\n'))}</failure>`
  const xml = [`    <testcase ${attributes({ classname: `hookbench.flow.${flow}`, name: '0. Check the flow and what it names [setup]', time: '0.000' })}>`, failure, '    </testcase>'].join('\n')
  return junitDocument({ name: `flow ${flow}`, time: '0.000', timestamp: at.toISOString(), properties: [] }, [{ status: 'failed', xml }])
}

interface SuiteHead {
  name: string
  time: string
  timestamp: string
  properties: [string, string][]
}

function junitDocument(suite: SuiteHead, cases: { status: FlowStep['status']; xml: string }[]): string {
  const count = (status: FlowStep['status']) => cases.filter((c) => c.status === status).length
  const totals = { tests: cases.length, failures: count('failed'), skipped: count('skipped'), time: suite.time }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites ${attributes({ name: 'hookbench flow', ...totals })}>`,
    `  <testsuite ${attributes({ name: suite.name, tests: totals.tests, failures: totals.failures, errors: 0, skipped: totals.skipped, time: suite.time, timestamp: suite.timestamp.replace(/\.\d+Z$/, 'Z') })}>`,
    ...(suite.properties.length > 0
      ? ['    <properties>', ...suite.properties.map(([name, value]) => `      <property ${attributes({ name, value })}/>`), '    </properties>']
      : []),
    ...cases.map((c) => c.xml),
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n')
}

const seconds = (ms: number | null) => ((ms ?? 0) / 1000).toFixed(3)

const diagnosticLine = (d: Diagnostic) => `${d.file ?? ''}:${d.line}:${d.column}: ${d.severity}: ${d.message} [${d.code}]`

function testCase(run: FlowRun, step: FlowStep, index: number, time: string): string {
  const head = `    <testcase ${attributes({ classname: `hookbench.flow.${run.flow}`, name: `${index + 1}. ${step.title} [${step.id}]`, time })}`
  const body: string[] = []
  if (step.status === 'failed') {
    const details = [...step.diagnostics.map(diagnosticLine), ...step.warnings.map((w) => `warning: ${w}`)]
    body.push(`      <failure ${attributes({ message: step.summary ?? 'failed', type: step.id })}>${escapeXml(details.join('\n'))}</failure>`)
  } else if (step.status === 'skipped') {
    body.push(`      <skipped ${attributes({ message: step.summary ?? 'skipped' })}/>`)
  }
  const out = [
    ...(step.status === 'passed' && step.summary ? [step.summary] : []),
    ...step.exchanges.map((e) => `${e.label}: ${e.request.method} ${e.request.url} → ${e.response ? `${e.response.status} ${e.response.statusText}` : (e.failure?.message ?? 'no response')} (${e.timingMs} ms)`),
  ]
  if (out.length > 0) body.push(`      <system-out>${escapeXml(out.join('\n'))}</system-out>`)
  return body.length === 0 ? `${head}/>` : [`${head}>`, ...body, '    </testcase>'].join('\n')
}

function attributes(values: Record<string, string | number>): string {
  return Object.entries(values)
    // Line breaks in attribute values are kept as character references (parsers normalise raw ones).
    .map(([name, value]) => `${name}="${escapeXml(String(value)).replace(/\n/g, '&#10;')}"`)
    .join(' ')
}

/** Text safe in XML 1.0 content and attributes: markup escaped, characters XML forbids dropped. */
export function escapeXml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
}
