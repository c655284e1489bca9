import { describe, expect, it } from 'vitest'
import { locateItemFile } from '../../shared/workspace/layout.js'

describe('locating the workspace item of a file opened from the desktop', () => {
  it('finds the root and the item from where the file sits', () => {
    expect(locateItemFile('/home/ana/webhooks/templates/nps.liquid')).toEqual({ root: '/home/ana/webhooks', kind: 'template', name: 'nps' })
    expect(locateItemFile('/home/ana/webhooks/content-blocks/footer.liquid')).toEqual({ root: '/home/ana/webhooks', kind: 'content-block', name: 'footer' })
    expect(locateItemFile('/w/samples/braze-users/detractors.json')).toEqual({ root: '/w', kind: 'braze-user', name: 'detractors' })
    expect(locateItemFile('C:\\Users\\ana\\hooks\\templates\\Solved ticket.liquid')).toEqual({ root: 'C:\\Users\\ana\\hooks', kind: 'template', name: 'Solved ticket' })
    expect(locateItemFile('/templates/at-root.liquid')).toEqual({ root: '/', kind: 'template', name: 'at-root' })
  })

  it('finds nothing for files that are not items of a workspace', () => {
    for (const path of [
      '/home/ana/theme/sections/header.liquid', // a Shopify theme, say
      '/w/templates/nested/deeper.liquid',
      '/w/templates/.hidden.liquid',
      '/w/templates/notes.txt',
      '/w/samples/braze-users/user.liquid',
      'templates/relative.liquid',
    ]) {
      expect(locateItemFile(path), path).toBeUndefined()
    }
  })
})
