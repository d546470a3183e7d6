import { afterAll, describe, expect, it, vi } from 'vitest'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { electronStub } from './electron-stub'

const dir = mkdtempSync(join(tmpdir(), 'desk-settings-'))
vi.mock('electron', () => electronStub(() => dir))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const { ElectronSettingsStore } = await import('../../electron/main/settings-store.main')

describe('settings in electron-store', () => {
  it('starts from the defaults and persists changes to userData/settings.json', () => {
    const store = new ElectronSettingsStore()
    expect(store.get()).toMatchObject({ implementerName: '', locale: 'zh-CN', autoLockMinutes: 5 })
    store.update({ implementerName: '王实施', locale: 'en' })
    expect(store.path).toBe(join(dir, 'settings.json'))
    expect(JSON.parse(readFileSync(store.path, 'utf8'))).toMatchObject({
      implementerName: '王实施',
      locale: 'en'
    })
    expect(new ElectronSettingsStore().get().implementerName).toBe('王实施')
  })

  it('refuses values outside the schema and keeps the stored ones', () => {
    const store = new ElectronSettingsStore()
    expect(() => store.update({ autoLockMinutes: 0 })).toThrow()
    expect(() => store.update({ locale: 'fr' as 'en' })).toThrow()
    expect(store.get().autoLockMinutes).toBe(5)
  })
})
