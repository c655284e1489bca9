/**
 * Send overhead: Hookbench's whole send pipeline (render with real values and stand-ins, checks,
 * the request, the history write) beside a bare `fetch` of the same bytes to a loopback server,
 * and the request alone through Hookbench's transport (Node's http client) for scale.
 * Target (issue 3): ≤ 1.2× the time of the bare fetch.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readFileSync } from 'node:fs'
import { Worker } from 'node:worker_threads'
import { HistoryStore } from '../electron/services/history.js'
import { MemorySecretStore } from '../electron/services/secrets/memoryStore.js'
import { exchange } from '../electron/services/exchange.js'
import { sendTemplate } from '../electron/services/sender.js'
import { parseEnvironment } from '../shared/environment/model.js'
import { maskSecrets } from '../shared/environment/substitute.js'
import { renderTemplate } from '../shared/render/render.js'
import { prepareTemplate } from '../shared/render/prepare.js'
import { parseTemplateFile } from '../shared/template/file.js'
import { median, type BenchRow } from './table.js'

const SENDS = 400
const TEMPLATE = 'test/fixtures/workspace/templates/negative-survey-to-zendesk.liquid'

/**
 * The loopback server runs on a thread of its own, as a real service runs elsewhere: the
 * client's work can then overlap the server's, as it does with Zendesk or Braze.
 */
const SERVER = `
const { createServer } = require('node:http')
const { parentPort } = require('node:worker_threads')
const server = createServer((req, res) => {
  req.resume()
  req.on('end', () => {
    res.writeHead(201, { 'Content-Type': 'application/json' })
    res.end('{"ticket":{"id":1}}')
  })
})
server.listen(0, '127.0.0.1', () => parentPort.postMessage(server.address().port))
`

export async function benchSend(): Promise<BenchRow[]> {
  const server = new Worker(SERVER, { eval: true })
  const base = `http://127.0.0.1:${await new Promise<number>((done) => server.once('message', done))}`
  try {
    const text = readFileSync(TEMPLATE, 'utf8')
      .replace(/^url: .*$/m, 'url: "%{env.base}/api/v2/tickets.json"')
      .replace(/^ {2}Authorization: .*$/m, "  Authorization: \"Basic {{ 'agent@acme.com/token:%{secret.zendesk_api_token}' | base64_encode }}\"")
    const file = parseTemplateFile(text, TEMPLATE)
    const environment = parseEnvironment(
      JSON.stringify({ kind: 'sandbox', variables: { base }, secrets: ['zendesk_api_token'], allowedHosts: [new URL(base).host] }),
      'environments/bench.json',
    ).environment!
    const secrets = new MemorySecretStore()
    await secrets.set('zendesk_api_token', 'bench-token-value')
    const sample = JSON.parse(readFileSync('test/fixtures/workspace/samples/braze-users/detractors.json', 'utf8')).users[1]
    const history = new HistoryStore(mkdtempSync(join(tmpdir(), 'hookbench-bench-')), (t) => maskSecrets(t, ['bench-token-value']))

    // The bare baseline sends exactly the bytes Hookbench sends.
    const values = { environment: 'bench', env: environment.variables, secretNames: environment.secrets, secrets: () => 'bench-token-value' }
    const request = renderTemplate(prepareTemplate(file, values, 'real'), sample).request
    const bare = async () => {
      const response = await fetch(request.url, { method: request.method, headers: request.headers, body: request.body })
      await response.text()
    }
    // Hookbench's own transport alone, for scale: most of what the pipeline adds, it wins back here.
    const transport = async () => {
      if ((await exchange(request)).response?.status !== 201) throw new Error('bench exchange failed')
    }
    const hookbench = async () => {
      const { result } = await sendTemplate({ file, sample, environment, secrets })
      if (result.response?.status !== 201) throw new Error(`bench send failed: ${JSON.stringify(result.failure)}`)
      await history.append({ template: 'bench', sample: 'bench', environment: 'bench', result: { ...result, historyId: null } })
    }
    const [bareMs, transportMs, oursMs] = (await timeSends(bare, transport, hookbench)) as [number, number, number]
    await history.close()
    const ratio = oursMs / bareMs
    return [
      { name: 'bare fetch to a loopback server', value: `${(bareMs * 1000).toFixed(0)} µs/send`, versus: 'baseline', target: '—', met: true },
      { name: 'its request alone through Node http (Hookbench\'s transport)', value: `${(transportMs * 1000).toFixed(0)} µs/send`, versus: `${(transportMs / bareMs).toFixed(2)}× time of bare fetch`, target: '—', met: true },
      { name: 'Hookbench send (render ×2, checks, request, history)', value: `${(oursMs * 1000).toFixed(0)} µs/send`, versus: `${ratio.toFixed(2)}× time of bare fetch`, target: '≤ 1.2× time of bare fetch', met: ratio <= 1.2 },
    ]
  } finally {
    await server.terminate()
  }
}

/** Median per-send milliseconds of each, runs interleaved so that drift in load hits both alike. */
async function timeSends(...sends: (() => Promise<void>)[]): Promise<number[]> {
  for (const send of sends) for (let i = 0; i < 100; i++) await send()
  const runs: number[][] = sends.map(() => [])
  for (let run = 0; run < 7; run++) {
    for (const [k, send] of sends.entries()) {
      const start = performance.now()
      for (let i = 0; i < SENDS; i++) await send()
      runs[k]!.push((performance.now() - start) / SENDS)
    }
  }
  return runs.map(median)
}
