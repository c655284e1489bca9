// Bundles the Node side into dist/ with esbuild (run by `npm ci` through `prepare`):
// the CLI, the benchmark, and the Electron main and preload scripts. The UI is built by Vite.
import { cp } from 'node:fs/promises'
import { build } from 'esbuild'

const node = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
}

await Promise.all([
  build({ ...node, format: 'esm', entryPoints: ['cli/bin.ts'], outfile: 'dist/cli.js' }),
  build({ ...node, format: 'esm', entryPoints: ['bench/index.ts'], outfile: 'dist/bench.js' }),
  build({ ...node, format: 'esm', entryPoints: ['bench/ui.ts'], outfile: 'dist/bench-ui.js' }),
  build({ ...node, format: 'esm', entryPoints: ['electron/main.ts'], outfile: 'dist/main.js', external: ['electron'] }),
  // A sandboxed preload must be one CommonJS file that requires nothing but electron.
  build({ ...node, packages: undefined, format: 'cjs', entryPoints: ['electron/preload.ts'], outfile: 'dist/preload.cjs', external: ['electron'] }),
  // Workspace examples are read at run time by `hookbench init` and the app.
  cp('electron/services/workspace/examples', 'dist/examples', { recursive: true }),
])
