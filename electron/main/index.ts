/**
 * App lifecycle: data folder, single instance, database (Electron-ABI binding), the renderer
 * served from app://desk with its CSP, the contract over IPC, one hardened window, and the
 * triggers that lock the vault (idle, suspend, screen lock).
 */
import {
  app,
  BrowserWindow,
  clipboard,
  ClipboardItem,
  dialog,
  ipcMain,
  Menu,
  powerMonitor,
  protocol,
  session,
  shell
} from 'electron'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { openDatabase, SchemaTooNewError, type Db } from '../core/db/database'
import { DatabaseOpenError, type DatabaseCheck } from '../core/db/database-check'
import { createCore } from '../core/core'
import { createHandlers } from '../core/handlers'
import { recoveryModeHandlers } from '../core/handlers/recovery.handlers'
import { RecoveryService } from '../core/recovery/recovery-service'
import { cleanStaleTempFiles } from '../core/shared/atomic-file'
import type { Handlers } from '../core/contract/contract'
import { createFileLogger } from '../core/log/logger'
import { APP_DIR_NAME, DB_FILE_NAME, ensurePrivateDir } from '../core/paths'
import { registerContract, replaceContract } from './ipc.main'
import { checkBeforeOpen, watchFullCheck } from './database-start.main'
import { chooseNativeBinding } from './native-binding.main'
import { hardenSession, hardenWebContents, type RendererLocation } from './security.main'
import { ElectronSettingsStore } from './settings-store.main'
import { createMainWindow } from './window.main'
import { clearLeftoverSecret, createSecretSurface } from './secret-surface.main'
import { CLIPBOARD_MARKER_FILE } from '../core/vault/clipboard-marker'
import { createFileDialogs } from './dialogs.main'
import { SafeStorageKeyProvider } from './safe-storage-key-provider.main'
import {
  APP_ENTRY_URL,
  APP_SCHEME,
  APP_SCHEME_PRIVILEGES,
  createAppProtocolHandler
} from './app-protocol.main'
import { CSP_HEADER } from './content-security-policy'
import { applicationMenuTemplate } from './app-menu.main'
import { startVaultLocking } from './vault-locking.main'
import { PDF_FONT_FILE } from '../core/acceptance/pdf/pdf-font-path'

// One data folder name on every platform, shared with the CLI (core/paths.ts).
app.setPath('userData', process.env.DESK_DATA_DIR || join(app.getPath('appData'), APP_DIR_NAME))
// app:// must be registered as a standard, secure scheme before the app is ready.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }])

const developer = !app.isPackaged
ensurePrivateDir(app.getPath('userData'))
const log = createFileLogger(join(app.getPath('userData'), 'logs', 'main.log'))
let db: Db | null = null
let mainWindow: BrowserWindow | null = null
/** the core the start page's picture reads (null before it opens, in recovery mode, after) */
let startPageCore: ReturnType<typeof createCore> | null = null
/** run at quit, before the database closes (they may still need it) */
const beforeClose: (() => void | Promise<void>)[] = []
let closing: 'no' | 'running' | 'done' = 'no'

function rendererLocation(): RendererLocation {
  const devUrl = developer ? process.env.ELECTRON_RENDERER_URL : undefined
  return { url: devUrl ?? APP_ENTRY_URL }
}

/** The Electron-ABI better-sqlite3 build to load, or undefined for the packaged default. */
function appNativeBinding(): string | undefined {
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
  return binding.kind === 'file' ? binding.path : undefined
}

/**
 * Leftovers of writes a crash interrupted (shared/atomic-file's temp names, electron-store's
 * own), in the data folder and the folder the last export went to; backups clean their own
 * folders (BackupService.atStart).
 */
function cleanLeftovers(settings: ElectronSettingsStore): void {
  const dirs = [app.getPath('userData'), settings.get().exportDir].filter((d) => d !== '')
  for (const dir of dirs) {
    try {
      const removed = cleanStaleTempFiles(dir)
      if (removed.length > 0) log.info('removed stale temp files', { dir, count: removed.length })
    } catch (error) {
      log.warn('could not clean temp files', { dir, error: String(error) })
    }
  }
}

/** An open that failed although the check passed (a race, or a damage quick_check missed). */
function openFailure(error: unknown): DatabaseCheck | null {
  if (error instanceof DatabaseOpenError) {
    return { ok: false, problem: error.problem, detail: error.detail }
  }
  if (error instanceof SchemaTooNewError) {
    return { ok: false, problem: 'newer_schema', detail: error.message }
  }
  return null
}

/**
 * The PDF font of an installed app: electron-builder's extraResources put it in the resources
 * folder's fonts/. Otherwise (development, or no resources folder) the core finds the
 * checkout's resources/fonts/ itself.
 */
function packagedFontPath(): string | undefined {
  const resources: string | undefined = process.resourcesPath
  return app.isPackaged && resources ? join(resources, 'fonts', PDF_FONT_FILE) : undefined
}

/** The Core on an open database, with the lock triggers that act on its vault. */
function buildCore(
  db: Db,
  dbPath: string,
  settings: ElectronSettingsStore,
  nativeBinding: string | undefined
): ReturnType<typeof createCore> {
  const clipboardMarkerPath = join(app.getPath('userData'), CLIPBOARD_MARKER_FILE)
  const core = createCore({
    db,
    settings,
    nativeBinding,
    appInfo: {
      name: 'Delivery Desk',
      version: app.getVersion(),
      dataDir: app.getPath('userData'),
      dbPath,
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
    pdfFontPath: packagedFontPath(),
    dialogs: createFileDialogs(() => mainWindow, {
      get: () => settings.get().exportDir,
      set: (dir) => {
        if (dir !== settings.get().exportDir) settings.update({ exportDir: dir })
      }
    }),
    secrets: createSecretSurface({
      clipboard: {
        writeFormats: (formats) => clipboard.write([new ClipboardItem(formats)]),
        writeText: (text) => clipboard.writeText(text),
        readText: () => clipboard.readText(),
        clear: () => clipboard.clear()
      },
      platform: process.platform,
      window: () => mainWindow,
      markerPath: clipboardMarkerPath
    }),
    // The handler allows only the guidance's own links; https is checked again here.
    openExternal: async (url) => {
      if (new URL(url).protocol !== 'https:') return
      await shell.openExternal(url) // eng-disable OPEN_EXTERNAL_JS_CHECK: allow-listed https links only
    }
  })
  // The vault locks after the idle time from settings (in-app input and the whole machine),
  // after maxUnlockedHours, on suspend and when the screen locks; and at quit.
  const lockVault = (): void => {
    core.vault.lock()
  }
  const locking = startVaultLocking({
    powerMonitor,
    idleLock: core.idleLock,
    lock: lockVault,
    platform: process.platform,
    log
  })
  beforeClose.push(
    () => locking.stop(),
    lockVault,
    () => core.deps.secrets?.flush()
  )

  return core
}

async function start(): Promise<void> {
  const location = rendererLocation()
  hardenSession(session.defaultSession)
  protocol.handle(
    APP_SCHEME,
    createAppProtocolHandler(
      join(__dirname, '../renderer'),
      CSP_HEADER,
      undefined,
      (indexHtml) => startPageCore?.startPage.prepaint(indexHtml) ?? null,
      (error) => log.warn('start page picture failed', { error: String(error) })
    )
  )
  app.on('web-contents-created', (_event, contents) =>
    hardenWebContents(contents, location, { allowDevTools: developer })
  )
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(applicationMenuTemplate(process.platform, { developer }))
  )

  const settings = new ElectronSettingsStore()
  const dbPath = join(app.getPath('userData'), DB_FILE_NAME)
  const nativeBinding = appNativeBinding()
  cleanLeftovers(settings)
  // A secret a crashed run left on the clipboard is cleared now (issue 12).
  void clearLeftoverSecret(clipboard, join(app.getPath('userData'), CLIPBOARD_MARKER_FILE)).catch(
    () => undefined
  )
  const transport = { app: location, log, locale: () => settings.get().locale }

  // Opens the database and serves the whole contract; the recovery screen calls it again once
  // the file is restored or set aside.
  let served: Handlers | null = null
  const startCore = (): Handlers => {
    db = openDatabase(dbPath, { nativeBinding })
    const core = buildCore(db, dbPath, settings, nativeBinding)
    served = createHandlers(core)
    startPageCore = core
    void core.backups
      .atStart()
      .then((entry) => entry && log.info('daily backup written', { file: entry.fileName }))
      .catch((error: unknown) => log.error('daily backup failed', error))
    return served
  }

  // The recovery screen's calls instead of the whole contract, until the file is restored or
  // set aside (then onRecovered opens it and serves the whole contract again).
  const serveRecovery = (problem: DatabaseCheck, replace: boolean): void => {
    log.warn('database unusable, starting in recovery mode', {
      problem: problem.problem,
      detail: problem.detail
    })
    const recovery = new RecoveryService({
      dbPath,
      check: problem,
      nativeBinding,
      onRecovered: () => {
        startCore()
        log.info('recovered, database opened')
      }
    })
    const handlers = recoveryModeHandlers(recovery, settings, () => served)
    if (replace) replaceContract(ipcMain, handlers, transport)
    else registerContract(ipcMain, handlers, transport)
  }

  // A file that cannot be opened, fails the start check or has a newer schema is never opened
  // for writing (nor migrated, nor replaced): the renderer shows the recovery screen instead.
  // The start check is the cheap one; the whole quick_check follows in a worker thread.
  let problem: DatabaseCheck = checkBeforeOpen(dbPath, nativeBinding)
  if (problem.ok) {
    try {
      registerContract(ipcMain, startCore(), transport)
    } catch (error) {
      startPageCore = null
      db?.close()
      db = null
      const failure = openFailure(error)
      if (!failure) throw error
      problem = failure
    }
  }
  let route = ''
  if (!problem.ok) {
    serveRecovery(problem, false)
    route = '#/recovery'
  } else {
    void watchFullCheck({
      dbPath,
      nativeBinding,
      log,
      closeCore: async () => {
        served = null
        startPageCore = null
        await closeDown()
      },
      serveRecovery: (damage) => serveRecovery(damage, true),
      window: () => mainWindow,
      url: location.url
    }).catch((error: unknown) => log.error('quick_check after start failed to run', error))
  }

  mainWindow = createMainWindow(settings, join(__dirname, '../preload'), { devTools: developer })
  mainWindow.on('closed', () => {
    mainWindow = null
  })
  await mainWindow.loadURL(location.url + route)
  log.info('started', { version: app.getVersion(), electron: process.versions.electron })
}

/** Lock, clear the clipboard (async in Electron 45), then close the database, then quit. */
async function closeDown(): Promise<void> {
  for (const task of beforeClose.splice(0)) {
    try {
      await task()
    } catch (error) {
      log.error('quit task failed', error)
    }
  }
  startPageCore = null
  db?.close()
  db = null
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
  app.on('will-quit', (event) => {
    if (closing === 'done') return
    event.preventDefault()
    if (closing === 'running') return
    closing = 'running'
    void closeDown().finally(() => {
      closing = 'done'
      app.quit()
    })
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
