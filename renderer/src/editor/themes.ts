/** Editor colours for the light and dark themes; token names are those of `liquidLanguage.ts`. */
import type { editor } from 'monaco-editor/editor/editor.api'

export const LIGHT_THEME = 'hookbench-light'
export const DARK_THEME = 'hookbench-dark'

type Palette = Record<'delimiter' | 'keyword' | 'attribute' | 'filter' | 'variable' | 'string' | 'key' | 'number' | 'reference' | 'secret' | 'comment' | 'frontMatter', string>

const LIGHT: Palette = {
  delimiter: 'b5179e',
  keyword: '7a3e9d',
  attribute: '0b7a75',
  filter: '795e26',
  variable: '1f5fbf',
  string: 'a31515',
  key: '0451a5',
  number: '098658',
  reference: 'c05a00',
  secret: 'c7254e',
  comment: '6a737d',
  frontMatter: '6a737d',
}

const DARK: Palette = {
  delimiter: 'e78fd3',
  keyword: 'c586c0',
  attribute: '4ec9b0',
  filter: 'dcdcaa',
  variable: '9cdcfe',
  string: 'ce9178',
  key: '9cdcfe',
  number: 'b5cea8',
  reference: 'ffb86c',
  secret: 'ff7a93',
  comment: '8b949e',
  frontMatter: '8b949e',
}

function rules(p: Palette): editor.ITokenThemeRule[] {
  return [
    { token: 'delimiter.liquid', foreground: p.delimiter, fontStyle: 'bold' },
    { token: 'keyword.tag.liquid', foreground: p.keyword, fontStyle: 'bold' },
    { token: 'keyword.operator.liquid', foreground: p.keyword },
    { token: 'operator.pipe.liquid', foreground: p.delimiter },
    { token: 'variable.attribute', foreground: p.attribute, fontStyle: 'bold' },
    { token: 'function.filter', foreground: p.filter },
    { token: 'variable.liquid', foreground: p.variable },
    { token: 'string.liquid', foreground: p.string },
    { token: 'number.liquid', foreground: p.number },
    { token: 'variable.reference.env', foreground: p.reference, fontStyle: 'italic' },
    { token: 'variable.reference.secret', foreground: p.secret, fontStyle: 'italic bold' },
    { token: 'comment', foreground: p.comment, fontStyle: 'italic' },
    { token: 'delimiter.frontmatter', foreground: p.frontMatter, fontStyle: 'bold' },
    { token: 'key.yaml', foreground: p.key },
    { token: 'string.yaml', foreground: p.string },
    { token: 'string.key.json', foreground: p.key },
    { token: 'string.value.json', foreground: p.string },
    { token: 'string.escape.json', foreground: p.number },
    { token: 'number.json', foreground: p.number },
    { token: 'keyword.json', foreground: p.keyword },
  ]
}

export const THEMES: Record<string, editor.IStandaloneThemeData> = {
  [LIGHT_THEME]: { base: 'vs', inherit: true, rules: rules(LIGHT), colors: {} },
  [DARK_THEME]: { base: 'vs-dark', inherit: true, rules: rules(DARK), colors: { 'editor.background': '#1b1d23' } },
}
