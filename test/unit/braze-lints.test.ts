import { describe, expect, it } from 'vitest'
import { lintBraze } from '../../shared/braze/lints.js'

function lint(source: string) {
  return lintBraze(source, { jsonBody: false }).map((d) => ({
    code: d.code,
    severity: d.severity,
    text: source.slice(d.start, d.end),
  }))
}

describe("Braze's Liquid rules as diagnostics (braze.md §2.2, §1.1)", () => {
  it('filters inside if/for/case are errors, located at the pipe', () => {
    expect(lint("{% if ${first_name} | downcase == 'a' %}x{% endif %}")).toContainEqual({
      code: 'braze-filter-in-condition',
      severity: 'error',
      text: '| downcase',
    })
    expect(lint('{% for x in custom_attribute.${list} | sort %}{% endfor %}')[0]).toMatchObject({ code: 'braze-filter-in-condition' })
    expect(lint('{% case custom_attribute.${p} | upcase %}{% endcase %}')[0]).toMatchObject({ code: 'braze-filter-in-condition' })
  })

  it('a filter inside an if written with inner braces is still a filter in a condition', () => {
    expect(lint('{% if {{${first_name} | downcase}} == "a" %}{% endif %}').map((d) => d.code)).toContain('braze-filter-in-condition')
  })

  it('operators inside assign are errors', () => {
    expect(lint('{% assign big = custom_attribute.${seats} > 10 %}')).toContainEqual({
      code: 'braze-operator-in-assign',
      severity: 'error',
      text: '>',
    })
    expect(lint("{% assign ok = x == 'y' and z %}").map((d) => d.text)).toEqual(['==', 'and'])
  })

  it('operators inside quoted strings are not operators', () => {
    expect(lint("{% assign label = 'a > b' | append: ' and more' %}")).toEqual([])
  })

  it('parentheses are errors, ranges are not', () => {
    expect(lint('{% if (custom_attribute.${a} == 1) %}x{% endif %}')[0]).toMatchObject({ code: 'braze-parentheses', text: '(' })
    expect(lint('{% for i in (1..3) %}{{i}}{% endfor %}')).toEqual([])
  })

  it('unsupported filters are errors; UNCONFIRMED ones are warnings', () => {
    expect(lint('{{ ${first_name} | pluralize }}')).toContainEqual({ code: 'braze-unsupported-filter', severity: 'error', text: 'pluralize' })
    expect(lint("{{ ' a' | lstrip }}")[0]).toMatchObject({ code: 'braze-unsupported-filter', text: 'lstrip' })
    expect(lint("{{ 'a' | url_decode }}")[0]).toMatchObject({ code: 'braze-unconfirmed-filter', severity: 'warning' })
    expect(lint("{{ 'a' | jsonify }}")[0]).toMatchObject({ code: 'braze-unknown-filter', severity: 'error' })
    expect(lint("{{ 'a' | upcase | md5 | json_escape }}")).toEqual([])
  })

  it('two attributes in one output are an error at the inner output', () => {
    expect(lint('{{custom_attribute.${a} | plus: {{custom_attribute.${b}}}}}')).toContainEqual({
      code: 'braze-two-attributes',
      severity: 'error',
      text: '{{custom_attribute.${b}}}',
    })
  })

  it('curly quotes are errors at the quote', () => {
    expect(lint('{{ ‘quoted’ }}').filter((d) => d.code === 'braze-curly-quote').map((d) => d.text)).toEqual(['‘', '’'])
    expect(lint('He said “hi” outside Liquid')).toEqual([])
  })

  it('unknown standard attributes and namespaces are warnings', () => {
    expect(lint('{{${frist_name}}}')[0]).toMatchObject({ code: 'braze-unknown-attribute', text: '${frist_name}' })
    expect(lintBraze('{{${frist_name}}}', { jsonBody: false })[0]!.hint).toContain('${first_name}')
    expect(lint('{{custom_atribute.${plan}}}')[0]).toMatchObject({ code: 'braze-unknown-namespace', text: 'custom_atribute' })
    expect(lint('{{campaign.${nmae}}}')[0]).toMatchObject({ code: 'braze-unknown-attribute' })
    expect(lint('{{campaign.${dispatch_id}}} {{most_recently_used_device.${platform}}}')).toEqual([])
  })

  it('attributes written without ${} render blank and are flagged', () => {
    expect(lint('{{first_name}}')[0]).toMatchObject({ code: 'braze-missing-dollar', text: 'first_name' })
    expect(lint('{{custom_attribute.plan}}')[0]).toMatchObject({ code: 'braze-missing-dollar', text: 'custom_attribute.plan' })
    // A variable of the template's own is fine, and so is a filter named like a tag.
    expect(lint("{% assign plan = 'x' %}{{plan}}")).toEqual([])
    expect(lint("{% assign city = 'x' %}{{city}}").map((d) => d.code)).toEqual(['braze-assign-shadows-tag'])
    expect(lint("{{ 'now' | time_zone: ${time_zone} | date: '%H' }}")).toEqual([])
    expect(lint('{% for language in custom_attribute.${langs} %}{{language}}{% endfor %}').map((d) => d.code)).toEqual([])
  })

  it('assign names: ASCII only, and not a personalization tag', () => {
    expect(lint("{% assign prénom = 'x' %}")[0]).toMatchObject({ code: 'braze-variable-name', severity: 'error', text: 'prénom' })
    expect(lint("{% assign language = 'x' %}")[0]).toMatchObject({ code: 'braze-assign-shadows-tag', severity: 'warning' })
  })

  it('unconfirmed standard tags are warnings', () => {
    expect(lint('{% increment n %}')[0]).toMatchObject({ code: 'braze-unconfirmed-tag', text: 'increment' })
  })

  it('checks each line of a liquid tag', () => {
    expect(lint('{% liquid\n  assign a = b > 1\n  echo a | pluralize\n%}').map((d) => d.code)).toEqual([
      'braze-operator-in-assign',
      'braze-unsupported-filter',
    ])
  })

  it('an unclosed output is located at its opening', () => {
    expect(lint('abc {{ ${first_name} ')[0]).toMatchObject({ code: 'liquid-unclosed', text: '{{' })
  })
})

describe('missing json_escape in JSON bodies (braze.md §6)', () => {
  const lintJson = (source: string) =>
    lintBraze(source, { jsonBody: true })
      .filter((d) => d.code === 'braze-missing-json-escape')
      .map((d) => source.slice(d.start, d.end))

  it('flags free-text outputs inside JSON strings', () => {
    expect(lintJson('{"a": "{{${first_name}}}", "b": "{{event_properties.${comment} | strip}}"}')).toEqual([
      '{{${first_name}}}',
      '{{event_properties.${comment} | strip}}',
    ])
  })

  it('accepts escaped, numeric, id-like and literal outputs, and outputs outside strings', () => {
    const source = [
      '{% assign n = custom_attribute.${seats} | plus: 0 %}',
      '{"a": "{{${first_name} | json_escape}}", "b": "{{${email_address}}}", "c": "{{n}}",',
      ' "d": {{custom_attribute.${seats}}}, "e": "{{ \'x\' }}", "f": "{{${user_id} | default: \'none\'}}"}',
    ].join('\n')
    expect(lintJson(source)).toEqual([])
  })

  it('is off for bodies that are not JSON', () => {
    expect(lintBraze('<a>"{{${first_name}}}"</a>', { jsonBody: false }).map((d) => d.code)).toEqual([])
  })
})
