/**
 * SQL for the evidence table and nothing else: typed rows in, domain objects out. Which
 * delivery exists, what a file is and what gets audited are the service's.
 */
import { statementCache, type Db } from '../db/database'
import type { StageKey } from '../stages/stage-definitions'
import type { EvidenceItem, EvidenceMime } from './evidence-types'

interface EvidenceRow {
  id: number
  delivery_id: number
  stage: StageKey
  name: string
  mime: EvidenceMime
  size: number
  sha256: string
  added_at: string
  added_by: string
}

const COLUMNS = 'id, delivery_id, stage, name, mime, size, sha256, added_at, added_by'

function toItem(r: EvidenceRow): EvidenceItem {
  return {
    id: r.id,
    deliveryId: r.delivery_id,
    stage: r.stage,
    name: r.name,
    mime: r.mime,
    size: r.size,
    sha256: r.sha256,
    addedAt: r.added_at,
    addedBy: r.added_by
  }
}

export type NewEvidence = Omit<EvidenceItem, 'id'> & { data: Uint8Array }

export class EvidenceRepository {
  private readonly sql

  constructor(db: Db) {
    this.sql = statementCache(db)
  }

  /** A delivery's attachments in the order they were added (without bytes). */
  list(deliveryId: number): EvidenceItem[] {
    const rows = this.sql(`SELECT ${COLUMNS} FROM evidence WHERE delivery_id = ? ORDER BY id`).all(
      deliveryId
    ) as EvidenceRow[]
    return rows.map(toItem)
  }

  get(id: number): EvidenceItem | null {
    const row = this.sql(`SELECT ${COLUMNS} FROM evidence WHERE id = ?`).get(id) as
      EvidenceRow | undefined
    return row ? toItem(row) : null
  }

  /** The stored bytes, or null when there is no such attachment. */
  data(id: number): Buffer | null {
    const row = this.sql('SELECT data FROM evidence WHERE id = ?').get(id) as
      { data: Buffer } | undefined
    return row?.data ?? null
  }

  /** The same bytes already attached to this stage of this delivery. */
  bySha256(deliveryId: number, stage: StageKey, sha256: string): EvidenceItem | null {
    const row = this.sql(
      `SELECT ${COLUMNS} FROM evidence WHERE delivery_id = ? AND stage = ? AND sha256 = ?`
    ).get(deliveryId, stage, sha256) as EvidenceRow | undefined
    return row ? toItem(row) : null
  }

  insert(values: NewEvidence): number {
    const info = this.sql(
      `INSERT INTO evidence (delivery_id, stage, name, mime, size, sha256, data, added_at, added_by)
       VALUES (@deliveryId, @stage, @name, @mime, @size, @sha256, @data, @addedAt, @addedBy)`
    ).run(values)
    return Number(info.lastInsertRowid)
  }

  remove(id: number): void {
    this.sql('DELETE FROM evidence WHERE id = ?').run(id)
  }
}
