/**
 * Copies the live database into a checked, self-contained backup file. The copy goes to a
 * temp name in the backup folder, is switched out of WAL (a backup is one file that opens
 * read-only anywhere), passes `integrity_check` opened read-only, is synced, and only then
 * gets its final name. A crash at any point leaves no backup under a final name that was not
 * checked.
 */
import Database from 'better-sqlite3'
import { mkdirSync, renameSync, rmSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { checkDatabase } from '../db/database-check'
import type { Db } from '../db/database'
import { DeskError } from '../errors/desk-error'
import { commitTempFile, fsyncDir, fsyncFile, tempPathFor } from '../shared/atomic-file'
import type { Migration } from '../db/migrations/migration'
import { backupFileName, backupFilesIn, hasData, localBackupDir } from './backup-files'
import type { BackupKind } from './backup-types'

/** Pages per step of the online backup: about 4 MB, so the app stays responsive between steps. */
const PAGES_PER_STEP = 1000

/** A free final name for a backup made now (two in one millisecond get a counter). */
export function freeBackupName(dir: string, at: Date, kind: BackupKind, sealed: boolean): string {
  const taken = new Set(backupFilesIn(dir).map((p) => p.fileName))
  for (let clash = 0; ; clash++) {
    const name = backupFileName(at, kind, sealed, clash)
    if (!taken.has(name)) return name
  }
}

function toStandalone(path: string, nativeBinding?: string): void {
  const db = new Database(path, { fileMustExist: true, nativeBinding })
  try {
    db.pragma('journal_mode = DELETE')
  } finally {
    db.close()
  }
}

function assertChecked(temp: string, nativeBinding?: string): void {
  const check = checkDatabase(temp, { depth: 'full', nativeBinding })
  if (!check.ok) {
    throw new DeskError('DB_CORRUPT', { params: { path: temp } })
  }
}

/** Online backup API: the live connection keeps serving calls while pages are copied. */
export async function snapshotDatabase(
  db: Db,
  target: string,
  nativeBinding?: string
): Promise<void> {
  mkdirSync(dirname(target), { recursive: true })
  const temp = tempPathFor(target)
  try {
    await db.backup(temp, { progress: () => PAGES_PER_STEP })
    toStandalone(temp, nativeBinding)
    assertChecked(temp, nativeBinding)
    fsyncFile(temp)
    await commitTempFile(temp, target, { overwrite: false })
  } catch (error) {
    await rm(temp, { force: true })
    await rm(`${temp}-journal`, { force: true })
    throw error
  }
}

/**
 * The same, synchronously, for the one place that cannot wait: just before migrations run
 * inside `openDatabase`. `VACUUM INTO` is SQLite's other online copy; nothing else uses the
 * connection yet, so blocking is harmless there.
 */
export function snapshotDatabaseSync(db: Db, target: string, nativeBinding?: string): void {
  mkdirSync(dirname(target), { recursive: true })
  const temp = tempPathFor(target)
  try {
    db.prepare('VACUUM INTO ?').run(temp)
    toStandalone(temp, nativeBinding)
    assertChecked(temp, nativeBinding)
    fsyncFile(temp)
    renameSync(temp, target)
    fsyncDir(dirname(target))
  } catch (error) {
    rmSync(temp, { force: true })
    rmSync(`${temp}-journal`, { force: true })
    throw error
  }
}

/**
 * Called by `openDatabase` before it migrates: a file that has data and an older schema is
 * copied to `backups/` first, so a migration that goes wrong has a way back.
 */
export function snapshotBeforeMigration(
  db: Db,
  dbPath: string,
  migrations: readonly Migration[],
  nativeBinding?: string
): string | null {
  const current = db.pragma('user_version', { simple: true }) as number
  const latest = migrations.at(-1)?.version ?? 0
  if (current === 0 || current >= latest || !hasData(db)) return null
  const dir = localBackupDir(dbPath)
  const target = join(dir, freeBackupName(dir, new Date(), 'pre-migration', false))
  snapshotDatabaseSync(db, target, nativeBinding)
  return target
}
