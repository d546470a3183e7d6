/**
 * Backups as files: their names, the folders they live in, what each one holds (read from
 * the file itself, so a list never disagrees with the file), and rotation. The backup
 * domain's "repository": it reads database files, never the live database's tables.
 */
import Database from 'better-sqlite3'
import { readdirSync, statSync, unlinkSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { DeskError } from '../errors/desk-error'
import type { Db } from '../db/database'
import {
  BACKUP_KINDS,
  type BackupCounts,
  type BackupEntry,
  type BackupKind,
  type BackupLocation
} from './backup-types'

export const BACKUP_DIR_NAME = 'backups'
const PLAIN_EXT = 'sqlite'
const SEALED_EXT = 'ddbackup'
const NAME =
  /^delivery-desk-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})-(\d{3})-([a-z-]+?)(?:-(\d+))?\.(sqlite|ddbackup)$/

export function localBackupDir(dbPath: string): string {
  return join(dirname(dbPath), BACKUP_DIR_NAME)
}

/** A sortable name: UTC time to the millisecond, the kind, a counter on a clash. */
export function backupFileName(at: Date, kind: BackupKind, sealed: boolean, clash = 0): string {
  const iso = at.toISOString() // 2026-03-01T08:00:00.000Z
  const stamp = `${iso.slice(0, 10).replace(/-/g, '')}-${iso.slice(11, 19).replace(/:/g, '')}-${iso.slice(20, 23)}`
  return `delivery-desk-${stamp}-${kind}${clash ? `-${clash}` : ''}.${sealed ? SEALED_EXT : PLAIN_EXT}`
}

export interface ParsedName {
  fileName: string
  createdAt: string
  kind: BackupKind
  sealed: boolean
}

export function parseBackupName(fileName: string): ParsedName | null {
  const m = NAME.exec(fileName)
  if (!m) return null
  const kind = m[8] as BackupKind
  if (!BACKUP_KINDS.includes(kind)) return null
  const createdAt = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${m[7]}Z`
  if (Number.isNaN(Date.parse(createdAt))) return null
  return { fileName, createdAt, kind, sealed: m[10] === SEALED_EXT }
}

/** `<location>:<file name>`; anything else (paths, `..`) is not a backup id. */
export function parseBackupId(id: string): { location: BackupLocation; fileName: string } {
  const colon = id.indexOf(':')
  const location = id.slice(0, colon)
  const fileName = id.slice(colon + 1)
  if ((location !== 'local' && location !== 'external') || !parseBackupName(fileName)) {
    throw new DeskError('NOT_FOUND', { field: 'backupId' })
  }
  return { location, fileName }
}

/** The backup files in a folder, newest first. A missing folder holds none. */
export function backupFilesIn(dir: string): ParsedName[] {
  let names: string[]
  try {
    names = readdirSync(dir)
  } catch {
    return []
  }
  return names
    .map(parseBackupName)
    .filter((p): p is ParsedName => p !== null)
    .sort((a, b) => (a.fileName < b.fileName ? 1 : a.fileName > b.fileName ? -1 : 0))
}

function tableNames(db: Db): Set<string> {
  const rows = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as {
    name: string
  }[]
  return new Set(rows.map((r) => r.name))
}

function count(db: Db, tables: Set<string>, table: string, where = ''): number {
  if (!tables.has(table)) return 0
  return (db.prepare(`SELECT count(*) AS n FROM ${table} ${where}`).get() as { n: number }).n
}

/** What a database holds, in the few numbers a person checks before restoring it. */
export function readCounts(db: Db): BackupCounts {
  const tables = tableNames(db)
  return {
    customers: count(db, tables, 'customers'),
    deliveries: count(db, tables, 'deliveries'),
    credentials: count(db, tables, 'credentials', 'WHERE replaced_at IS NULL'),
    forms: count(db, tables, 'acceptance_forms')
  }
}

/** Whether the database has a vault set up (its secrets need it to be opened). */
export function hasVault(db: Db): boolean {
  return count(db, tableNames(db), 'vault') > 0
}

/** Whether there is anything to lose: a customer or a vault. */
export function hasData(db: Db): boolean {
  const tables = tableNames(db)
  return count(db, tables, 'customers') > 0 || count(db, tables, 'vault') > 0
}

export interface PlainFileInfo {
  schemaVersion: number
  counts: BackupCounts
  vault: boolean
}

/** Opens a plain backup read-only for its schema version and counts. */
export function readPlainBackup(path: string, nativeBinding?: string): PlainFileInfo {
  const db = new Database(path, { readonly: true, fileMustExist: true, nativeBinding })
  try {
    return {
      schemaVersion: db.pragma('user_version', { simple: true }) as number,
      counts: readCounts(db),
      vault: hasVault(db)
    }
  } finally {
    db.close()
  }
}

export function fileSize(path: string): number {
  try {
    return statSync(path).size
  } catch {
    return 0
  }
}

/** Keeps the newest `keep` backups in `dir`; returns the names removed. */
export function rotate(dir: string, keep: number): string[] {
  const removed: string[] = []
  for (const old of backupFilesIn(dir).slice(keep)) {
    try {
      unlinkSync(join(dir, old.fileName))
      removed.push(old.fileName)
    } catch {
      // already gone or not removable: the next rotation tries again
    }
  }
  return removed
}

export function entryFor(
  location: BackupLocation,
  parsed: ParsedName,
  details: Omit<BackupEntry, 'id' | 'location' | 'fileName' | 'kind' | 'createdAt' | 'sealed'>
): BackupEntry {
  return {
    id: `${location}:${parsed.fileName}`,
    location,
    fileName: parsed.fileName,
    kind: parsed.kind,
    createdAt: parsed.createdAt,
    sealed: parsed.sealed,
    ...details
  }
}
