import { afterEach, describe, expect, it } from 'vitest'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
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
      ['41.7.1', 'linux', 'x64'],
      ['41.7.1', 'win32', 'arm64'],
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
})
