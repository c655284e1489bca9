/**
 * Reads the variable references and filter names out of Liquid markup (an output's
 * expression or a tag's arguments), with their offsets, without evaluating anything.
 *
 * Forgiving by design: it never throws, so lints work on half-typed templates.
 */

/** A property step: a name (`.x`, `["x"]`), an index (`[0]`), or `null` for a computed `[var]`. */
export type PathStep = string | number | null

export interface VariableRef {
  /** The steps from the root name on: `ticket.requester.name` → `['ticket', 'requester', 'name']`. */
  steps: PathStep[]
  /** Offsets of the whole reference in the template. */
  start: number
  end: number
  /** The first filter applied directly to this variable (`{{ x | split: " " }}` → `split`). */
  pipedInto?: FilterRef
}

export interface FilterRef {
  name: string
  start: number
  end: number
}

export interface MarkupRefs {
  variables: VariableRef[]
  filters: FilterRef[]
}

/** Words that look like variables but are Liquid syntax or literals. */
const KEYWORDS = new Set(['and', 'or', 'contains', 'true', 'false', 'nil', 'null', 'empty', 'blank', 'in', 'reversed', 'with', 'as', 'for'])

/** Reads `text.slice(start, end)` as Liquid markup. */
export function readMarkupRefs(text: string, start: number, end: number): MarkupRefs {
  const refs: MarkupRefs = { variables: [], filters: [] }
  new MarkupReader(text, start, end, refs).readAll()
  return refs
}

/** `a.b[0]` → `a.b.0`; a computed step shows as `?`. For messages and catalog lookups. */
export function pathText(steps: readonly PathStep[]): string {
  return steps.map((s) => (s === null ? '?' : String(s))).join('.')
}

class MarkupReader {
  private p: number

  constructor(
    private readonly text: string,
    start: number,
    private readonly end: number,
    private readonly refs: MarkupRefs,
  ) {
    this.p = start
  }

  readAll(): void {
    while (this.p < this.end) this.readToken()
  }

  private readToken(): void {
    const c = this.text[this.p]!
    if (c === '"' || c === "'") this.skipString()
    else if (c === '|') this.readFilter()
    else if (isIdentifierStart(c)) this.readIdentifierOrVariable()
    else if (isDigit(c)) this.skipNumber()
    else this.p++
  }

  private readIdentifierOrVariable(): void {
    const start = this.p
    const root = this.readName()
    const afterName = this.p
    // `limit: 2`, `default: x`: a named argument, not a variable.
    if (this.peekNonBlank() === ':') return
    if (KEYWORDS.has(root) && this.text[afterName] !== '.' && this.text[afterName] !== '[') return
    const steps: PathStep[] = [root]
    for (;;) {
      if (this.text[this.p] === '.' && this.text[this.p + 1] !== '.' && this.p + 1 < this.end) {
        this.p++
        if (isIdentifierStart(this.text[this.p] ?? '') || isDigit(this.text[this.p] ?? '')) steps.push(this.readName())
        else break
      } else if (this.text[this.p] === '[') {
        steps.push(this.readBracketStep())
      } else {
        break
      }
    }
    const ref: VariableRef = { steps, start, end: this.p }
    this.refs.variables.push(ref)
    const save = this.p
    this.skipBlank()
    if (this.text[this.p] === '|') {
      const filter = this.readFilter()
      if (filter) ref.pipedInto = filter
    } else {
      this.p = save
    }
  }

  /** Reads `| name`; its arguments are read as ordinary tokens afterwards. */
  private readFilter(): FilterRef | undefined {
    this.p++
    this.skipBlank()
    if (!isIdentifierStart(this.text[this.p] ?? '')) return undefined
    const start = this.p
    const name = this.readName()
    const filter = { name, start, end: this.p }
    this.refs.filters.push(filter)
    return filter
  }

  private readBracketStep(): PathStep {
    this.p++ // [
    this.skipBlank()
    const c = this.text[this.p]
    let step: PathStep = null
    if (c === '"' || c === "'") {
      const from = this.p + 1
      this.skipString()
      step = this.text.slice(from, this.p - 1)
    } else if (c !== undefined && (isDigit(c) || (c === '-' && isDigit(this.text[this.p + 1] ?? '')))) {
      const from = this.p
      this.p++
      this.skipNumber()
      step = Number(this.text.slice(from, this.p))
    } else {
      // A computed index: its variables are references of their own.
      const close = this.text.indexOf(']', this.p)
      const innerEnd = close < 0 || close > this.end ? this.end : close
      new MarkupReader(this.text, this.p, innerEnd, this.refs).readAll()
      this.p = innerEnd
    }
    this.skipBlank()
    if (this.text[this.p] === ']') this.p++
    return step
  }

  private readName(): string {
    const start = this.p
    // Ruby Liquid allows `-` inside names and a trailing `?`.
    while (this.p < this.end && /[\w-]/.test(this.text[this.p]!)) this.p++
    if (this.text[this.p] === '?') this.p++
    return this.text.slice(start, this.p)
  }

  private skipString(): void {
    const quote = this.text[this.p]
    const close = this.text.indexOf(quote!, this.p + 1)
    this.p = close < 0 || close >= this.end ? this.end : close + 1
  }

  private skipNumber(): void {
    while (this.p < this.end && /[\d]/.test(this.text[this.p]!)) this.p++
    // A decimal point, but not the `..` of a range.
    if (this.text[this.p] === '.' && isDigit(this.text[this.p + 1] ?? '')) {
      this.p++
      while (this.p < this.end && /[\d]/.test(this.text[this.p]!)) this.p++
    }
  }

  private skipBlank(): void {
    while (this.p < this.end && /\s/.test(this.text[this.p]!)) this.p++
  }

  private peekNonBlank(): string | undefined {
    let q = this.p
    while (q < this.end && /\s/.test(this.text[q]!)) q++
    return q < this.end ? this.text[q] : undefined
  }
}

function isIdentifierStart(c: string): boolean {
  return /[A-Za-z_]/.test(c)
}

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9'
}
