/**
 * App lifecycle: data folder, single instance, database (Electron-ABI binding), the contract
 * over IPC, one hardened window.
 */
import {
  app,
  BrowserWindow,
  clipboard,
  dialog,
  ipcMain,
  powerMonitor,
  session,
  shell
} from 'electron'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { openDatabase, type Db } from '../core/db/database'
import { createCore } from '../core/core'
import { createHandlers } from '../core/handlers'
import { createFileLogger } from '../core/log/logger'
import { APP_DIR_NAME, DB_FILE_NAME } from '../core/paths'
import { registerContract } from './ipc.main'
import { chooseNativeBinding } from './native-binding.main'
import { hardenSession, hardenWebContents, type RendererLocation } from './security.main'
import { ElectronSettingsStore } from './settings-store.main'
import { createMainWindow } from './window.main'
import { createSecretSurface } from './secret-surface.main'
import { createFileDialogs } from './dialogs.main'
import { SafeStorageKeyProvider } from './safe-storage-key-provider.main'
import { createPdfPrinter } from './print-pdf.main'

// One data folder name on every platform, shared with the CLI (core/paths.ts).
app.setPath('userData', process.env.DESK_DATA_DIR || join(app.getPath('appData'), APP_DIR_NAME))

const log = createFileLogger(join(app.getPath('userData'), 'logs', 'main.log'))
let db: Db | null = null
let mainWindow: BrowserWindow | null = null
/** run at quit, before the database closes (they may still need it) */
const beforeClose: (() => void)[] = []

function rendererLocation(): RendererLocation {
  const devUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined
  return { url: devUrl ?? pathToFileURL(join(__dirname, '../renderer/index.html')).href }
}

function openAppDatabase(): Db {
  const binding = chooseNativeBinding({
    isPackaged: app.isPackaged,
    projectRoot: app.getAppPath(),
    electronVersion: process.versions.electron,
    platform: process.platform,
    arch: process.arch,
    exists: existsSync
  })
  if (binding.kind === 'missing') {
    throw new Error(
      `better-sqlite3 for Electron ${process.versions.electron} is missing at ${binding.path}. Run "npm run dev" again with network access so the start step can build it.`
    )
  }
  return openDatabase(join(app.getPath('userData'), DB_FILE_NAME), {
    nativeBinding: binding.kind === 'file' ? binding.path : undefined
  })
}

async function start(): Promise<void> {
  const location = rendererLocation()
  hardenSession(session.defaultSession)
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, location))

  const settings = new ElectronSettingsStore()
  db = openAppDatabase()
  // The printer reads the form through the core, which is built with the printer: bound late.
  let printPdf: ((formId: number) => Promise<Buffer>) | null = null
  const core = createCore({
    db,
    settings,
    appInfo: {
      name: 'Delivery Desk',
      version: app.getVersion(),
      dataDir: app.getPath('userData'),
      dbPath: join(app.getPath('userData'), DB_FILE_NAME),
      settingsPath: settings.path,
      platform: process.platform,
      versions: {
        node: process.versions.node,
        electron: process.versions.electron,
        chrome: process.versions.chrome,
        sqlite: (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v
      }
    },
    osKeyProvider: new SafeStorageKeyProvider(),
    printPdf: (formId) => {
      if (!printPdf) throw new Error('the PDF printer is not ready')
      return printPdf(formId)
    },
    dialogs: createFileDialogs(() => mainWindow),
    secrets: createSecretSurface({
      clipboard,
      platform: process.platform,
      window: () => mainWindow
    }),
    // The handler allows only the guidance's own links; https is checked again here.
    openExternal: async (url) => {
      if (new URL(url).protocol === 'https:') await shell.openExternal(url)
    }
  })
  printPdf = createPdfPrinter({
    location,
    preloadDir: join(__dirname, '../preload'),
    form: (formId) => core.acceptance.printModel(formId).form
  })
  registerContract(ipcMain, createHandlers(core), {
    app: location,
    log,
    locale: () => settings.get().locale
  })

  // The vault locks after the idle time from settings, on suspend and when the screen locks.
  const idleTimer = setInterval(() => core.idleLock.tick(), 15_000)
  const lockVault = (): void => {
    core.vault.lock()
  }
  powerMonitor.on('suspend', lockVault)
  powerMonitor.on('lock-screen', lockVault)
  beforeClose.push(
    () => clearInterval(idleTimer),
    lockVault,
    () => core.deps.secrets?.flush()
  )

  mainWindow = createMainWindow(settings, join(__dirname, '../preload'))
  mainWindow.on('closed', () => {
    mainWindow = null
  })
  if (location.url.startsWith('file:'))
    await mainWindow.loadFile(join(__dirname, '../renderer/index.html'))
  else await mainWindow.loadURL(location.url)
  log.info('started', { version: app.getVersion(), electron: process.versions.electron })
}

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.focus()
  })
  app.on('window-all-closed', () => app.quit())
  app.on('will-quit', () => {
    for (const task of beforeClose.splice(0)) {
      try {
        task()
      } catch (error) {
        log.error('quit task failed', error)
      }
    }
    db?.close()
    db = null
  })
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      log.error('start failed', error)
      dialog.showErrorBox(
        '交付台无法启动 / Delivery Desk could not start',
        String((error as Error)?.message ?? error)
      )
      app.exit(1)
    })
}
