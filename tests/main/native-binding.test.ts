import { describe, expect, it } from 'vitest'
import { chooseNativeBinding } from '../../electron/main/native-binding.main'

const base = { projectRoot: '/proj', electronVersion: '41.7.1', platform: 'linux', arch: 'x64' }

describe('choosing the better-sqlite3 binary for the main process', () => {
  it('uses the packaged (rebuilt) module in a packaged app', () => {
    expect(chooseNativeBinding({ ...base, isPackaged: true, exists: () => false })).toEqual({
      kind: 'default'
    })
  })
  it('uses the Electron-ABI build under .native in development', () => {
    const choice = chooseNativeBinding({ ...base, isPackaged: false, exists: () => true })
    expect(choice).toEqual({
      kind: 'file',
      path: '/proj/.native/better-sqlite3/electron-41.7.1-linux-x64/better_sqlite3.node'
    })
  })
  it('reports the missing build (never falls back to the Node-ABI module that would crash)', () => {
    expect(chooseNativeBinding({ ...base, isPackaged: false, exists: () => false }).kind).toBe(
      'missing'
    )
  })
  it('keys the build by Electron version, so an upgrade makes a new one', () => {
    const seen: string[] = []
    chooseNativeBinding({
      ...base,
      electronVersion: '42.0.0',
      isPackaged: false,
      exists: (p) => (seen.push(p), false)
    })
    expect(seen[0]).toContain('electron-42.0.0-linux-x64')
  })
})
