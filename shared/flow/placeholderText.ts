/**
 * A flow's expected values may use Zendesk placeholders (`{{ticket.id}}`,
 * `{{ticket.requester.email}}`): the value differs for every test ticket. They are rendered by
 * the same Zendesk engine as templates, against the ticket the run created, as plain text (no
 * JSON escaping: the result is compared with what Braze shows, not put into a body).
 */
import type { Diagnostic } from '../diagnostics.js'
import { compileTemplate } from '../render/compile.js'
import { renderTemplate } from '../render/render.js'
import type { TemplateFile } from '../template/file.js'

export function hasPlaceholders(text: string): boolean {
  return /\{\{|\{%/.test(text)
}

/** `text` with its placeholders filled from `ticketSample`; problems located within `text`. */
export function renderPlaceholderText(text: string, ticketSample: unknown, label: string): { text: string; diagnostics: Diagnostic[] } {
  if (!hasPlaceholders(text)) return { text, diagnostics: [] }
  const file: TemplateFile = {
    path: label,
    text,
    hasFrontMatter: false,
    // A format other than JSON: outputs are written as Zendesk prints them, without JSON escaping.
    meta: { dialect: 'zendesk', method: 'POST', requestFormat: 'form_encoded' },
    body: { id: 'body', text, toFile: (offset) => offset },
    headers: [],
    diagnostics: [],
  }
  const result = renderTemplate(compileTemplate(file), ticketSample, { checkJson: false })
  return { text: result.request.body.trim(), diagnostics: result.diagnostics }
}
