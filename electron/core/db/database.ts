import Database from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { MIGRATIONS } from './migrations'
import type { Migration } from './migrations/migration'
import { searchGrams } from '../search/search-grams'
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

/** Functions the schema's triggers call; every connection that writes must have them. */
export function registerFunctions(db: Db): void {
  db.function('dd_search_grams', { deterministic: true, varargs: true }, (...values: unknown[]) =>
    searchGrams(...values.map((v) => (typeof v === 'string' ? v : null)))
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
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
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
    }
    return db
  } catch (error) {
    db.close()
    const problem = openProblemOf(error)
    if (problem) throw new DatabaseOpenError(problem, file, (error as Error).message)
    throw error
  }
}
