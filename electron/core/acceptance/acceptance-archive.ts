/**
 * The files of the acceptance form: Word and PDF exports written next to the user's choice with
 * their SHA-256 on record, verifying a copy against those records, and scans of the signed paper
 * form kept in the database. Part of AcceptanceService (which builds it): the version a file is
 * made from is the one `current` gives, the draft brought up to date with the records.
 */
import { resolve } from 'node:path'
import { DeskError } from '../errors/desk-error'
import { recordAudit, type ServiceContext } from '../shared/service-context'
import type { DeliveryService } from '../deliveries/delivery-service'
import { incomplete } from './acceptance-refusals'
import { buildAcceptanceDocx } from './acceptance-docx'
import { hashFile, readScanFile, sha256Hex } from './acceptance-files'
import { writeExportFile } from '../shared/atomic-file'
import type { AcceptanceRepository, StoredForm } from './acceptance-repository'
import {
  exportFormat,
  type AcceptanceExport,
  type AcceptanceScan,
  type ScanMime,
  type VerifyResult
} from './acceptance-types'

export interface ArchiveSources {
  /** the stored version, a draft first brought up to date (in its own transaction) */
  current(formId: number): StoredForm
  /** the stored version as it is */
  stored(formId: number): StoredForm
  /** the font file the PDF embeds (resources/fonts/); null when it cannot be found */
  pdfFontPath(): string | null
}

export class AcceptanceArchive {
  private readonly tx

  constructor(
    private readonly ctx: ServiceContext,
    private readonly repo: AcceptanceRepository,
    private readonly deliveries: DeliveryService,
    private readonly sources: ArchiveSources
  ) {
    this.tx = {
      recordExport: ctx.db.transaction(
        (row: StoredForm, path: string, sha256: string, size: number) =>
          this.recordExportNow(row, path, sha256, size)
      ),
      recordScan: ctx.db.transaction(
        (row: StoredForm, fileName: string, mime: ScanMime, bytes: Buffer) =>
          this.recordScanNow(row, fileName, mime, bytes)
      )
    }
  }

  /**
   * Writes the form as .docx to `path` and records the file's SHA-256, size, time and version.
   * An existing file is replaced only with `overwrite` (the user confirmed it in the dialog).
   */
  async export(
    formId: number,
    path: string,
    options: { overwrite?: boolean } = {}
  ): Promise<AcceptanceExport> {
    const row = this.sources.current(formId)
    const refusal = incomplete(row.form)
    if (refusal) throw refusal
    const target = resolve(path)
    const bytes = await buildAcceptanceDocx(row.form)
    await writeExportFile(target, bytes, { overwrite: options.overwrite === true })
    return this.tx.recordExport.immediate(row, target, sha256Hex(bytes), bytes.length)
  }

  /**
   * Writes the PDF of the same version, made in-process (pdf/acceptance-pdf.ts) from the same
   * form model, and records it like the .docx, so `verify` accepts a copy of either.
   */
  async exportPdf(
    formId: number,
    path: string,
    options: { overwrite?: boolean } = {}
  ): Promise<AcceptanceExport> {
    const row = this.sources.current(formId)
    const refusal = incomplete(row.form)
    if (refusal) throw refusal
    // without its font the PDF would not look the same everywhere: refused, never substituted
    const fontPath = this.sources.pdfFontPath()
    if (!fontPath) throw new DeskError('PDF_UNAVAILABLE', { field: 'formId' })
    const target = resolve(path)
    // pdfkit and fontkit take a few hundred ms to load: on the first PDF, not at start-up
    const { buildAcceptancePdf } = await import('./pdf/acceptance-pdf')
    const bytes = await buildAcceptancePdf(row.form, fontPath)
    await writeExportFile(target, bytes, { overwrite: options.overwrite === true })
    return this.tx.recordExport.immediate(row, target, sha256Hex(bytes), bytes.length)
  }

  /** Whether a file is byte-identical to a recorded export, and to which one. */
  async verify(path: string): Promise<VerifyResult> {
    const target = resolve(path)
    const sha256 = await hashFile(target)
    const match = this.repo.exportBySha256(sha256)
    if (!match) return { path: target, sha256, matches: false }
    const { customer } = this.deliveries.get(match.deliveryId)
    return {
      path: target,
      sha256,
      matches: true,
      export: { ...match, customerName: customer.name }
    }
  }

  /** Keeps a PNG, JPEG or PDF of the signed paper form with the version it documents. */
  async attachScan(formId: number, path: string): Promise<AcceptanceScan> {
    const row = this.sources.stored(formId)
    const { bytes, mime, fileName } = await readScanFile(resolve(path))
    return this.tx.recordScan.immediate(row, fileName, mime, bytes)
  }

  // Records ---------------------------------------------------------------------------------

  private recordExportNow(
    row: StoredForm,
    path: string,
    sha256: string,
    size: number
  ): AcceptanceExport {
    const exportedAt = this.ctx.now()
    const values = { formId: row.id, version: row.version, path, sha256, size, exportedAt }
    const id = this.repo.insertExport(values)
    recordAudit(this.ctx, 'acceptance.export', 'delivery', row.deliveryId, {
      formId: row.id,
      formNumber: row.formNumber,
      version: row.version,
      path,
      format: exportFormat(path),
      sha256,
      size
    })
    return { id, formNumber: row.formNumber, format: exportFormat(path), ...values }
  }

  private recordScanNow(
    row: StoredForm,
    fileName: string,
    mime: ScanMime,
    bytes: Buffer
  ): AcceptanceScan {
    const sha256 = sha256Hex(bytes)
    // the same file attached twice to one version is kept once
    const existing = this.repo.scanBySha256(row.id, sha256)
    if (existing) return existing
    const values = {
      formId: row.id,
      fileName,
      mime,
      sha256,
      size: bytes.length,
      attachedAt: this.ctx.now()
    }
    const id = this.repo.insertScan({ ...values, data: bytes })
    recordAudit(this.ctx, 'acceptance.attachScan', 'delivery', row.deliveryId, {
      formId: row.id,
      formNumber: row.formNumber,
      version: row.version,
      fileName,
      mime,
      size: bytes.length,
      sha256
    })
    return { id, version: row.version, ...values }
  }
}
