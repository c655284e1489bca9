// electron-builder `afterPack` hook: flips Hookbench's Electron fuses in the packaged binary.
// It runs after the app is copied in and before signing, so the signature covers the flipped
// fuses. Fuses are bits compiled into the Electron binary: unlike command-line switches, nothing
// at run time (an environment variable, a flag, a file next to the app) can turn them back.
import { join } from 'node:path'
import { flipFuses, FuseV1Options, FuseVersion } from '@electron/fuses'

/** Exactly the fuses Hookbench sets; every other fuse keeps Electron's default. */
export const HOOKBENCH_FUSES = Object.freeze({
  version: FuseVersion.V1,
  // ELECTRON_RUN_AS_NODE would turn the signed app into a plain Node.js for anyone who sets it.
  [FuseV1Options.RunAsNode]: false,
  // Cookies on disk are encrypted with the OS keychain, as Chrome does.
  [FuseV1Options.EnableCookieEncryption]: true,
  // NODE_OPTIONS (e.g. --require) and --inspect would let another program inject code into the app.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // The app code is app.asar, checked against the hash electron-builder embeds (macOS, Windows)...
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  // ...and only app.asar: no unpacked `app/` folder next to it is ever loaded instead.
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
})

/** Arch of electron-builder's `AfterPackContext` (builder-util's enum). */
const ARM64 = 3
const UNIVERSAL = 4

/** The file @electron/fuses patches: the `.app` bundle on macOS, the executable elsewhere. */
export function electronBinaryPath(context) {
  const { appOutDir, electronPlatformName, packager } = context
  switch (electronPlatformName) {
    case 'darwin':
    case 'mas':
      return join(appOutDir, `${packager.appInfo.productFilename}.app`)
    case 'win32':
      return join(appOutDir, `${packager.appInfo.productFilename}.exe`)
    default:
      return join(appOutDir, packager.executableName)
  }
}

/**
 * Flips the fuses of one packed app. Patching the binary breaks the ad-hoc signature an arm64
 * Mac needs to run it at all, so that signature is made again there (a real signing identity,
 * applied after this hook, replaces it).
 */
export async function applyFuses(context, flip = flipFuses) {
  const mac = context.electronPlatformName === 'darwin' || context.electronPlatformName === 'mas'
  const resetAdHocDarwinSignature = mac && (context.arch === ARM64 || context.arch === UNIVERSAL)
  await flip(electronBinaryPath(context), { ...HOOKBENCH_FUSES, resetAdHocDarwinSignature })
}

export default async function afterPack(context) {
  await applyFuses(context)
}
