/**
 * Where the app keeps its data. Electron's `app.getPath('appData')` follows the same rules,
 * and main sets `userData` to `<appData>/delivery-desk`, so the CLI finds the app's database
 * without Electron.
 */
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
