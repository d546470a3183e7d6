/**
 * SQL for the incident log and nothing else: the rules live in incident-service.ts. Reads join
 * `customers` only for the customer's display name.
 */
import { statementCache, type Db } from '../db/database'
import type { Incident, IncidentQuery, IncidentStatus } from './incident-types'

interface IncidentRow {
  id: number
  customer_id: number
  customer_name: string
  delivery_id: number | null
  symptom: string
  description: string
  cause: string
  action: string
  status: IncidentStatus
  created_at: string
  updated_at: string
  resolved_at: string | null
}

/** An incident's editable values as the service decided them. */
export interface IncidentValues {
  symptom: string
  description: string
  cause: string
  action: string
  status: IncidentStatus
  resolvedAt: string | null
}

const SELECT = `SELECT i.*, c.name AS customer_name
  FROM incidents i JOIN customers c ON c.id = i.customer_id`

function toIncident(r: IncidentRow): Incident {
  return {
    id: r.id,
    customerId: r.customer_id,
    customerName: r.customer_name,
    deliveryId: r.delivery_id,
    symptom: r.symptom,
    description: r.description,
    cause: r.cause,
    action: r.action,
    status: r.status,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    resolvedAt: r.resolved_at
  }
}

export class IncidentRepository {
  private readonly sql: ReturnType<typeof statementCache>

  constructor(db: Db) {
    this.sql = statementCache(db)
  }

  get(id: number): Incident | null {
    const row = this.sql(`${SELECT} WHERE i.id = ?`).get(id) as IncidentRow | undefined
    return row ? toIncident(row) : null
  }

  insert(
    customerId: number,
    deliveryId: number | null,
    values: IncidentValues,
    now: string
  ): number {
    const info = this.sql(
      `INSERT INTO incidents (customer_id, delivery_id, symptom, description, cause, action, status,
         created_at, updated_at, resolved_at)
       VALUES (@customerId, @deliveryId, @symptom, @description, @cause, @action, @status,
         @now, @now, @resolvedAt)`
    ).run({ ...values, customerId, deliveryId, now })
    return Number(info.lastInsertRowid)
  }

  update(id: number, values: IncidentValues, now: string): void {
    this.sql(
      `UPDATE incidents SET symptom = @symptom, description = @description, cause = @cause,
         action = @action, status = @status, resolved_at = @resolvedAt, updated_at = @now
       WHERE id = @id`
    ).run({
      symptom: values.symptom,
      description: values.description,
      cause: values.cause,
      action: values.action,
      status: values.status,
      resolvedAt: values.resolvedAt,
      now,
      id
    })
  }

  countOpen(): number {
    return (
      this.sql(`SELECT count(*) AS n FROM incidents WHERE status = 'open'`).get() as { n: number }
    ).n
  }

  /** A page of incidents, open ones first, newest first. */
  list(query: IncidentQuery): { items: Incident[]; total: number } {
    const where: string[] = []
    const bind: Record<string, number | string> = {}
    if (query.customerId !== undefined) {
      where.push('i.customer_id = @customerId')
      bind.customerId = query.customerId
    }
    if (query.deliveryId !== undefined) {
      where.push('i.delivery_id = @deliveryId')
      bind.deliveryId = query.deliveryId
    }
    if (query.status !== undefined) {
      where.push('i.status = @status')
      bind.status = query.status
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : ''
    const total = (
      this.sql(`SELECT count(*) AS n FROM incidents i ${clause}`).get(bind) as { n: number }
    ).n
    const rows = this.sql(
      `${SELECT} ${clause} ORDER BY (i.status = 'open') DESC, i.id DESC LIMIT @limit OFFSET @offset`
    ).all({ ...bind, limit: query.limit, offset: query.offset }) as IncidentRow[]
    return { items: rows.map(toIncident), total }
  }
}
