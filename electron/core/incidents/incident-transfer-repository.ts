/**
 * SQL for moving a customer's incidents between laptops (the handover bundle) and nothing
 * else: whole rows out, whole rows in under new ids and the new delivery ids.
 */
import { statementCache, type Db } from '../db/database'

/** An incidents row as stored, without its id and customer; `delivery_id` is the old one. */
export interface IncidentTransferRow {
  delivery_id: number | null
  symptom: string
  description: string
  cause: string
  action: string
  status: string
  created_at: string
  updated_at: string
  resolved_at: string | null
}

const COLS = [
  'symptom',
  'description',
  'cause',
  'action',
  'status',
  'created_at',
  'updated_at',
  'resolved_at'
] as const

export class IncidentTransferRepository {
  private readonly sql

  constructor(db: Db) {
    this.sql = statementCache(db)
  }

  forCustomer(customerId: number): IncidentTransferRow[] {
    return this.sql(
      `SELECT delivery_id, ${COLS.join(', ')} FROM incidents WHERE customer_id = ? ORDER BY id`
    ).all(customerId) as IncidentTransferRow[]
  }

  insert(customerId: number, deliveryId: number | null, row: IncidentTransferRow): number {
    const values: Record<string, unknown> = { customer_id: customerId, delivery_id: deliveryId }
    for (const c of COLS) values[c] = row[c]
    const info = this.sql(
      `INSERT INTO incidents (customer_id, delivery_id, ${COLS.join(', ')})
       VALUES (@customer_id, @delivery_id, ${COLS.map((c) => `@${c}`).join(', ')})`
    ).run(values)
    return Number(info.lastInsertRowid)
  }

  removeForCustomer(customerId: number): number {
    return this.sql('DELETE FROM incidents WHERE customer_id = ?').run(customerId).changes
  }
}
