/**
 * A plain-Node stand-in for the 'electron' module, so the BUILT main-process bundle
 * (out/main/index.js) can start for real in tests: lifecycle, database, electron-store
 * settings, IPC registration, window creation. It records what the app asked for.
 */
const { EventEmitter } = require('node:events')
const { join } = require('node:path')

const root = process.env.DESK_STUB_ROOT
const recorded = { windows: [], handlers: new Map(), errors: [], externals: [], clipboard: '' }
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
  quit: () => app.emit('will-quit'),
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

module.exports = {
  app,
  BrowserWindow,
  session,
  ipcMain,
  screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1366, height: 728 } }] },
  shell: { openExternal: async (url) => recorded.externals.push(url) },
  clipboard: {
    writeText: (t) => {
      recorded.clipboard = t
    },
    readText: () => recorded.clipboard,
    clear: () => {
      recorded.clipboard = ''
    }
  },
  dialog: {
    showErrorBox: (title, body) => recorded.errors.push(`${title}: ${body}`),
    showSaveDialog: async () => ({ canceled: true }),
    showOpenDialog: async () => ({ canceled: true, filePaths: [] })
  },
  powerMonitor: new EventEmitter(),
  safeStorage: { isEncryptionAvailable: () => false, getSelectedStorageBackend: () => 'basic_text' }
}
