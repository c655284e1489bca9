/**
 * Finds the Liquid regions of a Braze template without parsing Liquid itself.
 *
 * Braze's `{{${first_name}}}` cannot be read by a plain Liquid tokenizer (the `}` of `${…}`
 * runs into the closing `}}`), and Braze allows `{{ }}` inside tags and HTML comments that
 * vanish before Liquid runs. This scanner understands those, so that the preprocessor can
 * rewrite them and the linter can check Braze's rules at exact offsets.
 */

export interface AttributeRef {
  /** Offset of `$`. */
  start: number
  /** Offset just past the closing `}`. */
  end: number
  /** The name between the braces, trimmed. */
  name: string
  /** The namespace before `.${…}` (e.g. `custom_attribute`), or null for a bare `${…}`. */
  namespace: string | null
  /** Offset of the namespace's first character, when there is one. */
  namespaceStart: number | null
}

export interface Region {
  kind: 'output' | 'tag'
  /** Offset of `{{` or `{%`. */
  start: number
  /** Offset just past `}}` or `%}`; the text length when unterminated. */
  end: number
  /** The markup between the delimiters and whitespace-control dashes. */
  innerStart: number
  innerEnd: number
  terminated: boolean
  /** For tags: the tag name (`if`, `assign`, `connected_content` …). */
  tagName: string
  /** `${…}` references inside this region, including inside nested outputs. */
  attributes: AttributeRef[]
  /** `{{ … }}` written inside this region (Braze allows them inside tags). */
  nested: Region[]
  /** Ranges of quoted strings inside the markup (quotes included). */
  quotes: { start: number; end: number }[]
}

export interface ScanResult {
  regions: Region[]
  /** `<!-- … -->` ranges, which Braze strips before Liquid is parsed. */
  htmlComments: { start: number; end: number }[]
}

const TAG_NAME = /^[A-Za-z_#][\w]*/

/** Block tags whose content is not Liquid. */
const VERBATIM_BLOCKS: Record<string, RegExp> = {
  raw: /\{%-?\s*endraw\s*-?%\}/g,
  comment: /\{%-?\s*endcomment\s*-?%\}/g,
}

export function scanBraze(text: string): ScanResult {
  const regions: Region[] = []
  const htmlComments: { start: number; end: number }[] = []
  let i = 0
  while (i < text.length) {
    const open = nextOpening(text, i)
    if (open < 0) break
    if (text.startsWith('<!--', open)) {
      const close = text.indexOf('-->', open + 4)
      const end = close < 0 ? text.length : close + 3
      htmlComments.push({ start: open, end })
      i = end
      continue
    }
    const region = scanRegion(text, open)
    regions.push(region)
    i = region.end
    const verbatim = region.kind === 'tag' ? VERBATIM_BLOCKS[region.tagName] : undefined
    if (verbatim) {
      verbatim.lastIndex = i
      const m = verbatim.exec(text)
      i = m ? m.index : text.length
    }
  }
  return { regions, htmlComments }
}

function nextOpening(text: string, from: number): number {
  for (let i = from; i < text.length - 1; i++) {
    const c = text.charCodeAt(i)
    if (c === 123 /* { */) {
      const n = text.charCodeAt(i + 1)
      if (n === 123 || n === 37 /* % */) return i
    } else if (c === 60 /* < */ && text.startsWith('<!--', i)) {
      return i
    }
  }
  return -1
}

/**
 * How deep `{{` may nest inside a region before it counts as plain text. Braze's optional inner
 * braces nest one level; the cap only keeps a pasted run of thousands of `{` from overflowing the
 * stack (the linter still reports the region).
 */
const MAX_NESTED_REGIONS = 32

function scanRegion(text: string, start: number, depth = 0): Region {
  const kind = text[start + 1] === '{' ? 'output' : 'tag'
  const closer = kind === 'output' ? '}}' : '%}'
  let innerStart = start + 2
  if (text[innerStart] === '-') innerStart++
  const region: Region = {
    kind,
    start,
    end: text.length,
    innerStart,
    innerEnd: text.length,
    terminated: false,
    tagName: '',
    attributes: [],
    nested: [],
    quotes: [],
  }
  let quote: string | null = null
  let quoteStart = 0
  let i = innerStart
  while (i < text.length) {
    const c = text[i]!
    if (quote === null && text.startsWith(closer, i)) {
      region.innerEnd = text[i - 1] === '-' && i - 1 >= innerStart ? i - 1 : i
      region.end = i + 2
      region.terminated = true
      break
    }
    if (c === '$' && text[i + 1] === '{' && quote === null) {
      const ref = scanAttribute(text, i, region.attributes[region.attributes.length - 1])
      region.attributes.push(ref)
      i = ref.end
      continue
    }
    if (c === '{' && text[i + 1] === '{' && depth < MAX_NESTED_REGIONS) {
      // An output inside a tag or output: Braze's optional inner braces (or a mistake the linter names).
      const inner = scanRegion(text, i, depth + 1)
      region.nested.push(inner)
      region.attributes.push(...inner.attributes)
      i = inner.end
      continue
    }
    if (quote === null && (c === '"' || c === "'")) {
      quote = c
      quoteStart = i
    } else if (quote === c) {
      region.quotes.push({ start: quoteStart, end: i + 1 })
      quote = null
    }
    i++
  }
  if (kind === 'tag') {
    const m = TAG_NAME.exec(text.slice(region.innerStart, region.innerEnd).trimStart())
    region.tagName = m ? m[0] : ''
  }
  return region
}

function scanAttribute(text: string, dollar: number, previous: AttributeRef | undefined): AttributeRef {
  const close = text.indexOf('}', dollar + 2)
  const end = close < 0 ? text.length : close + 1
  const name = text.slice(dollar + 2, close < 0 ? text.length : close).trim()
  let namespace: string | null = null
  let namespaceStart: number | null = null
  if (text[dollar - 1] === '.') {
    if (previous && previous.end === dollar - 1) {
      // `api_trigger_properties.${details}.${color}`: a chained reference keeps its root namespace.
      namespace = previous.namespace ?? previous.name
      namespaceStart = previous.namespaceStart ?? previous.start
    } else {
      let s = dollar - 1
      while (s > 0 && /\w/.test(text[s - 1]!)) s--
      namespace = text.slice(s, dollar - 1)
      namespaceStart = s
    }
  }
  return { start: dollar, end, name, namespace, namespaceStart }
}

/** True when `offset` lies inside one of the quoted strings of a region. */
export function inQuotes(region: Region, offset: number): boolean {
  return region.quotes.some((q) => offset > q.start && offset < q.end - 1)
}
