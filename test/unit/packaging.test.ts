/**
 * Packaging, checked without the Electron binary (which this machine cannot download):
 * electron-builder.yml against electron-builder's own schema and file matching, a real unpacked
 * package built by electron-builder around a stand-in Electron, the icons it names, the afterPack
 * hook that flips the Electron fuses, the version the app reports, and `npm run dist` refusing to
 * start without Electron.
 */
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it, onTestFinished } from 'vitest'

const ROOT = join(import.meta.dirname, '..', '..')
const run = promisify(execFile)

// ── electron-builder's own loader, validator and file matchers ──

/** electron-builder's `Configuration`, as far as these tests read it. */
interface BuilderConfig {
  appId?: string
  productName?: string
  asar?: boolean
  afterPack?: string
  files?: unknown
  directories?: { output?: string; buildResources?: string }
  fileAssociations?: unknown[]
  mac?: PlatformConfig
  win?: PlatformConfig
  linux?: PlatformConfig
}
interface PlatformConfig {
  icon?: string
  target?: { target: string; arch: string[] }[]
}
type Filter = (file: string, stat: { isDirectory(): boolean; moduleFullFilePath?: string }) => boolean
interface AfterPackContext {
  appOutDir: string
  electronPlatformName: string
  arch: number
  packager: { appInfo: { productFilename: string }; executableName?: string }
}

/** app-builder-lib, resolved the way electron-builder resolves it (it is electron-builder's own dependency). */
const builderLib = createRequire(createRequire(import.meta.url).resolve('electron-builder'))
const { getConfig, validateConfiguration } = builderLib('app-builder-lib/out/util/config/config.js') as {
  getConfig(projectDir: string, configPath: null, configFromOptions: null): Promise<BuilderConfig>
  validateConfiguration(config: BuilderConfig, debugLogger: { isEnabled: boolean; add(): void }): Promise<void>
}
const { getMainFileMatchers, getNodeModuleFileMatcher } = builderLib('app-builder-lib/out/fileMatcher.js') as {
  getMainFileMatchers(appDir: string, destination: string, expand: (s: string) => string, platformOptions: object, packager: object, outDir: string, electronCompile: boolean): { createFilter(): Filter }[]
  getNodeModuleFileMatcher(appDir: string, destination: string, expand: (s: string) => string, platformOptions: object, info: object): { createFilter(): Filter }
}
const { resolveFunction } = builderLib('app-builder-lib/out/util/resolve.js') as {
  resolveFunction(type: string | undefined, executor: string, name: string, rootSearchDir: string): Promise<(context: AfterPackContext) => Promise<void>>
}
const NO_DEBUG = { isEnabled: false, add() {} }

const config = await getConfig(ROOT, null, null)

/** The filters electron-builder applies to the app's own files and to node_modules. */
function shippedFilters(): { app: Filter; modules: Filter } {
  const expand = (s: string) => s
  const info = { projectDir: ROOT, buildResourcesDir: config.directories?.buildResources ?? 'build', config, isPrepackedAppAsar: false, debugLogger: NO_DEBUG }
  const [app] = getMainFileMatchers(ROOT, '/app', expand, config.linux ?? {}, { info }, join(ROOT, config.directories?.output ?? 'dist'), false)
  return { app: app!.createFilter(), modules: getNodeModuleFileMatcher(ROOT, '/app', expand, config.linux ?? {}, info).createFilter() }
}
const FILE = { isDirectory: () => false }
const DIRECTORY = { isDirectory: () => true }

/** Files of the repository that electron-builder would put into app.asar, walking as its copier does. */
async function shippedAppFiles(filter: Filter, dir = ROOT): Promise<string[]> {
  const found: string[] = []
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (['node_modules', '.git'].includes(entry.name) || !filter(path, entry.isDirectory() ? DIRECTORY : FILE)) continue
    if (entry.isDirectory()) found.push(...(await shippedAppFiles(filter, path)))
    else found.push(relative(ROOT, path).replaceAll('\\', '/'))
  }
  return found
}

describe('electron-builder.yml', () => {
  it("is valid against electron-builder's own schema (which does reject what it does not know)", async () => {
    await expect(validateConfiguration(config, NO_DEBUG)).resolves.toBeUndefined()
    await expect(validateConfiguration({ ...config, notAnOption: true } as BuilderConfig, NO_DEBUG)).rejects.toThrow(/unknown property 'notAnOption'/)
  })

  it('names the app and builds AppImage and deb, dmg for Intel and Apple silicon, and an NSIS installer, with asar', () => {
    expect(config).toMatchObject({ appId: 'com.hookbench.app', productName: 'Hookbench', asar: true, directories: { output: 'out' } })
    expect(config.linux?.target).toEqual([
      { target: 'AppImage', arch: ['x64'] },
      { target: 'deb', arch: ['x64'] },
    ])
    expect(config.mac?.target).toEqual([{ target: 'dmg', arch: ['x64', 'arm64'] }])
    expect(config.win?.target).toEqual([{ target: 'nsis', arch: ['x64'] }])
    // .liquid files open in Hookbench, which finds their workspace (electron/openFiles.ts).
    expect(config.fileAssociations).toEqual([{ ext: 'liquid', name: 'Liquid template', description: 'Hookbench webhook template', mimeType: 'text/x-liquid', role: 'Editor' }])
  })

  it('ships the built app only: no CLI, benchmark, sources, tests, maps or build files', async () => {
    const { app } = shippedFilters()
    const shipped = (path: string) => app(join(ROOT, path), FILE)
    for (const path of ['package.json', 'dist/main.js', 'dist/preload.cjs', 'dist/renderer/index.html', 'dist/renderer/assets/index-1a2b.js', 'dist/examples/templates/nps.liquid']) {
      expect(shipped(path), path).toBe(true)
    }
    for (const path of [
      'dist/main.js.map', 'dist/preload.cjs.map', 'dist/renderer/assets/index-1a2b.js.map', 'dist/cli.js', 'dist/bench.js',
      'test/unit/packaging.test.ts', 'test/fixtures/workspace/templates/x.liquid', 'shared/engine/part.ts', 'electron/main.ts',
      'renderer/index.html', 'renderer/src/main.tsx', 'cli/main.ts', 'bench/index.ts', 'bin/hookbench.js', 'scripts/dist.mjs',
      'build/icon.svg', 'out/linux-unpacked/hookbench', 'README.md', 'tsconfig.json', 'vitest.config.ts', 'electron-builder.yml',
      'package-lock.json', '.ci/run', 'playwright.config.ts', 'test-results/x.png', 'coverage/index.html',
    ]) {
      expect(shipped(path), path).toBe(false)
    }
    // Whatever is on disk right now: only the allowed build output gets in.
    const allowed = /^(?:package\.json|dist\/(?:main\.js|preload\.cjs|renderer\/.+|examples\/.+))$/
    expect((await shippedAppFiles(app)).filter((path) => !allowed.test(path) || path.endsWith('.map'))).toEqual([])
  })

  it('ships exactly the packages the main process imports and what they depend on, nothing the UI or CLI alone needs', async () => {
    const { modules } = shippedFilters()
    const lock = JSON.parse(await readFile(join(ROOT, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { dev?: boolean; devOptional?: boolean; dependencies?: Record<string, string> }>
    }
    // What electron-builder collects: the production tree, by install path.
    const production = Object.keys(lock.packages).filter((path) => path !== '' && !lock.packages[path]!.dev && !lock.packages[path]!.devOptional)
    const shipped = production.filter((path) => modules(join(ROOT, path, 'package.json'), { ...FILE, moduleFullFilePath: `${path}/package.json` }))

    // What the main process needs: the packages its bundles import, and their dependencies, as Node resolves them.
    const imported = new Set<string>()
    for (const bundle of ['dist/main.js', 'dist/preload.cjs']) {
      const code = await readFile(join(ROOT, bundle), 'utf8')
      // Bare specifiers only (package names), in static and dynamic imports and requires.
      for (const [, specifier] of code.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*)["']([\w@][\w@./:-]*)["']/g)) {
        if (specifier!.startsWith('node:') || specifier === 'electron') continue
        imported.add(specifier!.split('/').slice(0, specifier!.startsWith('@') ? 2 : 1).join('/'))
      }
    }
    expect([...imported].sort()).toEqual(expect.arrayContaining(['liquidjs', 'yaml', 'zod']))
    const resolve = (from: string, name: string): string => {
      for (let dir = from; ; dir = dir.slice(0, Math.max(0, dir.lastIndexOf('/node_modules/')))) {
        const candidate = `${dir ? `${dir}/` : ''}node_modules/${name}`
        if (lock.packages[candidate]) return candidate
        if (!dir) throw new Error(`${name} (needed by ${from || 'the main process'}) is not installed`)
      }
    }
    const needed = new Set<string>()
    const visit = (path: string) => {
      if (needed.has(path)) return
      needed.add(path)
      for (const dependency of Object.keys(lock.packages[path]!.dependencies ?? {})) visit(resolve(path, dependency))
    }
    for (const name of imported) visit(resolve('', name))

    expect(shipped.sort()).toEqual([...needed].sort())
    // Source maps inside dependencies stay out as well.
    expect(modules(join(ROOT, 'node_modules/liquidjs/dist/liquid.node.js.map'), { ...FILE, moduleFullFilePath: 'node_modules/liquidjs/dist/liquid.node.js.map' })).toBe(false)
  })
})

// ── Icons ──

function pngSize(bytes: Uint8Array): { width: number; height: number } {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  expect(view.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a')
  expect(view.subarray(12, 16).toString('latin1')).toBe('IHDR')
  return { width: view.readUInt32BE(16), height: view.readUInt32BE(20) }
}

const ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024]
const ICNS_SIZES: Record<string, number> = { icp4: 16, icp5: 32, icp6: 64, ic07: 128, ic08: 256, ic09: 512, ic10: 1024, ic11: 32, ic12: 64, ic13: 256, ic14: 512 }

interface IconScript {
  SOURCE: string
  buildIcons(svg: Uint8Array): Promise<Map<string, Uint8Array>>
}

describe('icons', () => {
  it('has the Linux icon set in every size from 16 to 1024 pixels', async () => {
    expect(config.linux?.icon).toBe('build/icons')
    const names = (await readdir(join(ROOT, 'build/icons'))).sort()
    expect(names).toEqual(ICON_SIZES.map((s) => `${s}x${s}.png`).sort())
    for (const size of ICON_SIZES) {
      expect(pngSize(await readFile(join(ROOT, `build/icons/${size}x${size}.png`)))).toEqual({ width: size, height: size })
    }
  })

  it('has a Windows .ico of PNG images from 16 to 256 pixels', async () => {
    expect(config.win?.icon).toBe('build/icon.ico')
    const ico = await readFile(join(ROOT, 'build/icon.ico'))
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1])
    const sizes = Array.from({ length: ico.readUInt16LE(4) }, (_, i) => {
      const entry = 6 + 16 * i
      const size = ico.readUInt8(entry) || 256
      expect(ico.readUInt8(entry + 1) || 256).toBe(size)
      const png = ico.subarray(ico.readUInt32LE(entry + 12), ico.readUInt32LE(entry + 12) + ico.readUInt32LE(entry + 8))
      expect(pngSize(png)).toEqual({ width: size, height: size })
      return size
    })
    expect(sizes).toEqual([16, 24, 32, 48, 64, 128, 256])
  })

  it('has a macOS .icns with every size up to 1024 pixels, @2x included', async () => {
    expect(config.mac?.icon).toBe('build/icon.icns')
    const icns = await readFile(join(ROOT, 'build/icon.icns'))
    expect(icns.subarray(0, 4).toString('latin1')).toBe('icns')
    expect(icns.readUInt32BE(4)).toBe(icns.length)
    const types: string[] = []
    for (let at = 8; at < icns.length; at += icns.readUInt32BE(at + 4)) {
      const type = icns.subarray(at, at + 4).toString('latin1')
      const size = ICNS_SIZES[type]
      expect(size, `icns entry ${type}`).toBeDefined()
      expect(pngSize(icns.subarray(at + 8, at + icns.readUInt32BE(at + 4)))).toEqual({ width: size, height: size })
      types.push(type)
    }
    expect(types.sort()).toEqual(Object.keys(ICNS_SIZES).sort())
  })

  it('are exactly what scripts/build-icons.mjs renders from build/icon.svg', async () => {
    const script = (await import(new URL('../../scripts/build-icons.mjs', import.meta.url).href)) as IconScript
    const icons = await script.buildIcons(await readFile(script.SOURCE))
    expect([...icons.keys()].sort()).toEqual(['build/icon.icns', 'build/icon.ico', ...ICON_SIZES.map((s) => `build/icons/${s}x${s}.png`)].sort())
    for (const [path, bytes] of icons) {
      expect(Buffer.from(bytes).equals(await readFile(join(ROOT, path))), `${path} is stale: run npm run icons`).toBe(true)
    }
  })
})

// ── Electron fuses ──

interface AfterPackScript {
  HOOKBENCH_FUSES: Record<string, unknown>
  applyFuses(context: AfterPackContext, flip: (path: string, config: object) => Promise<unknown>): Promise<void>
}
const afterPackScript = (await import(new URL('../../scripts/after-pack.mjs', import.meta.url).href)) as AfterPackScript
const ARCH = { x64: 1, arm64: 3 }

function packContext(electronPlatformName: string, arch: number, appOutDir = '/out/app'): AfterPackContext {
  return { appOutDir, electronPlatformName, arch, packager: { appInfo: { productFilename: 'Hookbench' }, executableName: 'hookbench' } }
}

/** Electron's fuse wire: a sentinel, the wire version, its length, then one byte per fuse ('0' off, '1' on). */
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'
/** Electron's defaults: RunAsNode on, cookie encryption off, NODE_OPTIONS on, --inspect on, integrity off, asar-only off, V8 snapshot off, file:// privileges on. */
const DEFAULT_WIRE = '10110001'

function fakeElectronBinary(wire: string): Buffer {
  return Buffer.concat([Buffer.from('\u007fELF…electron…'), Buffer.from(SENTINEL), Buffer.from([1, wire.length]), Buffer.from(wire), Buffer.from('…rest of the binary')])
}

function wireOf(binary: Buffer): string {
  const at = binary.indexOf(SENTINEL) + SENTINEL.length
  return binary.subarray(at + 2, at + 2 + binary[at + 1]!).toString('latin1')
}

describe('the afterPack hook', () => {
  it('flips exactly the six fuses, in the binary of each platform, re-signing ad hoc only for Apple silicon', async () => {
    const calls: { path: string; config: object }[] = []
    const flip = async (path: string, fuseConfig: object) => void calls.push({ path, config: fuseConfig })
    for (const context of [packContext('linux', ARCH.x64), packContext('win32', ARCH.x64), packContext('darwin', ARCH.x64), packContext('darwin', ARCH.arm64)]) {
      await afterPackScript.applyFuses(context, flip)
    }
    // FuseV1Options: 0 RunAsNode, 1 EnableCookieEncryption, 2 EnableNodeOptionsEnvironmentVariable,
    // 3 EnableNodeCliInspectArguments, 4 EnableEmbeddedAsarIntegrityValidation, 5 OnlyLoadAppFromAsar.
    const fuses = { version: '1', 0: false, 1: true, 2: false, 3: false, 4: true, 5: true }
    expect(calls).toEqual([
      { path: join('/out/app', 'hookbench'), config: { ...fuses, resetAdHocDarwinSignature: false } },
      { path: join('/out/app', 'Hookbench.exe'), config: { ...fuses, resetAdHocDarwinSignature: false } },
      { path: join('/out/app', 'Hookbench.app'), config: { ...fuses, resetAdHocDarwinSignature: false } },
      { path: join('/out/app', 'Hookbench.app'), config: { ...fuses, resetAdHocDarwinSignature: true } },
    ])
  })

  it('is what electron-builder runs after packing, and patches the fuse wire of the binary', async () => {
    expect(config.afterPack).toBe('./scripts/after-pack.mjs')
    const hook = await resolveFunction(undefined, config.afterPack!, 'afterPack', ROOT)
    const appOutDir = await mkdtemp(join(tmpdir(), 'hookbench-pack-'))
    onTestFinished(() => rm(appOutDir, { recursive: true, force: true }))
    await writeFile(join(appOutDir, 'hookbench'), fakeElectronBinary(DEFAULT_WIRE))
    await hook(packContext('linux', ARCH.x64, appOutDir))
    // The six set as configured; the V8-snapshot and file:// fuses keep Electron's defaults.
    expect(wireOf(await readFile(join(appOutDir, 'hookbench')))).toBe('01001101')
  })
})

describe('electron-builder, packing for real around a stand-in Electron', () => {
  it('builds the unpacked Linux app: app.asar holds the built app and the main process\'s packages only, and the fuses are flipped', async () => {
    const work = await mkdtemp(join(tmpdir(), 'hookbench-pack-real-'))
    onTestFinished(() => rm(work, { recursive: true, force: true }))
    // What electron-builder copies from an Electron distribution; the binary carries the fuse wire.
    const electronDist = join(work, 'electron')
    await mkdir(join(electronDist, 'resources'), { recursive: true })
    await writeFile(join(electronDist, 'electron'), fakeElectronBinary(DEFAULT_WIRE), { mode: 0o755 })
    await writeFile(join(electronDist, 'LICENSE'), 'MIT')
    await writeFile(join(electronDist, 'version'), (await import('electron/package.json', { with: { type: 'json' } })).default.version)

    // `--dir`: the unpacked app, the step every installer starts from (AppImage and deb need tools downloaded on demand).
    const output = join(work, 'out')
    await run(process.execPath, [join(ROOT, 'node_modules/electron-builder/cli.js'), '--linux', 'dir', '--x64', `--config.electronDist=${electronDist}`, `--config.directories.output=${output}`], { cwd: ROOT })

    const unpacked = join(output, 'linux-unpacked')
    expect(wireOf(await readFile(join(unpacked, 'hookbench')))).toBe('01001101')
    const asar = builderLib('@electron/asar') as { listPackage(path: string, options: object): string[] }
    const files = asar.listPackage(join(unpacked, 'resources', 'app.asar'), { isPack: false }).map((f) => f.replaceAll('\\', '/').replace(/^\//, ''))
    const own = files.filter((f) => !f.startsWith('node_modules'))
    expect(own).toContain('dist/main.js')
    expect(own).toContain('dist/preload.cjs')
    expect(own).toContain('dist/renderer/index.html')
    const allowed = /^(?:package\.json|dist(?:\/(?:main\.js|preload\.cjs|renderer(?:\/.+)?|examples(?:\/.+)?))?)$/
    expect(own.filter((f) => !allowed.test(f) || f.endsWith('.map'))).toEqual([])
    const packages = new Set(files.filter((f) => f.startsWith('node_modules/')).map((f) => f.split('/').slice(1, f.split('/')[1]!.startsWith('@') ? 3 : 2).join('/')))
    for (const needed of ['liquidjs', 'yaml', 'zod', 'jsonc-parser', '@noble/hashes']) expect(packages, needed).toContain(needed)
    for (const unwanted of ['monaco-editor', 'react', 'react-dom', 'zustand', 'commander', 'electron', 'vitest']) expect(packages, unwanted).not.toContain(unwanted)
  }, 120_000)
})

// ── Version and `npm run dist` ──

describe('release plumbing', () => {
  it('reports the version of package.json (`hookbench --version`)', async () => {
    const { version } = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string }
    const { stdout } = await run(process.execPath, [join(ROOT, 'bin/hookbench.js'), '--version'])
    expect(stdout.trim()).toBe(version)
  })

  interface DistScript {
    findElectronBinary(root?: string): { problem?: string; dist?: string; binary?: string }
    linuxTargetArgs(pkg: object, platform?: string): { args: string[]; note?: string }
  }
  const distScript = () => import(new URL('../../scripts/dist.mjs', import.meta.url).href) as Promise<DistScript>

  it('finds the Electron binary only where node_modules/electron/path.txt names an existing file', async () => {
    const { findElectronBinary } = await distScript()
    const root = await mkdtemp(join(tmpdir(), 'hookbench-electron-'))
    onTestFinished(() => rm(root, { recursive: true, force: true }))
    await mkdir(join(root, 'node_modules/electron/dist'), { recursive: true })
    expect(findElectronBinary(root).problem).toMatch(/path\.txt is missing/)
    await writeFile(join(root, 'node_modules/electron/path.txt'), 'electron')
    expect(findElectronBinary(root).problem).toMatch(/which is missing/)
    await writeFile(join(root, 'node_modules/electron/dist/electron'), '')
    expect(findElectronBinary(root)).toEqual({ dist: join(root, 'node_modules/electron/dist'), binary: join(root, 'node_modules/electron/dist/electron') })
  })

  it('builds the deb on Linux only once the project has a homepage, the AppImage meanwhile', async () => {
    const { linuxTargetArgs } = await distScript()
    const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as object
    expect(linuxTargetArgs({ ...pkg, homepage: undefined }, 'linux')).toEqual({ args: ['--linux', 'AppImage'], note: expect.stringMatching(/deb package needs a project homepage/) })
    expect(linuxTargetArgs({ ...pkg, homepage: 'https://hookbench.example' }, 'linux')).toEqual({ args: [] })
    expect(linuxTargetArgs({ ...pkg, repository: 'github:acme/hookbench' }, 'linux')).toEqual({ args: [] })
    expect(linuxTargetArgs({ ...pkg, homepage: undefined }, 'darwin')).toEqual({ args: [] })
  })

  const electronInstalled = existsSync(join(ROOT, 'node_modules/electron/path.txt'))
  if (electronInstalled) console.warn('Skipping the `npm run dist` refusal test: the Electron binary is installed here, so it would really build.')

  it.skipIf(electronInstalled)('`npm run dist` stops at once, saying why, when the Electron binary is missing', async () => {
    const started = performance.now()
    const failure = await run(process.execPath, [join(ROOT, 'scripts/dist.mjs')], { cwd: ROOT }).then(
      () => undefined,
      (err: { code: number; stderr: string }) => err,
    )
    expect(failure?.code).toBe(1)
    expect(failure?.stderr).toMatch(/cannot package the app: node_modules\/electron\/path\.txt is missing/)
    expect(failure?.stderr).toMatch(/Nothing was built/)
    expect(performance.now() - started).toBeLessThan(5000)
  })
})
