import { afterEach, describe, expect, it } from 'vitest'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
// @ts-expect-error -- plain ESM script without type declarations; its exports are checked here
import * as setup from '../../scripts/ensure-electron.mjs'
import { electronBindingPath } from '../../electron/main/native-binding.main'

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

describe('the dev start step', () => {
  it('downloads Electron and builds the binding only when each is missing', () => {
    expect(setup.planSetup({ electronBinaryPresent: false, bindingPresent: false })).toEqual([
      'download-electron',
      'build-binding'
    ])
    expect(setup.planSetup({ electronBinaryPresent: true, bindingPresent: false })).toEqual([
      'build-binding'
    ])
    expect(setup.planSetup({ electronBinaryPresent: false, bindingPresent: true })).toEqual([
      'download-electron'
    ])
    expect(setup.planSetup({ electronBinaryPresent: true, bindingPresent: true })).toEqual([])
  })

  it('puts the Electron-ABI binding where the main process looks for it', () => {
    for (const [v, p, a] of [
      ['45.5.0', 'linux', 'x64'],
      ['45.5.0', 'win32', 'arm64'],
      ['40.0.0', 'darwin', 'arm64']
    ]) {
      expect(setup.electronBindingPath('/proj', v, p, a)).toBe(
        electronBindingPath('/proj', v as string, p as string, a as string)
      )
    }
  })

  it('sees Electron as installed only when path.txt names an existing file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'desk-electron-'))
    dirs.push(dir)
    expect(setup.electronBinaryPresent(dir)).toBe(false)
    writeFileSync(join(dir, 'path.txt'), 'electron')
    expect(setup.electronBinaryPresent(dir)).toBe(false)
    mkdirSync(join(dir, 'dist'))
    writeFileSync(join(dir, 'dist', 'electron'), '')
    expect(setup.electronBinaryPresent(dir)).toBe(true)
  })

  it('keeps a machine nodedir and the skip-download flag out of the child builds', () => {
    const env = setup.childEnv({
      PATH: '/bin',
      npm_config_nodedir: '/usr',
      ELECTRON_SKIP_BINARY_DOWNLOAD: '1',
      HOME: '/h'
    })
    expect(env).toEqual({ PATH: '/bin', HOME: '/h' })
  })

  it('passes npm’s electron cache setting and an upper-case better-sqlite3 mirror to the children', () => {
    const env = setup.childEnv({
      npm_config_electron_config_cache: '/c',
      BETTER_SQLITE3_BINARY_HOST_MIRROR: 'https://m/b'
    })
    expect(env.electron_config_cache).toBe('/c')
    expect(env.npm_config_better_sqlite3_binary_host_mirror).toBe('https://m/b')
  })
})

describe('where the start step downloads from', () => {
  it('reads the mirror settings Electron’s installer reads, .npmrc before the environment', () => {
    const v = '45.5.0'
    expect(setup.electronDownloadUrl(v, 'linux', 'x64', {})).toBe(
      'https://github.com/electron/electron/releases/download/v45.5.0/electron-v45.5.0-linux-x64.zip'
    )
    expect(
      setup.electronDownloadUrl(v, 'win32', 'x64', {
        ELECTRON_MIRROR: 'https://npmmirror.com/mirrors/electron/',
        ELECTRON_CUSTOM_DIR: '{{ version }}'
      })
    ).toBe('https://npmmirror.com/mirrors/electron/45.5.0/electron-v45.5.0-win32-x64.zip')
    expect(
      setup.electronDownloadUrl(v, 'darwin', 'arm64', {
        npm_config_electron_mirror: 'https://npmrc.example/e/',
        ELECTRON_MIRROR: 'https://env.example/e/'
      })
    ).toBe('https://npmrc.example/e/v45.5.0/electron-v45.5.0-darwin-arm64.zip')
  })

  it('puts a zip from elsewhere exactly where Electron’s installer looks in its cache', async () => {
    // @electron/get is ESM; its cache layout is the contract the zip hand-over relies on
    const cacheModule = pathToFileURL(
      join(__dirname, '../../node_modules/@electron/get/dist/Cache.js')
    ).href
    const { Cache } = await import(/* @vite-ignore */ cacheModule)
    const url = setup.electronDownloadUrl('45.5.0', 'linux', 'x64', {})
    const expected = new Cache('/root-dir').getCachePath(url, 'electron-v45.5.0-linux-x64.zip')
    expect(setup.electronCachePath('/root-dir', url)).toBe(expected)
  })

  it('builds the better-sqlite3 prebuilt URL as prebuild-install does, mirror first', () => {
    expect(setup.sqlitePrebuiltUrl('12.11.1', '150', 'linux', 'x64', {})).toBe(
      'https://github.com/WiseLibs/better-sqlite3/releases/download/v12.11.1/better-sqlite3-v12.11.1-electron-v150-linux-x64.tar.gz'
    )
    expect(
      setup.sqlitePrebuiltUrl('12.11.1', '150', 'win32', 'x64', {
        npm_config_better_sqlite3_binary_host:
          'https://registry.npmmirror.com/-/binary/better-sqlite3/'
      })
    ).toBe(
      'https://registry.npmmirror.com/-/binary/better-sqlite3/v12.11.1/better-sqlite3-v12.11.1-electron-v150-win32-x64.tar.gz'
    )
    expect(setup.electronHeadersUrl({ ELECTRON_HEADERS_MIRROR: 'https://h/' })).toBe('https://h/')
  })
})

describe('what a failed first start says', () => {
  const base = { version: '45.5.0', platform: 'linux', arch: 'x64' }

  it('names the URL, a mirror reachable from China, a zip from elsewhere and that tests and CLI need no Electron', () => {
    const text = setup.electronFailureMessage({ ...base, env: {} }) as string
    expect(text).toContain(
      'tried: https://github.com/electron/electron/releases/download/v45.5.0/electron-v45.5.0-linux-x64.zip'
    )
    expect(text).toContain('ELECTRON_MIRROR=https://npmmirror.com/mirrors/electron/')
    expect(text).toContain('ELECTRON_CUSTOM_DIR="{{ version }}"')
    expect(text).toContain('DESK_ELECTRON_ZIP=/path/to/electron-v45.5.0-linux-x64.zip')
    expect(text).toMatch(/tests and the CLI work without Electron/)
  })

  it('does not tell a user who set a mirror to set one: it names the mirror it used', () => {
    const env = {
      ELECTRON_MIRROR: 'https://npmmirror.com/mirrors/electron/',
      ELECTRON_CUSTOM_DIR: '{{ version }}'
    }
    const text = setup.electronFailureMessage({ ...base, env }) as string
    expect(text).not.toMatch(/set a mirror|or set ELECTRON_MIRROR/)
    expect(text).toContain(
      'tried: https://npmmirror.com/mirrors/electron/45.5.0/electron-v45.5.0-linux-x64.zip'
    )
    expect(text).toContain(
      'a mirror is set (ELECTRON_MIRROR=https://npmmirror.com/mirrors/electron/)'
    )
    const fromNpmrc = setup.electronFailureMessage({
      ...base,
      env: { npm_config_electron_mirror: 'https://m/' }
    }) as string
    expect(fromNpmrc).toContain('npm_config_electron_mirror=https://m/')
    expect(fromNpmrc).toContain('ELECTRON_CUSTOM_DIR') // the npmmirror layout hint
  })

  it('names the prebuilt URL and the China mirror for better-sqlite3, unless a mirror is set', () => {
    const args = { ...base, abi: '150', sqliteVersion: '12.11.1' }
    const plain = setup.bindingFailureMessage({ ...args, env: {} }) as string
    expect(plain).toContain('better-sqlite3-v12.11.1-electron-v150-linux-x64.tar.gz')
    expect(plain).toContain(
      'better_sqlite3_binary_host=https://registry.npmmirror.com/-/binary/better-sqlite3'
    )
    expect(plain).toMatch(/tests and the CLI work without Electron/)
    const mirrored = setup.bindingFailureMessage({
      ...args,
      env: { npm_config_better_sqlite3_binary_host_mirror: 'https://m/b' }
    }) as string
    expect(mirrored).toContain('tried the prebuilt: https://m/b/v12.11.1/')
    expect(mirrored).not.toContain('set a mirror')
  })
})
