/**
 * Putting a backup in place of the database.
 *
 * Live (the app or CLI has the database open): the backup is copied INTO the open database
 * file with SQLite's online backup API, from a read-only connection on the backup. SQLite
 * writes it as one transaction on the live file (WAL), so a crash leaves the old content or
 * the new, never a mix, and every open connection, in this process or another, sees the
 * new content on its next statement. The database handle is never replaced: the Core, its
 * services and every transport keep theirs; only in-memory state (the unlocked vault key)
 * has to be dropped, which the service's `onRestored` does. A rename swap would instead leave
 * other connections writing into the unlinked old file, and pair stale -wal/-shm files with
 * the new one.
 *
 * Offline (the current file cannot be opened: the recovery path): the damaged file and its
 * -wal/-shm are renamed aside, never deleted, and the backup is copied in under a temp name,
 * synced and renamed into place.
 */
import Database from 'better-sqlite3'
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs'
import { copyFile, rm } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { migrate, type Db } from '../db/database'
import { checkDatabase, databaseProblemError } from '../db/database-check'
import { DeskError } from '../errors/desk-error'
import { commitTempFile, fsyncDir, fsyncFile, tempPathFor } from '../shared/atomic-file'
import { readPlainBackup, type PlainFileInfo } from './backup-files'
import { isSealedFile, unsealToFile, type SealedHeader } from './sealed-file'

export interface Candidate {
  /** a plain SQLite file to restore from (the unsealed copy of a sealed backup) */
  path: string
  sealedHeader: SealedHeader | null
  /** removes the unsealed temp copy, if one was made */
  dispose(): Promise<void>
}

/**
 * A plain file to restore from: the file itself, or for a sealed one its content unsealed
 * into `workDir` (only after every chunk authenticated).
 */
export async function openCandidate(
  file: string,
  passphrase: string | undefined,
  workDir: string
): Promise<Candidate> {
  if (!(await isSealedFile(file))) {
    return { path: file, sealedHeader: null, dispose: async () => undefined }
  }
  if (!passphrase) throw new DeskError('REQUIRED', { field: 'passphrase' })
  const plain = tempPathFor(join(workDir, basename(file)))
  const header = await unsealToFile(file, passphrase, plain)
  return { path: plain, sealedHeader: header, dispose: () => rm(plain, { force: true }) }
}

/**
 * Everything restore checks before it touches anything: the file is a whole SQLite database
 * (integrity_check), its schema is not newer than this app, and it has a vault when the
 * current database has one (restoring it would lose every secret).
 */
export function checkCandidate(
  path: string,
  options: { currentHasVault: boolean; label: string; nativeBinding?: string }
): PlainFileInfo {
  const check = checkDatabase(path, { depth: 'full', nativeBinding: options.nativeBinding })
  // the path of an unsealed temp copy means nothing to the user: the label names the backup
  if (!check.ok) throw databaseProblemError(options.label, check)
  const info = readPlainBackup(path, options.nativeBinding)
  if (options.currentHasVault && !info.vault) throw new DeskError('BACKUP_NO_VAULT')
  return info
}

/** Copies a checked backup into the open database (one transaction), then migrates it up. */
export async function restoreIntoLive(
  db: Db,
  livePath: string,
  candidatePath: string,
  nativeBinding?: string
): Promise<number> {
  const pageSize = db.pragma('page_size', { simple: true }) as number
  const source = matchingPageSize(candidatePath, pageSize, nativeBinding)
  const reader = new Database(source.path, { readonly: true, fileMustExist: true, nativeBinding })
  try {
    // all pages in one step: nothing else gets the event loop while the live file is locked
    await reader.backup(livePath, { progress: () => 0x7fffffff })
  } finally {
    reader.close()
    source.dispose()
  }
  return migrate(db)
}

/**
 * SQLite cannot back up into a WAL database from one with another page size. Files this app
 * wrote all have the default, but a backup made by other tools may not: such a file is
 * rewritten with the live page size first, in a temp copy beside it.
 */
function matchingPageSize(
  path: string,
  pageSize: number,
  nativeBinding?: string
): { path: string; dispose: () => void } {
  const probe = new Database(path, { readonly: true, fileMustExist: true, nativeBinding })
  const own = probe.pragma('page_size', { simple: true }) as number
  probe.close()
  if (own === pageSize) return { path, dispose: () => undefined }
  const copy = tempPathFor(path)
  copyFileSync(path, copy)
  const db = new Database(copy, { nativeBinding })
  try {
    db.pragma('journal_mode = DELETE')
    db.pragma(`page_size = ${Number(pageSize)}`)
    db.exec('VACUUM')
  } finally {
    db.close()
  }
  return { path: copy, dispose: () => rmSync(copy, { force: true }) }
}

function stamp(at: Date): string {
  return at.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '')
}

/**
 * Replaces a database file nobody has open: the current one (damaged, or simply in the way)
 * and its -wal/-shm move aside as `<name>.replaced-<time>`; the backup is copied in through a
 * temp file. Returns where the old file went, or null when there was none.
 */
export async function restoreOffline(
  dbPath: string,
  candidatePath: string,
  at: Date
): Promise<string | null> {
  const temp = tempPathFor(dbPath)
  try {
    await copyFile(candidatePath, temp)
    fsyncFile(temp)
  } catch (error) {
    await rm(temp, { force: true })
    throw error
  }
  let aside: string | null = null
  if (existsSync(dbPath)) {
    aside = join(dirname(dbPath), `${basename(dbPath)}.replaced-${stamp(at)}`)
    // The WAL belongs to the old file and moves with it, before it, so no moment leaves the
    // old WAL beside a new main file (SQLite would replay it onto the restored one).
    for (const suffix of ['-wal', '-shm', '']) {
      if (existsSync(dbPath + suffix)) renameSync(dbPath + suffix, aside + suffix)
    }
    fsyncDir(dirname(dbPath))
  }
  await commitTempFile(temp, dbPath)
  return aside
}

export interface RecoveryResult {
  /** where the replaced file went, or null when there was none */
  aside: string | null
  schemaVersion: number
}

/**
 * The recovery path (the recovery screen, `desk restore` on a damaged file): no Core, no open
 * connection. The backup is checked like any restore; the vault check is skipped, since the
 * damaged file cannot say whether it had one. The caller opens the database afterwards, which
 * migrates the restored file when it is older.
 */
export async function restoreWithoutCore(
  dbPath: string,
  backupFile: string,
  options: { passphrase?: string; label: string; at: Date; nativeBinding?: string }
): Promise<RecoveryResult> {
  const workDir = join(dirname(dbPath), 'backups')
  mkdirSync(workDir, { recursive: true })
  const candidate = await openCandidate(backupFile, options.passphrase, workDir)
  try {
    const info = checkCandidate(candidate.path, {
      currentHasVault: false,
      label: options.label,
      nativeBinding: options.nativeBinding
    })
    const aside = await restoreOffline(dbPath, candidate.path, options.at)
    return { aside, schemaVersion: info.schemaVersion }
  } finally {
    await candidate.dispose()
  }
}
