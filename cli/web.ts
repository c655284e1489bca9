/** `hookbench web` (`npm run web`): the UI in a normal browser, served on 127.0.0.1 only. */
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { startWebBridge } from '../electron/services/webBridge.js'
import { version } from '../package.json'
import { UsageError, type Io } from './io.js'

export interface WebCommandOptions {
  workspace?: string
  port: string
}

export async function webCommand(options: WebCommandOptions, io: Io): Promise<number> {
  // The CLI bundle sits in dist/, beside the built UI in dist/renderer/.
  const staticDir = fileURLToPath(new URL('./renderer/', import.meta.url))
  if (!existsSync(staticDir)) throw new UsageError('the UI is not built: run `npm run build:renderer` (or `npm run web`, which builds it)')
  const port = Number(options.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port: not a port number: ${options.port}`)
  const bridge = await startWebBridge({ staticDir, port, version, ...(options.workspace ? { workspaceDir: options.workspace } : {}) })
  io.out(`Hookbench is running in browser mode. Open this URL (it carries this run's access token):\n\n  ${bridge.url}\n\nPress Ctrl+C to stop.\n`)
  await new Promise<void>((done) => {
    const stop = () => void bridge.close().then(done)
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  })
  return 0
}
