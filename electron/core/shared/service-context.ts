/**
 * What every domain service is built with: the database, the clock, the actor and the one
 * audit log. `createCore` builds a single context and hands it to every service.
 */
import type { Db } from '../db/database'
import type { AuditDetails, AuditLog } from '../audit/audit-log'

export interface ServiceContext {
  db: Db
  /** now, as an ISO-8601 UTC string */
  now: () => string
  /** today's local date, YYYY-MM-DD */
  today: () => string
  /** the implementer name from settings, for the audit log */
  actor: () => string
  /** the one audit log of this core */
  audit: AuditLog
}

/** The local calendar date (YYYY-MM-DD) of an instant: go-live dates are local dates. */
export function localDate(date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}

/** Writes an audit entry stamped with the context's clock and actor. */
export function recordAudit(
  ctx: ServiceContext,
  action: string,
  entityType: string,
  entityId: number | null,
  details: AuditDetails
): void {
  ctx.audit.record({ at: ctx.now(), actor: ctx.actor(), action, entityType, entityId, details })
}
