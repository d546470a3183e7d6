/**
 * Database failures that are answers, not bugs: another process holds the write lock, or the
 * file is not a usable database. Dispatch and the CLI turn them into refusals.
 */
import { DeskError } from '../errors/desk-error'
import { SchemaTooNewError } from './database'
import { DatabaseOpenError, databaseProblemError, LATEST_SCHEMA_VERSION } from './database-check'

function isBusy(code: unknown): boolean {
  return typeof code === 'string' && /^SQLITE_(BUSY|LOCKED)(_|$)/.test(code)
}

export function deskErrorFromDb(error: unknown): DeskError | null {
  if (error instanceof DatabaseOpenError) {
    return databaseProblemError(error.path, { ok: false, problem: error.problem })
  }
  if (error instanceof SchemaTooNewError) {
    return new DeskError('DB_SCHEMA_TOO_NEW', {
      params: { path: '', found: error.found, known: LATEST_SCHEMA_VERSION }
    })
  }
  if (isBusy((error as { code?: unknown } | null)?.code)) return new DeskError('DB_BUSY')
  return null
}
