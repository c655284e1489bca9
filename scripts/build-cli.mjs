// Bundles the CLI (and the benchmark) into dist/ with esbuild; run by `npm ci` through `prepare`.
import { build } from 'esbuild'

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
}

await Promise.all([
  build({ ...common, entryPoints: ['cli/bin.ts'], outfile: 'dist/cli.js' }),
  build({ ...common, entryPoints: ['bench/render.bench.ts'], outfile: 'dist/bench.js' }),
])
