import { describe, expect, it } from 'vitest'
import { filesInArguments, openFileCommand } from '../../electron/openFiles.js'

describe('files opened from the desktop', () => {
  it('are the .liquid arguments, made absolute; flags and the app folder are not files', () => {
    // .LIQUID is not a workspace item's extension either (see itemNameOf).
    expect(filesInArguments(['.', '--inspect=0', '--original-process-start-time=1', 'templates/nps.liquid', '/w/content-blocks/footer.liquid', 'NOTES.LIQUID', 'notes.txt'], '/srv/hooks')).toEqual([
      '/srv/hooks/templates/nps.liquid',
      '/w/content-blocks/footer.liquid',
    ])
  })

  it('open their item in their workspace, or say why they cannot', () => {
    expect(openFileCommand('/srv/hooks/content-blocks/footer.liquid')).toEqual({ command: { type: 'open-item', dir: '/srv/hooks', item: { kind: 'content-block', name: 'footer' } } })
    expect(openFileCommand('/srv/theme/snippets/footer.liquid')).toEqual({ problem: expect.stringMatching(/^\/srv\/theme\/snippets\/footer\.liquid is not part of a Hookbench workspace/) })
  })
})
