/**
 * A plain-Node stand-in for the 'electron' module, so the BUILT main-process bundle
 * (out/main/index.js) can start for real in tests: lifecycle, database, electron-store
 * settings, IPC registration, window creation. It records what the app asked for.
 */
const { EventEmitter } = require('node:events')
const { join } = require('node:path')

const root = process.env.DESK_STUB_ROOT
const recorded = {
  windows: [],
  handlers: new Map(),
  errors: [],
  externals: [],
  // what the clipboard held when the app started (a test seeds a crashed run's leftover)
  clipboard: process.env.DESK_STUB_CLIPBOARD
    ? { 'text/plain': process.env.DESK_STUB_CLIPBOARD }
    : {},
  schemes: [],
  protocols: new Map(),
  menu: null,
  quit: false,
  idleSeconds: 0
}
globalThis.__electronStub = recorded

const app = new EventEmitter()
const paths = {
  appData: join(root, 'appData'),
  documents: join(root, 'documents'),
  userData: join(root, 'appData', 'Electron')
}
Object.assign(app, {
  isPackaged: true,
  getPath: (name) => paths[name],
  setPath: (name, value) => {
    paths[name] = value
  },
  getVersion: () => '0.1.0-stub',
  getAppPath: () => root,
  requestSingleInstanceLock: () => true,
  whenReady: () => Promise.resolve(),
  // Electron's quit: will-quit may be prevented (the app finishes async work, then quits again)
  quit: () => {
    let prevented = false
    app.emit('will-quit', { preventDefault: () => (prevented = true) })
    if (!prevented) recorded.quit = true
  },
  exit: (code) => recorded.errors.push(`exit ${code}`)
})

class BrowserWindow extends EventEmitter {
  constructor(options) {
    super()
    this.options = options
    this.protected = false
    recorded.windows.push(this)
  }
  loadFile(file) {
    this.loaded = file
    return Promise.resolve()
  }
  loadURL(url) {
    this.loaded = url
    return Promise.resolve()
  }
  show() {}
  maximize() {}
  isMaximized() {
    return false
  }
  isMinimized() {
    return false
  }
  isDestroyed() {
    return false
  }
  restore() {}
  focus() {}
  setContentProtection(value) {
    this.protected = value
  }
  getNormalBounds() {
    return { x: 0, y: 0, width: this.options.width, height: this.options.height }
  }
}

const session = {
  defaultSession: Object.assign(new EventEmitter(), {
    setPermissionRequestHandler() {},
    setPermissionCheckHandler() {}
  })
}
const ipcMain = Object.assign(new EventEmitter(), {
  handle: (channel, fn) => recorded.handlers.set(channel, fn)
})

/** Electron 45's W3C-style clipboard: one atomic write of several formats, async reads. */
class ClipboardItem {
  constructor(items) {
    this.items = items
    this.types = Object.keys(items)
  }
}

module.exports = {
  app,
  ClipboardItem,
  protocol: {
    registerSchemesAsPrivileged: (schemes) => recorded.schemes.push(...schemes),
    handle: (scheme, handler) => recorded.protocols.set(scheme, handler)
  },
  Menu: {
    buildFromTemplate: (template) => ({ template }),
    setApplicationMenu: (menu) => {
      recorded.menu = menu
    }
  },
  BrowserWindow,
  session,
  ipcMain,
  screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1366, height: 728 } }] },
  shell: { openExternal: async (url) => recorded.externals.push(url) },
  clipboard: {
    write: async (items) => {
      recorded.clipboard = {}
      for (const item of items) Object.assign(recorded.clipboard, item.items)
    },
    writeText: async (t) => {
      recorded.clipboard = { 'text/plain': t }
    },
    readText: async () => String(recorded.clipboard['text/plain'] ?? ''),
    clear: () => {
      recorded.clipboard = {}
    }
  },
  dialog: {
    showErrorBox: (title, body) => recorded.errors.push(`${title}: ${body}`),
    showSaveDialog: async () => ({ canceled: true }),
    showOpenDialog: async () => ({ canceled: true, filePaths: [] })
  },
  powerMonitor: Object.assign(new EventEmitter(), {
    getSystemIdleTime: () => recorded.idleSeconds
  }),
  safeStorage: { isEncryptionAvailable: () => false, getSelectedStorageBackend: () => 'basic_text' }
}
