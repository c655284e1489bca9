/**
 * Liquid inside a tag's arguments (`{% connected_content https://x/{{id}} %}`), parsed in place.
 *
 * The sub-template is tokenized from the template's own text with absolute offsets, so a
 * syntax error or a report from inside it points at the right place of the template.
 */
import { Tokenizer, type Context, type Liquid, type Parser, type Template } from 'liquidjs'
import type { Span } from './tagArguments.js'

export interface SubTemplate {
  span: Span
  templates: Template[]
}

export function parseSubTemplate(liquid: Liquid, parser: Parser, span: Span, file?: string): SubTemplate {
  const { options } = liquid
  const tokenizer = new Tokenizer(span.input, options.operators, file, [span.begin, span.end], options.groupedExpressions)
  return { span, templates: parser.parseTokens(tokenizer.readTopLevelTokens(options)) }
}

/** Renders a sub-template in the current context; a generator so it works in sync and async renders. */
export function* renderSubTemplate(liquid: Liquid, sub: SubTemplate, ctx: Context): Generator<unknown, string, unknown> {
  const output = yield liquid.renderer.renderTemplates(sub.templates, ctx)
  return output === undefined || output === null ? '' : String(output)
}
