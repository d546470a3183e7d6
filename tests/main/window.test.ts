import { beforeEach, describe, expect, it, vi } from 'vitest'
import { created, electronStub } from './electron-stub'

vi.mock('electron', () => electronStub(() => '/tmp'))

const { createMainWindow, restorableBounds } = await import('../../electron/main/window.main')
const { DEFAULT_SETTINGS } = await import('../../electron/core/settings/settings-schema')
type Settings = typeof DEFAULT_SETTINGS

function memorySettings(initial: Partial<Settings> = {}) {
  let current: Settings = { ...DEFAULT_SETTINGS, ...initial }
  return {
    path: ':memory:',
    get: () => current,
    update: (patch: Partial<Settings>) => (current = { ...current, ...patch })
  }
}

const laptop = [{ x: 0, y: 0, width: 1366, height: 728 }]

describe('main window', () => {
  beforeEach(() => {
    created.length = 0
  })

  it('is created with the hardened web preferences', () => {
    createMainWindow(memorySettings(), '/app/out/preload')
    const prefs = created[0]?.options.webPreferences as Record<string, unknown>
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      preload: '/app/out/preload/index.js'
    })
  })

  it('fits the default size into a 1366×768 laptop screen', () => {
    expect(restorableBounds(undefined, laptop)).toEqual({ width: 1280, height: 728 })
    createMainWindow(memorySettings(), '/p')
    expect(created[0]?.options).toMatchObject({ width: 1280, height: 728, minWidth: 1024 })
  })

  it('restores saved bounds that are on a connected display', () => {
    const saved = { x: 40, y: 20, width: 1200, height: 700, maximized: false }
    expect(restorableBounds(saved, laptop)).toEqual({ x: 40, y: 20, width: 1200, height: 700 })
  })

  it('ignores saved bounds on a monitor that is no longer connected', () => {
    const saved = { x: 2200, y: 100, width: 1200, height: 700, maximized: false }
    expect(restorableBounds(saved, laptop)).toEqual({ width: 1280, height: 728 })
  })

  it('remembers its bounds when closed', () => {
    const settings = memorySettings()
    const win = createMainWindow(
      settings,
      '/p'
    ) as unknown as import('node:events').EventEmitter & { bounds: object }
    win.bounds = { x: 10, y: 10, width: 1100, height: 650 }
    win.emit('close')
    expect(settings.get().windowBounds).toEqual({
      x: 10,
      y: 10,
      width: 1100,
      height: 650,
      maximized: false
    })
  })
})
