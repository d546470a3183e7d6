/**
 * A Core for plain Node (CLI, test bridge, benchmarks): database file, JSON settings next
 * to it. The Electron main process builds its own with electron-store and the Electron ABI.
 */
import { dirname, join } from 'node:path'
import { openDatabase } from './db/database'
import { createCore, type Core, type CoreDeps } from './core'
import { JsonSettingsStore } from './settings/json-settings-store'
import { SETTINGS_FILE_NAME } from './paths'

declare const __APP_VERSION__: string | undefined

export function appVersion(): string {
  return typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : '0.0.0-dev'
}

export function openNodeCore(
  dbPath: string,
  options: Partial<Omit<CoreDeps, 'db' | 'settings' | 'appInfo'>> = {}
): Core {
  const db = openDatabase(dbPath)
  const dataDir = dirname(dbPath)
  const settingsPath = join(dataDir, SETTINGS_FILE_NAME)
  return createCore({
    db,
    settings: new JsonSettingsStore(settingsPath),
    ...options,
    appInfo: {
      name: 'Delivery Desk',
      version: appVersion(),
      dataDir,
      dbPath,
      settingsPath,
      platform: process.platform,
      versions: {
        node: process.versions.node,
        electron: null,
        chrome: null,
        sqlite: (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v
      }
    }
  })
}
