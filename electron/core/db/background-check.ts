/**
 * The full `quick_check` after start (issue 13): it reads every page, seconds for a registry
 * with 100k customers and 1M audit rows, so the app starts on the cheap 'start' check and
 * runs this on its own read-only connection in a worker thread, where it blocks neither the
 * main process's event loop nor the open connection (WAL: readers and the writer do not wait
 * for each other). A failure is reported when it arrives; main raises the recovery screen then.
 */
import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import type { DatabaseCheck } from './database-check'

// Runs in the worker: plain CommonJS (an eval worker), better-sqlite3 by its resolved path.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.module)
let db = null
try {
  db = new Database(workerData.path, {
    readonly: true, fileMustExist: true, nativeBinding: workerData.nativeBinding
  })
  const rows = db.pragma('quick_check(20)')
  const result = rows.map((r) => Object.values(r)[0]).join('; ')
  parentPort.postMessage(result === 'ok' ? { ok: true } : { ok: false, problem: 'corrupt', detail: result })
} catch (error) {
  parentPort.postMessage({ ok: false, problem: 'corrupt', detail: String(error && error.message || error) })
} finally {
  if (db) db.close()
}
`

export interface BackgroundCheckOptions {
  /** an Electron-ABI build of better-sqlite3 (main process); Node's build otherwise */
  nativeBinding?: string
}

/**
 * `quick_check` of the file on a second, read-only connection in a worker thread. Resolves
 * (never rejects) with the result; `ok: false, problem: 'corrupt'` means show the recovery screen.
 */
export function checkDatabaseInBackground(
  path: string,
  options: BackgroundCheckOptions = {}
): Promise<DatabaseCheck> {
  const module = createRequire(import.meta.url).resolve('better-sqlite3')
  return new Promise((resolve) => {
    let settled = false
    const settle = (check: DatabaseCheck): void => {
      if (!settled) resolve(check)
      settled = true
    }
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { path, module, nativeBinding: options.nativeBinding }
    })
    worker.once('message', (check: DatabaseCheck) => settle(check))
    worker.once('error', (error) =>
      settle({ ok: false, problem: 'corrupt', detail: error.message })
    )
    worker.once('exit', (code) => settle({ ok: false, problem: 'corrupt', detail: `exit ${code}` }))
  })
}
