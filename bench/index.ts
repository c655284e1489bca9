/** `npm run bench`: every engine and service benchmark, printed as one table. */
import { benchBatch } from './batch.js'
import { benchRender, TEMPLATE } from './render.js'
import { benchSend } from './send.js'
import { printTable } from './table.js'

const render = benchRender()
const rows = [...render.rows, ...(await benchBatch(TEMPLATE, render.users, render.checkedMs)), ...(await benchSend())]
process.stdout.write(`${printTable(rows)}\n`)
if (rows.some((r) => !r.met)) process.stderr.write('Some targets are not met.\n')
