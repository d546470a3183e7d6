/**
 * Whether a file can be used as the app's database, without changing it: the start-up check
 * that decides between opening and the recovery screen, the CLI's `--db` check, and the
 * check of every backup before it is trusted. Opens nothing for writing.
 */
import Database from 'better-sqlite3'
import { closeSync, existsSync, openSync, readSync, realpathSync, statSync } from 'node:fs'
import { DeskError } from '../errors/desk-error'
import { MIGRATIONS } from './migrations'

export type DatabaseProblem = 'missing' | 'not_a_file' | 'not_sqlite' | 'corrupt' | 'newer_schema'

export interface DatabaseCheck {
  ok: boolean
  problem?: DatabaseProblem
  /** SQLite's or the OS's own words, for the log and the recovery screen's details */
  detail?: string
  schemaVersion?: number
}

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1')
/** Kernel and device trees: reading them can block forever or mean nothing as a database. */
const SPECIAL_TREES = ['/proc', '/sys', '/dev']

export const LATEST_SCHEMA_VERSION = MIGRATIONS.at(-1)?.version ?? 0

export interface CheckOptions {
  /**
   * 'header': type, magic and schema version only (cheap, for every CLI start);
   * 'start': plus the header's page and freelist counts against the file and a read of the
   * schema (milliseconds whatever the size: the app's synchronous start check, with 'quick' run
   * after start by checkDatabaseInBackground);
   * 'quick': plus `quick_check` (reads every page: seconds at 100k customers and 1M audit rows);
   * 'full': plus `integrity_check` (backups, restore)
   */
  depth?: 'header' | 'start' | 'quick' | 'full'
  nativeBinding?: string
  /** a missing file is fine where the app would create it */
  allowMissing?: boolean
}

function inSpecialTree(path: string): boolean {
  if (process.platform === 'win32') return false
  let real = path
  try {
    real = realpathSync(path)
  } catch {
    // not there yet: judge the path as given
  }
  return SPECIAL_TREES.some((t) => real === t || real.startsWith(`${t}/`))
}

function readHeader(path: string): Buffer {
  const fd = openSync(path, 'r')
  try {
    const buffer = Buffer.alloc(100)
    const n = readSync(fd, buffer, 0, 100, 0)
    return buffer.subarray(0, n)
  } finally {
    closeSync(fd)
  }
}

export function checkDatabase(path: string, options: CheckOptions = {}): DatabaseCheck {
  const depth = options.depth ?? 'quick'
  if (inSpecialTree(path)) return { ok: false, problem: 'not_a_file', detail: 'special' }
  let size: number
  try {
    const stat = statSync(path)
    if (!stat.isFile()) {
      return { ok: false, problem: 'not_a_file', detail: stat.isDirectory() ? 'folder' : 'special' }
    }
    size = stat.size
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') {
      return options.allowMissing ? { ok: true } : { ok: false, problem: 'missing' }
    }
    return { ok: false, problem: 'not_a_file', detail: code ?? String(error) }
  }
  // SQLite turns an empty file into a new database; that is how the app starts one.
  if (size === 0) return { ok: true, schemaVersion: 0 }
  let header: Buffer
  try {
    header = readHeader(path)
  } catch (error) {
    return { ok: false, problem: 'not_a_file', detail: (error as NodeJS.ErrnoException).code }
  }
  if (header.length < 16 || !header.subarray(0, 16).equals(SQLITE_MAGIC)) {
    return { ok: false, problem: 'not_sqlite' }
  }
  if (header.length < 100) return { ok: false, problem: 'corrupt', detail: 'header truncated' }
  if (depth !== 'header') {
    const damage = headerDamage(header, size, existsSync(`${path}-wal`))
    if (damage) return { ok: false, problem: 'corrupt', detail: damage }
  }
  // The header's schema version is not user_version; read that through SQLite.
  let db: Database.Database | null = null
  try {
    db = new Database(path, {
      readonly: true,
      fileMustExist: true,
      nativeBinding: options.nativeBinding
    })
    const schemaVersion = db.pragma('user_version', { simple: true }) as number
    // Parses the whole schema: a damaged sqlite_schema page fails here.
    if (depth !== 'header') db.prepare('SELECT count(*) FROM sqlite_schema').get()
    if (depth === 'quick' || depth === 'full') {
      const pragma = depth === 'full' ? 'integrity_check' : 'quick_check'
      const rows = db.pragma(`${pragma}(20)`) as Record<string, string>[]
      const result = rows.map((r) => Object.values(r)[0]).join('; ')
      if (result !== 'ok') return { ok: false, problem: 'corrupt', detail: result, schemaVersion }
    }
    if (schemaVersion > LATEST_SCHEMA_VERSION) {
      return { ok: false, problem: 'newer_schema', detail: String(schemaVersion), schemaVersion }
    }
    return { ok: true, schemaVersion }
  } catch (error) {
    const code = (error as { code?: string }).code
    if (code === 'SQLITE_NOTADB') return { ok: false, problem: 'not_sqlite' }
    return { ok: false, problem: 'corrupt', detail: String((error as Error).message ?? error) }
  } finally {
    db?.close()
  }
}

/**
 * What the 100-byte header says that the file contradicts, or null: a page size SQLite never
 * writes, a file shorter than its page count (truncated; only trusted when the count is valid
 * and no write-ahead log holds newer pages), a freelist larger than the file.
 */
export function headerDamage(header: Buffer, fileSize: number, hasWal: boolean): string | null {
  const raw = header.readUInt16BE(16)
  const pageSize = raw === 1 ? 65536 : raw
  if (pageSize < 512 || (pageSize & (pageSize - 1)) !== 0) return 'page size'
  const pageCount = header.readUInt32BE(28)
  const countValid = header.readUInt32BE(24) === header.readUInt32BE(92) && pageCount > 0
  if (countValid && !hasWal && fileSize < pageCount * pageSize) return 'file shorter than its pages'
  const pages = countValid ? pageCount : Math.floor(fileSize / pageSize)
  const freelistTrunk = header.readUInt32BE(32)
  const freelistPages = header.readUInt32BE(36)
  if (!hasWal && (freelistTrunk > pages || freelistPages >= Math.max(pages, 1))) return 'freelist'
  return null
}

/**
 * Thrown by `openDatabase` for a file SQLite refuses (not a database, damaged): the app turns
 * it into the recovery screen, the CLI into a refusal. A newer schema is `SchemaTooNewError`.
 */
export class DatabaseOpenError extends Error {
  constructor(
    readonly problem: DatabaseProblem,
    readonly path: string,
    readonly detail?: string
  ) {
    super(`cannot open database ${path}: ${problem}${detail ? ` (${detail})` : ''}`)
    this.name = 'DatabaseOpenError'
  }
}

/** The open failure SQLite reported, as a problem, or null for anything else. */
export function openProblemOf(error: unknown): DatabaseProblem | null {
  const code = (error as { code?: unknown } | null)?.code
  if (code === 'SQLITE_NOTADB') return 'not_sqlite'
  if (code === 'SQLITE_CORRUPT' || (typeof code === 'string' && code.startsWith('SQLITE_CORRUPT')))
    return 'corrupt'
  return null
}

/** The refusal for a failed check, as the CLI and the contract report it. */
export function databaseProblemError(path: string, check: DatabaseCheck): DeskError {
  switch (check.problem) {
    case 'missing':
      return new DeskError('FILE_NOT_READABLE', { params: { path } })
    case 'not_a_file':
      return new DeskError('DB_NOT_A_FILE', { params: { path } })
    case 'not_sqlite':
      return new DeskError('DB_NOT_SQLITE', { params: { path } })
    case 'newer_schema':
      return new DeskError('DB_SCHEMA_TOO_NEW', {
        params: { path, found: check.schemaVersion ?? 0, known: LATEST_SCHEMA_VERSION }
      })
    default:
      return new DeskError('DB_CORRUPT', { params: { path } })
  }
}

/** Throws the refusal when the file cannot be used. */
export function assertUsableDatabase(path: string, options: CheckOptions = {}): DatabaseCheck {
  const check = checkDatabase(path, options)
  if (!check.ok) throw databaseProblemError(path, check)
  return check
}
