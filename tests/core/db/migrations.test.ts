import { afterEach, describe, expect, it } from 'vitest'
import Database from 'better-sqlite3'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  migrate,
  openDatabase,
  registerFunctions,
  SchemaTooNewError
} from '../../../electron/core/db/database'
import { MIGRATIONS } from '../../../electron/core/db/migrations'

const dirs: string[] = []
function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'desk-mig-'))
  dirs.push(dir)
  return join(dir, 'nested', 'desk.sqlite')
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

describe('migrations', () => {
  it('numbers migrations 1, 2, 3… without gaps', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1))
  })

  it('builds the schema from an empty file, in WAL mode with foreign keys on', () => {
    const file = tempFile()
    const db = openDatabase(file)
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)?.version)
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
    const tables = (
      db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table') ORDER BY name").all() as {
        name: string
      }[]
    ).map((r) => r.name)
    expect(tables).toEqual(expect.arrayContaining(['customers', 'audit_log', 'customer_search']))
    db.close()
  })

  it('is a no-op when re-run on a current file and keeps the data', () => {
    const file = tempFile()
    let db = openDatabase(file)
    db.prepare(
      "INSERT INTO customers (name, tax_id, created_at, updated_at) VALUES ('甲', 'X', 'a', 'a')"
    ).run()
    db.close()
    db = openDatabase(file)
    expect(migrate(db)).toBe(MIGRATIONS.at(-1)?.version)
    expect((db.prepare('SELECT count(*) AS n FROM customers').get() as { n: number }).n).toBe(1)
    db.close()
  })

  it('rolls a failing migration back whole, leaving the previous version', () => {
    const file = tempFile()
    openDatabase(file, { migrations: [] }).close()
    const db = new Database(file)
    registerFunctions(db)
    const broken = [
      ...MIGRATIONS,
      {
        version: MIGRATIONS.length + 1,
        name: 'broken',
        up: 'CREATE TABLE half_done (x); SELECT no_such_function();'
      }
    ]
    expect(() => migrate(db, broken)).toThrow()
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length)
    expect(
      db.prepare("SELECT name FROM sqlite_master WHERE name = 'half_done'").get()
    ).toBeUndefined()
    db.close()
  })

  it('refuses a file written by a newer version of the app', () => {
    const file = tempFile()
    const db = openDatabase(file)
    db.pragma('user_version = 99')
    db.close()
    expect(() => openDatabase(file)).toThrow(SchemaTooNewError)
  })
})
