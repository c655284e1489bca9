// Renders every app icon from the one source image, build/icon.svg:
//   build/icons/NxN.png  16…1024, the Linux icon set (electron-builder reads sizes from the names)
//   build/icon.ico       Windows: 16…256, PNG-compressed entries (Windows Vista and later)
//   build/icon.icns      macOS: 16…1024 including the @2x variants, PNG entries (macOS 10.7 and later)
// The outputs are committed, so packaging never depends on this script or its native rasterizer.
// Run it after changing the SVG: `node scripts/build-icons.mjs`.
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { join } from 'node:path'
import { Resvg } from '@resvg/resvg-js'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
export const SOURCE = join(ROOT, 'build', 'icon.svg')
export const PNG_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024]
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256]
/** ICNS entry types and the pixel size each holds (`ic11`…`ic14` are the @2x variants). */
export const ICNS_TYPES = [
  ['icp4', 16],
  ['icp5', 32],
  ['icp6', 64],
  ['ic07', 128],
  ['ic08', 256],
  ['ic09', 512],
  ['ic10', 1024],
  ['ic11', 32],
  ['ic12', 64],
  ['ic13', 256],
  ['ic14', 512],
]

/** The SVG as a square PNG of `size` pixels. */
export function renderPng(svg, size) {
  return new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render().asPng()
}

/** A Windows icon: a directory of 16-byte entries, then the PNG images. */
export function icoFrom(pngsBySize) {
  const sizes = [...pngsBySize.keys()]
  const header = Buffer.alloc(6 + 16 * sizes.length)
  header.writeUInt16LE(0, 0) // reserved
  header.writeUInt16LE(1, 2) // type: icon
  header.writeUInt16LE(sizes.length, 4)
  let offset = header.length
  sizes.forEach((size, i) => {
    const png = pngsBySize.get(size)
    const entry = 6 + 16 * i
    header.writeUInt8(size >= 256 ? 0 : size, entry) // 0 means 256
    header.writeUInt8(size >= 256 ? 0 : size, entry + 1)
    header.writeUInt8(0, entry + 2) // no palette
    header.writeUInt8(0, entry + 3)
    header.writeUInt16LE(1, entry + 4) // colour planes
    header.writeUInt16LE(32, entry + 6) // bits per pixel
    header.writeUInt32LE(png.length, entry + 8)
    header.writeUInt32LE(offset, entry + 12)
    offset += png.length
  })
  return Buffer.concat([header, ...sizes.map((size) => pngsBySize.get(size))])
}

/** A macOS icon: `icns` and the total length, then one (type, length, PNG) block per entry. */
export function icnsFrom(pngsBySize) {
  const blocks = ICNS_TYPES.map(([type, size]) => {
    const png = pngsBySize.get(size)
    const head = Buffer.alloc(8)
    head.write(type, 0, 'latin1')
    head.writeUInt32BE(8 + png.length, 4)
    return Buffer.concat([head, png])
  })
  const head = Buffer.alloc(8)
  head.write('icns', 0, 'latin1')
  head.writeUInt32BE(8 + blocks.reduce((sum, b) => sum + b.length, 0), 4)
  return Buffer.concat([head, ...blocks])
}

/** Every icon file, by its path relative to the repository root. */
export async function buildIcons(svg) {
  const pngs = new Map(PNG_SIZES.map((size) => [size, renderPng(svg, size)]))
  const pick = (sizes) => new Map(sizes.map((size) => [size, pngs.get(size)]))
  return new Map([
    ...PNG_SIZES.map((size) => [`build/icons/${size}x${size}.png`, pngs.get(size)]),
    ['build/icon.ico', icoFrom(pick(ICO_SIZES))],
    ['build/icon.icns', icnsFrom(pick([...new Set(ICNS_TYPES.map(([, size]) => size))]))],
  ])
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const icons = await buildIcons(await readFile(SOURCE))
  await mkdir(join(ROOT, 'build', 'icons'), { recursive: true })
  for (const [path, bytes] of icons) await writeFile(join(ROOT, path), bytes)
  console.log(`Wrote ${icons.size} icon files from build/icon.svg.`)
}
