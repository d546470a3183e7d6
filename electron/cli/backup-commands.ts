/**
 * The CLI's backup commands and its checks of what the user typed, kept out of desk.ts:
 *
 *   desk [--db PATH] backup [--sealed]          a checked backup in backups/ (and sealed in
 *                                              the external folder: DESK_BACKUP_PASSPHRASE)
 *   desk [--db PATH] restore FILE               FILE: a backup, plain or sealed
 *
 * A sealed file's passphrase comes from DESK_BACKUP_PASSPHRASE or --backup-passphrase-file,
 * never from the command line itself.
 */
import { accessSync, constants, readFileSync, statSync } from 'node:fs'
import { basename, resolve } from 'node:path'
import type { Core } from '../core/core'
import { assertUsableDatabase, checkDatabase } from '../core/db/database-check'
import { DeskError } from '../core/errors/desk-error'
import { restoreWithoutCore } from '../core/backup/restore'
import { cleanStaleTempFiles } from '../core/shared/atomic-file'
import { localBackupDir } from '../core/backup/backup-files'
import { dirname } from 'node:path'

/**
 * A file the user named must exist, be readable and not be a folder: a refusal, not a stack
 * trace. Pipes are fine here (`customers import /dev/stdin`); only `--db` must be a file.
 */
export function assertReadableFile(path: string, field: string): void {
  try {
    accessSync(path, constants.R_OK)
    if (!statSync(path).isDirectory()) return
  } catch {
    // missing or unreadable: refused below
  }
  throw new DeskError('FILE_NOT_READABLE', { field, params: { path } })
}

/** Reads a passphrase file (its trailing newline dropped), refusing a missing one. */
export function readPassphraseFile(path: string, field = 'passphrase-file'): string {
  assertReadableFile(path, field)
  return readFileSync(path, 'utf8').replace(/\r?\n$/, '')
}

/**
 * `--db` must be a SQLite file or not exist yet: a folder, a device, a FIFO, /proc or a file
 * of another kind is refused before SQLite touches it (some of them would block forever).
 */
export function assertDatabaseArg(path: string): void {
  assertUsableDatabase(path, { depth: 'header', allowMissing: true })
}

/** Temp files a killed writer left beside the database and its backups. */
export function cleanLeftovers(dbPath: string): void {
  cleanStaleTempFiles(dirname(resolve(dbPath)))
  cleanStaleTempFiles(localBackupDir(resolve(dbPath)))
}

/** Takes `--flag VALUE` out of the command's own parameters. */
function takeOption(params: string[], flag: string): string | null {
  const at = params.indexOf(flag)
  if (at < 0) return null
  const value = params[at + 1]
  params.splice(at, 2)
  if (!value) throw new DeskError('REQUIRED', { field: flag.replace(/^--/, '') })
  return value
}

function backupPassphrase(params: string[]): string | undefined {
  const file = takeOption(params, '--backup-passphrase-file')
  if (file) return readPassphraseFile(file, 'backup-passphrase-file')
  return process.env.DESK_BACKUP_PASSPHRASE || undefined
}

export async function runBackup(core: Core, params: string[]): Promise<unknown> {
  const rest = [...params]
  const passphrase = backupPassphrase(rest)
  const sealed = rest.includes('--sealed')
  return core.backups.create({ sealed, passphrase })
}

/**
 * Restores FILE into the database. A healthy database is restored live (checked, the current
 * content kept as a backup first); a missing or damaged one is replaced, the damaged file
 * moved aside, never deleted.
 */
export async function runRestore(
  dbPath: string,
  params: string[],
  openCore: () => Core
): Promise<unknown> {
  const rest = [...params]
  const passphrase = backupPassphrase(rest)
  const file = rest[0]
  if (!file) throw new DeskError('REQUIRED', { field: 'file' })
  assertReadableFile(file, 'file')
  const current = checkDatabase(dbPath, { depth: 'quick' })
  if (current.ok) {
    const core = openCore()
    try {
      return await core.backups.restoreFile(resolve(file), basename(file), passphrase)
    } finally {
      core.deps.db.close()
    }
  }
  if (current.problem === 'not_a_file') assertDatabaseArg(dbPath)
  const result = await restoreWithoutCore(dbPath, resolve(file), {
    passphrase,
    label: basename(file),
    at: new Date()
  })
  // opening migrates an older backup up to this app's schema
  openCore().deps.db.close()
  return { ...result, recovered: current.problem }
}
