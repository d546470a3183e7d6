/**
 * SQL of an import's staging and nothing else (issue 13): the rows that passed validation wait
 * in a temporary table (the connection's own temp database, on disk beyond its page cache:
 * bounded memory) while the file is read, so the registry's write lock is held only for one
 * INSERT … SELECT of them all, without a JavaScript call per row.
 */
import type { Db } from '../db/database'
import { CUSTOMER_FIELDS, type CustomerFields } from './customer-fields'

export interface StagedRow {
  line: number
  values: CustomerFields
  overrideReason: string | null
}

export interface StagedSkip {
  line: number
  taxId: string
  existingId: number
  existingName: string
}

export interface StagedResult {
  added: number
  /** ids of the added customers are firstId..lastId (null when none was added) */
  firstId: number | null
  lastId: number | null
  skipped: number
  /** the first `detailLimit` skipped rows, in file order */
  skippedDetails: StagedSkip[]
}

const COLUMNS = CUSTOMER_FIELDS.map((f) => f.column)

export class CustomerStaging {
  private readonly insert
  private staged = 0

  constructor(private readonly db: Db) {
    db.exec(`DROP TABLE IF EXISTS temp.import_staging;
      CREATE TEMP TABLE import_staging (
        line INTEGER NOT NULL, ${COLUMNS.map((c) => `${c} TEXT NOT NULL`).join(', ')},
        tax_id_override_reason TEXT)`)
    this.insert = db.prepare(
      `INSERT INTO temp.import_staging (line, ${COLUMNS.join(', ')}, tax_id_override_reason)
       VALUES (${['?', ...COLUMNS.map(() => '?'), '?'].join(', ')})`
    )
  }

  /** Adds rows in one transaction of the temp database only (the registry stays unlocked). */
  add(rows: StagedRow[]): void {
    if (rows.length === 0) return
    const args: (string | number | null)[] = new Array(COLUMNS.length + 2)
    this.db.exec('BEGIN')
    try {
      for (const r of rows) {
        args[0] = r.line
        for (let i = 0; i < CUSTOMER_FIELDS.length; i++) {
          args[i + 1] = r.values[(CUSTOMER_FIELDS[i] as (typeof CUSTOMER_FIELDS)[number]).key] ?? ''
        }
        args[COLUMNS.length + 1] = r.overrideReason
        this.insert.run(args)
      }
      this.db.exec('COMMIT')
    } catch (error) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK')
      throw error
    }
    this.staged += rows.length
  }

  /**
   * Adds every staged row whose tax ID is new, in file order (the first of a repeated tax ID
   * wins), all created at `now`. Call inside the write transaction.
   */
  insertAll(now: string, detailLimit: number): StagedResult {
    const before = (
      this.db.prepare('SELECT coalesce(max(id), 0) AS n FROM customers').get() as { n: number }
    ).n
    const added = this.db
      .prepare(
        `INSERT INTO customers (${COLUMNS.join(', ')}, tax_id_override_reason, created_at, updated_at)
         SELECT ${COLUMNS.join(', ')}, tax_id_override_reason, @now, @now
         FROM temp.import_staging WHERE true ORDER BY rowid
         ON CONFLICT (tax_id) DO NOTHING`
      )
      .run({ now }).changes
    const skipped = this.staged - added
    let skippedDetails: StagedSkip[] = []
    if (skipped > 0) {
      // skipped: its tax ID was there before, or an earlier row of the file had it
      this.db.exec('CREATE INDEX temp.import_staging_tax ON import_staging (tax_id)')
      skippedDetails = this.db
        .prepare(
          `SELECT s.line, c.tax_id AS taxId, c.id AS existingId, c.name AS existingName
           FROM temp.import_staging s JOIN customers c ON c.tax_id = s.tax_id
           WHERE c.id <= @before
              OR s.rowid > (SELECT min(f.rowid) FROM temp.import_staging f WHERE f.tax_id = s.tax_id)
           ORDER BY s.rowid LIMIT @limit`
        )
        .all({ before, limit: detailLimit }) as StagedSkip[]
    }
    return {
      added,
      firstId: added > 0 ? before + 1 : null,
      lastId: added > 0 ? before + added : null,
      skipped,
      skippedDetails
    }
  }

  drop(): void {
    if (this.db.open) this.db.exec('DROP TABLE IF EXISTS temp.import_staging')
  }
}
