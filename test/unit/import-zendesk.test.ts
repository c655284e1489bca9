import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, onTestFinished } from 'vitest'
import { importZendeskTickets } from '../../electron/services/imports/importFile.js'
import { openWorkspace, type Workspace } from '../../electron/services/workspace/workspace.js'
import { compileTemplate } from '../../shared/render/compile.js'
import { renderTemplate } from '../../shared/render/render.js'
import { loadSamples } from '../../shared/samples/load.js'
import { parseTemplateFile } from '../../shared/template/file.js'
import { planZendeskTickets } from '../../shared/workspace/imports/zendeskTickets.js'
import { fixture } from '../support/fixtures.js'

async function setup(): Promise<{ dir: string; workspace: Workspace; source: (name: string, content: string) => Promise<string> }> {
  const dir = await mkdtemp(join(tmpdir(), 'hookbench-import-'))
  onTestFinished(() => rm(dir, { recursive: true, force: true }))
  await mkdir(join(dir, 'ws', 'templates'), { recursive: true })
  const source = async (name: string, content: string) => {
    const path = join(dir, name)
    await writeFile(path, content)
    return path
  }
  return { dir, workspace: await openWorkspace(join(dir, 'ws')), source }
}

const ticketsFolder = (dir: string) => join(dir, 'ws', 'samples', 'zendesk-tickets')

/** A list response of two tickets sharing sideloads, as `GET /tickets.json?include=users,groups,organizations` gives. */
const LIST = {
  tickets: [
    { id: 11, subject: 'First', requester_id: 1, assignee_id: 3, organization_id: 100, group_id: 7, collaborator_ids: [4] },
    { id: 12, subject: 'Second', requester_id: 2, submitter_id: 2, organization_id: null, group_id: 8 },
  ],
  users: [
    { id: 1, name: 'Ann', email: 'ann@example.com', organization_id: 100 },
    { id: 2, name: 'Ben', email: 'ben@example.com', organization_id: 200 },
    { id: 3, name: 'Agent', email: 'agent@acme.example' },
    { id: 4, name: 'Cc', email: 'cc@example.com' },
  ],
  organizations: [
    { id: 100, name: 'Org A' },
    { id: 200, name: 'Org B' },
  ],
  groups: [
    { id: 7, name: 'Tier 1' },
    { id: 8, name: 'Tier 2' },
  ],
  account: { subdomain: 'acme', name: 'Acme' },
  next_page: 'https://acme.zendesk.com/api/v2/tickets.json?page=2',
  previous_page: null,
  count: 2,
}

describe('importing Zendesk tickets', () => {
  it('keeps a single ticket response with its sideloads whole', async () => {
    const { dir, workspace, source } = await setup()
    const text = fixture('zendesk/ticket-solved.json')
    const report = await importZendeskTickets(workspace, await source('4521.json', text))
    expect(report).toMatchObject({ errors: [], skipped: [], warnings: [], created: [{ name: 'ticket-4521', path: 'samples/zendesk-tickets/ticket-4521.json', origin: 'ticket' }] })
    const written = await readFile(join(ticketsFolder(dir), 'ticket-4521.json'), 'utf8')
    expect(JSON.parse(written)).toEqual(JSON.parse(text))
  })

  it('renders the imported ticket like the original', async () => {
    const { workspace, source } = await setup()
    await importZendeskTickets(workspace, await source('4521.json', fixture('zendesk/ticket-solved.json')))
    const compiled = compileTemplate(parseTemplateFile(fixture('workspace/templates/solved-ticket-to-braze.liquid'), 't.liquid'))
    const render = (text: string) => renderTemplate(compiled, loadSamples(text, 's.json', 'zendesk-ticket').samples[0]!.data, { now: new Date(0) }).request.body
    expect(render((await workspace.read('zendesk-ticket', 'ticket-4521')).text)).toBe(render(fixture('zendesk/ticket-solved.json')))
  })

  it('splits a list into one sample per ticket, each with the sideloads it refers to', async () => {
    const { workspace, source } = await setup()
    const report = await importZendeskTickets(workspace, await source('list.json', JSON.stringify(LIST, null, 2)))
    expect(report.created.map((c) => [c.name, c.origin, c.line])).toEqual([
      ['ticket-11', 'tickets[0]', 3],
      ['ticket-12', 'tickets[1]', 14],
    ])
    const first = JSON.parse((await workspace.read('zendesk-ticket', 'ticket-11')).text) as Record<string, unknown>
    expect(first).toEqual({
      ticket: LIST.tickets[0],
      users: [LIST.users[0], LIST.users[2], LIST.users[3]],
      organizations: [LIST.organizations[0]],
      groups: [LIST.groups[0]],
      account: LIST.account,
    })
    const second = JSON.parse((await workspace.read('zendesk-ticket', 'ticket-12')).text) as Record<string, unknown>
    // The requester's own organization comes along even though the ticket has none.
    expect(second).toMatchObject({ users: [LIST.users[1]], organizations: [LIST.organizations[1]], groups: [LIST.groups[1]] })
  })

  it('leaves out comments of a list, which cannot be attributed, with a warning', () => {
    const plan = planZendeskTickets(JSON.stringify({ ...LIST, comments: [{ id: 1, body: 'which ticket?' }] }), 'list.json')
    expect(plan.warnings).toEqual([expect.objectContaining({ origin: 'comments', message: expect.stringContaining('left out') })])
    expect(plan.candidates.every((c) => !c.text.includes('which ticket?'))).toBe(true)
  })

  it('skips invalid tickets with their line, keeps the rest and never overwrites', async () => {
    const { dir, workspace, source } = await setup()
    const text = JSON.stringify({ tickets: [{ id: 'x1' }, 5, { id: 21 }], users: [{ id: 'bad' }] }, null, 2)
    const report = await importZendeskTickets(workspace, await source('mixed.json', text))
    expect(report.created.map((c) => c.name)).toEqual(['ticket-21'])
    expect(report.skipped).toEqual([
      { origin: 'tickets[0]', line: 3, message: expect.stringContaining('ticket.id') },
      { origin: 'tickets[1]', line: 6, message: 'not a ticket object' },
    ])
    await writeFile(join(ticketsFolder(dir), 'ticket-21.json'), '{"ticket": {"id": 21, "subject": "edited by hand"}}')
    const again = await importZendeskTickets(workspace, await source('mixed.json', text))
    expect(again.created.map((c) => [c.name, c.wanted])).toEqual([['ticket-21 (2)', 'ticket-21']])
    expect(await readFile(join(ticketsFolder(dir), 'ticket-21.json'), 'utf8')).toContain('edited by hand')
  })

  describe('error paths write nothing', () => {
    it.each([
      ['broken JSON', '{"ticket": {"id": 1,}}', 'import-json'],
      ['a Braze export', '{"users": [{"external_id": "a"}]}', 'import-shape'],
      ['no ticket at all', '{"id": 1}', 'import-shape'],
      ['ticket that is not an object', '{"ticket": [1]}', 'import-shape'],
      ['tickets that is not a list', '{"tickets": {"id": 1}}', 'import-shape'],
      ['a list at the root', '[{"id": 1}]', 'import-shape'],
    ])('%s', async (_what, text, code) => {
      const { dir, workspace, source } = await setup()
      const report = await importZendeskTickets(workspace, await source('bad.json', text))
      expect(report.created).toEqual([])
      expect(report.errors).toEqual([expect.objectContaining({ severity: 'error', code, line: 1 })])
      expect(await readdir(join(dir, 'ws'))).toEqual(['templates'])
    })
  })
})
