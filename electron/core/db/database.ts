import Database from 'better-sqlite3'
import { closeSync, existsSync, mkdirSync, openSync } from 'node:fs'
import { dirname } from 'node:path'
import { MIGRATIONS } from './migrations'
import type { Migration } from './migrations/migration'
import { containsEveryTerm, indexChars, indexTokens } from '../search/search-grams'
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE, restrictToOwner } from '../paths'
import { DatabaseOpenError, openProblemOf } from './database-check'
import { snapshotBeforeMigration } from '../backup/snapshot'

export type Db = Database.Database

/**
 * Prepared statements by SQL text, so hot paths (imports, search as you type) compile each
 * statement once per connection.
 */
export function statementCache(db: Db): (sql: string) => Database.Statement {
  const cache = new Map<string, Database.Statement>()
  return (sql) => {
    let stmt = cache.get(sql)
    if (!stmt) {
      stmt = db.prepare(sql)
      cache.set(sql, stmt)
    }
    return stmt
  }
}

export interface OpenOptions {
  /** an Electron-ABI build of better-sqlite3 (main process); Node's build otherwise */
  nativeBinding?: string
  readonly?: boolean
  migrations?: readonly Migration[]
  /** a checked copy in `backups/` before migrations change a file with data (default on) */
  backupBeforeMigration?: boolean
}

const asText = (v: unknown): string | null => (typeof v === 'string' ? v : null)

/** Per connection: whether the search triggers index each row (an import indexes in one pass). */
const searchLive = new WeakMap<Db, boolean>()

export function setSearchTriggersLive(db: Db, live: boolean): void {
  searchLive.set(db, live)
}

/** Functions the schema's triggers call; every connection that writes must have them. */
export function registerFunctions(db: Db): void {
  const index = (v: unknown): string => indexTokens(asText(v))
  // migration 001's triggers (dropped by 005) call this one
  db.function('dd_search_grams', { deterministic: true, varargs: true }, (...values: unknown[]) =>
    values.map(index).join(' ')
  )
  db.function('dd_search_index', { deterministic: true }, index)
  db.function('dd_search_chars', { deterministic: true, varargs: true }, (...values: unknown[]) =>
    indexChars(...values.map(asText))
  )
  // A search checks its candidates with the same terms row after row: parse them once.
  let lastTerms = ''
  let parsedTerms: string[] = []
  db.function(
    'dd_search_contains',
    { deterministic: true, varargs: true },
    (...args: unknown[]) => {
      const [terms, ...values] = args
      const json = String(terms)
      if (json !== lastTerms) {
        parsedTerms = JSON.parse(json) as string[]
        lastTerms = json
      }
      return containsEveryTerm(parsedTerms, values.map(asText)) ? 1 : 0
    }
  )
  db.function('dd_search_live', { deterministic: false }, () =>
    searchLive.get(db) === false ? 0 : 1
  )
}

export class SchemaTooNewError extends Error {
  readonly problem = 'newer_schema' as const
  constructor(
    readonly found: number,
    readonly known: number
  ) {
    super(`database schema version ${found} is newer than this app knows (${known})`)
  }
}

/**
 * Applies every migration above the file's `user_version`, each in its own transaction
 * together with the version bump, so a crash leaves the file at a whole version.
 */
export function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): number {
  const current = db.pragma('user_version', { simple: true }) as number
  const latest = migrations.at(-1)?.version ?? 0
  if (current > latest) throw new SchemaTooNewError(current, latest)
  for (const m of migrations) {
    if (m.version <= current) continue
    db.transaction(() => {
      db.exec(m.up)
      db.pragma(`user_version = ${m.version}`)
    }).immediate()
  }
  return db.pragma('user_version', { simple: true }) as number
}

export function openDatabase(file: string, options: OpenOptions = {}): Db {
  const onDisk = file !== ':memory:' && !file.startsWith('file:')
  if (onDisk) {
    mkdirSync(dirname(file), { recursive: true, mode: PRIVATE_DIR_MODE })
    // Created owner-only before SQLite opens it; SQLite gives -wal and -shm the same mode.
    if (!existsSync(file) && !options.readonly) closeSync(openSync(file, 'a', PRIVATE_FILE_MODE))
    restrictToOwner(file)
  }
  const db = new Database(file, {
    nativeBinding: options.nativeBinding,
    readonly: options.readonly ?? false
  })
  try {
    db.pragma('foreign_keys = ON')
    db.pragma('busy_timeout = 5000')
    registerFunctions(db)
    if (!options.readonly) {
      db.pragma('journal_mode = WAL')
      db.pragma('synchronous = NORMAL')
      if (file !== ':memory:' && options.backupBeforeMigration !== false) {
        snapshotBeforeMigration(db, file, options.migrations ?? MIGRATIONS, options.nativeBinding)
      }
      migrate(db, options.migrations)
      if (onDisk) for (const suffix of ['-wal', '-shm']) restrictToOwner(file + suffix)
    }
    return db
  } catch (error) {
    db.close()
    const problem = openProblemOf(error)
    if (problem) throw new DatabaseOpenError(problem, file, (error as Error).message)
    throw error
  }
}
