/**
 * SQL for the acceptance tables and nothing else (acceptance_forms, acceptance_exports,
 * acceptance_scans): typed rows in, domain objects out. Versioning rules, auditing and the
 * delivery a form belongs to are the service's.
 */
import { statementCache, type Db } from '../db/database'
import { upgradeStoredForm, type AcceptanceForm } from './acceptance-form'
import {
  exportFormat,
  type AcceptanceExport,
  type AcceptanceScan,
  type AcceptanceVersion,
  type FormStatus,
  type ScanMime
} from './acceptance-types'

/** One stored version of a delivery's form. */
export interface StoredForm {
  id: number
  deliveryId: number
  version: number
  formNumber: string
  status: FormStatus
  form: AcceptanceForm
  createdAt: string
  updatedAt: string
  signedAt: string | null
  supersedesId: number | null
}

interface FormRow {
  id: number
  delivery_id: number
  version: number
  form_number: string
  status: FormStatus
  data: string
  created_at: string
  updated_at: string
  signed_at: string | null
  supersedes_id: number | null
}

type VersionRow = Pick<
  FormRow,
  'id' | 'version' | 'form_number' | 'status' | 'created_at' | 'updated_at' | 'signed_at'
>

interface ExportRow {
  id: number
  form_id: number
  version: number
  form_number: string
  path: string
  sha256: string
  size: number
  exported_at: string
}

interface ScanRow {
  id: number
  form_id: number
  version: number
  file_name: string
  mime: ScanMime
  sha256: string
  size: number
  attached_at: string
}

/** A recorded export found by its hash, with the delivery its form belongs to. */
export type ExportMatch = AcceptanceExport & { deliveryId: number }

function toStoredForm(r: FormRow): StoredForm {
  return {
    id: r.id,
    deliveryId: r.delivery_id,
    version: r.version,
    formNumber: r.form_number,
    status: r.status,
    form: upgradeStoredForm(JSON.parse(r.data) as AcceptanceForm),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    signedAt: r.signed_at,
    supersedesId: r.supersedes_id
  }
}

function toVersion(r: VersionRow): AcceptanceVersion {
  return {
    id: r.id,
    version: r.version,
    status: r.status,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    signedAt: r.signed_at
  }
}

function toExport(r: ExportRow): AcceptanceExport {
  return {
    id: r.id,
    formId: r.form_id,
    version: r.version,
    formNumber: r.form_number,
    path: r.path,
    format: exportFormat(r.path),
    sha256: r.sha256,
    size: r.size,
    exportedAt: r.exported_at
  }
}

function toScan(r: ScanRow): AcceptanceScan {
  return {
    id: r.id,
    formId: r.form_id,
    version: r.version,
    fileName: r.file_name,
    mime: r.mime,
    sha256: r.sha256,
    size: r.size,
    attachedAt: r.attached_at
  }
}

const SCAN_COLUMNS = `s.id, s.form_id, s.file_name, s.mime, s.sha256, s.size, s.attached_at,
  f.version`

export class AcceptanceRepository {
  private readonly sql

  constructor(db: Db) {
    this.sql = statementCache(db)
  }

  byId(formId: number): StoredForm | null {
    const row = this.sql('SELECT * FROM acceptance_forms WHERE id = ?').get(formId) as
      FormRow | undefined
    return row ? toStoredForm(row) : null
  }

  /** The delivery's newest version, or null when no form was started. */
  latest(deliveryId: number): StoredForm | null {
    const row = this.sql(
      `SELECT * FROM acceptance_forms WHERE delivery_id = ?
       ORDER BY version DESC, id DESC LIMIT 1`
    ).get(deliveryId) as FormRow | undefined
    return row ? toStoredForm(row) : null
  }

  /** Every version of the delivery's form, newest first, without the form data. */
  versions(deliveryId: number): { formNumber: string | null; versions: AcceptanceVersion[] } {
    const rows = this.sql(
      `SELECT id, version, form_number, status, created_at, updated_at, signed_at
       FROM acceptance_forms WHERE delivery_id = ? ORDER BY version DESC, id DESC`
    ).all(deliveryId) as VersionRow[]
    return { formNumber: rows[0]?.form_number ?? null, versions: rows.map(toVersion) }
  }

  insert(values: {
    deliveryId: number
    version: number
    formNumber: string
    form: AcceptanceForm
    now: string
    supersedesId: number | null
  }): number {
    const info = this.sql(
      `INSERT INTO acceptance_forms (delivery_id, version, form_number, status, data, created_at,
         updated_at, supersedes_id)
       VALUES (@deliveryId, @version, @formNumber, 'draft', @data, @now, @now, @supersedesId)`
    ).run({
      deliveryId: values.deliveryId,
      version: values.version,
      formNumber: values.formNumber,
      data: JSON.stringify(values.form),
      now: values.now,
      supersedesId: values.supersedesId
    })
    return Number(info.lastInsertRowid)
  }

  updateData(formId: number, form: AcceptanceForm, now: string): void {
    this.sql('UPDATE acceptance_forms SET data = ?, updated_at = ? WHERE id = ?').run(
      JSON.stringify(form),
      now,
      formId
    )
  }

  setSigned(formId: number, now: string): void {
    this.sql(
      `UPDATE acceptance_forms SET status = 'signed', signed_at = @now, updated_at = @now
       WHERE id = @id`
    ).run({ now, id: formId })
  }

  isFormNumberTaken(formNumber: string): boolean {
    return (
      this.sql('SELECT 1 FROM acceptance_forms WHERE form_number = ? LIMIT 1').get(formNumber) !==
      undefined
    )
  }

  /** The implementing company typed on the newest form that has one, or ''. */
  lastImplementingCompany(): string {
    const row = this.sql(
      `SELECT json_extract(data, '$.project.implementingCompany') AS company
       FROM acceptance_forms
       WHERE coalesce(json_extract(data, '$.project.implementingCompany'), '') <> ''
       ORDER BY id DESC LIMIT 1`
    ).get() as { company: string } | undefined
    return row?.company ?? ''
  }

  // Exports ---------------------------------------------------------------------------------

  /** Exports of every version of the delivery's form, newest first. */
  exports(deliveryId: number): AcceptanceExport[] {
    const rows = this.sql(
      `SELECT e.*, f.form_number FROM acceptance_exports e
       JOIN acceptance_forms f ON f.id = e.form_id
       WHERE f.delivery_id = ? ORDER BY e.id DESC`
    ).all(deliveryId) as ExportRow[]
    return rows.map(toExport)
  }

  /** The newest export with this SHA-256, or null. */
  exportBySha256(sha256: string): ExportMatch | null {
    const row = this.sql(
      `SELECT e.*, f.form_number, f.delivery_id FROM acceptance_exports e
       JOIN acceptance_forms f ON f.id = e.form_id
       WHERE e.sha256 = ? ORDER BY e.id DESC LIMIT 1`
    ).get(sha256) as (ExportRow & { delivery_id: number }) | undefined
    return row ? { ...toExport(row), deliveryId: row.delivery_id } : null
  }

  insertExport(values: Omit<AcceptanceExport, 'id' | 'formNumber' | 'format'>): number {
    const info = this.sql(
      `INSERT INTO acceptance_exports (form_id, version, path, sha256, size, exported_at)
       VALUES (@formId, @version, @path, @sha256, @size, @exportedAt)`
    ).run(values)
    return Number(info.lastInsertRowid)
  }

  // Scans -----------------------------------------------------------------------------------

  /** Scans attached to any version of the delivery's form, newest first (without bytes). */
  scans(deliveryId: number): AcceptanceScan[] {
    const rows = this.sql(
      `SELECT ${SCAN_COLUMNS} FROM acceptance_scans s JOIN acceptance_forms f ON f.id = s.form_id
       WHERE f.delivery_id = ? ORDER BY s.id DESC`
    ).all(deliveryId) as ScanRow[]
    return rows.map(toScan)
  }

  scanBySha256(formId: number, sha256: string): AcceptanceScan | null {
    const row = this.sql(
      `SELECT ${SCAN_COLUMNS} FROM acceptance_scans s JOIN acceptance_forms f ON f.id = s.form_id
       WHERE s.form_id = ? AND s.sha256 = ?`
    ).get(formId, sha256) as ScanRow | undefined
    return row ? toScan(row) : null
  }

  /** A scan with its bytes and the delivery its form belongs to, or null when there is none. */
  scanFile(
    scanId: number
  ): (AcceptanceScan & { deliveryId: number; formNumber: string; data: Buffer }) | null {
    const row = this.sql(
      `SELECT ${SCAN_COLUMNS}, f.delivery_id, f.form_number, s.data
       FROM acceptance_scans s JOIN acceptance_forms f ON f.id = s.form_id WHERE s.id = ?`
    ).get(scanId) as
      (ScanRow & { delivery_id: number; form_number: string; data: Buffer }) | undefined
    if (!row) return null
    return {
      ...toScan(row),
      deliveryId: row.delivery_id,
      formNumber: row.form_number,
      data: row.data
    }
  }

  insertScan(values: Omit<AcceptanceScan, 'id' | 'version'> & { data: Uint8Array }): number {
    const info = this.sql(
      `INSERT INTO acceptance_scans (form_id, file_name, mime, sha256, size, data, attached_at)
       VALUES (@formId, @fileName, @mime, @sha256, @size, @data, @attachedAt)`
    ).run(values)
    return Number(info.lastInsertRowid)
  }
}
