import { join } from 'node:path'
import { openDatabase } from '../../electron/core/db/database'

/** A real database with some rows, closed, as one file (no WAL beside it). */
export function realDatabase(dir: string, name = 'desk.sqlite'): string {
  const path = join(dir, name)
  const db = openDatabase(path)
  const insert = db.prepare(
    "INSERT INTO customers (name, tax_id, created_at, updated_at) VALUES (?, ?, 'a', 'a')"
  )
  for (let i = 0; i < 300; i++) insert.run(`客户${i} ${'x'.repeat(200)}`, `T${i}`)
  db.pragma('journal_mode = DELETE')
  db.close()
  return path
}
