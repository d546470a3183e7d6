import { BrowserWindow, screen, type Rectangle } from 'electron'
import { join } from 'node:path'
import type { Settings, SettingsStore } from '../core/settings/settings-schema'

export const DEFAULT_SIZE = { width: 1280, height: 760 }
export const MIN_SIZE = { width: 1024, height: 600 }

type Bounds = NonNullable<Settings['windowBounds']>

/**
 * Restores saved bounds only when they are still mostly on a connected display (a laptop
 * taken off its docking monitor must not open the window off screen).
 */
export function restorableBounds(
  saved: Bounds | undefined,
  workAreas: Rectangle[]
): Partial<Rectangle> & { width: number; height: number } {
  const primary = workAreas[0] ?? { x: 0, y: 0, width: 1366, height: 768 }
  const fallback = {
    width: Math.min(DEFAULT_SIZE.width, primary.width),
    height: Math.min(DEFAULT_SIZE.height, primary.height)
  }
  if (!saved || saved.x === undefined || saved.y === undefined) {
    return saved
      ? {
          width: Math.min(saved.width, primary.width),
          height: Math.min(saved.height, primary.height)
        }
      : fallback
  }
  const { x, y, width, height } = saved as Rectangle
  const visible = workAreas.some((a) => {
    const w = Math.min(x + width, a.x + a.width) - Math.max(x, a.x)
    const h = Math.min(y + height, a.y + a.height) - Math.max(y, a.y)
    return w >= Math.min(200, width) && h >= Math.min(100, height)
  })
  return visible ? { x, y, width, height } : fallback
}

export function createMainWindow(
  settings: SettingsStore,
  preloadDir: string,
  options: { devTools: boolean } = { devTools: false }
): BrowserWindow {
  const saved = settings.get().windowBounds
  const bounds = restorableBounds(
    saved,
    screen.getAllDisplays().map((d) => d.workArea)
  )
  const win = new BrowserWindow({
    ...bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false,
    title: '交付台',
    backgroundColor: '#f5f7fa',
    autoHideMenuBar: true,
    webPreferences: {
      preload: join(preloadDir, 'index.js'), // eng-disable PRELOAD_JS_CHECK: sandboxed, exposes only the contract's calls
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      webviewTag: false,
      // middle-click would try to open a new window (denied anyway by the window-open handler)
      disableBlinkFeatures: 'Auxclick',
      // a packaged build has no DevTools at all (development keeps them)
      devTools: options.devTools
    }
  })
  if (saved?.maximized) win.maximize()
  win.once('ready-to-show', () => win.show())

  let timer: NodeJS.Timeout | undefined
  const saveBounds = (): void => {
    clearTimeout(timer)
    timer = setTimeout(() => {
      if (win.isDestroyed() || win.isMinimized()) return
      const b = win.getNormalBounds()
      settings.update({ windowBounds: { ...b, maximized: win.isMaximized() } })
    }, 400)
  }
  win.on('resize', saveBounds)
  win.on('move', saveBounds)
  win.on('maximize', saveBounds)
  win.on('unmaximize', saveBounds)
  win.on('close', () => {
    clearTimeout(timer)
    if (!win.isMinimized()) {
      settings.update({ windowBounds: { ...win.getNormalBounds(), maximized: win.isMaximized() } })
    }
  })
  return win
}
