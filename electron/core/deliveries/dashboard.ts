/**
 * The 交付看板 numbers: where active deliveries stand, what is blocked, late or due this week,
 * and the latest changes. Delivery figures come from the delivery repository; open incidents,
 * recent activity and the names beside it are asked of their own domains.
 */
import type { AuditEntry } from '../audit/audit-log'
import type { CustomerService } from '../customers/customer-service'
import type { IncidentService } from '../incidents/incident-service'
import type { ServiceContext } from '../shared/service-context'
import { STAGES } from '../stages/stage-definitions'
import { DeliveryRepository } from './delivery-repository'
import type { DashboardSummary } from './delivery-types'

export type { DashboardDelivery, DashboardSummary } from './delivery-types'

const RECENT_ACTIVITY = 15

/** Monday and Sunday of the week containing `today` (YYYY-MM-DD). */
export function weekBounds(today: string): { start: string; end: string } {
  const d = new Date(`${today}T00:00:00Z`)
  const dow = (d.getUTCDay() + 6) % 7 // Monday = 0
  const start = new Date(d.getTime() - dow * 86_400_000)
  const end = new Date(start.getTime() + 6 * 86_400_000)
  return { start: start.toISOString().slice(0, 10), end: end.toISOString().slice(0, 10) }
}

export class DashboardService {
  private readonly deliveries: DeliveryRepository

  constructor(
    private readonly ctx: ServiceContext,
    private readonly customers: CustomerService,
    private readonly incidents: IncidentService
  ) {
    this.deliveries = new DeliveryRepository(ctx.db)
  }

  summary(): DashboardSummary {
    const today = this.ctx.today()
    const week = weekBounds(today)
    const byStage = this.deliveries.activeByCurrentStage()
    return {
      today,
      counts: { ...this.deliveries.counts(today), openIncidents: this.incidents.countOpen() },
      byStage: STAGES.map((s) => ({ stage: s.key, count: byStage.get(s.key) ?? 0 })),
      blocked: this.deliveries.blocked(),
      goLiveThisWeek: this.deliveries.goingLiveBetween(week.start, week.end),
      overdue: this.deliveries.overdue(today),
      recentActivity: this.ctx.audit
        .list({ limit: RECENT_ACTIVITY })
        .items.map((entry) => ({ ...entry, label: this.customerNameOf(entry) }))
    }
  }

  /** The customer an audit entry is about, for the activity list ('' when none). */
  private customerNameOf(entry: AuditEntry): string {
    if (entry.entityId === null) return ''
    const customerId =
      entry.entityType === 'customer'
        ? entry.entityId
        : entry.entityType === 'delivery'
          ? this.deliveries.get(entry.entityId)?.customerId
          : entry.entityType === 'incident'
            ? this.incidents.find(entry.entityId)?.customerId
            : undefined
    if (customerId === undefined) return ''
    return this.customers.find(customerId)?.name ?? ''
  }
}
