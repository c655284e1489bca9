// `npm run dist`: the desktop installers for this platform (AppImage and deb on Linux, dmg on
// macOS, NSIS on Windows) in out/, for this machine's architecture, from electron-builder.yml.
//
// Electron 45 fetches its binary lazily, on first launch. electron-builder packages that binary;
// without it, it would try to download Electron (and then its packaging tools) and fail deep
// inside, or hang on a machine without internet. So this checks first and says what to do.
// Extra arguments go to electron-builder, e.g. `npm run dist -- --dir` for an unpacked build.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const ROOT = fileURLToPath(new URL('..', import.meta.url))

/** The installed Electron binary (as `node_modules/electron/path.txt` names it), or why there is none. */
export function findElectronBinary(root = ROOT) {
  const electron = join(root, 'node_modules', 'electron')
  const pathFile = join(electron, 'path.txt')
  if (!existsSync(pathFile)) return { problem: 'node_modules/electron/path.txt is missing: the Electron binary was never downloaded' }
  const binary = join(electron, 'dist', readFileSync(pathFile, 'utf8').trim())
  if (!existsSync(binary)) return { problem: `node_modules/electron/path.txt names ${binary}, which is missing` }
  return { dist: join(electron, 'dist'), binary }
}

/**
 * electron-builder's deb target refuses to run without a project homepage (package.json
 * `homepage`, or a GitHub `repository`), which Hookbench has not published yet. Until it has,
 * Linux gets the AppImage alone, and says why, rather than failing after the AppImage is built.
 */
export function linuxTargetArgs(pkg, platform = process.platform) {
  if (platform !== 'linux') return { args: [] }
  const repository = typeof pkg.repository === 'string' ? pkg.repository : (pkg.repository?.url ?? '')
  // The forms electron-builder turns into a GitHub page: a github.com URL, `github:user/repo`, `user/repo`.
  const hasHomepage = Boolean(pkg.homepage) || /github\.com[/:]|^github:|^[\w.-]+\/[\w.-]+$/.test(repository)
  if (hasHomepage) return { args: [] }
  return {
    args: ['--linux', 'AppImage'],
    note: 'hookbench dist: building the AppImage only: the deb package needs a project homepage ("homepage" in package.json), and none is set.',
  }
}

function run(command, args) {
  // npm is a .cmd script on Windows, which Node only starts through a shell.
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', shell: process.platform === 'win32' })
  if (result.status !== 0) process.exit(result.status ?? 1)
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const electron = findElectronBinary()
  if (electron.problem) {
    process.stderr.write(
      [
        `hookbench dist: cannot package the app: ${electron.problem}.`,
        'Electron 45 downloads its binary on first launch, and electron-builder packages that binary.',
        'On a machine with internet access, run `npx install-electron` (or start the app once with `npm start`),',
        'then run `npm run dist` again. Nothing was built.',
        '',
      ].join('\n'),
    )
    process.exit(1)
  }
  const linux = linuxTargetArgs(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')))
  if (linux.note) process.stderr.write(`${linux.note}\n`)
  run('npm', ['run', 'build'])
  // The installed binary is this machine's platform and architecture: package exactly that, from it.
  run(process.execPath, [
    join(ROOT, 'node_modules', 'electron-builder', 'cli.js'),
    `--${process.arch === 'arm' ? 'armv7l' : process.arch}`,
    `--config.electronDist=${electron.dist}`,
    ...linux.args,
    ...process.argv.slice(2),
  ])
}
