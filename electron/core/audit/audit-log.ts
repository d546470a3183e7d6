import { statementCache, type Db } from '../db/database'

/** Audit details are data about a change, never a secret value. */
export type AuditDetails = Record<string, unknown>

export interface AuditEntry {
  id: number
  at: string
  actor: string
  action: string
  entityType: string
  entityId: number | null
  details: AuditDetails
}

export interface AuditQuery {
  entityType?: string
  entityId?: number
  action?: string
  limit?: number
  offset?: number
}

interface AuditRow {
  id: number
  at: string
  actor: string
  action: string
  entity_type: string
  entity_id: number | null
  details: string
}

export class AuditLog {
  private readonly sql: ReturnType<typeof statementCache>

  constructor(db: Db) {
    this.sql = statementCache(db)
  }

  record(entry: Omit<AuditEntry, 'id'>): void {
    this.sql(
      `INSERT INTO audit_log (at, actor, action, entity_type, entity_id, details)
       VALUES (@at, @actor, @action, @entityType, @entityId, @details)`
    ).run({ ...entry, details: JSON.stringify(entry.details) })
  }

  list(query: AuditQuery = {}): { items: AuditEntry[]; total: number } {
    const where: string[] = []
    const params: Record<string, unknown> = {}
    if (query.entityType !== undefined) {
      where.push('entity_type = @entityType')
      params.entityType = query.entityType
    }
    if (query.entityId !== undefined) {
      where.push('entity_id = @entityId')
      params.entityId = query.entityId
    }
    if (query.action !== undefined) {
      where.push('action = @action')
      params.action = query.action
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : ''
    const total = (
      this.sql(`SELECT count(*) AS n FROM audit_log ${clause}`).get(params) as { n: number }
    ).n
    const rows = this.sql(
      `SELECT * FROM audit_log ${clause} ORDER BY id DESC LIMIT @limit OFFSET @offset`
    ).all({ ...params, limit: query.limit ?? 50, offset: query.offset ?? 0 }) as AuditRow[]
    return {
      total,
      items: rows.map((r) => ({
        id: r.id,
        at: r.at,
        actor: r.actor,
        action: r.action,
        entityType: r.entity_type,
        entityId: r.entity_id,
        details: JSON.parse(r.details) as AuditDetails
      }))
    }
  }
}
