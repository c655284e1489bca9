import { describe, expect, it } from 'vitest'
import { preprocessBraze } from '../../shared/braze/preprocess.js'

const rewrite = (s: string) => preprocessBraze(s).text

describe('Braze preprocessing to plain Liquid', () => {
  it('rewrites standard attributes into the hidden standard scope', () => {
    expect(rewrite('{{${first_name}}}')).toBe('{{__braze["first_name"]}}')
  })

  it('rewrites namespaced attributes, with spaces in names (braze.md §1.1)', () => {
    expect(rewrite('{{custom_attribute.${zip code}}}')).toBe('{{custom_attribute["zip code"]}}')
  })

  it('keeps nested paths and indexes outside ${} (braze.md §1.3)', () => {
    expect(rewrite('{{custom_attribute.${most_played_song}[0].artist_name}}')).toBe(
      '{{custom_attribute["most_played_song"][0].artist_name}}',
    )
  })

  it('accepts the chained api_trigger_properties form (UNCONFIRMED in Braze docs)', () => {
    expect(rewrite('{{api_trigger_properties.${details}.${color}}}')).toBe('{{api_trigger_properties["details"]["color"]}}')
  })

  it('drops the optional inner braces inside tags (braze.md §1.1)', () => {
    const withBraces = rewrite('{% if {{custom_attribute.${n}}} == 1 %}')
    const without = rewrite('{% if custom_attribute.${n} == 1 %}')
    expect(withBraces.replace(/\s+/g, ' ')).toBe(without.replace(/\s+/g, ' '))
    expect(rewrite('{% assign v = {{custom_attribute.${one}}} %}')).toContain('assign v =  custom_attribute["one"] ')
  })

  it('keeps inner braces in tags whose arguments are templates', () => {
    expect(rewrite('{% connected_content https://x.io/{{${user_id}}} :save r %}')).toBe(
      '{% connected_content https://x.io/{{__braze["user_id"]}} :save r %}',
    )
  })

  it('turns a content block output into an include tag, keeping whitespace control', () => {
    expect(rewrite('{{content_blocks.${footer}}}')).toBe('{% content_blocks "footer" %}')
    expect(rewrite('{{- content_blocks.${footer} -}}')).toBe('{%- content_blocks "footer" -%}')
  })

  it('strips HTML comments before Liquid, as Braze does (braze.md §1.1)', () => {
    expect(rewrite('a<!-- {{${first_name}}} -->b')).toBe('ab')
  })

  it('leaves raw blocks and text outside Liquid alone', () => {
    expect(rewrite('{% raw %}{{${x}}}{% endraw %} ${y}')).toBe('{% raw %}{{${x}}}{% endraw %} ${y}')
  })

  it('maps rewritten offsets back to the source', () => {
    const source = 'ab {{${first_name} | upcase}} {{ custom_attribute.${plan} }}'
    const { text, map } = preprocessBraze(source)
    const upcase = text.indexOf('upcase')
    expect(map.toSource(upcase)).toBe(source.indexOf('upcase'))
    const plan = text.indexOf(' }}', text.indexOf('plan'))
    expect(map.toSource(plan)).toBe(source.indexOf(' }}', source.indexOf('plan')))
  })
})
