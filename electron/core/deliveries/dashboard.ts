/** The 交付看板 numbers: where active deliveries stand, what is blocked, late or due this week. */
import type { Db } from '../db/database'
import { statementCache } from '../db/database'
import type { AuditEntry } from '../audit/audit-log'
import { STAGES, type StageKey } from '../stages/stage-definitions'
import { CURRENT_STAGE_SQL as CURRENT, OVERDUE_SQL } from './delivery-service'

export interface DashboardDelivery {
  deliveryId: number
  customerId: number
  customerName: string
  plannedGoLive: string | null
  currentStage: StageKey | null
}

export interface DashboardSummary {
  today: string
  counts: {
    active: number
    done: number
    cancelled: number
    openIncidents: number
    overdue: number
  }
  /** active deliveries by their current stage, in stage order */
  byStage: { stage: StageKey; count: number }[]
  blocked: (DashboardDelivery & { stage: StageKey; reason: string; since: string })[]
  goLiveThisWeek: DashboardDelivery[]
  overdue: DashboardDelivery[]
  recentActivity: (AuditEntry & { label: string })[]
}

/** Monday and Sunday of the week containing `today` (YYYY-MM-DD). */
export function weekBounds(today: string): { start: string; end: string } {
  const d = new Date(`${today}T00:00:00Z`)
  const dow = (d.getUTCDay() + 6) % 7 // Monday = 0
  const start = new Date(d.getTime() - dow * 86_400_000)
  const end = new Date(start.getTime() + 6 * 86_400_000)
  return { start: start.toISOString().slice(0, 10), end: end.toISOString().slice(0, 10) }
}

export function dashboardSummary(db: Db, today: string): DashboardSummary {
  const sql = statementCache(db)
  const base = `SELECT d.id AS deliveryId, d.customer_id AS customerId, c.name AS customerName,
      d.planned_go_live AS plannedGoLive, ${CURRENT} AS currentStage
    FROM deliveries d JOIN customers c ON c.id = d.customer_id`
  const counts = sql(
    `SELECT
       (SELECT count(*) FROM deliveries WHERE status = 'active') AS active,
       (SELECT count(*) FROM deliveries WHERE status = 'done') AS done,
       (SELECT count(*) FROM deliveries WHERE status = 'cancelled') AS cancelled,
       (SELECT count(*) FROM incidents WHERE status = 'open') AS openIncidents,
       (SELECT count(*) FROM deliveries d WHERE ${OVERDUE_SQL}) AS overdue`
  ).get({ today }) as DashboardSummary['counts']
  const stageCounts = new Map(
    (
      sql(
        `SELECT ${CURRENT} AS stage, count(*) AS n FROM deliveries d WHERE d.status = 'active' GROUP BY 1`
      ).all() as { stage: StageKey | null; n: number }[]
    ).map((r) => [r.stage, r.n])
  )
  const week = weekBounds(today)
  const blocked = sql(
    `SELECT d.id AS deliveryId, d.customer_id AS customerId, c.name AS customerName,
       d.planned_go_live AS plannedGoLive, sp.stage AS currentStage, sp.stage AS stage,
       sp.reason AS reason, sp.updated_at AS since
     FROM stage_progress sp JOIN deliveries d ON d.id = sp.delivery_id
     JOIN customers c ON c.id = d.customer_id
     WHERE sp.status = 'blocked' AND d.status = 'active' ORDER BY sp.updated_at`
  ).all() as DashboardSummary['blocked']
  return {
    today,
    counts,
    byStage: STAGES.map((s) => ({ stage: s.key, count: stageCounts.get(s.key) ?? 0 })),
    blocked,
    goLiveThisWeek: sql(
      `${base} WHERE d.status = 'active' AND d.planned_go_live BETWEEN @start AND @end ORDER BY d.planned_go_live`
    ).all(week) as DashboardDelivery[],
    overdue: sql(`${base} WHERE ${OVERDUE_SQL} ORDER BY d.planned_go_live`).all({
      today
    }) as DashboardDelivery[],
    recentActivity: (
      sql(
        `SELECT a.*, CASE a.entity_type
           WHEN 'customer' THEN (SELECT name FROM customers WHERE id = a.entity_id)
           WHEN 'delivery' THEN (SELECT c.name FROM deliveries d JOIN customers c ON c.id = d.customer_id
                                 WHERE d.id = a.entity_id)
           WHEN 'incident' THEN (SELECT c.name FROM incidents i JOIN customers c ON c.id = i.customer_id
                                 WHERE i.id = a.entity_id)
           ELSE '' END AS label
         FROM audit_log a ORDER BY a.id DESC LIMIT 15`
      ).all() as (Record<string, string | number | null> & { label: string | null })[]
    ).map((r) => ({
      id: r.id as number,
      at: r.at as string,
      actor: r.actor as string,
      action: r.action as string,
      entityType: r.entity_type as string,
      entityId: (r.entity_id as number | null) ?? null,
      details: JSON.parse(r.details as string) as Record<string, unknown>,
      label: r.label ?? ''
    }))
  }
}
