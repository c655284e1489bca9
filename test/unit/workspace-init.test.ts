import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, onTestFinished } from 'vitest'
import { hasErrors, type Diagnostic } from '../../shared/diagnostics.js'
import { parseEnvironment, referenceValues, type Environment } from '../../shared/environment/model.js'
import { findReferences, substituteTemplateFile } from '../../shared/environment/substitute.js'
import { compileTemplate } from '../../shared/render/compile.js'
import { renderTemplate, type RenderResult } from '../../shared/render/render.js'
import { loadSamples } from '../../shared/samples/load.js'
import { parseTemplateFile } from '../../shared/template/file.js'
import { ITEM_KINDS, LAYOUT_FOLDERS } from '../../shared/workspace/layout.js'
import { createWorkspace, EXAMPLES_DIR, exampleFiles } from '../../electron/services/workspace/create.js'
import { openWorkspace, type Workspace } from '../../electron/services/workspace/workspace.js'

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'hookbench-init-'))
  onTestFinished(() => rm(dir, { recursive: true, force: true }))
  return dir
}

/** Clean means no error and no warning; infos (e.g. unconfirmed Braze behaviour) may stay. */
const problems = (list: Diagnostic[]) => list.filter((d) => d.severity !== 'info')

/** The example environment, which must parse without a single remark. */
async function sandbox(workspace: Workspace): Promise<Environment> {
  const { text, path } = await workspace.read('environment', 'sandbox')
  const parsed = parseEnvironment(text, path)
  expect(parsed.diagnostics).toEqual([])
  return parsed.environment!
}

interface Rendered {
  template: string
  sample: string
  result: RenderResult
}

/**
 * Every example template against every sample of its dialect, as the app previews them: with
 * the sandbox environment's references filled in and stored secrets shown as stand-ins.
 */
async function renderAll(workspace: Workspace): Promise<Rendered[]> {
  const listing = await workspace.list()
  const values = referenceValues(await sandbox(workspace), () => 'a stored secret')
  const blocks = new Map<string, string>()
  for (const block of listing['content-block']) blocks.set(block.name, (await workspace.read('content-block', block.name)).text)
  const out: Rendered[] = []
  for (const item of listing.template) {
    const { text } = await workspace.read('template', item.name)
    const substituted = substituteTemplateFile(parseTemplateFile(text, item.path), values, 'standIn')
    expect(substituted.diagnostics).toEqual([])
    const compiled = compileTemplate(substituted.file, {
      contentBlocks: (name) => (blocks.has(name) ? { text: blocks.get(name)!, file: `content-blocks/${name}.liquid` } : undefined),
    })
    const kind = compiled.dialect.sampleKind
    for (const sampleItem of listing[kind]) {
      const load = loadSamples((await workspace.read(kind, sampleItem.name)).text, sampleItem.path, kind)
      expect(load.diagnostics).toEqual([])
      for (const sample of load.samples) {
        out.push({ template: item.name, sample: sample.label, result: renderTemplate(compiled, sample.data, { now: new Date('2024-05-06T10:00:00Z') }) })
      }
    }
  }
  return out
}

describe('createWorkspace', () => {
  it('lays out the folders, ignores .hookbench/ in git and writes every example', async () => {
    const dir = await tempDir()
    const result = await createWorkspace(dir)
    for (const folder of LAYOUT_FOLDERS) expect((await readdir(join(dir, folder))).length).toBeGreaterThanOrEqual(0)
    expect(await readFile(join(dir, '.gitignore'), 'utf8')).toMatch(/^\.hookbench\/$/m)
    const examples = (await exampleFiles(EXAMPLES_DIR)).map((e) => e.path)
    expect(result).toMatchObject({ existed: false })
    expect(result.created).toEqual(['.gitignore', ...examples])
    // The examples are byte-for-byte copies of their source of truth.
    for (const path of examples) {
      expect(await readFile(join(dir, path), 'utf8')).toBe(await readFile(join(EXAMPLES_DIR, path), 'utf8'))
    }
  })

  it('gives every kind at least one example, all of them valid', async () => {
    const dir = await tempDir()
    await createWorkspace(dir)
    const listing = await (await openWorkspace(dir)).list()
    for (const kind of ITEM_KINDS) expect(listing[kind].length, kind).toBeGreaterThan(0)
    expect(listing.template.map((t) => [t.name, t.dialect, t.title])).toEqual([
      ['nps-detractor-to-zendesk-ticket', 'braze', 'NPS detractor → Zendesk ticket'],
      ['solved-ticket-to-braze-users-track', 'zendesk', 'Solved ticket → Braze event and attributes'],
    ])
    expect(listing['braze-user']).toHaveLength(3)
    expect(listing['zendesk-ticket']).toHaveLength(2)
    expect(listing.environment.map((e) => e.name)).toEqual(['sandbox'])
    for (const kind of ITEM_KINDS) for (const item of listing[kind]) expect(item.diagnostics, item.path).toEqual([])
  })

  it('has an example environment that parses cleanly and declares every reference, secrets by name only', async () => {
    const dir = await tempDir()
    await createWorkspace(dir)
    const workspace = await openWorkspace(dir)
    const environment = await sandbox(workspace)
    expect(environment.secrets).toEqual(['zendesk_oauth_token', 'braze_rest_api_key'])
    const references = []
    for (const item of (await workspace.list()).template) {
      const file = parseTemplateFile((await workspace.read('template', item.name)).text, item.path)
      for (const part of [file.url, file.body, ...file.headers.map((h) => h.source)]) references.push(...findReferences(part?.text ?? ''))
    }
    expect(references.map((r) => `${r.kind}.${r.name}`).sort()).toEqual(['env.braze_rest_host', 'env.zendesk_subdomain', 'secret.braze_rest_api_key', 'secret.zendesk_oauth_token'])
    for (const { kind, name } of references) {
      if (kind === 'env') expect(Object.keys(environment.variables)).toContain(name)
      else expect(environment.secrets).toContain(name)
    }
  })

  it('renders the example templates cleanly against the example samples', async () => {
    const dir = await tempDir()
    await createWorkspace(dir)
    const rendered = await renderAll(await openWorkspace(dir))
    // 2 templates: 3 Braze users for one, 2 Zendesk tickets for the other.
    expect(rendered).toHaveLength(5)
    for (const { template, sample, result } of rendered) {
      expect(problems(result.diagnostics), `${template} × ${sample}`).toEqual([])
      if (!result.aborted) expect(() => JSON.parse(result.request.body), `${template} × ${sample}`).not.toThrow()
    }
    const byUser = (label: string) => rendered.find((r) => r.sample === label)!.result
    expect(byUser('cust-10482').request).toMatchObject({
      url: 'https://acme1589812345.zendesk.com/api/v2/tickets.json',
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer <ZENDESK_OAUTH_TOKEN>' },
    })
    expect(byUser('ticket 7314').request).toMatchObject({
      url: 'https://rest.iad-01.braze.com/users/track',
      headers: { Authorization: 'Bearer <BRAZE_REST_API_KEY>' },
    })
    const ticket = (label: string) => (JSON.parse(byUser(label).request.body) as { ticket: Record<string, unknown> }).ticket
    // The content block sets the priority from the plan; Connected Content answers come from the samples.
    expect(ticket('cust-10482')).toMatchObject({ priority: 'urgent', tags: ['braze', 'nps_detractor', 'plan_enterprise'] })
    expect((ticket('cust-10482').comment as { body: string }).body).toContain('Latest order: ord_58120 (delayed)')
    expect(ticket('cust-20417')).toMatchObject({ priority: 'high', subject: 'Tomás rated us 5/10' })
    expect((ticket('cust-20417').comment as { body: string }).body).toContain('Latest order: none (unknown)')
    expect(byUser('cust-30991').aborted).toEqual({ reason: 'NPS score above 6: not a detractor' })

    const track = JSON.parse(byUser('ticket 7314').request.body) as { events: Record<string, unknown>[]; attributes: Record<string, unknown>[] }
    expect(track.events[0]).toMatchObject({ email: 'priya.raman@northwind.example', name: 'zendesk_ticket_solved', properties: { ticket_id: 7314, group: 'Tier 2 Support' } })
    expect(track.attributes[0]).toMatchObject({ last_zendesk_ticket_id: 7314, zendesk_organization: 'Northwind Traders' })
    expect(hasErrors(problems(byUser('ticket 7322').diagnostics))).toBe(false)
  })

  it('accepts a folder holding only git files, and keeps their content', async () => {
    const dir = await tempDir()
    await mkdir(join(dir, '.git'))
    await writeFile(join(dir, '.gitignore'), 'node_modules/')
    const result = await createWorkspace(dir)
    expect(result.created).toContain('.gitignore')
    expect(await readFile(join(dir, '.gitignore'), 'utf8')).toBe(
      'node_modules/\n# Hookbench: send history and deleted items stay on this machine.\n.hookbench/\n',
    )
  })

  it('refuses a non-empty folder that is not a workspace, and writes nothing', async () => {
    const dir = await tempDir()
    await writeFile(join(dir, 'notes.txt'), 'mine')
    await expect(createWorkspace(dir)).rejects.toMatchObject({ code: 'not-empty', message: expect.stringContaining('notes.txt') })
    expect(await readdir(dir)).toEqual(['notes.txt'])
  })

  it('on an existing workspace only restores missing folders and the ignore rule', async () => {
    const dir = await tempDir()
    await createWorkspace(dir)
    await rm(join(dir, 'templates', 'nps-detractor-to-zendesk-ticket.liquid'))
    await rm(join(dir, 'environments'), { recursive: true })
    await writeFile(join(dir, '.gitignore'), 'dist/\n')
    const again = await createWorkspace(dir)
    expect(again).toMatchObject({ existed: true, created: ['.gitignore'] })
    expect(await readdir(join(dir, 'environments'))).toEqual([])
    // A deleted example stays deleted.
    expect(await readdir(join(dir, 'templates'))).toEqual(['solved-ticket-to-braze-users-track.liquid'])
    expect(await readFile(join(dir, '.gitignore'), 'utf8')).toMatch(/^dist\/\n# Hookbench.*\n\.hookbench\/\n$/)
  })
})

describe('openWorkspace', () => {
  it('refuses a folder that is not a workspace', async () => {
    const dir = await tempDir()
    await expect(openWorkspace(dir)).rejects.toMatchObject({ code: 'not-a-workspace' })
    await expect(openWorkspace(join(dir, 'missing'))).rejects.toMatchObject({ code: 'not-found' })
  })

  it('opens a clone in which git dropped the empty folders and .hookbench/', async () => {
    const dir = await tempDir()
    await mkdir(join(dir, 'templates'))
    const listing = await (await openWorkspace(dir)).list()
    expect(listing).toEqual({ template: [], 'braze-user': [], 'zendesk-ticket': [], 'content-block': [], environment: [] })
  })
})
