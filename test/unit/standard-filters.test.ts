import { Liquid } from 'liquidjs'
import { describe, expect, it } from 'vitest'
import { installStandardFilters, SHOPIFY_STANDARD_FILTERS } from '../../shared/engine/standardFilters.js'
import { renderSyncWithEnv, testEnv } from '../support/liquidEnv.js'

const liquid = new Liquid()
installStandardFilters(liquid)

const render = (source: string, scope: Record<string, unknown> = {}): string => renderSyncWithEnv(liquid, source, scope)

/** Renders and returns the output with the problems reported while rendering. */
function renderReporting(source: string, scope: Record<string, unknown> = {}) {
  const env = testEnv()
  const output = renderSyncWithEnv(liquid, source, scope, env)
  return { output, reports: env.reports }
}

describe('the standard filter set', () => {
  it('is exactly Shopify Liquid 5.2’s', () => {
    expect(Object.keys(liquid.filters).sort()).toEqual([...SHOPIFY_STANDARD_FILTERS].sort())
  })

  it('ignores liquidjs-only filters, as Ruby Liquid ignores an unknown filter', () => {
    expect(render("{{ 'abc' | sha256 }}{{ 'x' | jsonify }}{{ 'a b' | slugify }}")).toBe('abcxa b')
  })
})

describe('math filters', () => {
  it.each([
    ['{{ 15 | divided_by: 2 }}', '7'],
    ['{{ 15 | divided_by: 2.0 }}', '7.5'],
    ["{{ 15 | divided_by: '2.0' }}", '7.5'],
    ["{{ '15' | divided_by: 2 }}", '7'],
    ["{{ '15.0' | divided_by: 2 }}", '7.5'],
    ['{{ -15 | divided_by: 2 }}', '-8'],
    ['{{ 7.5 | divided_by: 2 }}', '3.75'],
    ['{{ n | divided_by: d }}', '7'],
    ['{{ n | divided_by: half }}', '6'],
  ])('divided_by floors only when both operands are integers: %s → %s', (source, expected) => {
    expect(render(source, { n: 15, d: 2, half: 2.5 })).toBe(expected)
  })

  it('reports division by zero and prints nothing, where Ruby raises', () => {
    const { output, reports } = renderReporting('[{{ 5 | divided_by: 0 }}][{{ 5 | modulo: 0 }}]')
    expect(output).toBe('[][]')
    expect(reports.map(r => [r.severity, r.code])).toEqual([
      ['error', 'liquid-zero-division'],
      ['error', 'liquid-zero-division'],
    ])
  })

  it.each([
    ['{{ 0.1 | plus: 0.2 }}', '0.3'],
    ['{{ 1.1 | times: 3 }}', '3.3'],
    ['{{ 0.3 | minus: 0.1 }}', '0.2'],
    ['{{ 4 | plus: 2 }}', '6'],
    ["{{ '3abc' | plus: 1 }}", '4'],
    ["{{ 'abc' | plus: 1 }}", '1'],
    ["{{ ' 12 ' | plus: 0 }}", '12'],
    ["{{ '1_000' | plus: 0 }}", '1000'],
    ['{{ true | plus: 1 }}', '1'],
    ['{{ nothing | plus: 1 }}', '1'],
  ])('plus, minus and times compute like Ruby BigDecimal and to_i: %s → %s', (source, expected) => {
    expect(render(source)).toBe(expected)
  })

  it.each([
    ['{{ -7 | modulo: 3 }}', '2'],
    ['{{ 7 | modulo: -3 }}', '-2'],
    ['{{ 5.5 | modulo: 2 }}', '1.5'],
    ['{{ 2.675 | round: 2 }}', '2.68'],
    ['{{ 2.5 | round }}', '3'],
    ['{{ -2.5 | round }}', '-3'],
    ['{{ 1234 | round: -2 }}', '1200'],
    ["{{ '3.2' | ceil }}", '4'],
    ['{{ -1.5 | floor }}', '-2'],
    ["{{ '-3' | abs }}", '3'],
    ['{{ 4 | at_least: 5 }}|{{ 4 | at_most: 3 }}|{{ 4 | at_least: 1 }}', '5|3|4'],
  ])('modulo, round, ceil, floor, abs, at_least and at_most: %s → %s', (source, expected) => {
    expect(render(source)).toBe(expected)
  })

  it('KNOWN DIFFERENCE: a float result with no fraction prints like an integer (Ruby prints 15.0)', () => {
    expect(render('{{ 15 | times: 1.0 }}')).toBe('15')
  })
})

describe('default', () => {
  it.each([
    ['nil', undefined],
    ['false', false],
    ['an empty string', ''],
    ['an empty array', []],
    ['an empty hash', {}],
  ])('replaces %s', (_label, value) => {
    expect(render("{{ v | default: 'fallback' }}", { v: value })).toBe('fallback')
  })

  it.each([
    ['zero', 0, '0'],
    ['true', true, 'true'],
    ['a non-empty string', 'x', 'x'],
  ])('keeps %s', (_label, value, expected) => {
    expect(render("{{ v | default: 'fallback' }}", { v: value })).toBe(expected)
  })

  it('keeps a whitespace-only string, as Liquid 5.2 does (UNCONFIRMED for Braze)', () => {
    expect(render("[{{ v | default: 'fallback' }}]", { v: '  ' })).toBe('[  ]')
  })

  it('lets false through with allow_false: true, but still replaces nil', () => {
    expect(render("{{ f | default: 'fallback', allow_false: true }}|{{ n | default: 'fallback', allow_false: true }}", { f: false }))
      .toBe('false|fallback')
  })

  it('defaults to an empty string without an argument', () => {
    expect(render('[{{ nothing | default }}]')).toBe('[]')
  })
})

describe('date', () => {
  const june3 = '2021-06-03 17:13:41 UTC'

  it('formats the Braze docs example correctly (the docs print "03 June" and an epoch of 2015)', () => {
    expect(render("{{ d | date: '%b %d' }}|{{ d | date: '%s' }}", { d: june3 })).toBe('Jun 03|1622740421')
  })

  it.each([
    ['%-d|%e|%d', '3| 3|03'],
    ['%b|%B|%h|%^b', 'Jun|June|Jun|JUN'],
    ['%a|%A|%u|%w', 'Thu|Thursday|4|4'],
    ['%j|%U|%W|%V|%G|%g', '154|22|22|22|2021|21'],
    ['%H|%I|%l|%k|%M|%S|%L|%N', '17|05| 5|17|13|41|000|000000000'],
    ['%p|%P|%#p', 'PM|pm|pm'],
    ['%y|%Y|%C|%m|%-m|%_m', '21|2021|20|06|6| 6'],
    ['%z|%:z|%::z|%Z', '+0000|+00:00|+00:00:00|UTC'],
    ['%s', '1622740421'],
    ['%F|%T|%D|%x|%X|%R|%r', '2021-06-03|17:13:41|06/03/21|06/03/21|17:13:41|17:13|05:13:41 PM'],
    ['%c', 'Thu Jun  3 17:13:41 2021'],
    ['%v', ' 3-JUN-2021'],
    ['%10A|%-10A|%^A|%3N', '  Thursday|Thursday|THURSDAY|000'],
    ['100%% %J', '100% %J'],
  ])('formats with Ruby strftime: %s', (format, expected) => {
    expect(render(`{{ d | date: '${format}' }}`, { d: june3 })).toBe(expected)
  })

  it.each([
    ["'now'", '2024-03-05 14:07:09'],
    ["'Now'", '2024-03-05 14:07:09'],
    ["'today'", '2024-03-05 14:07:09'],
    ['1622740421', '2021-06-03 17:13:41'],
    ["'1622740421'", '2021-06-03 17:13:41'],
    ["'2021-06-03T17:13:41Z'", '2021-06-03 17:13:41'],
    ["'2021-06-03T17:13:41.250Z'", '2021-06-03 17:13:41'],
    ["'2021-06-03'", '2021-06-03 00:00:00'],
    ["'2021/06/03 17:13'", '2021-06-03 17:13:00'],
    ["'03/06/2021'", '2021-06-03 00:00:00'],
    ["'June 3, 2021 5:13 PM'", '2021-06-03 17:13:00'],
    ["'3 Jun 2021'", '2021-06-03 00:00:00'],
    ["'Thu, 03 Jun 2021 17:13:41 +0000'", '2021-06-03 17:13:41'],
    ["'17:13'", '2024-03-05 17:13:00'],
    ["'May18, 2014'", '2014-05-18 00:00:00'],
    ["'2013-12-12T05:35Z'", '2013-12-12 05:35:00'],
    ["'June 2021'", '2021-06-01 00:00:00'],
    ["'Jun 3'", '2024-06-03 00:00:00'],
  ])('reads %s as a time like Liquid’s Utils.to_date', (input, expected) => {
    expect(render(`{{ ${input} | date: '%Y-%m-%d %H:%M:%S' }}`)).toBe(expected)
  })

  it('keeps the offset a time was written with', () => {
    expect(render("{{ '2021-06-03T17:13:41-05:00' | date: '%H:%M %z [%Z] %s' }}")).toBe('17:13 -0500 [] 1622758421')
  })

  it('takes milliseconds from the input', () => {
    expect(render("{{ '2021-06-03T17:13:41.250Z' | date: '%L' }}")).toBe('250')
  })

  it('takes "now" from the render environment, not the clock', () => {
    const env = testEnv({ now: new Date('2030-01-02T03:04:05Z') })
    expect(renderSyncWithEnv(liquid, "{{ 'now' | date: '%F %T' }}", {}, env)).toBe('2030-01-02 03:04:05')
  })

  it('returns input it cannot read unchanged, and warns', () => {
    const { output, reports } = renderReporting("{{ 'next tuesday-ish' | date: '%Y' }}")
    expect(output).toBe('next tuesday-ish')
    expect(reports.map(r => r.code)).toEqual(['date-unparsed'])
  })

  it('returns nil, floats and an empty format unchanged without a warning', () => {
    const { output, reports } = renderReporting("[{{ nothing | date: '%Y' }}][{{ 1.5 | date: '%Y' }}][{{ 'now' | date: '' }}]")
    expect(output).toBe('[][1.5][now]')
    expect(reports).toEqual([])
  })
})

describe('string filters', () => {
  it('url_encode escapes like CGI.escape: space → +, and !\'()* too', () => {
    expect(render("{{ \"google search it's (a)*!~\" | url_encode }}|{{ 'é' | url_encode }}"))
      .toBe('google+search+it%27s+%28a%29%2A%21~|%C3%A9')
  })

  it('url_decode reads + as space and keeps malformed escapes', () => {
    expect(render("{{ 'a+b%20c%E2%9C%93' | url_decode }}|{{ '100%' | url_decode }}|{{ '%zz' | url_decode }}"))
      .toBe('a b c✓|100%|%zz')
  })

  it('url_decode reports bytes that are not UTF-8', () => {
    const { output, reports } = renderReporting("[{{ '%FF' | url_decode }}]")
    expect(output).toBe('[]')
    expect(reports.map(r => r.code)).toEqual(['liquid-url-decode-invalid'])
  })

  it('escape writes &quot; and &#39; like CGI.escapeHTML', () => {
    expect(render('{{ v | escape }}', { v: `"<a href='x'>&"` })).toBe('&quot;&lt;a href=&#39;x&#39;&gt;&amp;&quot;')
  })

  it('escape_once leaves existing named and decimal entities alone', () => {
    expect(render("{{ '&amp; & &lt; < &#39; \"' | escape_once }}")).toBe('&amp; &amp; &lt; &lt; &#39; &quot;')
  })

  it('strip, lstrip and rstrip remove ASCII whitespace only (a non-breaking space stays)', () => {
    expect(render('[{{ v | strip }}][{{ v | lstrip }}][{{ v | rstrip }}][{{ w | strip }}]', { v: ' \t a \n', w: '\u00a0a\u00a0' }))
      .toBe('[a][a \n][ \t a][\u00a0a\u00a0]')
  })

  it.each([
    ["{{ 'a  b c' | split: ' ' | join: ',' }}", 'a,b,c'],
    ["{{ '  a b' | split: ' ' | size }}", '2'],
    ["{{ 'a,b,,' | split: ',' | size }}", '2'],
    ["{{ 'a,,b' | split: ',' | join: '|' }}", 'a||b'],
    ["{{ 'ab😀' | split: '' | join: '|' }}", 'a|b|😀'],
    ["{{ '' | split: ',' | size }}", '0'],
  ])('split follows Ruby’s String#split: %s → %s', (source, expected) => {
    expect(render(source)).toBe(expected)
  })

  it.each([
    ["{{ 'one two three' | truncatewords: 3 }}", 'one two three'],
    ["{{ 'one  two   three four' | truncatewords: 2 }}", 'one two...'],
    ["{{ 'one  two' | truncatewords: 5 }}", 'one  two'],
    ["{{ 'one two three' | truncatewords: 0 }}", 'one...'],
    ["{{ 'one two three' | truncatewords: 1, '--' }}", 'one--'],
  ])('truncatewords appends the ellipsis only when words were dropped: %s → %s', (source, expected) => {
    expect(render(source)).toBe(expected)
  })

  it('truncate and slice need no override', () => {
    expect(render("{{ 'Ground control' | truncate: 8 }}|{{ 'hello' | slice: -3, 2 }}|{{ 'hello' | slice: 9 }}")).toBe('Groun...|ll|')
  })
})

describe('collection filters', () => {
  it.each([
    ['a string, in characters', 'hé😀', '3'],
    ['an array', [1, 2], '2'],
    ['a hash, in keys', { a: 1, b: 2 }, '2'],
    ['nil', undefined, '0'],
    ['an integer, as Ruby’s Integer#size (bytes)', 5, '8'],
  ])('size of %s', (_label, value, expected) => {
    expect(render('{{ v | size }}', { v: value })).toBe(expected)
  })

  it('uniq compares hashes by value and takes a property', () => {
    const items = [{ a: 1, b: 'x' }, { b: 'x', a: 1 }, { a: 2, b: 'x' }]
    expect(render("{{ items | uniq | size }}|{{ items | uniq: 'b' | size }}|{{ nested | uniq | join: ',' }}", {
      items,
      nested: [[1, 2], [2, 3]],
    })).toBe('2|1|1,2,3')
  })

  it('compact removes nil items, or items whose property is nil', () => {
    expect(render("{{ v | compact | size }}|{{ items | compact: 'a' | size }}", {
      v: [1, null, 2, undefined],
      items: [{ a: 1 }, { a: null }, { b: 2 }],
    })).toBe('2|1')
  })
})

describe('base64', () => {
  it('decodes strictly and reports malformed input', () => {
    const { output, reports } = renderReporting("{{ 'YmxhaA==' | base64_decode }}|[{{ 'YmxhaA' | base64_decode }}]")
    expect(output).toBe('blah|[]')
    expect(reports.map(r => r.code)).toEqual(['liquid-base64-invalid'])
  })

  it('base64_url_safe_* use - and _, and decoding accepts missing padding', () => {
    expect(render("{{ '??>' | base64_url_safe_encode }}|{{ 'Pz8-' | base64_url_safe_decode }}|{{ 'YmxhaA' | base64_url_safe_decode }}"))
      .toBe('Pz8-|??>|blah')
  })
})
