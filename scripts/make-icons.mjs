#!/usr/bin/env node
/**
 * Renders resources/icon.svg into the icons electron-builder packs (run by hand after the SVG
 * changes; the results are committed): PNGs for Linux (resources/icons/NxN.png) and the
 * generic icon.png (1024), a Windows icon.ico and a macOS icon.icns. Chromium (through
 * playwright-core, already a dev dependency) draws the SVG; ICO and ICNS are written here,
 * both as containers of PNG images, which every supported Windows and macOS version reads.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const RES = join(ROOT, 'resources')

export const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512]
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256]
/** ICNS element types holding PNG data, by pixel size. */
export const ICNS_TYPES = [
  ['icp4', 16],
  ['icp5', 32],
  ['icp6', 64],
  ['ic07', 128],
  ['ic08', 256],
  ['ic09', 512],
  ['ic10', 1024]
]

/** An .ico file whose entries are PNG images (Windows Vista and later). */
export function buildIco(images) {
  const header = Buffer.alloc(6)
  header.writeUInt16LE(0, 0)
  header.writeUInt16LE(1, 2) // icon
  header.writeUInt16LE(images.length, 4)
  const entries = []
  let offset = 6 + 16 * images.length
  for (const { size, png } of images) {
    const e = Buffer.alloc(16)
    e.writeUInt8(size >= 256 ? 0 : size, 0)
    e.writeUInt8(size >= 256 ? 0 : size, 1)
    e.writeUInt8(0, 2) // no palette
    e.writeUInt8(0, 3)
    e.writeUInt16LE(1, 4) // planes
    e.writeUInt16LE(32, 6) // bits per pixel
    e.writeUInt32LE(png.length, 8)
    e.writeUInt32LE(offset, 12)
    offset += png.length
    entries.push(e)
  }
  return Buffer.concat([header, ...entries, ...images.map((i) => i.png)])
}

/** An .icns file of PNG elements. */
export function buildIcns(elements) {
  const parts = elements.map(({ type, png }) => {
    const head = Buffer.alloc(8)
    head.write(type, 0, 'ascii')
    head.writeUInt32BE(png.length + 8, 4)
    return Buffer.concat([head, png])
  })
  const body = Buffer.concat(parts)
  const head = Buffer.alloc(8)
  head.write('icns', 0, 'ascii')
  head.writeUInt32BE(body.length + 8, 4)
  return Buffer.concat([head, body])
}

async function render(browser, svg, size) {
  const page = await browser.newPage({ viewport: { width: size, height: size } })
  await page.setContent(
    `<html><body style="margin:0;background:transparent">${svg.replace(
      /width="1024" height="1024"/,
      `width="${size}" height="${size}"`
    )}</body></html>`
  )
  const png = await page.screenshot({
    omitBackground: true,
    clip: { x: 0, y: 0, width: size, height: size }
  })
  await page.close()
  return png
}

async function main() {
  const svg = readFileSync(join(RES, 'icon.svg'), 'utf8')
  const executablePath =
    process.env.CHROMIUM_PATH ||
    ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p))
  const browser = await chromium.launch({ executablePath })
  try {
    const sizes = [...new Set([...LINUX_SIZES, ...ICO_SIZES, ...ICNS_TYPES.map(([, s]) => s)])]
    const png = {}
    for (const size of sizes) png[size] = await render(browser, svg, size)
    mkdirSync(join(RES, 'icons'), { recursive: true })
    for (const size of LINUX_SIZES)
      writeFileSync(join(RES, 'icons', `${size}x${size}.png`), png[size])
    writeFileSync(join(RES, 'icon.png'), png[1024])
    writeFileSync(
      join(RES, 'icon.ico'),
      buildIco(ICO_SIZES.map((size) => ({ size, png: png[size] })))
    )
    writeFileSync(
      join(RES, 'icon.icns'),
      buildIcns(ICNS_TYPES.map(([type, size]) => ({ type, png: png[size] })))
    )
    console.log(`icons written to ${RES}`)
  } finally {
    await browser.close()
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(error)
    process.exit(1)
  })
}
