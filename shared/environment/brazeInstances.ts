/**
 * Braze REST API hosts by instance (braze.md §5.1, the "instances" table of Braze's docs).
 * The dashboard shows the instance; webhooks to Braze must call its REST host. There is no
 * US-09; EU-03 appears only in a third-party test and is left out until confirmed.
 */

export const BRAZE_INSTANCES = {
  'US-01': 'rest.iad-01.braze.com',
  'US-02': 'rest.iad-02.braze.com',
  'US-03': 'rest.iad-03.braze.com',
  'US-04': 'rest.iad-04.braze.com',
  'US-05': 'rest.iad-05.braze.com',
  'US-06': 'rest.iad-06.braze.com',
  'US-07': 'rest.iad-07.braze.com',
  'US-08': 'rest.iad-08.braze.com',
  'US-10': 'rest.iad-10.braze.com',
  'EU-01': 'rest.fra-01.braze.eu',
  'EU-02': 'rest.fra-02.braze.eu',
  'AU-01': 'rest.au-01.braze.com',
  'ID-01': 'rest.id-01.braze.com',
} as const

export type BrazeInstance = keyof typeof BRAZE_INSTANCES

export const BRAZE_INSTANCE_IDS = Object.keys(BRAZE_INSTANCES) as BrazeInstance[]

/** The instance named by `text` (case-insensitive, as people copy it from anywhere). */
export function brazeInstance(text: string): BrazeInstance | undefined {
  const upper = text.trim().toUpperCase()
  return BRAZE_INSTANCE_IDS.find((id) => id === upper)
}

/** The REST host (no scheme) of an instance. */
export function brazeRestHost(instance: BrazeInstance): string {
  return BRAZE_INSTANCES[instance]
}

/**
 * The instance behind a pasted REST or dashboard host or URL, so a wrong value can be answered
 * with the right one. Dashboard hosts follow `dashboard-0N.braze.com` (US-0N),
 * `dashboard-0N.braze.eu` (EU-0N) and `dashboard.au-01.braze.com` (braze.md §5.1).
 */
export function brazeInstanceFromHost(text: string): BrazeInstance | undefined {
  const host = text.trim().toLowerCase().replace(/^[a-z]+:\/\//, '').replace(/[/:].*$/, '')
  const byRestHost = BRAZE_INSTANCE_IDS.find((id) => BRAZE_INSTANCES[id] === host)
  if (byRestHost) return byRestHost
  const dashboard = /^dashboard-(\d{2})\.braze\.(com|eu)$/.exec(host)
  if (dashboard) return brazeInstance(`${dashboard[2] === 'eu' ? 'EU' : 'US'}-${dashboard[1]}`)
  const regional = /^dashboard\.([a-z]{2}-\d{2})\.braze\.com$/.exec(host)
  return regional ? brazeInstance(regional[1]!) : undefined
}
