import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, onTestFinished } from 'vitest'
import { importUsersCsv } from '../../electron/services/imports/importFile.js'
import { openWorkspace, type Workspace } from '../../electron/services/workspace/workspace.js'
import { parseCsv, sniffDelimiter } from '../../shared/workspace/imports/csv.js'
import { planUsersCsv } from '../../shared/workspace/imports/usersCsv.js'

/** The users a CSV would import, by sample name. */
function users(csv: string): Record<string, unknown> {
  const plan = planUsersCsv(csv, 'users.csv')
  expect(plan.errors).toEqual([])
  return Object.fromEntries(plan.candidates.map((c) => [c.name, JSON.parse(c.text) as unknown]))
}

describe('parseCsv', () => {
  it('reads quoted cells with separators, quotes and line breaks, with positions', () => {
    const { records } = parseCsv('\uFEFFa,b,c\r\n1,"x, ""y""\r\nz",3\r\n"",  "q",\n')
    expect(records.map((r) => r.cells)).toEqual([
      ['a', 'b', 'c'],
      ['1', 'x, "y"\nz', '3'],
      ['', 'q', ''],
    ])
    expect(records.map((r) => r.line)).toEqual([1, 2, 4])
    expect(records[1]!.positions).toEqual([
      { line: 2, column: 1 },
      { line: 2, column: 3 },
      { line: 3, column: 4 },
    ])
    expect(records[2]!.positions[1]).toEqual({ line: 4, column: 6 })
    expect(records.every((r) => r.problem === undefined)).toBe(true)
  })

  it('handles CR-only line breaks, a missing final line break and a lone quote in an unquoted cell', () => {
    expect(parseCsv('a,b\r1,5" screen').records.map((r) => [r.line, r.cells])).toEqual([
      [1, ['a', 'b']],
      [2, ['1', '5" screen']],
    ])
  })

  it('reports malformed quoting on the record, with the cell at fault', () => {
    const { records } = parseCsv('a,b\n"ok"junk,2\n3,"never closed\n4,5\n')
    expect(records[1]!.problem).toEqual({ cell: 0, message: expect.stringContaining('text after the closing quote') })
    expect(records[2]!.problem).toEqual({ cell: 1, message: 'the quoted cell opened on line 3, column 3 is never closed' })
    expect(records).toHaveLength(3)
  })

  it('uses the separator the header line uses: comma, semicolon or tab', () => {
    expect(sniffDelimiter('external_id;email;"a,b"\n1;2;3')).toBe(';')
    expect(sniffDelimiter('external_id\temail\n')).toBe('\t')
    expect(sniffDelimiter('external_id\n')).toBe(',')
    expect(parseCsv('a;b\n1,5;2\n').records[1]!.cells).toEqual(['1,5', '2'])
  })
})

describe('planUsersCsv', () => {
  it('types cells: text fields as they are, nested columns by content', () => {
    const csv = [
      'external_id,first_name,phone,random_bucket,custom_attributes.plan,custom_attributes.seats,custom_attributes.vip,custom_attributes.tags,custom_attributes.address.city,custom_attributes.zip,custom_attributes.note,event_properties.score',
      '00123,Ann,+15550100,42,pro,40,TRUE,"[""a"",""b""]",Austin,02134,null,3.5',
      'u2,,,,,,false,"{""x"": 1}",,,"[draft] not json",',
    ].join('\n')
    expect(users(csv)).toEqual({
      '00123': {
        external_id: '00123',
        first_name: 'Ann',
        phone: '+15550100',
        random_bucket: 42,
        custom_attributes: { plan: 'pro', seats: 40, vip: true, tags: ['a', 'b'], address: { city: 'Austin' }, zip: '02134', note: null },
        event_properties: { score: 3.5 },
      },
      u2: { external_id: 'u2', custom_attributes: { vip: false, tags: { x: 1 }, note: '[draft] not json' } },
    })
    expect(planUsersCsv(csv, 'users.csv').warnings).toEqual([
      { origin: 'row on line 3', line: 3, column: 'custom_attributes.note', message: 'starts like JSON but is not valid JSON: kept as text' },
    ])
  })

  it('keeps numbers that would lose precision, and leading zeros, as text', () => {
    expect(users('external_id,custom_attributes.big,custom_attributes.code\na,12345678901234567890,007\n')).toEqual({
      a: { external_id: 'a', custom_attributes: { big: '12345678901234567890', code: '007' } },
    })
  })

  it('reads whole JSON columns and explicit nulls', () => {
    const csv = 'email,last_name,user_aliases,custom_attributes,devices\nx@example.com,null,"[{""alias_name"": ""a1"", ""alias_label"": ""crm""}]","{""plan"": ""pro""}",[]\n'
    expect(users(csv)).toEqual({
      'x@example.com': {
        email: 'x@example.com',
        last_name: null,
        user_aliases: [{ alias_name: 'a1', alias_label: 'crm' }],
        custom_attributes: { plan: 'pro' },
        devices: [],
      },
    })
  })

  it('reports every bad row with its line and column name, and imports the rest', () => {
    const csv = [
      'external_id,dob,random_bucket,email_subscribe,devices,custom_attributes.plan',
      'good,1990-01-31,1,opted_in,[],pro',
      'bad-date,31/01/1990,,,,',
      'bad-number,,lots,,,',
      'bad-state,,,yes please,,',
      'bad-json,,,,{"model": "x"},',
      '"multi-line',
      'id",,,,,',
      'short,1990-01-01',
      ',,,,,orphan',
      'two-bad,xx,yy,,,',
      '"broken"quote,,,,,',
    ].join('\r\n')
    const plan = planUsersCsv(csv, 'users.csv')
    expect(plan.candidates.map((c) => c.name)).toEqual(['good', 'multi-line_id'])
    expect(plan.skipped).toEqual([
      { origin: 'row on line 3', line: 3, column: 'dob', message: 'dob: "31/01/1990" is not a date YYYY-MM-DD' },
      { origin: 'row on line 4', line: 4, column: 'random_bucket', message: 'random_bucket: "lots" is not a number' },
      { origin: 'row on line 5', line: 5, column: 'email_subscribe', message: 'email_subscribe: "yes please" is not one of opted_in, subscribed, unsubscribed' },
      { origin: 'row on line 6', line: 6, column: 'devices', message: 'devices: must be a JSON list [...], not "{\\"model\\": \\"x\\"}"' },
      { origin: 'row on line 9', line: 9, message: 'has 2 cells but the header has 6 columns (an unquoted separator or line break in a cell?)' },
      { origin: 'row on line 10', line: 10, message: 'has no external_id, braze_id, email, phone, user_aliases: Braze could not tell who this is' },
      { origin: 'row on line 11', line: 11, column: 'dob', message: 'dob: "xx" is not a date YYYY-MM-DD; random_bucket: "yy" is not a number' },
      { origin: 'row on line 12', line: 12, column: 'external_id', message: expect.stringContaining('text after the closing quote') },
    ])
  })

  it('refuses a bad header as a whole, pointing at each bad column', () => {
    const csv = 'external_id,frist_name,plan,custom_attributes,custom_attributes.plan,devices.model,custom_attributes..x,,external_id\nu1,a,b,{},c,d,e,f,g\n'
    const plan = planUsersCsv(csv, 'users.csv')
    expect(plan.candidates).toEqual([])
    expect(plan.errors.map((e) => [e.line, e.column, e.message, e.hint])).toEqual([
      [1, 13, 'Column `frist_name` is not a Braze export field.', 'Did you mean `first_name`? Custom attributes are written custom_attributes.frist_name.'],
      [1, 24, 'Column `plan` is not a Braze export field.', 'Custom attributes are written custom_attributes.plan.'],
      [1, 70, 'Column `devices.model`: only custom_attributes, event_properties, canvas_entry_properties, context, api_trigger_properties can have nested columns.', undefined],
      [1, 84, 'Column `custom_attributes..x` has an empty part between dots.', undefined],
      [1, 105, 'Column 8 has no name.', 'Name it after an export field, or delete the column.'],
      [1, 106, 'Column `external_id` appears twice.', undefined],
      [1, 47, 'Columns `custom_attributes` and `custom_attributes.plan` both set `custom_attributes.plan`: keep one of them.', undefined],
    ])
  })

  it('treats a custom attribute named like a prototype member as plain data', () => {
    expect(users('external_id,custom_attributes.__proto__.polluted,custom_attributes.constructor\nu,yes,x\n')).toEqual({
      u: JSON.parse('{"external_id": "u", "custom_attributes": {"__proto__": {"polluted": "yes"}, "constructor": "x"}}'),
    })
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('refuses an empty file and warns about a header without rows', () => {
    expect(planUsersCsv('\n\n', 'u.csv').errors).toEqual([expect.objectContaining({ code: 'import-csv-empty' })])
    expect(planUsersCsv('external_id,email\n', 'u.csv')).toMatchObject({ errors: [], candidates: [], warnings: [{ message: 'only a header row: no users to import' }] })
  })
})

describe('importUsersCsv', () => {
  async function setup(): Promise<{ dir: string; workspace: Workspace }> {
    const dir = await mkdtemp(join(tmpdir(), 'hookbench-csv-'))
    onTestFinished(() => rm(dir, { recursive: true, force: true }))
    await mkdir(join(dir, 'ws', 'templates'), { recursive: true })
    return { dir, workspace: await openWorkspace(join(dir, 'ws')) }
  }

  it('writes one loadable Braze user sample per row, de-duplicating names', async () => {
    const { dir, workspace } = await setup()
    await writeFile(join(dir, 'users.csv'), '\uFEFFexternal_id;email;custom_attributes.plan\r\nann;ann@example.com;pro\r\nANN;ann2@example.com;free\r\n')
    const report = await importUsersCsv(workspace, join(dir, 'users.csv'))
    expect(report).toMatchObject({ errors: [], skipped: [], warnings: [] })
    expect(report.created.map((c) => [c.name, c.line])).toEqual([
      ['ann', 2],
      ['ANN (2)', 3],
    ])
    expect(JSON.parse((await workspace.read('braze-user', 'ANN (2)')).text)).toEqual({ external_id: 'ANN', email: 'ann2@example.com', custom_attributes: { plan: 'free' } })
    expect((await workspace.list())['braze-user'].every((u) => u.diagnostics.length === 0)).toBe(true)
  })

  it('reads a UTF-16 file as Excel saves "Unicode text"', async () => {
    const { dir, workspace } = await setup()
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('external_id\tfirst_name\nü1\tJürgen\n', 'utf16le')])
    await writeFile(join(dir, 'users.txt'), utf16)
    const report = await importUsersCsv(workspace, join(dir, 'users.txt'))
    expect(report.created.map((c) => c.name)).toEqual(['ü1'])
    expect(JSON.parse((await workspace.read('braze-user', 'ü1')).text)).toEqual({ external_id: 'ü1', first_name: 'Jürgen' })
  })

  it('writes nothing when the header is wrong', async () => {
    const { dir, workspace } = await setup()
    await writeFile(join(dir, 'users.csv'), 'extrenal_id,email\na,a@example.com\n')
    const report = await importUsersCsv(workspace, join(dir, 'users.csv'))
    expect(report.errors).toEqual([expect.objectContaining({ message: 'Column `extrenal_id` is not a Braze export field.', hint: expect.stringContaining('external_id'), file: join(dir, 'users.csv') })])
    expect(report.created).toEqual([])
    expect(await readdir(join(dir, 'ws'))).toEqual(['templates'])
  })
})
