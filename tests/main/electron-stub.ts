/**
 * A stand-in for the 'electron' module: records what the app's adapters ask of it, so their
 * decisions can be tested without the Electron binary.
 */
import { EventEmitter } from 'node:events'
import { vi } from 'vitest'

export class FakeWebContents extends EventEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler
  }
}

export class FakeSession extends EventEmitter {
  requestHandler: ((wc: unknown, permission: string, cb: (ok: boolean) => void) => void) | null =
    null
  checkHandler: (() => boolean) | null = null
  setPermissionRequestHandler(h: FakeSession['requestHandler']): void {
    this.requestHandler = h
  }
  setPermissionCheckHandler(h: FakeSession['checkHandler']): void {
    this.checkHandler = h
  }
}

export const created: { options: Record<string, unknown> }[] = []

export class FakeBrowserWindow extends EventEmitter {
  bounds = { x: 0, y: 0, width: 0, height: 0 }
  maximized = false
  constructor(readonly options: Record<string, unknown>) {
    super()
    created.push({ options })
    this.bounds = {
      x: (options.x as number) ?? 0,
      y: (options.y as number) ?? 0,
      width: options.width as number,
      height: options.height as number
    }
  }
  maximize(): void {
    this.maximized = true
  }
  isMaximized(): boolean {
    return this.maximized
  }
  isMinimized(): boolean {
    return false
  }
  isDestroyed(): boolean {
    return false
  }
  getNormalBounds(): typeof this.bounds {
    return this.bounds
  }
}

export function electronStub(userData: () => string): Record<string, unknown> {
  const app = {
    getPath: vi.fn(() => userData()),
    getVersion: () => '0.1.0-test'
  }
  const ipcMain = { on: vi.fn(), handle: vi.fn(), removeHandler: vi.fn() }
  const screen = { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1366, height: 728 } }] }
  const api = { app, ipcMain, shell: {}, screen, BrowserWindow: FakeBrowserWindow }
  return { ...api, default: api }
}

/** Electron's dialog module: answers what a test sets, recording each call and its window. */
export class FakeDialog {
  calls: { kind: 'save' | 'open'; window: unknown; options: Record<string, unknown> }[] = []
  saveAnswer: { canceled: boolean; filePath: string } = { canceled: true, filePath: '' }
  openAnswer: { canceled: boolean; filePaths: string[] } = { canceled: true, filePaths: [] }

  private record(kind: 'save' | 'open', args: unknown[]): void {
    // (options) or (window, options), as Electron takes them
    const [window, options] = args.length > 1 ? args : [null, args[0]]
    this.calls.push({ kind, window, options: options as Record<string, unknown> })
  }

  async showSaveDialog(...args: unknown[]): Promise<FakeDialog['saveAnswer']> {
    this.record('save', args)
    return this.saveAnswer
  }

  async showOpenDialog(...args: unknown[]): Promise<FakeDialog['openAnswer']> {
    this.record('open', args)
    return this.openAnswer
  }
}
