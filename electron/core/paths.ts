/**
 * Where the app keeps its data. Electron's `app.getPath('appData')` follows the same rules,
 * and main sets `userData` to `<appData>/delivery-desk`, so the CLI finds the app's database
 * without Electron.
 */
import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

export const APP_DIR_NAME = 'delivery-desk'
export const DB_FILE_NAME = 'delivery-desk.sqlite'
export const SETTINGS_FILE_NAME = 'settings.json'

export function appDataDir(
  platform: NodeJS.Platform,
  env: NodeJS.ProcessEnv,
  home: string
): string {
  if (platform === 'win32') return env.APPDATA || join(home, 'AppData', 'Roaming')
  if (platform === 'darwin') return join(home, 'Library', 'Application Support')
  return env.XDG_CONFIG_HOME || join(home, '.config')
}

/** `DESK_DATA_DIR` wins (portable installs, tests); otherwise the per-user app folder. */
export function defaultDataDir(
  platform: NodeJS.Platform,
  env: NodeJS.ProcessEnv,
  home: string
): string {
  return env.DESK_DATA_DIR || join(appDataDir(platform, env, home), APP_DIR_NAME)
}

/** The data folder and everything in it are for the user alone (POSIX; Windows uses ACLs). */
export const PRIVATE_DIR_MODE = 0o700
export const PRIVATE_FILE_MODE = 0o600

const POSIX = process.platform !== 'win32'

/** Creates the folder owner-only, and takes group/other access off one that exists. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE })
  if (POSIX && (statSync(dir).mode & 0o077) !== 0) chmodSync(dir, PRIVATE_DIR_MODE)
}

/** Takes group/other access off a file of ours that exists (database, WAL, SHM, backup, log). */
export function restrictToOwner(file: string): void {
  if (!POSIX || !existsSync(file)) return
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, PRIVATE_FILE_MODE)
}
