import { Liquid } from 'liquidjs'
import { describe, expect, it } from 'vitest'
import { BRAZE_FILTERS, brazeFilterSupport } from '../../shared/braze/filters/catalog.js'
import { BRAZE_ONLY_FILTERS, installBrazeFilters } from '../../shared/braze/filters/index.js'
import { renderSyncWithEnv, testEnv } from '../support/liquidEnv.js'

const liquid = new Liquid()
installBrazeFilters(liquid)

const render = (source: string, scope: Record<string, unknown> = {}): string => renderSyncWithEnv(liquid, source, scope)

function renderReporting(source: string, scope: Record<string, unknown> = {}) {
  const env = testEnv()
  const output = renderSyncWithEnv(liquid, source, scope, env)
  return { output, reports: env.reports }
}

describe('the Braze filter set', () => {
  it.each([
    ["{{ ' a ' | lstrip }}", ' a '],
    ["{{ ' a ' | rstrip }}", ' a '],
    ["{{ 'Hello World' | handleize }}", 'Hello World'],
    ["{{ 2 | pluralize: 'item', 'items' }}", '2'],
    ['{{ 145 | money_with_currency }}', '145'],
    ["{{ 'now' | timezone: 'America/Chicago' | date: '%H' }}", '14'],
  ])('ignores the filters Braze does not support: %s → %j', (source, expected) => {
    expect(render(source)).toBe(expected)
  })

  it('has none of the filters the catalog marks unsupported', () => {
    const unsupported = BRAZE_FILTERS.filter(f => f.support === 'unsupported').map(f => f.name)
    expect(unsupported).toContain('find_index')
    expect(Object.keys(liquid.filters).filter(name => unsupported.includes(name))).toEqual([])
  })

  it('has every filter the catalog marks supported or unconfirmed, and no filter the catalog lacks', () => {
    const available = BRAZE_FILTERS.filter(f => f.support !== 'unsupported').map(f => f.name).sort()
    expect(Object.keys(liquid.filters).sort()).toEqual(available)
    expect(Object.keys(liquid.filters)).toEqual(expect.arrayContaining(Object.keys(BRAZE_ONLY_FILTERS)))
  })

  it.each([
    ["{{ 'a &amp; <b>' | escape_once }}", 'a &amp; &lt;b&gt;'],
    ["{{ 'a+b%21' | url_decode }}", 'a b!'],
    ["{{ 'YmxhaA==' | base64_decode }}", 'blah'],
    ["{{ 'blah' | base64_url_safe_encode | base64_url_safe_decode }}", 'blah'],
    ["{{ 'a-b-c' | replace_last: '-', '+' }}", 'a-b+c'],
    ["{{ 'a-b-c' | remove_last: '-' }}", 'a-bc'],
    ["{{ 'blah' | base64 }}", 'YmxhaA=='],
  ])('keeps the UNCONFIRMED filters (Liquid 5.2 behaviour): %s → %s', (source, expected) => {
    expect(render(source)).toBe(expected)
  })
})

describe('filter catalog', () => {
  it('lists each name once, with a signature starting with the name and a one-sentence summary', () => {
    const names = BRAZE_FILTERS.map(f => f.name)
    expect(new Set(names).size).toBe(names.length)
    for (const info of BRAZE_FILTERS) {
      expect(info.signature.split(':')[0]).toBe(info.name)
      expect(info.summary).toMatch(/^[A-Z].*\.$/)
    }
  })

  it.each([
    ['md5', 'supported'],
    ['divided_by', 'supported'],
    ['pluralize', 'unsupported'],
    ['lstrip', 'unsupported'],
    ['escape_once', 'unconfirmed'],
    ['remove_last', 'unconfirmed'],
    ['jsonify', 'unknown'],
  ])('brazeFilterSupport(%s) is %s', (name, support) => {
    expect(brazeFilterSupport(name)).toBe(support)
  })

  it('names an alternative for filters with an obvious replacement', () => {
    expect(BRAZE_FILTERS.find(f => f.name === 'to_json')?.alternative).toBe('as_json_string')
    expect(BRAZE_FILTERS.find(f => f.name === 'rstrip')?.alternative).toBe('strip')
  })
})

describe('hashing and encoding (braze.md §2.4 vectors)', () => {
  it.each([
    ["{{'hey' | md5}}", '6057f13c496ecf7fd777ceb9e79ae285'],
    ["{{'hey' | sha1}}", '7f550a9f4c44173a37664d938f1355f0f92a47a7'],
    ["{{'hey' | sha2}}", 'fa690b82061edfd2852629aeba8a8977b57e40fcb77d1a7a28b26cba62591204'],
    ["{{'blah' | base64_encode}}", 'YmxhaA=='],
    ["{{'hey' | hmac_sha1_hex: 'secret_key'}}", '2a3969bed25bfeefb00aca4063eb9590b4df8f0e'],
    ["{{'hey' | hmac_sha1: 'secret_key'}}", '2a3969bed25bfeefb00aca4063eb9590b4df8f0e'],
    ["{{'hey' | hmac_sha1_base64: 'secret_key'}}", 'KjlpvtJb/u+wCspAY+uVkLTfjw4='],
    ["{{'hey' | hmac_sha256_hex: 'secret_key'}}", '8df897f8da3d7992fe57c8dbc6f27578cfbf2dcc4d0fbb4000b8c924841d508e'],
    ["{{'hey' | hmac_sha256_base64: 'secret_key'}}", 'jfiX+No9eZL+V8jbxvJ1eM+/LcxND7tAALjJJIQdUI4='],
  ])('%s → %s', (source, expected) => {
    expect(render(source)).toBe(expected)
  })

  it('hmac_sha256 and hmac_sha512 sign in hex (encoding UNCONFIRMED; RFC 4231 test case 2)', () => {
    const scope = { key: 'Jefe', data: 'what do ya want for nothing?' }
    expect(render('{{ data | hmac_sha256: key }}', scope)).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843')
    expect(render('{{ data | hmac_sha512: key }}', scope)).toBe(
      '164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737')
  })

  it('base64_encode never wraps long input', () => {
    expect(render('{{ v | base64_encode }}', { v: 'x'.repeat(100) })).not.toContain('\n')
  })
})

describe('URL filters', () => {
  it.each([
    ["{{'hey<>hi' | url_escape}}", 'hey%3C%3Ehi'],
    ["{{'hey<&>hi' | url_param_escape}}", 'hey%3C%26%3Ehi'],
    ["{{ 'google search' | url_encode }}", 'google+search'],
  ])('%s → %s (braze.md §2.4)', (source, expected) => {
    expect(render(source)).toBe(expected)
  })

  it('url_escape keeps URL syntax and encodes spaces and non-ASCII as UTF-8 (beyond the docs: UNCONFIRMED)', () => {
    expect(render("{{ 'https://x.io/a b?q=é&r=1#top' | url_escape }}")).toBe('https://x.io/a%20b?q=%C3%A9&r=1%23top')
  })

  it('url_param_escape also escapes & but keeps + and @ (beyond the docs: UNCONFIRMED)', () => {
    expect(render("{{ 'a+b@x.io & co' | url_param_escape }}")).toBe('a+b@x.io%20%26%20co')
  })
})

describe('property_accessor', () => {
  it('reads a hash at a key (braze.md §2.4)', () => {
    expect(render("{{ hash | property_accessor: 'a' }}", { hash: { a: 42, b: 0 } })).toBe('42')
  })

  it('takes the key from a variable, and gives nil for a missing key or a non-hash', () => {
    expect(render("{{ hash | property_accessor: k }}|[{{ hash | property_accessor: 'z' }}][{{ 'x' | property_accessor: 'a' }}]", {
      hash: { a: 42, b: 0 },
      k: 'b',
    })).toBe('0|[][]')
  })
})

describe('number formatting', () => {
  it.each([
    ['123456', '123,456'],
    ['999', '999'],
    ['-1234567', '-1,234,567'],
    ['1234567.891', '1,234,567.891'],
    ["'1234'", '1,234'],
    ["'abc'", 'abc'],
  ])('number_with_delimiter: %s → %s', (input, expected) => {
    expect(render(`{{ ${input} | number_with_delimiter }}`)).toBe(expected)
  })

  it.each([
    ['${{ 145 | money }}', '$145.00'],
    ['${{ 145 | divided_by: 100.00 | money }}', '$1.45'],
    ['{{ 17.8 | money }}', '17.80'],
    ['{{ 2.675 | money }}', '2.68'],
    ["{{ '17.8' | money }}", '17.80'],
  ])('money does not divide by 100: %s → %s', (source, expected) => {
    expect(render(source)).toBe(expected)
  })

  it('money writes a thousands delimiter (UNCONFIRMED)', () => {
    expect(render('{% assign my_int = "350000.25" | plus: 0 %}{{ my_int | money }}')).toBe('350,000.25')
  })

  it('money leaves text that is not a number unchanged and warns', () => {
    const { output, reports } = renderReporting("{{ '350,000.25' | money }}")
    expect(output).toBe('350,000.25')
    expect(reports.map(r => r.code)).toEqual(['braze-money-not-number'])
  })
})

describe('JSON filters', () => {
  it('json_escape escapes quotes and backslashes', () => {
    const { output, reports } = renderReporting('{{ v | json_escape }}', { v: 'say "hi" \\ bye' })
    expect(output).toBe('say \\"hi\\" \\\\ bye')
    expect(reports).toEqual([])
  })

  it('json_escape also escapes control characters, with an info note (UNCONFIRMED beyond quotes and backslashes)', () => {
    const { output, reports } = renderReporting('{"note": "{{ v | json_escape }}"}', { v: 'line 1\nline 2\ttab\u0001' })
    expect(output).toBe('{"note": "line 1\\nline 2\\ttab\\u0001"}')
    expect(JSON.parse(output)).toEqual({ note: 'line 1\nline 2\ttab\u0001' })
    expect(reports.map(r => [r.severity, r.code])).toEqual([['info', 'braze-json-escape-control']])
  })

  it('json_parse turns JSON text into objects Liquid can read', () => {
    expect(render('{% assign o = v | json_parse %}{{ o.items[1].name }}|{{ o.items | size }}', {
      v: '{"items":[{"name":"a"},{"name":"b"}]}',
    })).toBe('b|2')
  })

  it('json_parse reports invalid JSON and gives nil', () => {
    const { output, reports } = renderReporting("[{{ '{oops' | json_parse }}]")
    expect(output).toBe('[]')
    expect(reports.map(r => [r.severity, r.code])).toEqual([['error', 'braze-json-parse-invalid']])
  })

  it('as_json_string writes compact JSON and round-trips with json_parse', () => {
    const value = { a: 1, b: [1, 'x', null], c: { d: 'q"' } }
    expect(render('{{ v | as_json_string }}', { v: value })).toBe('{"a":1,"b":[1,"x",null],"c":{"d":"q\\""}}')
    expect(render('{{ v | as_json_string | json_parse | as_json_string }}', { v: value })).toBe(JSON.stringify(value))
    expect(render('{{ nothing | as_json_string }}|{{ "x" | as_json_string }}')).toBe('null|"x"')
  })
})

describe('time_zone', () => {
  it('makes date print wall-clock time in the zone', () => {
    expect(render("{{ \"now\" | time_zone: 'America/Chicago' | date: '%Y-%m-%d %H:%M:%S %z' }}")).toBe('2024-03-05 08:07:09 -0600')
  })

  it('prints like Ruby’s Time#to_s without date', () => {
    expect(render("{{ 'now' | time_zone: 'America/Chicago' }}|{{ 'now' | time_zone: 'UTC' }}"))
      .toBe('2024-03-05 08:07:09 -0600|2024-03-05 14:07:09 UTC')
  })

  it('follows daylight saving time and names the zone for %Z', () => {
    expect(render("{{ '2024-07-01T12:00:00Z' | time_zone: 'America/Chicago' | date: '%H:%M %z %Z' }}|{{ 'now' | time_zone: 'America/Chicago' | date: '%Z' }}"))
      .toBe('07:00 -0500 CDT|CST')
  })

  it.each([
    ['Europe/Paris', '15:07 +0100 CET'],
    ['Asia/Kolkata', '19:37 +0530 IST'],
    ['Australia/Sydney', '01:07 +1100 AEDT'],
  ])('works for %s', (zone, expected) => {
    expect(render(`{{ 'now' | time_zone: '${zone}' | date: '%H:%M %z %Z' }}`)).toBe(expected)
  })

  it('KNOWN DIFFERENCE: %Z prints tzdata’s numeric form where Intl has no name (Ruby prints JST for Tokyo)', () => {
    expect(render("{{ 'now' | time_zone: 'Asia/Tokyo' | date: '%H:%M %z %Z' }}")).toBe('23:07 +0900 +09')
  })

  it('accepts zone aliases', () => {
    expect(render("{{ 'now' | time_zone: 'US/Central' | date: '%H:%M %Z' }}")).toBe('08:07 CST')
  })

  it('takes the zone from a variable and feeds date arithmetic, as in the Braze use cases', () => {
    expect(render("{% assign time = 'now' | time_zone: tz %}{% assign hour = time | date: '%H' | plus: 0 %}{{ hour | plus: 1 }}", {
      tz: 'America/Chicago',
    })).toBe('9')
  })

  it('converts date attributes too', () => {
    expect(render("{{ d | time_zone: 'America/Chicago' | date: '%B %d %Y %z' }}", { d: '2021-06-03 17:13:41 UTC' }))
      .toBe('June 03 2021 -0500')
  })

  it('reports an unknown zone and keeps UTC (Braze behaviour UNCONFIRMED)', () => {
    const { output, reports } = renderReporting("{{ 'now' | time_zone: 'Mars/Olympus' | date: '%H:%M %Z' }}")
    expect(output).toBe('14:07 UTC')
    expect(reports.map(r => [r.severity, r.code])).toEqual([['warning', 'braze-time-zone-unknown']])
  })

  it('reports a missing zone, as for a user without time_zone, and keeps UTC (Braze behaviour UNCONFIRMED)', () => {
    const { output, reports } = renderReporting("{{ 'now' | time_zone: tz | date: '%H' }}")
    expect(output).toBe('14')
    expect(reports.map(r => r.code)).toEqual(['braze-time-zone-unknown'])
  })

  it('serialises like Rails with as_json_string (UNCONFIRMED)', () => {
    expect(render("{{ 'now' | time_zone: 'America/Chicago' | as_json_string }}")).toBe('"2024-03-05T08:07:09.000-06:00"')
  })
})

describe('date in Braze', () => {
  it('formats the docs’ date attribute with the real strftime values, not the docs’ typos', () => {
    expect(render("{{ d | date: '%b %d' }}|{{ d | date: '%s' }}", { d: '2021-06-03 17:13:41 UTC' })).toBe('Jun 03|1622740421')
  })

  it("reads 'now' in UTC, for the documented UTC-hour idiom", () => {
    expect(render("{{ 'now' | date: '%H' | plus: 0 }}|{{ 'now' | date: '%s' }}")).toBe('14|1709647629')
  })
})
