/**
 * SQL for moving a delivery's acceptance forms (every version, signed or not), the records of
 * their exports (path, SHA-256, size) and the scans of the paper form between laptops (the
 * handover bundle), and nothing else. Ids are the old laptop's; the caller maps them.
 */
import { statementCache, type Db } from '../db/database'

export interface FormTransferRow {
  id: number
  version: number
  form_number: string
  status: string
  data: string
  created_at: string
  updated_at: string
  signed_at: string | null
  supersedes_id: number | null
}

export interface ExportTransferRow {
  form_id: number
  version: number
  path: string
  sha256: string
  size: number
  exported_at: string
}

export interface ScanTransferRow {
  form_id: number
  file_name: string
  mime: string
  sha256: string
  size: number
  attached_at: string
}

const FORM = ['version', 'form_number', 'status', 'data', 'created_at', 'updated_at', 'signed_at']
const EXPORT = ['version', 'path', 'sha256', 'size', 'exported_at']
const SCAN = ['file_name', 'mime', 'sha256', 'size', 'attached_at']

function values(row: object, cols: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const c of cols) out[c] = (row as Record<string, unknown>)[c]
  return out
}

export class AcceptanceTransferRepository {
  private readonly sql

  constructor(db: Db) {
    this.sql = statementCache(db)
  }

  /** Every version of the delivery's form, oldest first (a superseded one before its successor). */
  forms(deliveryId: number): FormTransferRow[] {
    return this.sql(
      `SELECT id, supersedes_id, ${FORM.join(', ')} FROM acceptance_forms
       WHERE delivery_id = ? ORDER BY version, id`
    ).all(deliveryId) as FormTransferRow[]
  }

  exports(deliveryId: number): ExportTransferRow[] {
    return this.sql(
      `SELECT e.form_id, ${EXPORT.map((c) => `e.${c}`).join(', ')} FROM acceptance_exports e
       JOIN acceptance_forms f ON f.id = e.form_id WHERE f.delivery_id = ? ORDER BY e.id`
    ).all(deliveryId) as ExportTransferRow[]
  }

  scans(deliveryId: number): (ScanTransferRow & { data: Buffer })[] {
    return this.sql(
      `SELECT s.form_id, ${SCAN.map((c) => `s.${c}`).join(', ')}, s.data FROM acceptance_scans s
       JOIN acceptance_forms f ON f.id = s.form_id WHERE f.delivery_id = ? ORDER BY s.id`
    ).all(deliveryId) as (ScanTransferRow & { data: Buffer })[]
  }

  /** The delivery holding a form with this number, or null. */
  formNumberOwner(formNumber: string): number | null {
    const row = this.sql(
      'SELECT delivery_id FROM acceptance_forms WHERE form_number = ? LIMIT 1'
    ).get(formNumber) as { delivery_id: number } | undefined
    return row?.delivery_id ?? null
  }

  insertForm(deliveryId: number, supersedesId: number | null, row: FormTransferRow): number {
    const info = this.sql(
      `INSERT INTO acceptance_forms (delivery_id, supersedes_id, ${FORM.join(', ')})
       VALUES (@delivery_id, @supersedes_id, ${FORM.map((c) => `@${c}`).join(', ')})`
    ).run({ ...values(row, FORM), delivery_id: deliveryId, supersedes_id: supersedesId })
    return Number(info.lastInsertRowid)
  }

  insertExport(formId: number, row: ExportTransferRow): number {
    const info = this.sql(
      `INSERT INTO acceptance_exports (form_id, ${EXPORT.join(', ')})
       VALUES (@form_id, ${EXPORT.map((c) => `@${c}`).join(', ')})`
    ).run({ ...values(row, EXPORT), form_id: formId })
    return Number(info.lastInsertRowid)
  }

  insertScan(formId: number, row: ScanTransferRow, data: Uint8Array): number {
    const info = this.sql(
      `INSERT INTO acceptance_scans (form_id, ${SCAN.join(', ')}, data)
       VALUES (@form_id, ${SCAN.map((c) => `@${c}`).join(', ')}, @data)`
    ).run({ ...values(row, SCAN), form_id: formId, data })
    return Number(info.lastInsertRowid)
  }
}
