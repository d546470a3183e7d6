import type { Db } from './database'
import { MIGRATIONS } from './migrations'

export interface DoctorReport {
  dbPath: string
  schemaVersion: number
  latestSchemaVersion: number
  integrity: string
  journalMode: string
  sqliteVersion: string
  counts: { customers: number; archivedCustomers: number; auditLog: number }
}

export function runDoctor(db: Db, dbPath: string): DoctorReport {
  const integrityRows = db.pragma('integrity_check') as { integrity_check: string }[]
  const integrity = integrityRows.map((r) => r.integrity_check).join('; ')
  const counts = db
    .prepare(
      `SELECT (SELECT count(*) FROM customers) AS customers,
              (SELECT count(*) FROM customers WHERE archived_at IS NOT NULL) AS archivedCustomers,
              (SELECT count(*) FROM audit_log) AS auditLog`
    )
    .get() as DoctorReport['counts']
  return {
    dbPath,
    schemaVersion: db.pragma('user_version', { simple: true }) as number,
    latestSchemaVersion: MIGRATIONS.at(-1)?.version ?? 0,
    integrity,
    journalMode: db.pragma('journal_mode', { simple: true }) as string,
    sqliteVersion: (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v,
    counts
  }
}
