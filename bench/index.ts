/** `npm run bench`: every engine and service benchmark, printed as one table. */
import { benchRender } from './render.js'
import { benchSend } from './send.js'
import { printTable } from './table.js'

const rows = [...benchRender(), ...(await benchSend())]
process.stdout.write(`${printTable(rows)}\n`)
if (rows.some((r) => !r.met)) process.stderr.write('Some targets are not met.\n')
