/**
 * SQL for moving a delivery's evidence (with its bytes) between laptops (the handover bundle)
 * and nothing else.
 */
import { statementCache, type Db } from '../db/database'

/** An evidence row as stored, without its id and delivery. */
export interface EvidenceTransferRow {
  stage: string
  name: string
  mime: string
  size: number
  sha256: string
  added_at: string
  added_by: string
}

const COLS = ['stage', 'name', 'mime', 'size', 'sha256', 'added_at', 'added_by'] as const

export class EvidenceTransferRepository {
  private readonly sql

  constructor(db: Db) {
    this.sql = statementCache(db)
  }

  forDelivery(deliveryId: number): (EvidenceTransferRow & { data: Buffer })[] {
    return this.sql(
      `SELECT ${COLS.join(', ')}, data FROM evidence WHERE delivery_id = ? ORDER BY id`
    ).all(deliveryId) as (EvidenceTransferRow & { data: Buffer })[]
  }

  insert(deliveryId: number, row: EvidenceTransferRow, data: Uint8Array): number {
    const values: Record<string, unknown> = { delivery_id: deliveryId, data }
    for (const c of COLS) values[c] = row[c]
    const info = this.sql(
      `INSERT INTO evidence (delivery_id, ${COLS.join(', ')}, data)
       VALUES (@delivery_id, ${COLS.map((c) => `@${c}`).join(', ')}, @data)`
    ).run(values)
    return Number(info.lastInsertRowid)
  }
}
