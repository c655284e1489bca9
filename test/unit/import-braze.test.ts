import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, onTestFinished } from 'vitest'
import { importBrazeExport } from '../../electron/services/imports/importFile.js'
import { openWorkspace, type Workspace } from '../../electron/services/workspace/workspace.js'
import { loadSamples } from '../../shared/samples/load.js'
import { planBrazeExport } from '../../shared/workspace/imports/brazeExport.js'
import { fixture } from '../support/fixtures.js'

async function setup(): Promise<{ dir: string; workspace: Workspace; source: (name: string, content: string | Buffer) => Promise<string> }> {
  const dir = await mkdtemp(join(tmpdir(), 'hookbench-import-'))
  onTestFinished(() => rm(dir, { recursive: true, force: true }))
  await mkdir(join(dir, 'ws', 'templates'), { recursive: true })
  await mkdir(join(dir, 'downloads'))
  const source = async (name: string, content: string | Buffer) => {
    const path = join(dir, 'downloads', name)
    await writeFile(path, content)
    return path
  }
  return { dir, workspace: await openWorkspace(join(dir, 'ws')), source }
}

const usersFolder = (dir: string) => join(dir, 'ws', 'samples', 'braze-users')

describe('importing a Braze /users/export/ids response', () => {
  it('writes one sample per user, named after its external_id, loadable as it is', async () => {
    const { dir, workspace, source } = await setup()
    const report = await importBrazeExport(workspace, await source('export.json', fixture('workspace/samples/braze-users/detractors.json')))
    expect(report.errors).toEqual([])
    expect(report.created.map((c) => [c.name, c.path, c.origin, c.line])).toEqual([
      ['user-1001', 'samples/braze-users/user-1001.json', 'users[0]', 4],
      ['user-1002', 'samples/braze-users/user-1002.json', 'users[1]', 26],
      ['user-1003', 'samples/braze-users/user-1003.json', 'users[2]', 32],
    ])
    expect(report.skipped).toEqual([])
    const text = await readFile(join(usersFolder(dir), 'user-1001.json'), 'utf8')
    const load = loadSamples(text, 'user-1001.json', 'braze-user')
    expect(load.diagnostics).toEqual([])
    expect(load.samples[0]!.data).toMatchObject({ external_id: 'user-1001', event_properties: { score: 2 }, connected_content: expect.any(Object) })
    expect(text.endsWith('}\n')).toBe(true)
  })

  it('reports invalid users with their line and Braze\'s unknown ids as skipped', async () => {
    const { workspace, source } = await setup()
    const text = JSON.stringify(
      { message: 'success', users: [{ external_id: 'ok' }, { external_id: 42, email: 'x@example.com' }, 'nobody'], invalid_user_ids: ['ghost-1'] },
      null,
      2,
    )
    const report = await importBrazeExport(workspace, await source('export.json', text))
    expect(report.created.map((c) => c.name)).toEqual(['ok'])
    expect(report.skipped).toEqual([
      { origin: 'users[1]', line: 7, message: expect.stringMatching(/^external_id: .*string/) },
      { origin: 'users[2]', line: 11, message: 'not a user object' },
      { origin: 'invalid_user_ids[0]', line: 14, message: 'Braze found no user "ghost-1"' },
    ])
  })

  it('sanitises names and never overwrites: identical users are skipped, others get a suffix', async () => {
    const { dir, workspace, source } = await setup()
    const users = [
      { external_id: 'crm/42:a' },
      { external_id: 'CRM/42:A', first_name: 'second' },
      { braze_id: '65f1c2a9e4b0a1d2c3e4f501' },
      { email: 'only@example.com' },
      { user_aliases: [{ alias_name: 'lead 7', alias_label: 'crm' }] },
      { phone: '+15550100' },
    ]
    const path = await source('export.json', JSON.stringify({ users }))
    const first = await importBrazeExport(workspace, path)
    expect(first.created.map((c) => [c.name, c.wanted])).toEqual([
      ['crm_42_a', undefined],
      ['CRM_42_A (2)', 'CRM_42_A'],
      ['65f1c2a9e4b0a1d2c3e4f501', undefined],
      ['only@example.com', undefined],
      ['lead 7', undefined],
      ['user-6', undefined],
    ])

    // Importing the same export again changes nothing.
    const again = await importBrazeExport(workspace, path)
    expect(again.created).toEqual([])
    expect(again.skipped.map((s) => s.message)).toEqual([
      'already in the workspace as samples/braze-users/crm_42_a.json (identical)',
      'already in the workspace as samples/braze-users/CRM_42_A (2).json (identical)',
      ...Array(4).fill(expect.stringMatching(/\(identical\)$/)),
    ])

    // A changed profile does not replace the sample someone may have edited.
    const edited = await readFile(join(usersFolder(dir), 'only@example.com.json'), 'utf8')
    const changed = await importBrazeExport(workspace, await source('newer.json', JSON.stringify({ users: [{ email: 'only@example.com', first_name: 'New' }] })))
    expect(changed.created.map((c) => c.name)).toEqual(['only@example.com (2)'])
    expect(await readFile(join(usersFolder(dir), 'only@example.com.json'), 'utf8')).toBe(edited)
  })

  it('takes a single user object and a bare list of users, with or without a BOM', async () => {
    const { workspace, source } = await setup()
    const one = await importBrazeExport(workspace, await source('one.json', `\uFEFF${JSON.stringify({ external_id: 'solo', custom_attributes: { plan: 'pro' } })}`))
    expect(one.created.map((c) => [c.name, c.origin])).toEqual([['solo', 'the user']])
    const list = await importBrazeExport(workspace, await source('list.json', '[{"external_id": "l1"}, {"external_id": "l2"}]'))
    expect(list.created.map((c) => [c.name, c.origin])).toEqual([
      ['l1', '[0]'],
      ['l2', '[1]'],
    ])
  })

  it('warns about an empty export', () => {
    const plan = planBrazeExport('{"message": "success", "users": [], "invalid_user_ids": []}', 'e.json')
    expect(plan).toMatchObject({ candidates: [], errors: [], warnings: [{ message: 'the export holds no users' }] })
  })

  describe('error paths write nothing', () => {
    it.each([
      ['broken JSON', '{"users": [\n  {"external_id": "a"},\n]}', 'import-json', /Not valid JSON: a value was expected but found `]`/, 3],
      ['a Zendesk ticket', '{"ticket": {"id": 1}}', 'import-shape', /Zendesk ticket/, 1],
      ['a Braze error answer', '{"message": "Invalid API Key"}', 'import-shape', /Invalid API Key/, 1],
      ['users that is not a list', '{"users": {"external_id": "a"}}', 'import-shape', /must be a list/, 1],
      ['an unrelated object', '{"hello": "world"}', 'import-shape', /No users found/, 1],
      ['a number', '42', 'import-shape', /JSON object/, 1],
    ])('%s', async (_what, text, code, message, line) => {
      const { dir, workspace, source } = await setup()
      const path = await source('bad.json', text)
      const report = await importBrazeExport(workspace, path)
      expect(report.created).toEqual([])
      expect(report.errors).toEqual([expect.objectContaining({ severity: 'error', code, message: expect.stringMatching(message), line, file: path })])
      expect(await readdir(join(dir, 'ws'))).toEqual(['templates'])
    })

    it('a missing file', async () => {
      const { dir, workspace } = await setup()
      const report = await importBrazeExport(workspace, join(dir, 'nope.json'))
      expect(report.errors).toEqual([expect.objectContaining({ code: 'import-unreadable', message: expect.stringContaining('ENOENT') })])
    })

    it('a file that is not UTF-8', async () => {
      const { workspace, source } = await setup()
      const report = await importBrazeExport(workspace, await source('latin1.json', Buffer.from('{"users": [{"first_name": "Jos\xe9"}]}', 'latin1')))
      expect(report.errors).toEqual([expect.objectContaining({ code: 'import-encoding' })])
    })
  })
})
