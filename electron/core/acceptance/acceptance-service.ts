/**
 * The acceptance form of a delivery: a prefilled draft, saved edits, signatures, marking it
 * signed, Word export with the file's SHA-256 on record, verifying a copy, and scans of the
 * paper form. A signed version is never changed: editing or signing it adds a new version.
 * Every change goes to the audit log under the delivery, never with image bytes.
 */
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import { basename, dirname, extname, join, resolve } from 'node:path'
import { statementCache } from '../db/database'
import type { AuditLog } from '../audit/audit-log'
import { DeskError, type ErrorCode, type FieldIssue } from '../errors/desk-error'
import type { ServiceContext } from '../shared/service-context'
import type { DeliveryService } from '../deliveries/delivery-service'
import type { DeliveryDetail } from '../deliveries/delivery-types'
import { HANDOVER_CHANNELS, type StageKey } from '../stages/stage-definitions'
import { actorName, DEFAULT_SETTINGS } from '../settings/settings-schema'
import {
  DEFAULT_CHECKLIST,
  acceptanceFormSchema,
  checkSignatureImage,
  createDraftForm,
  decodeBase64,
  missingForExport,
  readImageInfo,
  type AcceptanceForm,
  type ChecklistRow,
  type SignatureImage,
  type SignatureImageProblem
} from './acceptance-form'
import { buildAcceptanceDocx, sha256Hex } from './acceptance-docx'
import { acceptanceFileName } from './file-name'
import {
  REQUIRED_FIELD_LABELS,
  type AcceptanceExport,
  type AcceptanceOverview,
  type AcceptanceRecord,
  type AcceptanceScan,
  type AcceptanceVersion,
  type FormStatus,
  type ScanMime,
  type SigningParty,
  type VerifyResult
} from './acceptance-types'

const UNSET_IMPLEMENTER = actorName(DEFAULT_SETTINGS)

/** A photo or scan of a signed A4 page fits easily; a 15 MB cap keeps the database lean. */
export const SCAN_MAX_BYTES = 15 * 1024 * 1024

type Row = Record<string, string | number | null>

interface FormRow {
  id: number
  deliveryId: number
  customerId: number
  version: number
  formNumber: string
  status: FormStatus
  form: AcceptanceForm
  createdAt: string
  updatedAt: string
  signedAt: string | null
  supersedesId: number | null
}

const SIGNATURE_PROBLEMS: Record<SignatureImageProblem, { zh: string; en: string }> = {
  NOT_BASE64: { zh: '内容不是有效的 base64 编码', en: 'it is not valid base64' },
  TOO_LARGE: { zh: '图片超过 2 MB', en: 'it is larger than 2 MB' },
  NOT_AN_IMAGE: {
    zh: '按文件内容判断，它不是 PNG 或 JPEG 图片',
    en: 'judged by its bytes, it is not a PNG or JPEG'
  },
  MIME_MISMATCH: {
    zh: '文件内容与声明的图片类型不符',
    en: 'its bytes do not match the declared type'
  },
  DIMENSIONS: { zh: '图片宽或高超过 4000 像素', en: 'it is wider or taller than 4000 pixels' }
}

type ScanProblem = 'EMPTY' | 'TOO_LARGE' | 'NOT_SUPPORTED'
const SCAN_PROBLEMS: Record<ScanProblem, { zh: string; en: string }> = {
  EMPTY: { zh: '文件是空的', en: 'the file is empty' },
  TOO_LARGE: { zh: '文件超过 15 MB', en: 'the file is larger than 15 MB' },
  NOT_SUPPORTED: {
    zh: '按文件内容判断，它不是 PDF、PNG 或 JPEG',
    en: 'judged by its bytes, it is not a PDF, PNG or JPEG'
  }
}

/** The type of a scan from its first bytes; null for anything else. */
export function scanMime(bytes: Uint8Array): ScanMime | null {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b)
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png'
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg'
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'application/pdf' // %PDF-
  return null
}

function signatureRefusal(problem: SignatureImageProblem, field: string): DeskError {
  const text = SIGNATURE_PROBLEMS[problem]
  return new DeskError('SIGNATURE_IMAGE', {
    field,
    params: { problem, detail: text.zh, detailEn: text.en }
  })
}

function scanRefusal(problem: ScanProblem): DeskError {
  const text = SCAN_PROBLEMS[problem]
  return new DeskError('SCAN_FILE', {
    field: 'path',
    params: { problem, detail: text.zh, detailEn: text.en }
  })
}

/** The form as the schema reads it, or a refusal naming each bad field. */
function parseForm(input: unknown): AcceptanceForm {
  const parsed = acceptanceFormSchema.safeParse(input)
  if (parsed.success) return parsed.data
  const issues: FieldIssue<ErrorCode>[] = parsed.error.issues.map((issue) => {
    const field = issue.path.map(String).join('.')
    // the schema reports a refused signature image by the problem's name
    if (issue.message in SIGNATURE_PROBLEMS) {
      const { code, params } = signatureRefusal(issue.message as SignatureImageProblem, field)
      return { code, field, params }
    }
    return { code: 'VALIDATION', field, params: { detail: `${field}: ${issue.message}` } }
  })
  throw DeskError.fromIssues(issues)
}

/** Field paths whose values differ, one level into project and signatures; no values. */
function changedFields(before: AcceptanceForm, after: AcceptanceForm): string[] {
  const changed: string[] = []
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)
  for (const key of Object.keys(after) as (keyof AcceptanceForm)[]) {
    if (key === 'project' || key === 'signatures') {
      const a = before[key] as unknown as Record<string, unknown>
      const b = after[key] as unknown as Record<string, unknown>
      for (const sub of Object.keys(b)) if (!same(a[sub], b[sub])) changed.push(`${key}.${sub}`)
    } else if (!same(before[key], after[key])) changed.push(key)
  }
  return changed
}

function incomplete(form: AcceptanceForm): DeskError | null {
  const missing = missingForExport(form)
  const first = missing[0]
  if (!first) return null
  return new DeskError('FORM_INCOMPLETE', {
    field: first,
    params: {
      missing: missing.map((f) => REQUIRED_FIELD_LABELS[f].zh).join('、'),
      missingEn: missing.map((f) => REQUIRED_FIELD_LABELS[f].en).join(', ')
    },
    issues: missing.map((field) => ({
      code: 'REQUIRED',
      field,
      params: { item: REQUIRED_FIELD_LABELS[field].zh }
    }))
  })
}

function errnoCode(error: unknown): string {
  return (error as NodeJS.ErrnoException | null)?.code ?? 'EIO'
}

export class AcceptanceService {
  private readonly sql
  private readonly audit: AuditLog
  private readonly tx

  constructor(
    private readonly ctx: ServiceContext,
    private readonly deliveries: DeliveryService
  ) {
    this.sql = statementCache(ctx.db)
    this.audit = ctx.audit
    this.tx = {
      get: ctx.db.transaction((deliveryId: number) => this.getNow(deliveryId)),
      save: ctx.db.transaction((formId: number, form: AcceptanceForm) =>
        this.saveNow(formId, form)
      ),
      sign: ctx.db.transaction(
        (formId: number, party: SigningParty, signerName: string, image: SignatureImage) =>
          this.signNow(formId, party, signerName, image)
      ),
      markSigned: ctx.db.transaction((formId: number) => this.markSignedNow(formId)),
      recordExport: ctx.db.transaction((row: FormRow, path: string, sha256: string, size: number) =>
        this.recordExportNow(row, path, sha256, size)
      ),
      recordScan: ctx.db.transaction(
        (row: FormRow, fileName: string, mime: ScanMime, bytes: Buffer) =>
          this.recordScanNow(row, fileName, mime, bytes)
      )
    }
  }

  /** The latest version of the delivery's form; the first call creates a prefilled draft. */
  get(deliveryId: number): AcceptanceRecord {
    return this.tx.get.immediate(deliveryId)
  }

  /** Versions, exports and scans of the delivery's form, creating nothing. */
  overview(deliveryId: number): AcceptanceOverview {
    const versionRows = this.sql(
      `SELECT id, version, form_number, status, created_at, updated_at, signed_at
       FROM acceptance_forms WHERE delivery_id = ? ORDER BY version DESC, id DESC`
    ).all(deliveryId) as Row[]
    const versions = versionRows.map((r): AcceptanceVersion => ({
      id: r.id as number,
      version: r.version as number,
      status: r.status as FormStatus,
      createdAt: r.created_at as string,
      updatedAt: r.updated_at as string,
      signedAt: (r.signed_at as string | null) ?? null
    }))
    const exports = (
      this.sql(
        `SELECT e.*, f.form_number FROM acceptance_exports e
         JOIN acceptance_forms f ON f.id = e.form_id
         WHERE f.delivery_id = ? ORDER BY e.id DESC`
      ).all(deliveryId) as Row[]
    ).map((r) => this.toExport(r))
    const scans = (
      this.sql(
        `SELECT s.id, s.form_id, s.file_name, s.mime, s.sha256, s.size, s.attached_at, f.version
         FROM acceptance_scans s JOIN acceptance_forms f ON f.id = s.form_id
         WHERE f.delivery_id = ? ORDER BY s.id DESC`
      ).all(deliveryId) as Row[]
    ).map((r) => this.toScan(r))
    const formNumber = (versionRows[0]?.form_number as string | undefined) ?? null
    return { formNumber, versions, exports, scans }
  }

  /** Saves edits; a signed version stays as it was and the edits become a new version. */
  save(formId: number, form: AcceptanceForm): AcceptanceRecord {
    return this.tx.save.immediate(formId, parseForm(form))
  }

  /** Puts one party's drawn or uploaded signature on the form (a new version when signed). */
  sign(
    formId: number,
    party: SigningParty,
    signerName: string,
    image: SignatureImage
  ): AcceptanceRecord {
    if (signerName.trim() === '') throw new DeskError('REQUIRED', { field: 'signerName' })
    const problem = checkSignatureImage(image)
    if (problem) throw signatureRefusal(problem, 'image')
    return this.tx.sign.immediate(formId, party, signerName.trim(), image)
  }

  /**
   * Records that both parties signed (on screen or on paper): the version is frozen, and the
   * delivery's acceptance stage gets form_signed and signed_on.
   */
  markSigned(formId: number): AcceptanceRecord {
    return this.tx.markSigned.immediate(formId)
  }

  /** The default name the save dialog proposes for this form. */
  defaultFileName(formId: number): string {
    const form = this.mustGet(formId).form
    return acceptanceFileName(form.project.customerName, this.ctx.today())
  }

  /** Refuses when the form lacks what an export needs; asked before a save dialog opens. */
  assertExportable(formId: number): void {
    const refusal = incomplete(this.mustGet(formId).form)
    if (refusal) throw refusal
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
    const row = this.mustGet(formId)
    const refusal = incomplete(row.form)
    if (refusal) throw refusal
    const target = resolve(path)
    const bytes = await buildAcceptanceDocx(row.form)
    await this.writeFile(target, bytes, options.overwrite === true)
    return this.tx.recordExport.immediate(row, target, sha256Hex(bytes), bytes.length)
  }

  /** Whether a file is byte-identical to a recorded export, and to which one. */
  async verify(path: string): Promise<VerifyResult> {
    const target = resolve(path)
    const sha256 = await this.hashFile(target)
    const row = this.sql(
      `SELECT e.*, f.form_number, f.delivery_id, c.name AS customer_name
       FROM acceptance_exports e
       JOIN acceptance_forms f ON f.id = e.form_id
       JOIN deliveries d ON d.id = f.delivery_id
       JOIN customers c ON c.id = d.customer_id
       WHERE e.sha256 = ? ORDER BY e.id DESC LIMIT 1`
    ).get(sha256) as Row | undefined
    if (!row) return { path: target, sha256, matches: false }
    return {
      path: target,
      sha256,
      matches: true,
      export: {
        ...this.toExport(row),
        deliveryId: row.delivery_id as number,
        customerName: row.customer_name as string
      }
    }
  }

  /** Keeps a PNG, JPEG or PDF of the signed paper form with the version it documents. */
  async attachScan(formId: number, path: string): Promise<AcceptanceScan> {
    const row = this.mustGet(formId)
    const target = resolve(path)
    let bytes: Buffer
    try {
      const info = await stat(target)
      if (!info.isFile()) throw new Error('not a file')
      if (info.size > SCAN_MAX_BYTES) throw scanRefusal('TOO_LARGE')
      bytes = await readFile(target)
    } catch (error) {
      if (error instanceof DeskError) throw error
      throw new DeskError('FILE_NOT_READABLE', { field: 'path', params: { path: target } })
    }
    if (bytes.length === 0) throw scanRefusal('EMPTY')
    if (bytes.length > SCAN_MAX_BYTES) throw scanRefusal('TOO_LARGE')
    const mime = scanMime(bytes)
    if (!mime) throw scanRefusal('NOT_SUPPORTED')
    return this.tx.recordScan.immediate(row, basename(target), mime, bytes)
  }

  // Transactions ----------------------------------------------------------------------------

  private getNow(deliveryId: number): AcceptanceRecord {
    const latest = this.latestRow(deliveryId)
    if (latest) return this.record(latest)
    const detail = this.deliveries.get(deliveryId)
    const now = this.ctx.now()
    const formNumber = this.newFormNumber(deliveryId)
    const form = this.prefilledDraft(detail, formNumber)
    const id = this.insertRow({ deliveryId, version: 1, formNumber, form, now, supersedesId: null })
    this.log('acceptance.create', deliveryId, { formId: id, formNumber, version: 1 })
    return this.record(this.mustGet(id))
  }

  private saveNow(formId: number, input: AcceptanceForm): AcceptanceRecord {
    const row = this.mustGetLatest(formId)
    // number and version belong to the record, not to what the page sends back
    const form: AcceptanceForm = { ...input, formNumber: row.formNumber, version: row.version }
    const changed = changedFields(row.form, form)
    if (changed.length === 0) return this.record(row)
    return this.record(this.write(row, form, 'acceptance.save', { changed }))
  }

  private signNow(
    formId: number,
    party: SigningParty,
    signerName: string,
    image: SignatureImage
  ): AcceptanceRecord {
    const row = this.mustGetLatest(formId)
    const before = row.form.signatures[party]
    const signatures = {
      ...row.form.signatures,
      [party]: { ...before, signerName, image, date: before.date || this.ctx.today() }
    }
    const form: AcceptanceForm = { ...row.form, signatures }
    const bytes = decodeBase64(image.base64) ?? new Uint8Array()
    const info = readImageInfo(bytes)
    return this.record(
      this.write(row, form, 'acceptance.sign', {
        party,
        signerName,
        // what was signed with, identified without its bytes
        image: {
          mime: image.mime,
          width: info?.width ?? 0,
          height: info?.height ?? 0,
          size: bytes.length,
          sha256: sha256Hex(bytes)
        }
      })
    )
  }

  private markSignedNow(formId: number): AcceptanceRecord {
    const row = this.mustGetLatest(formId)
    if (row.status === 'signed') return this.record(row)
    const refusal = incomplete(row.form)
    if (refusal) throw refusal
    const now = this.ctx.now()
    this.sql(
      `UPDATE acceptance_forms SET status = 'signed', signed_at = @now, updated_at = @now
       WHERE id = @id`
    ).run({ now, id: row.id })
    this.log('acceptance.markSigned', row.deliveryId, {
      formId: row.id,
      formNumber: row.formNumber,
      version: row.version,
      conclusion: row.form.conclusion
    })
    const stage: StageKey = 'acceptance'
    this.deliveries.updateStage({
      deliveryId: row.deliveryId,
      stage,
      answers: { form_signed: true, signed_on: this.ctx.today() }
    })
    return this.record(this.mustGet(row.id))
  }

  private recordExportNow(
    row: FormRow,
    path: string,
    sha256: string,
    size: number
  ): AcceptanceExport {
    const exportedAt = this.ctx.now()
    const info = this.sql(
      `INSERT INTO acceptance_exports (form_id, version, path, sha256, size, exported_at)
       VALUES (?, ?, ?, ?, ?, ?)`
    ).run(row.id, row.version, path, sha256, size, exportedAt)
    this.log('acceptance.export', row.deliveryId, {
      formId: row.id,
      formNumber: row.formNumber,
      version: row.version,
      path,
      sha256,
      size
    })
    return {
      id: Number(info.lastInsertRowid),
      formId: row.id,
      version: row.version,
      formNumber: row.formNumber,
      path,
      sha256,
      size,
      exportedAt
    }
  }

  private recordScanNow(
    row: FormRow,
    fileName: string,
    mime: ScanMime,
    bytes: Buffer
  ): AcceptanceScan {
    const sha256 = sha256Hex(bytes)
    // the same file attached twice to one version is kept once
    const existing = this.sql(
      `SELECT s.id, s.form_id, s.file_name, s.mime, s.sha256, s.size, s.attached_at, f.version
       FROM acceptance_scans s JOIN acceptance_forms f ON f.id = s.form_id
       WHERE s.form_id = ? AND s.sha256 = ?`
    ).get(row.id, sha256) as Row | undefined
    if (existing) return this.toScan(existing)
    const attachedAt = this.ctx.now()
    const info = this.sql(
      `INSERT INTO acceptance_scans (form_id, file_name, mime, sha256, size, data, attached_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`
    ).run(row.id, fileName, mime, sha256, bytes.length, bytes, attachedAt)
    this.log('acceptance.attachScan', row.deliveryId, {
      formId: row.id,
      formNumber: row.formNumber,
      version: row.version,
      fileName,
      mime,
      size: bytes.length,
      sha256
    })
    return {
      id: Number(info.lastInsertRowid),
      formId: row.id,
      version: row.version,
      fileName,
      mime,
      sha256,
      size: bytes.length,
      attachedAt
    }
  }

  // Rows ------------------------------------------------------------------------------------

  /** Updates a draft in place, or adds the next version after a signed one. */
  private write(
    row: FormRow,
    form: AcceptanceForm,
    action: string,
    details: Record<string, unknown>
  ): FormRow {
    const now = this.ctx.now()
    if (row.status === 'draft') {
      this.sql('UPDATE acceptance_forms SET data = ?, updated_at = ? WHERE id = ?').run(
        JSON.stringify(form),
        now,
        row.id
      )
      this.log(action, row.deliveryId, {
        formId: row.id,
        formNumber: row.formNumber,
        version: row.version,
        ...details
      })
      return this.mustGet(row.id)
    }
    const version = row.version + 1
    const id = this.insertRow({
      deliveryId: row.deliveryId,
      version,
      formNumber: row.formNumber,
      form: { ...form, version },
      now,
      supersedesId: row.id
    })
    this.log(action, row.deliveryId, {
      formId: id,
      formNumber: row.formNumber,
      version,
      supersedes: { formId: row.id, version: row.version },
      ...details
    })
    return this.mustGet(id)
  }

  private insertRow(values: {
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
    ).run({ ...values, data: JSON.stringify(values.form) })
    return Number(info.lastInsertRowid)
  }

  /** YS-<YYYYMMDD>-<delivery id>-<n>, n counting up past numbers already taken. */
  private newFormNumber(deliveryId: number): string {
    const date = this.ctx.today().replace(/-/g, '')
    const taken = this.sql('SELECT 1 FROM acceptance_forms WHERE form_number = ? LIMIT 1')
    for (let n = 1; ; n++) {
      const candidate = `YS-${date}-${deliveryId}-${n}`
      if (!taken.get(candidate)) return candidate
    }
  }

  private prefilledDraft(detail: DeliveryDetail, formNumber: string): AcceptanceForm {
    const { customer, delivery } = detail
    const today = this.ctx.today()
    // a delivery created before the implementer's name was set holds the audit log's marker
    const implementer = delivery.implementer === UNSET_IMPLEMENTER ? '' : delivery.implementer
    const form = createDraftForm(
      { formNumber },
      {
        projectName: `${customer.name}发票云数电开票项目`,
        orderNumber: delivery.orderNumber,
        customerName: customer.name,
        taxId: customer.taxId,
        contactName: customer.contactName,
        contactPhone: customer.contactPhone,
        implementingCompany: this.lastImplementingCompany(),
        implementer,
        products: delivery.products.join('、'),
        goLiveDate: delivery.actualGoLive ?? delivery.plannedGoLive ?? '',
        acceptanceDate: today
      }
    )
    const stages = new Map(detail.stages.map((s) => [s.stage, s]))
    const done = (stage: StageKey) => stages.get(stage)?.status === 'done'
    const answer = (stage: StageKey, key: string): string => {
      const value = stages.get(stage)?.answers[key]
      return typeof value === 'string' ? value : ''
    }
    const remarks = recordedRemarks(answer)
    form.checklist = form.checklist.map((row): ChecklistRow => {
      const def = DEFAULT_CHECKLIST.find((d) => d.key === row.key)
      return {
        ...row,
        result: def && done(def.stage) ? 'pass' : null,
        remarks: remarks[row.key] ?? ''
      }
    })
    form.signatures.implementer.signerName = implementer
    return form
  }

  /** The implementing company rarely changes between deliveries: reuse the last one typed. */
  private lastImplementingCompany(): string {
    const row = this.sql(
      `SELECT json_extract(data, '$.project.implementingCompany') AS company
       FROM acceptance_forms
       WHERE coalesce(json_extract(data, '$.project.implementingCompany'), '') <> ''
       ORDER BY id DESC LIMIT 1`
    ).get() as { company: string } | undefined
    return row?.company ?? ''
  }

  private latestRow(deliveryId: number): FormRow | null {
    const row = this.sql(
      `${FORM_SELECT} WHERE f.delivery_id = ? ORDER BY f.version DESC, f.id DESC LIMIT 1`
    ).get(deliveryId) as Row | undefined
    return row ? toFormRow(row) : null
  }

  private mustGet(formId: number): FormRow {
    const row = this.sql(`${FORM_SELECT} WHERE f.id = ?`).get(formId) as Row | undefined
    if (!row) throw new DeskError('NOT_FOUND', { field: 'formId', params: { id: formId } })
    return toFormRow(row)
  }

  /** Only the latest version may change; an older one means the page is out of date. */
  private mustGetLatest(formId: number): FormRow {
    const row = this.mustGet(formId)
    const latest = this.latestRow(row.deliveryId)
    if (latest && latest.id !== row.id) {
      throw new DeskError('FORM_SUPERSEDED', {
        field: 'formId',
        params: { version: row.version, latest: latest.version }
      })
    }
    return row
  }

  private record(row: FormRow): AcceptanceRecord {
    const { versions, exports, scans } = this.overview(row.deliveryId)
    return {
      ...row,
      missing: missingForExport(row.form),
      versions,
      exports,
      scans,
      defaultFileName: acceptanceFileName(row.form.project.customerName, this.ctx.today())
    }
  }

  private toExport(r: Row): AcceptanceExport {
    return {
      id: r.id as number,
      formId: r.form_id as number,
      version: r.version as number,
      formNumber: r.form_number as string,
      path: r.path as string,
      sha256: r.sha256 as string,
      size: r.size as number,
      exportedAt: r.exported_at as string
    }
  }

  private toScan(r: Row): AcceptanceScan {
    return {
      id: r.id as number,
      formId: r.form_id as number,
      version: r.version as number,
      fileName: r.file_name as string,
      mime: r.mime as ScanMime,
      sha256: r.sha256 as string,
      size: r.size as number,
      attachedAt: r.attached_at as string
    }
  }

  // Files -----------------------------------------------------------------------------------

  private async writeFile(path: string, bytes: Uint8Array, overwrite: boolean): Promise<void> {
    try {
      if (!overwrite) {
        // exclusive create: a file that appeared since the check is not replaced either
        await writeFile(path, bytes, { flag: 'wx' })
        return
      }
      // a whole new file or none: a failed write never leaves the old export half replaced
      const temp = join(
        dirname(path),
        `.${basename(path, extname(path))}.${process.pid}.${Date.now()}.tmp`
      )
      await writeFile(temp, bytes, { flag: 'w' })
      try {
        await rename(temp, path)
      } catch (error) {
        await rm(temp, { force: true })
        throw error
      }
    } catch (error) {
      const code = errnoCode(error)
      if (code === 'EEXIST') throw new DeskError('FILE_EXISTS', { field: 'path', params: { path } })
      throw new DeskError('FILE_WRITE_FAILED', { field: 'path', params: { path, reason: code } })
    }
  }

  private async hashFile(path: string): Promise<string> {
    try {
      const info = await stat(path)
      if (!info.isFile()) throw new Error('not a file')
      const hash = createHash('sha256')
      for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer)
      return hash.digest('hex')
    } catch {
      throw new DeskError('FILE_NOT_READABLE', { field: 'path', params: { path } })
    }
  }

  private log(action: string, deliveryId: number, details: Record<string, unknown>): void {
    this.audit.record({
      at: this.ctx.now(),
      actor: this.ctx.actor(),
      action,
      entityType: 'delivery',
      entityId: deliveryId,
      details
    })
  }
}

const FORM_SELECT = `SELECT f.*, d.customer_id FROM acceptance_forms f
  JOIN deliveries d ON d.id = f.delivery_id`

function toFormRow(r: Row): FormRow {
  return {
    id: r.id as number,
    deliveryId: r.delivery_id as number,
    customerId: r.customer_id as number,
    version: r.version as number,
    formNumber: r.form_number as string,
    status: r.status as FormStatus,
    form: JSON.parse(r.data as string) as AcceptanceForm,
    createdAt: r.created_at as string,
    updatedAt: r.updated_at as string,
    signedAt: (r.signed_at as string | null) ?? null,
    supersedesId: (r.supersedes_id as number | null) ?? null
  }
}

/** Evidence the stage records already hold, written into the matching rows' remarks. */
function recordedRemarks(answer: (stage: StageKey, key: string) => string): Record<string, string> {
  const remarks: Record<string, string> = {}
  const activatedOn = answer('activation', 'activated_on')
  if (activatedOn) remarks.service_activated = `${activatedOn} 完成激活`
  const handedOverOn = answer('backend_config', 'keys_handed_over_on')
  const via = HANDOVER_CHANNELS.find(
    (c) => c.value === answer('backend_config', 'keys_handed_over_via')
  )
  if (handedOverOn)
    remarks.tenant_keys = `密钥于 ${handedOverOn}${via ? `通过${via.label.zh}` : ''}交付`
  const invoiceNumber = answer('linglong_config', 'test_invoice_number')
  const invoiceOn = answer('linglong_config', 'test_invoice_on')
  if (invoiceNumber || invoiceOn) {
    remarks.first_invoice = [
      invoiceNumber && `发票号码 ${invoiceNumber}`,
      invoiceOn && `${invoiceOn} 开具`
    ]
      .filter(Boolean)
      .join('，')
  }
  return remarks
}
