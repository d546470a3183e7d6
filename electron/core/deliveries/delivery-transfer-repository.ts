/**
 * SQL for moving a customer's deliveries and their stage records between laptops (the handover
 * bundle) and nothing else: whole rows out, whole rows in under new ids.
 */
import { statementCache, type Db } from '../db/database'

/** A deliveries row as stored, without its id and customer. */
export interface DeliveryTransferRow {
  order_number: string
  products: string
  planned_go_live: string | null
  actual_go_live: string | null
  implementer: string
  status: string
  notes: string
  created_at: string
  updated_at: string
}

/** A stage_progress row as stored, without its delivery. */
export interface StageTransferRow {
  stage: string
  position: number
  status: string
  answers: string
  notes: string
  reason: string | null
  started_at: string | null
  completed_at: string | null
  updated_at: string
  updated_by: string
}

const DELIVERY = [
  'order_number',
  'products',
  'planned_go_live',
  'actual_go_live',
  'implementer',
  'status',
  'notes',
  'created_at',
  'updated_at'
] as const satisfies readonly (keyof DeliveryTransferRow)[]

const STAGE = [
  'stage',
  'position',
  'status',
  'answers',
  'notes',
  'reason',
  'started_at',
  'completed_at',
  'updated_at',
  'updated_by'
] as const satisfies readonly (keyof StageTransferRow)[]

const list = (cols: readonly string[]): string => cols.join(', ')
const params = (cols: readonly string[]): string => cols.map((c) => `@${c}`).join(', ')

export class DeliveryTransferRepository {
  private readonly sql

  constructor(db: Db) {
    this.sql = statementCache(db)
  }

  /** The customer's deliveries, oldest first, with their ids. */
  forCustomer(customerId: number): (DeliveryTransferRow & { id: number })[] {
    return this.sql(
      `SELECT id, ${list(DELIVERY)} FROM deliveries WHERE customer_id = ? ORDER BY id`
    ).all(customerId) as (DeliveryTransferRow & { id: number })[]
  }

  /** The customer a delivery belongs to, or null when there is no such delivery. */
  customerOf(deliveryId: number): number | null {
    const row = this.sql('SELECT customer_id FROM deliveries WHERE id = ?').get(deliveryId) as
      { customer_id: number } | undefined
    return row?.customer_id ?? null
  }

  stages(deliveryId: number): StageTransferRow[] {
    return this.sql(
      `SELECT ${list(STAGE)} FROM stage_progress WHERE delivery_id = ? ORDER BY position`
    ).all(deliveryId) as StageTransferRow[]
  }

  insert(customerId: number, row: DeliveryTransferRow): number {
    const info = this.sql(
      `INSERT INTO deliveries (customer_id, ${list(DELIVERY)})
       VALUES (@customer_id, ${params(DELIVERY)})`
    ).run({ ...pick(row, DELIVERY), customer_id: customerId })
    return Number(info.lastInsertRowid)
  }

  insertStage(deliveryId: number, row: StageTransferRow): void {
    this.sql(
      `INSERT INTO stage_progress (delivery_id, ${list(STAGE)})
       VALUES (@delivery_id, ${params(STAGE)})`
    ).run({ ...pick(row, STAGE), delivery_id: deliveryId })
  }

  /**
   * Removes the customer's deliveries; their stage records, forms and evidence go with them
   * (ON DELETE CASCADE). Incidents pointing at them must be removed first (incidents domain).
   */
  removeForCustomer(customerId: number): number {
    return this.sql('DELETE FROM deliveries WHERE customer_id = ?').run(customerId).changes
  }
}

/** Only the known columns: a bundle row carrying more keys must not reach the statement. */
function pick<T extends object>(row: T, cols: readonly (keyof T)[]): Partial<T> {
  const out: Partial<T> = {}
  for (const c of cols) out[c] = row[c]
  return out
}
