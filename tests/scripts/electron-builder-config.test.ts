/**
 * The packaging configuration, checked with electron-builder's own schema and its own fuse
 * conversion, and the fuses flipped by @electron/fuses in a stand-in Electron binary (the real
 * one is not on this machine). Installers themselves are built by .github/workflows/dist.yml.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { createRequire } from 'node:module'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const ROOT = resolve(__dirname, '../..')
const require = createRequire(join(ROOT, 'package.json'))
const config = require('./electron-builder.config.cjs')
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'))

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

interface Target {
  target: string
  arch: string[]
}

function pngSize(file: string): { width: number; height: number } {
  const b = readFileSync(file)
  expect(b.subarray(1, 4).toString('ascii')).toBe('PNG')
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) }
}

describe('the packaging configuration', () => {
  it('passes electron-builder’s own schema', async () => {
    require('app-builder-lib') // loads the module graph in the order the CLI does
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js')
    await expect(
      validateConfiguration(config, { isEnabled: false, add: () => undefined })
    ).resolves.toBeUndefined()
    // and the check is real: a broken one is refused
    await expect(
      validateConfiguration(
        { win: { target: 'nsis', notAnOption: true } },
        { isEnabled: false, add: () => undefined }
      )
    ).rejects.toThrow(/configuration/)
  })

  it('builds NSIS x64 for Windows, dmg arm64 + x64 for macOS, AppImage and deb for Linux', () => {
    expect(config.appId).toBe('cn.deliverydesk.desktop')
    expect(config.productName).toContain('交付台')
    expect(config.productName).toContain('Delivery Desk')
    expect(config.win.target as Target[]).toEqual([{ target: 'nsis', arch: ['x64'] }])
    expect(config.mac.target as Target[]).toEqual([{ target: 'dmg', arch: ['arm64', 'x64'] }])
    expect((config.linux.target as Target[]).map((t) => t.target)).toEqual(['AppImage', 'deb'])
    expect(config.publish).toBeNull()
  })

  it('packs the app into asar with better-sqlite3 unpacked and rebuilt for Electron', () => {
    expect(config.asar).toBe(true)
    expect(config.asarUnpack).toContain('node_modules/better-sqlite3/**')
    expect(config.npmRebuild).toBe(true)
    expect(config.files).toEqual(
      expect.arrayContaining(['out/main/**', 'out/preload/**', 'out/renderer/**'])
    )
    expect(config.files).not.toContain('out/cli/**')
    // the CLI and tests use Node's build again after packaging
    expect(pkg.scripts.postdist).toBe('npm rebuild better-sqlite3')
    expect(pkg.scripts.dist).toContain('electron-builder --config electron-builder.config.cjs')
  })

  it('has real icons in the top-level resources folder for every platform', () => {
    expect(config.directories.buildResources).toBe('resources')
    expect(pngSize(join(ROOT, 'resources/icon.png'))).toEqual({ width: 1024, height: 1024 })
    for (const size of [16, 32, 48, 64, 128, 256, 512])
      expect(pngSize(join(ROOT, config.linux.icon, `${size}x${size}.png`))).toEqual({
        width: size,
        height: size
      })
    const ico = readFileSync(join(ROOT, config.win.icon))
    expect(ico.readUInt16LE(2)).toBe(1) // icon type
    const sizes = Array.from({ length: ico.readUInt16LE(4) }, (_, i) => ico[6 + i * 16] || 256)
    expect(sizes).toEqual(expect.arrayContaining([16, 32, 48, 256]))
    const icns = readFileSync(join(ROOT, config.mac.icon))
    expect(icns.subarray(0, 4).toString('ascii')).toBe('icns')
    expect(icns.readUInt32BE(4)).toBe(icns.length)
    expect(icns.includes(Buffer.from('ic10'))).toBe(true) // 1024 px for Retina
  })
})

describe('the fuses', () => {
  it('are set as the issue asks', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false
    })
  })

  it('end up flipped in the binary: electron-builder’s conversion run through @electron/fuses', async () => {
    require('app-builder-lib')
    const { PlatformPackager } = require('app-builder-lib/out/platformPackager.js')
    const fuses = require('@electron/fuses')
    const wire = await PlatformPackager.prototype.generateFuseConfig.call({}, config.electronFuses)
    // a stand-in binary with Electron's sentinel and its shipped defaults
    const dir = mkdtempSync(join(tmpdir(), 'desk-fuses-'))
    dirs.push(dir)
    const binary = join(dir, 'electron')
    const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'
    const shipped = '10110001' // RunAsNode on, cookies off, NODE_OPTIONS on, inspect on, …, file:// on
    writeFileSync(
      binary,
      Buffer.concat([
        Buffer.from('ELF…'),
        Buffer.from(SENTINEL),
        Buffer.from([1, 8]),
        Buffer.from(shipped),
        Buffer.from('…rest')
      ])
    )
    await fuses.flipFuses(binary, wire)
    const read = await fuses.getCurrentFuseWire(binary)
    const on = (o: number) => String.fromCharCode(read[o]) === '1'
    const O = fuses.FuseV1Options
    expect(on(O.RunAsNode)).toBe(false)
    expect(on(O.EnableCookieEncryption)).toBe(true)
    expect(on(O.EnableNodeOptionsEnvironmentVariable)).toBe(false)
    expect(on(O.EnableNodeCliInspectArguments)).toBe(false)
    expect(on(O.EnableEmbeddedAsarIntegrityValidation)).toBe(true)
    expect(on(O.OnlyLoadAppFromAsar)).toBe(true)
    expect(on(O.GrantFileProtocolExtraPrivileges)).toBe(false)
  })
})

describe('the Node requirement', () => {
  it('is one every installed dependency accepts (package.json engines ⊆ each engines.node)', () => {
    const semver = require('semver')
    const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8'))
    const ours = pkg.engines.node as string
    const refused = Object.entries(lock.packages as Record<string, { engines?: { node?: string } }>)
      .filter(([path, info]) => path && info.engines?.node)
      .filter(([, info]) => !semver.subset(ours, info.engines?.node))
      .map(([path, info]) => `${path} wants ${info.engines?.node}`)
    expect(refused).toEqual([])
    expect(lock.packages[''].engines.node).toBe(ours)
    // the README states the same requirement
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toContain('Node.js 22.13')
  })

  it('uses an Electron on a supported line, its latest patch at the time of writing', () => {
    const electron = require('electron/package.json').version as string
    expect(Number(electron.split('.')[0])).toBeGreaterThanOrEqual(43)
    expect(pkg.devDependencies.electron).toBe(electron)
    expect(existsSync(join(ROOT, '.github/workflows/dist.yml'))).toBe(true)
  })
})
