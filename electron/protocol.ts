/**
 * The UI is served from a custom `app://hookbench` origin rather than `file://`, so the page has a
 * real origin (CSP `'self'` means the app only) and cannot read arbitrary local files.
 */
import { net, protocol } from 'electron'
import { pathToFileURL } from 'node:url'
import { join, normalize, resolve, sep } from 'node:path'
import { SECURITY_HEADERS } from './security.js'

export const APP_SCHEME = 'app'
const APP_HOST = 'hookbench'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`

/**
 * Whether a URL is a page of the app. Compares scheme and host, not `URL.origin`: in the main
 * process, Node's URL does not know that Electron registered app: as a standard scheme, and gives
 * it the opaque origin "null", which would match nothing.
 */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url)
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST
  } catch {
    return false
  }
}

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ])
}

export function serveRenderer(rendererDir: string): void {
  const root = resolve(rendererDir)
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url)
    if (url.host !== APP_HOST) return new Response('Not found', { status: 404 })
    const relative = normalize(decodeURIComponent(url.pathname)).replace(/^([/\\])+/, '') || 'index.html'
    const file = join(root, relative)
    if (!file.startsWith(root + sep)) return new Response('Not found', { status: 404 })
    const response = await net.fetch(pathToFileURL(file).toString()).catch(() => undefined)
    if (!response || !response.ok) return new Response('Not found', { status: 404 })
    const headers = new Headers(response.headers)
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) headers.set(name, value)
    return new Response(response.body, { status: 200, headers })
  })
}
