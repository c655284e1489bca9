/**
 * "Liquid in JSON": how Hookbench template files are highlighted. One tokenizer for both
 * dialects: YAML-ish front matter, then a JSON body in which Liquid outputs and tags, Braze
 * `${…}` attributes, filters and `%{env.…}` / `%{secret.…}` references stand out, inside JSON
 * strings too. Pure data (Monarch rules), so it is unit-tested without a browser.
 */
import type { languages } from 'monaco-editor/editor/editor.api'

export const LIQUID_LANGUAGE_ID = 'hookbench-liquid'

const LIQUID_KEYWORDS = ['and', 'or', 'contains', 'in', 'with', 'as', 'by', 'true', 'false', 'nil', 'null', 'empty', 'blank']

export const liquidMonarch: languages.IMonarchLanguage = {
  defaultToken: '',
  tokenPostfix: '',
  brackets: [
    { open: '{', close: '}', token: 'delimiter.bracket' },
    { open: '[', close: ']', token: 'delimiter.square' },
    { open: '(', close: ')', token: 'delimiter.parenthesis' },
  ],
  liquidKeywords: LIQUID_KEYWORDS,
  tokenizer: {
    // The first line decides: front matter, or a body-only template.
    root: [
      [/^\uFEFF?---[ \t]*$/, { token: 'delimiter.frontmatter', switchTo: '@frontMatter' }],
      [/(?:)/, { token: '', switchTo: '@body' }],
    ],

    frontMatter: [
      [/^(?:---|\.\.\.)[ \t]*$/, { token: 'delimiter.frontmatter', switchTo: '@body' }],
      [/^\s*#.*$/, 'comment.yaml'],
      [/^(\s*)([^\s:#][^:#]*?)(\s*)(:)(?=\s|$)/, ['', 'key.yaml', '', 'delimiter.yaml']],
      [/#.*$/, 'comment.yaml'],
      { include: '@references' },
      { include: '@liquidStart' },
      [/[^%{#]+/, 'string.yaml'],
      [/./, 'string.yaml'],
    ],

    body: [
      { include: '@references' },
      { include: '@liquidStart' },
      [/"(?=(?:[^"\\]|\\.)*"\s*:)/, 'string.key.json', '@jsonKey'],
      [/"/, 'string.value.json', '@jsonString'],
      [/-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/, 'number.json'],
      [/\b(?:true|false|null)\b/, 'keyword.json'],
      [/[{}[\]]/, '@brackets'],
      [/,/, 'delimiter.comma.json'],
      [/:/, 'delimiter.colon.json'],
      [/\s+/, ''],
      [/[^\s"{}[\],:%\d-]+/, ''],
      [/./, ''],
    ],

    jsonKey: [{ include: '@jsonStringContent' }, [/"/, 'string.key.json', '@pop'], [/[^"\\{%]+/, 'string.key.json'], [/./, 'string.key.json']],
    jsonString: [{ include: '@jsonStringContent' }, [/"/, 'string.value.json', '@pop'], [/[^"\\{%]+/, 'string.value.json'], [/./, 'string.value.json']],
    jsonStringContent: [[/\\./, 'string.escape.json'], { include: '@references' }, { include: '@liquidStart' }],

    references: [
      [/%\{env\.[A-Za-z_]\w*\}/, 'variable.reference.env'],
      [/%\{secret\.[A-Za-z_]\w*\}/, 'variable.reference.secret'],
    ],

    liquidStart: [
      [/\{%-?\s*comment\s*-?%\}/, 'comment.liquid', '@liquidComment'],
      [/\{%-?\s*raw\s*-?%\}/, 'delimiter.liquid', '@liquidRaw'],
      [/(\{%-?)(\s*)([A-Za-z_]\w*)/, ['delimiter.liquid', '', { token: 'keyword.tag.liquid', next: '@liquidTag' }]],
      [/\{%-?/, 'delimiter.liquid', '@liquidTag'],
      [/\{\{-?/, 'delimiter.liquid', '@liquidOutput'],
    ],

    liquidOutput: [[/-?\}\}/, 'delimiter.liquid', '@pop'], { include: '@liquidExpression' }],
    liquidTag: [[/-?%\}/, 'delimiter.liquid', '@pop'], { include: '@liquidExpression' }],

    liquidExpression: [
      { include: '@references' },
      [/\$\{[^}\n]*\}/, 'variable.attribute'],
      // Braze allows (and people write) outputs inside tags: {% if {{${x}}} %}.
      [/\{\{-?/, 'delimiter.liquid', '@liquidOutput'],
      [/(\|)(\s*)([A-Za-z_]\w*)/, ['operator.pipe.liquid', '', 'function.filter']],
      [/'/, 'string.liquid', '@liquidSingleQuoted'],
      [/"/, 'string.liquid', '@liquidDoubleQuoted'],
      [/[“”‘’][^“”‘’]*[“”‘’]/, 'string.liquid'],
      [/-?\d+(?:\.\d+)?/, 'number.liquid'],
      [/[A-Za-z_][\w-]*(?=\s*:)/, { cases: { '@liquidKeywords': 'keyword.operator.liquid', '@default': 'variable.liquid' } }],
      [/[A-Za-z_][\w-]*\??/, { cases: { '@liquidKeywords': 'keyword.operator.liquid', '@default': 'variable.liquid' } }],
      [/==|!=|<>|<=|>=|<|>|=|\.\.|[:,()[\]|]/, 'operator.liquid'],
      [/\./, 'delimiter.dot.liquid'],
      [/\s+/, ''],
      [/./, ''],
    ],

    // References inside Liquid strings: '%{env.email}/token:%{secret.token}' | base64_encode.
    liquidSingleQuoted: [{ include: '@references' }, [/'/, 'string.liquid', '@pop'], [/[^'%]+/, 'string.liquid'], [/./, 'string.liquid']],
    liquidDoubleQuoted: [{ include: '@references' }, [/"/, 'string.liquid', '@pop'], [/[^"%]+/, 'string.liquid'], [/./, 'string.liquid']],

    liquidComment: [[/\{%-?\s*endcomment\s*-?%\}/, 'comment.liquid', '@pop'], [/[^{]+/, 'comment.liquid'], [/\{/, 'comment.liquid']],
    liquidRaw: [[/\{%-?\s*endraw\s*-?%\}/, 'delimiter.liquid', '@pop'], [/[^{]+/, 'string.raw.liquid'], [/\{/, 'string.raw.liquid']],
  },
}

export const liquidConfiguration: languages.LanguageConfiguration = {
  brackets: [
    ['{', '}'],
    ['[', ']'],
    ['(', ')'],
  ],
  autoClosingPairs: [
    { open: '{', close: '}' },
    { open: '[', close: ']' },
    { open: '(', close: ')' },
    { open: '"', close: '"', notIn: ['string'] },
  ],
  surroundingPairs: [
    { open: '{', close: '}' },
    { open: '[', close: ']' },
    { open: '"', close: '"' },
  ],
  // Words include `$`, `{` is not: `${first_name}` completes as one attribute.
  wordPattern: /(-?\d*\.\d\w*)|([^`~!@#%^&*()\-=+[{\]}\\|;:'",.<>/?\s]+)/,
}
