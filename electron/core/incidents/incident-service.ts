/** The stage-7 incident log: one row per failed-invoice case, with the playbook symptom. */
import { statementCache } from '../db/database'
import type { AuditLog } from '../audit/audit-log'
import { DeskError } from '../errors/desk-error'
import type { CustomerService } from '../customers/customer-service'
import type { ServiceContext } from '../shared/service-context'

export const INCIDENT_STATUSES = ['open', 'resolved'] as const
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number]

export interface Incident {
  id: number
  customerId: number
  customerName: string
  deliveryId: number | null
  symptom: string
  description: string
  cause: string
  action: string
  status: IncidentStatus
  createdAt: string
  updatedAt: string
  resolvedAt: string | null
}

export interface IncidentInput {
  symptom?: string
  description?: string
  cause?: string
  action?: string
  status?: IncidentStatus
}

type Row = Record<string, string | number | null>

function toIncident(r: Row): Incident {
  return {
    id: r.id as number,
    customerId: r.customer_id as number,
    customerName: (r.customer_name as string) ?? '',
    deliveryId: (r.delivery_id as number | null) ?? null,
    symptom: r.symptom as string,
    description: r.description as string,
    cause: r.cause as string,
    action: r.action as string,
    status: r.status as IncidentStatus,
    createdAt: r.created_at as string,
    updatedAt: r.updated_at as string,
    resolvedAt: (r.resolved_at as string | null) ?? null
  }
}

const SELECT = `SELECT i.*, c.name AS customer_name FROM incidents i JOIN customers c ON c.id = i.customer_id`

export class IncidentService {
  private readonly sql
  private readonly audit: AuditLog

  constructor(
    private readonly ctx: ServiceContext,
    private readonly customers: CustomerService
  ) {
    this.sql = statementCache(ctx.db)
    this.audit = ctx.audit
  }

  create(
    customerId: number,
    deliveryId: number | null,
    input: IncidentInput & { symptom: string }
  ): Incident {
    this.customers.get(customerId)
    if (deliveryId !== null) {
      const owner = this.sql('SELECT customer_id FROM deliveries WHERE id = ?').get(deliveryId) as
        { customer_id: number } | undefined
      if (!owner || owner.customer_id !== customerId) {
        throw new DeskError('NOT_FOUND', { field: 'deliveryId', params: { id: deliveryId } })
      }
    }
    const now = this.ctx.now()
    const status = input.status ?? 'open'
    const info = this.sql(
      `INSERT INTO incidents (customer_id, delivery_id, symptom, description, cause, action, status,
         created_at, updated_at, resolved_at)
       VALUES (@customerId, @deliveryId, @symptom, @description, @cause, @action, @status, @now, @now, @resolved)`
    ).run({
      customerId,
      deliveryId,
      symptom: input.symptom,
      description: input.description ?? '',
      cause: input.cause ?? '',
      action: input.action ?? '',
      status,
      now,
      resolved: status === 'resolved' ? now : null
    })
    const id = Number(info.lastInsertRowid)
    this.record('incident.create', id, { customerId, deliveryId, symptom: input.symptom, status })
    return this.get(id)
  }

  update(id: number, input: IncidentInput): Incident {
    const before = this.get(id)
    const next = { ...before, ...input }
    const diff: Record<string, { from: unknown; to: unknown }> = {}
    for (const key of ['symptom', 'description', 'cause', 'action', 'status'] as const) {
      if (before[key] !== next[key]) diff[key] = { from: before[key], to: next[key] }
    }
    if (Object.keys(diff).length === 0) return before
    const now = this.ctx.now()
    const resolvedAt =
      next.status === 'resolved' ? (before.status === 'resolved' ? before.resolvedAt : now) : null
    this.sql(
      `UPDATE incidents SET symptom = @symptom, description = @description, cause = @cause,
         action = @action, status = @status, resolved_at = @resolvedAt, updated_at = @now WHERE id = @id`
    ).run({ ...next, resolvedAt, now, id })
    this.record('incident.update', id, { changes: diff })
    return this.get(id)
  }

  get(id: number): Incident {
    const row = this.sql(`${SELECT} WHERE i.id = ?`).get(id) as Row | undefined
    if (!row) throw new DeskError('NOT_FOUND', { field: 'id', params: { id } })
    return toIncident(row)
  }

  list(query: {
    customerId?: number
    deliveryId?: number
    status?: IncidentStatus
    limit: number
    offset: number
  }): { items: Incident[]; total: number } {
    const where: string[] = []
    if (query.customerId !== undefined) where.push('i.customer_id = @customerId')
    if (query.deliveryId !== undefined) where.push('i.delivery_id = @deliveryId')
    if (query.status !== undefined) where.push('i.status = @status')
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : ''
    const bind = {
      customerId: query.customerId,
      deliveryId: query.deliveryId,
      status: query.status
    }
    const used = Object.fromEntries(Object.entries(bind).filter(([, v]) => v !== undefined))
    const total = (
      this.sql(`SELECT count(*) AS n FROM incidents i ${clause}`).get(used) as { n: number }
    ).n
    const rows = this.sql(
      `${SELECT} ${clause} ORDER BY (i.status = 'open') DESC, i.id DESC LIMIT @limit OFFSET @offset`
    ).all({
      ...used,
      limit: query.limit,
      offset: query.offset
    }) as Row[]
    return { items: rows.map(toIncident), total }
  }

  private record(action: string, id: number, details: Record<string, unknown>): void {
    this.audit.record({
      at: this.ctx.now(),
      actor: this.ctx.actor(),
      action,
      entityType: 'incident',
      entityId: id,
      details
    })
  }
}
