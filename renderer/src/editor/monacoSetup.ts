/**
 * Monaco, bundled locally and loaded on first use (a dynamic import: the start-up bundle stays
 * small). The editor core, its standard contributions and the JSON language are included, no
 * other language; the workers come from this app's own origin, as the CSP requires.
 */
import * as monaco from 'monaco-editor/editor/editor.api'
import 'monaco-editor/features/codicon/register'
import 'monaco-editor/features/find/register'
// The JSON language's worker manager registers Monaco's editor contributions; they must all be
// registered before the first editor starts Monaco's services, so load them up front.
import 'monaco-editor/internal/common/workers'
import { jsonDefaults } from 'monaco-editor/languages/features/json/register'
import EditorWorker from 'monaco-editor/editor/editor.worker?worker'
import JsonWorker from 'monaco-editor/language/json/json.worker?worker'
import type { ItemKind } from '../../../shared/api/contract.js'
import { refOfKey, type Dialect } from '../lib/items.js'
import { dialectOfText } from '../lib/templateText.js'
import { useStore } from '../store/index.js'
import { selectedEnvironment } from '../store/selectors.js'
import { completionsAt, TRIGGER_CHARACTERS, type EntryKind } from './completion.js'
import { hoverAt } from './hover.js'
import { definedVariables } from './liquidContext.js'
import { LIQUID_LANGUAGE_ID, liquidConfiguration, liquidMonarch } from './liquidLanguage.js'
import brazeUserSchema from './schemas/brazeUser.schema.json'
import zendeskTicketSchema from './schemas/zendeskTicket.schema.json'
import { DARK_THEME, LIGHT_THEME, THEMES } from './themes.js'

export { monaco }

self.MonacoEnvironment = {
  getWorker: (_id, label) => (label === 'json' ? new JsonWorker() : new EditorWorker()),
}

// ---------------------------------------------------------------------------------------------
// Models: one per open item, kept while the app runs so undo history survives switching items.

const SCHEME = 'hookbench'

export function uriOf(key: string): monaco.Uri {
  const { kind, name } = refOfKey(key)
  const extension = kind === 'template' || kind === 'content-block' ? 'liquid' : 'json'
  return monaco.Uri.from({ scheme: SCHEME, authority: 'workspace', path: `/${kind}/${name}.${extension}` })
}

function keyOf(uri: monaco.Uri): string | null {
  if (uri.scheme !== SCHEME) return null
  const match = /^\/([^/]+)\/(.*)\.(?:liquid|json)$/.exec(uri.path)
  return match ? `${match[1]}:${match[2]}` : null
}

export function languageOf(kind: ItemKind): string {
  return kind === 'template' || kind === 'content-block' ? LIQUID_LANGUAGE_ID : 'json'
}

export function modelFor(key: string, text: string): monaco.editor.ITextModel {
  const uri = uriOf(key)
  const existing = monaco.editor.getModel(uri)
  if (existing) return existing
  return monaco.editor.createModel(text, languageOf(refOfKey(key).kind), uri)
}

/** Replaces the model's text as one undoable edit (a reload from disk must not wipe undo). */
export function replaceText(model: monaco.editor.ITextModel, text: string): void {
  if (model.getValue() === text) return
  model.pushEditOperations([], [{ range: model.getFullModelRange(), text }], () => null)
}

// ---------------------------------------------------------------------------------------------
// The template language: highlighting, completion, hover.

monaco.languages.register({ id: LIQUID_LANGUAGE_ID, extensions: ['.liquid'], aliases: ['Hookbench Liquid'] })
monaco.languages.setMonarchTokensProvider(LIQUID_LANGUAGE_ID, liquidMonarch)
monaco.languages.setLanguageConfiguration(LIQUID_LANGUAGE_ID, liquidConfiguration)

function dialectOfModel(model: monaco.editor.ITextModel): Dialect {
  const key = keyOf(model.uri)
  return key && refOfKey(key).kind === 'template' ? dialectOfText(model.getValue()) : 'braze'
}

const KINDS: Record<EntryKind, monaco.languages.CompletionItemKind> = {
  attribute: monaco.languages.CompletionItemKind.Variable,
  namespace: monaco.languages.CompletionItemKind.Module,
  property: monaco.languages.CompletionItemKind.Property,
  filter: monaco.languages.CompletionItemKind.Function,
  placeholder: monaco.languages.CompletionItemKind.Field,
  reference: monaco.languages.CompletionItemKind.Constant,
  tag: monaco.languages.CompletionItemKind.Keyword,
  variable: monaco.languages.CompletionItemKind.Variable,
}

monaco.languages.registerCompletionItemProvider(LIQUID_LANGUAGE_ID, {
  triggerCharacters: TRIGGER_CHARACTERS,
  provideCompletionItems(model, position) {
    const state = useStore.getState()
    const environment = selectedEnvironment(state)?.environment
    const offset = model.getOffsetAt(position)
    const text = model.getValue()
    // The rest of the line: whether the output is already closed decides what an entry inserts.
    const rest = model.getLineContent(position.lineNumber).slice(position.column - 1)
    const found = completionsAt(text.slice(0, offset), rest, {
      dialect: dialectOfModel(model),
      facts: state.facts,
      variables: definedVariables(text),
      environment: environment ? { variables: Object.keys(environment.variables), secrets: environment.secrets } : null,
    })
    if (!found) return { suggestions: [] }
    const range = new monaco.Range(
      position.lineNumber,
      Math.max(1, position.column - found.replaceBefore),
      position.lineNumber,
      Math.min(model.getLineMaxColumn(position.lineNumber), position.column + found.replaceAfter),
    )
    return {
      suggestions: found.entries.map((entry, index) => ({
        label: entry.label,
        kind: KINDS[entry.kind],
        detail: entry.detail,
        ...(entry.documentation ? { documentation: { value: entry.documentation } } : {}),
        insertText: entry.insertText,
        ...(entry.snippet ? { insertTextRules: monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet } : {}),
        ...(entry.retrigger ? { command: { id: 'editor.action.triggerSuggest', title: 'Suggest' } } : {}),
        ...(entry.deprecated ? { tags: [monaco.languages.CompletionItemTag.Deprecated] } : {}),
        // Filter on what was typed, whatever the label's decoration.
        filterText: entry.label,
        sortText: String(index).padStart(4, '0'),
        range,
      })),
    }
  },
})

monaco.languages.registerHoverProvider(LIQUID_LANGUAGE_ID, {
  provideHover(model, position) {
    const state = useStore.getState()
    const selected = selectedEnvironment(state)
    const environment = selected?.environment
    const status = selected ? state.secretStatus[selected.name] : undefined
    const doc = hoverAt(model.getValue(), model.getOffsetAt(position), {
      dialect: dialectOfModel(model),
      facts: state.facts,
      environment: environment
        ? {
            name: environment.name,
            variables: environment.variables,
            secrets: environment.secrets,
            stored: status?.secrets.filter((s) => s.stored).map((s) => s.name) ?? [],
          }
        : null,
    })
    if (!doc) return null
    const start = model.getPositionAt(doc.start)
    const end = model.getPositionAt(doc.end)
    return {
      range: new monaco.Range(start.lineNumber, start.column, end.lineNumber, end.column),
      contents: [{ value: doc.markdown }],
    }
  },
})

// ---------------------------------------------------------------------------------------------
// Samples: JSON with a schema per kind.

jsonDefaults.setDiagnosticsOptions({
  validate: true,
  allowComments: false,
  trailingCommas: 'error',
  schemaValidation: 'error',
  enableSchemaRequest: false,
  schemas: [
    { uri: 'hookbench://schemas/braze-user.json', fileMatch: ['braze-user/*.json'], schema: brazeUserSchema },
    { uri: 'hookbench://schemas/zendesk-ticket.json', fileMatch: ['zendesk-ticket/*.json'], schema: zendeskTicketSchema },
  ],
})

// ---------------------------------------------------------------------------------------------
// Themes follow the OS.

for (const [name, theme] of Object.entries(THEMES)) monaco.editor.defineTheme(name, theme)
const darkScheme = matchMedia('(prefers-color-scheme: dark)')
const applyTheme = () => monaco.editor.setTheme(darkScheme.matches ? DARK_THEME : LIGHT_THEME)
applyTheme()
darkScheme.addEventListener('change', applyTheme)
