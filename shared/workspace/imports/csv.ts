/**
 * A small RFC 4180 CSV reader that keeps what an import report needs: the line and column where
 * every record and cell starts, and malformed quoting reported per record instead of thrown.
 * (A library parser would need the same position bookkeeping around it; this is shorter.)
 *
 * - Cells are separated by `,`, or by `;` or tab when the header line uses those (as spreadsheet
 *   programs in many locales save "CSV").
 * - A cell in double quotes may hold the separator, line breaks and `""` for a quote; spaces
 *   before the opening quote are ignored, so `a, "b, c"` is two cells.
 * - Line breaks are CRLF, LF or CR; inside quoted cells they become LF.
 * - A leading byte-order mark is dropped.
 * - Lenient where the intent is clear: a quote inside an unquoted cell is kept as text (`5" screen`).
 */

export interface CellPosition {
  /** 1-based. */
  line: number
  /** 1-based, in characters. */
  column: number
}

export interface CsvRecord {
  /** Where the record starts (a quoted cell can carry it over several lines). */
  line: number
  cells: string[]
  positions: CellPosition[]
  /** Malformed quoting: the record's cells may be wrong. `cell` is the index of the cell at fault. */
  problem?: { cell: number; message: string }
}

export interface CsvParse {
  records: CsvRecord[]
  delimiter: string
}

const DELIMITERS = [',', ';', '\t'] as const

export function parseCsv(input: string, delimiter?: string): CsvParse {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input
  const reader = new Reader(text, delimiter ?? sniffDelimiter(text))
  const records: CsvRecord[] = []
  while (!reader.done) records.push(reader.record())
  return { records, delimiter: reader.delimiter }
}

/** True for the empty records blank lines (or rows of only separators) make. */
export function isBlankRecord(record: CsvRecord): boolean {
  return record.cells.every((cell) => cell === '')
}

/** The separator the header line uses most, outside quotes; `,` when it uses none. */
export function sniffDelimiter(text: string): string {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]))
  let quoted = false
  for (const ch of text) {
    if (ch === '"') quoted = !quoted
    else if (!quoted && (ch === '\n' || ch === '\r')) break
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1)
  }
  let best = ','
  for (const [d, n] of counts) if (n > counts.get(best)!) best = d
  return best
}

class Reader {
  private pos = 0
  private line = 1
  private column = 1

  constructor(
    private readonly text: string,
    readonly delimiter: string,
  ) {}

  get done(): boolean {
    return this.pos >= this.text.length
  }

  record(): CsvRecord {
    const record: CsvRecord = { line: this.line, cells: [], positions: [] }
    for (;;) {
      this.cell(record)
      if (this.peek() !== this.delimiter) break
      this.step()
    }
    // At a line break or the end.
    if (this.peek() === '\r' && this.text[this.pos + 1] === '\n') this.step()
    if (!this.done) this.step()
    return record
  }

  private cell(record: CsvRecord): void {
    const index = record.cells.length
    const fail = (message: string) => {
      record.problem ??= { cell: index, message }
    }
    let ahead = this.pos
    while (this.text[ahead] === ' ' && this.delimiter !== ' ') ahead++
    if (this.text[ahead] !== '"') {
      record.positions.push(this.position())
      record.cells.push(this.untilSeparator())
      return
    }
    while (this.pos < ahead) this.step()
    const open = this.position()
    record.positions.push(open)
    this.step()
    let value = ''
    let closed = false
    while (!this.done) {
      const ch = this.step()
      if (ch !== '"') value += ch
      else if (this.peek() === '"') value += this.step()
      else {
        closed = true
        break
      }
    }
    if (!closed) fail(`the quoted cell opened on line ${open.line}, column ${open.column} is never closed`)
    const trailing = this.untilSeparator()
    if (trailing.trim() !== '') fail(`text after the closing quote of a cell: ${JSON.stringify(trailing.trim())}; quote the whole cell and double the quotes inside ("")`)
    record.cells.push(value.replace(/\r\n?/g, '\n'))
  }

  /** Reads up to the next separator, line break or the end. */
  private untilSeparator(): string {
    let out = ''
    for (let ch = this.peek(); ch !== undefined && ch !== this.delimiter && ch !== '\n' && ch !== '\r'; ch = this.peek()) {
      out += this.step()
    }
    return out
  }

  private peek(): string | undefined {
    return this.text[this.pos]
  }

  private step(): string {
    const ch = this.text[this.pos++]!
    if (ch === '\n' || (ch === '\r' && this.text[this.pos] !== '\n')) {
      this.line++
      this.column = 1
    } else {
      this.column++
    }
    return ch
  }

  private position(): CellPosition {
    return { line: this.line, column: this.column }
  }
}
