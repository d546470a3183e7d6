/**
 * The database checks around start (issue 13). Before the first window only the 'start' check
 * runs (header, page and freelist counts, the schema: milliseconds whatever the size); the
 * whole quick_check, seconds at 100k customers and 1M audit rows, runs after start in a worker
 * thread on its own read-only connection. When it finds damage the app closes the database
 * and everything built on it and shows the recovery screen, as a failed start check does.
 */
import type { DatabaseCheck } from '../core/db/database-check'
import { checkDatabase } from '../core/db/database-check'
import { checkDatabaseInBackground } from '../core/db/background-check'
import type { Logger } from '../core/log/logger'

/** The synchronous check before the database is opened (a missing file is created later). */
export function checkBeforeOpen(dbPath: string, nativeBinding: string | undefined): DatabaseCheck {
  return checkDatabase(dbPath, { depth: 'start', nativeBinding, allowMissing: true })
}

export interface FullCheckWatch {
  dbPath: string
  nativeBinding?: string
  log: Logger
  /** the whole check; checkDatabaseInBackground (a worker thread) unless told otherwise */
  check?: (path: string, options: { nativeBinding?: string }) => Promise<DatabaseCheck>
  /** closes the open database and what was built on it (the core's quit tasks) */
  closeCore: () => Promise<void>
  /** serves the recovery screen's calls instead of the full contract */
  serveRecovery: (problem: DatabaseCheck) => void
  /** the window to send to the recovery screen, if one is open */
  window: () => { loadURL(url: string): Promise<void> } | null
  /** the renderer's entry URL */
  url: string
}

/**
 * Runs the whole check after start; on damage closes the core, serves the recovery calls and
 * sends the window to the recovery screen. Resolves with the check's result.
 */
export async function watchFullCheck(watch: FullCheckWatch): Promise<DatabaseCheck> {
  const check = watch.check ?? checkDatabaseInBackground
  const started = Date.now()
  const result = await check(watch.dbPath, { nativeBinding: watch.nativeBinding })
  if (result.ok) {
    watch.log.info('quick_check after start passed', { ms: Date.now() - started })
    return result
  }
  watch.log.warn('quick_check after start failed, showing the recovery screen', {
    problem: result.problem,
    detail: result.detail
  })
  await watch.closeCore()
  watch.serveRecovery(result)
  await watch.window()?.loadURL(`${watch.url}#/recovery`)
  return result
}
