/**
 * SQL for deliveries and their stage progress, and nothing else: the rules live in
 * delivery-service.ts. Rows are mapped to the domain types here. Lists join `customers` only
 * for the customer's display name, so a page stays one query.
 */
import { statementCache, type Db } from '../db/database'
import type { StageKey, StageStatus } from '../stages/stage-definitions'
import type { Answers } from '../stages/stage-rules'
import type {
  DashboardDelivery,
  DashboardSummary,
  Delivery,
  DeliveryQuery,
  DeliveryStatus,
  DeliverySummary,
  StageRecord
} from './delivery-types'

interface DeliveryRow {
  id: number
  customer_id: number
  order_number: string
  products: string
  planned_go_live: string | null
  actual_go_live: string | null
  implementer: string
  status: DeliveryStatus
  notes: string
  created_at: string
  updated_at: string
}

interface DeliverySummaryRow extends DeliveryRow {
  customer_name: string
  current_stage: StageKey | null
  statuses: string | null
  blocked_reason: string | null
  overdue: 0 | 1
}

interface StageRow {
  delivery_id: number
  stage: StageKey
  position: number
  status: StageStatus
  answers: string
  notes: string
  reason: string | null
  started_at: string | null
  completed_at: string | null
  updated_at: string
  updated_by: string
}

/** The delivery's values as the repository writes them (products as a list). */
export type DeliveryValues = Omit<Delivery, 'id' | 'customerId' | 'createdAt' | 'updatedAt'>

/** A stage row as the service decided it. */
export interface StageWrite {
  deliveryId: number
  stage: StageKey
  status: StageStatus
  answers: Answers
  notes: string
  reason: string | null
  /** set on the first move out of pending; kept once set */
  startedAt: string | null
  completedAt: string | null
  updatedAt: string
  updatedBy: string
}

/** The current stage of delivery `d`: the first one neither done nor skipped. */
const CURRENT_STAGE_SQL = `(SELECT sp.stage FROM stage_progress sp WHERE sp.delivery_id = d.id
  AND sp.status NOT IN ('done', 'skipped') ORDER BY sp.position LIMIT 1)`

/** Active, planned go-live passed, acceptance not done. Uses @today. */
const OVERDUE_SQL = `(d.status = 'active' AND d.planned_go_live IS NOT NULL
  AND d.planned_go_live < @today
  AND NOT EXISTS (SELECT 1 FROM stage_progress sp WHERE sp.delivery_id = d.id
    AND sp.stage = 'acceptance' AND sp.status = 'done'))`

const DASHBOARD_DELIVERY = `SELECT d.id AS deliveryId, d.customer_id AS customerId,
    c.name AS customerName, d.planned_go_live AS plannedGoLive, ${CURRENT_STAGE_SQL} AS currentStage
  FROM deliveries d JOIN customers c ON c.id = d.customer_id`

function toDelivery(row: DeliveryRow): Delivery {
  return {
    id: row.id,
    customerId: row.customer_id,
    orderNumber: row.order_number,
    products: JSON.parse(row.products) as string[],
    plannedGoLive: row.planned_go_live,
    actualGoLive: row.actual_go_live,
    implementer: row.implementer,
    status: row.status,
    notes: row.notes,
    createdAt: row.created_at,
    updatedAt: row.updated_at
  }
}

function toStage(row: StageRow): StageRecord {
  return {
    stage: row.stage,
    position: row.position,
    status: row.status,
    answers: JSON.parse(row.answers) as Answers,
    notes: row.notes,
    reason: row.reason,
    startedAt: row.started_at,
    completedAt: row.completed_at,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by
  }
}

export class DeliveryRepository {
  private readonly sql: ReturnType<typeof statementCache>

  constructor(db: Db) {
    this.sql = statementCache(db)
  }

  get(id: number): Delivery | null {
    const row = this.sql('SELECT * FROM deliveries WHERE id = ?').get(id) as DeliveryRow | undefined
    return row ? toDelivery(row) : null
  }

  stages(deliveryId: number): StageRecord[] {
    const rows = this.sql(
      'SELECT * FROM stage_progress WHERE delivery_id = ? ORDER BY position'
    ).all(deliveryId) as StageRow[]
    return rows.map(toStage)
  }

  stage(deliveryId: number, stage: StageKey): StageRecord | null {
    const row = this.sql('SELECT * FROM stage_progress WHERE delivery_id = ? AND stage = ?').get(
      deliveryId,
      stage
    ) as StageRow | undefined
    return row ? toStage(row) : null
  }

  /** Inserts the delivery and one pending row per stage (with its prefilled answers); returns the new id. */
  insert(
    customerId: number,
    values: DeliveryValues,
    stages: readonly { key: StageKey; position: number; answers?: Answers }[],
    now: string,
    actor: string
  ): number {
    const info = this.sql(
      `INSERT INTO deliveries (customer_id, order_number, products, planned_go_live, actual_go_live,
         implementer, status, notes, created_at, updated_at)
       VALUES (@customerId, @orderNumber, @products, @plannedGoLive, @actualGoLive, @implementer,
         @status, @notes, @now, @now)`
    ).run({ ...values, customerId, products: JSON.stringify(values.products), now })
    const id = Number(info.lastInsertRowid)
    const insertStage = this.sql(
      `INSERT INTO stage_progress (delivery_id, stage, position, answers, updated_at, updated_by)
       VALUES (?, ?, ?, ?, ?, ?)`
    )
    for (const s of stages) {
      insertStage.run(id, s.key, s.position, JSON.stringify(s.answers ?? {}), now, actor)
    }
    return id
  }

  update(id: number, values: DeliveryValues, now: string): void {
    this.sql(
      `UPDATE deliveries SET order_number = @orderNumber, products = @products,
         planned_go_live = @plannedGoLive, actual_go_live = @actualGoLive, implementer = @implementer,
         status = @status, notes = @notes, updated_at = @now WHERE id = @id`
    ).run({
      orderNumber: values.orderNumber,
      products: JSON.stringify(values.products),
      plannedGoLive: values.plannedGoLive,
      actualGoLive: values.actualGoLive,
      implementer: values.implementer,
      status: values.status,
      notes: values.notes,
      now,
      id
    })
  }

  writeStage(write: StageWrite): void {
    this.sql(
      `UPDATE stage_progress SET status = @status, answers = @answers, notes = @notes,
         reason = @reason, started_at = coalesce(started_at, @startedAt),
         completed_at = @completedAt, updated_at = @updatedAt, updated_by = @updatedBy
       WHERE delivery_id = @deliveryId AND stage = @stage`
    ).run({ ...write, answers: JSON.stringify(write.answers) })
  }

  touch(id: number, now: string): void {
    this.sql('UPDATE deliveries SET updated_at = ? WHERE id = ?').run(now, id)
  }

  /** A page of deliveries, active first, then by planned go-live, newest first. */
  list(query: DeliveryQuery, today: string): { items: DeliverySummary[]; total: number } {
    const where: string[] = []
    const bind: Record<string, unknown> = { today }
    if (query.status) {
      where.push('d.status = @status')
      bind.status = query.status
    }
    if (query.customerId !== undefined) {
      where.push('d.customer_id = @customerId')
      bind.customerId = query.customerId
    }
    if (query.stage) {
      where.push(`${CURRENT_STAGE_SQL} = @stage`)
      bind.stage = query.stage
    }
    if (query.overdue) where.push(OVERDUE_SQL)
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : ''
    const total = (
      this.sql(`SELECT count(*) AS n FROM deliveries d ${clause}`).get(bind) as { n: number }
    ).n
    const rows = this.sql(
      `SELECT d.*, c.name AS customer_name, ${CURRENT_STAGE_SQL} AS current_stage,
         (SELECT group_concat(status, ',') FROM (SELECT status FROM stage_progress sp
            WHERE sp.delivery_id = d.id ORDER BY sp.position)) AS statuses,
         (SELECT reason FROM stage_progress sp WHERE sp.delivery_id = d.id AND sp.status = 'blocked'
            ORDER BY sp.position LIMIT 1) AS blocked_reason,
         (${OVERDUE_SQL}) AS overdue
       FROM deliveries d JOIN customers c ON c.id = d.customer_id ${clause}
       ORDER BY (d.status = 'active') DESC, coalesce(d.planned_go_live, '9999') ASC, d.id DESC
       LIMIT @limit OFFSET @offset`
    ).all({ ...bind, limit: query.limit, offset: query.offset }) as DeliverySummaryRow[]
    return {
      total,
      items: rows.map((r) => ({
        ...toDelivery(r),
        customerName: r.customer_name,
        currentStage: r.current_stage,
        stageStatuses: (r.statuses ?? '').split(',') as StageStatus[],
        blockedReason: r.blocked_reason,
        overdue: r.overdue === 1
      }))
    }
  }

  // ── the dashboard's figures ───────────────────────────────────────────────

  /** Deliveries by status, and how many are overdue on `today`. */
  counts(today: string): Omit<DashboardSummary['counts'], 'openIncidents'> {
    return this.sql(
      `SELECT
         (SELECT count(*) FROM deliveries WHERE status = 'active') AS active,
         (SELECT count(*) FROM deliveries WHERE status = 'done') AS done,
         (SELECT count(*) FROM deliveries WHERE status = 'cancelled') AS cancelled,
         (SELECT count(*) FROM deliveries d WHERE ${OVERDUE_SQL}) AS overdue`
    ).get({ today }) as Omit<DashboardSummary['counts'], 'openIncidents'>
  }

  /** Active deliveries counted by their current stage (null: every stage done or skipped). */
  activeByCurrentStage(): Map<StageKey | null, number> {
    const rows = this.sql(
      `SELECT ${CURRENT_STAGE_SQL} AS stage, count(*) AS n FROM deliveries d
       WHERE d.status = 'active' GROUP BY 1`
    ).all() as { stage: StageKey | null; n: number }[]
    return new Map(rows.map((r) => [r.stage, r.n]))
  }

  /** Blocked stages of active deliveries, longest blocked first. */
  blocked(): DashboardSummary['blocked'] {
    return this.sql(
      `SELECT d.id AS deliveryId, d.customer_id AS customerId, c.name AS customerName,
         d.planned_go_live AS plannedGoLive, sp.stage AS currentStage, sp.stage AS stage,
         sp.reason AS reason, sp.updated_at AS since
       FROM stage_progress sp JOIN deliveries d ON d.id = sp.delivery_id
       JOIN customers c ON c.id = d.customer_id
       WHERE sp.status = 'blocked' AND d.status = 'active' ORDER BY sp.updated_at`
    ).all() as DashboardSummary['blocked']
  }

  /** Active deliveries planned to go live between the two dates (inclusive). */
  goingLiveBetween(start: string, end: string): DashboardDelivery[] {
    return this.sql(
      `${DASHBOARD_DELIVERY} WHERE d.status = 'active'
         AND d.planned_go_live BETWEEN @start AND @end ORDER BY d.planned_go_live`
    ).all({ start, end }) as DashboardDelivery[]
  }

  overdue(today: string): DashboardDelivery[] {
    return this.sql(`${DASHBOARD_DELIVERY} WHERE ${OVERDUE_SQL} ORDER BY d.planned_go_live`).all({
      today
    }) as DashboardDelivery[]
  }
}
