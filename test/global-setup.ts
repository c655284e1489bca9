/** Builds the CLI once before the suite, so the end-to-end tests run the real `hookbench` bin. */
import { execFileSync } from 'node:child_process'

export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build-node.mjs'], { stdio: 'inherit' })
}
