#!/usr/bin/env node
// Runs the CLI built by `npm run build:node` (run automatically by `npm ci` through `prepare`).
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const built = fileURLToPath(new URL('../dist/cli.js', import.meta.url))
if (!existsSync(built)) {
  process.stderr.write('hookbench: the CLI is not built yet; run `npm run build:node` in the Hookbench folder.\n')
  process.exit(2)
}
await import(built)
