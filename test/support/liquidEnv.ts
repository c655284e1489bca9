/**
 * Renders a liquidjs template with a Hookbench render environment, for unit tests of
 * single tags and filters without the whole engine.
 */
import { Context, toValueSync, type Liquid } from 'liquidjs'
import { setRenderEnv, type RenderEnv } from '../../shared/engine/env.js'

export interface Reported {
  severity: string
  code: string
  message: string
  begin: number
  end: number
}

export function testEnv(overrides: Partial<RenderEnv> = {}): RenderEnv & { reports: Reported[] } {
  const reports: Reported[] = []
  return {
    now: new Date('2024-03-05T14:07:09Z'),
    connectedContent: () => undefined,
    contentBlock: () => undefined,
    catalog: () => undefined,
    report: (at, severity, code, message) => reports.push({ severity, code, message, begin: at.begin, end: at.end }),
    reports,
    ...overrides,
  }
}

export function renderSyncWithEnv(
  liquid: Liquid,
  source: string,
  scope: Record<string, unknown> = {},
  env: RenderEnv = testEnv(),
): string {
  const ctx = new Context(scope, liquid.options, { sync: true })
  setRenderEnv(ctx, env)
  return toValueSync(liquid.renderer.renderTemplates(liquid.parse(source), ctx)) as string
}
