/**
 * `{% catalog_items <catalog> <id> [<id> …] [:rerender] %}` and
 * `{% catalog_selection_items <catalog> <selection> %}`: catalog rows assigned to `items`.
 *
 * Every word may be Liquid (`{{ wishlist[0] }}`); a bare word is taken literally.
 */
import { Tag, type Context, type Liquid, type Parser, type TagToken, type Template, type TopLevelToken } from 'liquidjs'
import { renderEnv, type RenderEnv } from '../../engine/env.js'
import { problemCollector, problemReporter, reportProblems, type AddProblem, type TagProblem } from './problems.js'
import { parseSubTemplate, renderSubTemplate, type SubTemplate } from './subTemplate.js'
import { argumentsOf, parseArguments, reportUnexpectedWords, type OptionKind } from './tagArguments.js'

type Row = Record<string, unknown>

/** The variable both tags assign. */
const ITEMS = 'items'

/** Set while `:rerender` renders cells: Braze does not let catalog tags call themselves. */
const RERENDER_REGISTER = 'hookbench:braze:catalog-rerender'

const LIQUID_MARKUP = /\{\{|\{%/

/** What a catalog tag accepts. */
interface CatalogSyntax {
  options: Readonly<Record<string, OptionKind>>
  /** How many words (catalog name included) it takes. */
  words: { min: number; max: number }
  /** What the arguments should look like, for messages. */
  usage: string
}

abstract class CatalogTag extends Tag {
  /** The words after the tag name, as sub-templates. */
  protected readonly words: SubTemplate[]
  protected readonly rerender: boolean
  private readonly problems: TagProblem[]

  constructor(token: TagToken, remainTokens: TopLevelToken[], liquid: Liquid, parser: Parser, syntax: CatalogSyntax) {
    super(token, remainTokens, liquid)
    const parsed = parseArguments(token.name, argumentsOf(token), syntax.options)
    this.problems = parsed.problems
    const problem = problemCollector(token.name, this.problems)
    reportUnexpectedWords(token.name, parsed.positional.slice(syntax.words.max), problem)
    const words = parsed.positional.slice(0, syntax.words.max)
    if (words.length < syntax.words.min) {
      problem(token, 'error', 'arguments', `{% ${token.name} %} needs ${syntax.usage}`)
      this.words = []
    } else {
      this.words = words.map((word) => parseSubTemplate(liquid, parser, word, token.file))
    }
    this.rerender = parsed.options.has('rerender')
  }

  /** The rows asked for, from the rendered words (catalog name first). */
  protected abstract rows(words: string[], env: RenderEnv, problem: AddProblem): Row[]

  *render(ctx: Context): Generator<unknown, void, unknown> {
    const env = renderEnv(ctx)
    const problem = problemReporter(this.name, env)
    reportProblems(env, this.problems)
    if (ctx.getRegister<boolean>(RERENDER_REGISTER, false)) {
      problem(this.token, 'error', 'recursive', `{% ${this.name} %} inside a catalog cell rendered with :rerender: Braze does not run catalog tags recursively`)
      return
    }
    if (this.words.length === 0) {
      ctx.bottom()[ITEMS] = []
      return
    }
    const words: string[] = []
    for (const word of this.words) words.push((yield* renderSubTemplate(this.liquid, word, ctx)).trim())
    const rows = this.rows(words, env, problem)
    ctx.bottom()[ITEMS] = this.rerender ? yield* this.rerenderRows(rows, ctx, problem) : rows
  }

  /**
   * `:rerender`: Liquid held in string cells is rendered, one level deep (what it renders to is
   * not rendered again). Without it Braze prints such Liquid as raw text.
   */
  private *rerenderRows(rows: Row[], ctx: Context, problem: AddProblem): Generator<unknown, Row[], unknown> {
    const out: Row[] = []
    ctx.setRegister(RERENDER_REGISTER, true)
    try {
      for (const row of rows) {
        const copy: Row = { ...row }
        for (const [column, cell] of Object.entries(row)) {
          if (typeof cell !== 'string' || !LIQUID_MARKUP.test(cell)) continue
          const templates = this.parseCell(cell, column, problem)
          if (templates) copy[column] = String((yield this.liquid.renderer.renderTemplates(templates, ctx)) ?? '')
        }
        out.push(copy)
      }
    } finally {
      ctx.setRegister(RERENDER_REGISTER, false)
    }
    return out
  }

  private parseCell(cell: string, column: string, problem: AddProblem): Template[] | undefined {
    try {
      return this.liquid.parse(cell)
    } catch (err) {
      // The cell's Liquid is not part of the template, so the problem is placed at the tag.
      problem(this.token, 'error', 'rerender', `the Liquid in catalog cell "${column}" does not parse and is left as it is: ${(err as Error).message}`)
      return undefined
    }
  }

  *children(): Generator<unknown, Template[], unknown> {
    return this.words.flatMap((word) => word.templates)
  }
}

export class CatalogItemsTag extends CatalogTag {
  constructor(token: TagToken, remainTokens: TopLevelToken[], liquid: Liquid, parser: Parser) {
    super(token, remainTokens, liquid, parser, {
      options: { rerender: 'flag' },
      words: { min: 2, max: Infinity },
      usage: 'a catalog name and at least one item ID: {% catalog_items <catalog> <id> [<id> …] [:rerender] %}',
    })
  }

  protected rows([catalog, ...ids]: string[], env: RenderEnv, problem: AddProblem): Row[] {
    const rows = env.catalog(catalog!)
    if (!rows) {
      // UNCONFIRMED what Braze does with an unknown catalog; `items` is left empty here.
      problem(this.token, 'error', 'unknown-catalog', `no catalog named "${catalog}"`, `add its rows to the sample: "catalogs": {"${catalog}": [{"id": "…", …}]}`)
      return []
    }
    // Unknown IDs are simply missing, as in Braze. UNCONFIRMED: an ID asked twice yields its row twice.
    return ids.map((id) => rows.find((row) => hasId(row, id))).filter((row) => row !== undefined)
  }
}

function hasId(row: Row, id: string): boolean {
  return row.id !== undefined && row.id !== null && String(row.id) === id
}

export class CatalogSelectionItemsTag extends CatalogTag {
  constructor(token: TagToken, remainTokens: TopLevelToken[], liquid: Liquid, parser: Parser) {
    super(token, remainTokens, liquid, parser, {
      // UNCONFIRMED whether :rerender works on selections; the reference documents it for catalog_items only.
      options: {},
      words: { min: 2, max: 2 },
      usage: 'a catalog name and a selection name: {% catalog_selection_items <catalog> <selection> %}',
    })
  }

  protected rows([catalog, selection]: string[], env: RenderEnv, problem: AddProblem): Row[] {
    const key = `${catalog}/selections/${selection}`
    const rows = env.catalog(key)
    if (!rows) {
      // UNCONFIRMED what Braze does with an unknown selection; `items` is left empty here.
      problem(this.token, 'error', 'unknown-selection', `no selection "${selection}" in catalog "${catalog}"`, `add its rows to the sample: "catalogs": {"${key}": [{"id": "…", …}]}`)
      return []
    }
    return rows
  }
}
