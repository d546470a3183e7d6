/**
 * The acceptance form of a delivery: a prefilled draft kept in step with the records (rows the
 * recorded facts decide, the actual go-live date, 开通/开票信息, attachments), saved edits with
 * who decided each row, signatures, marking it signed. A signed version is never changed:
 * editing or signing it adds a new version that supersedes it. Every change goes to the audit
 * log under the delivery, never with image bytes. SQL is in acceptance-repository.ts; exports,
 * verification and scans in acceptance-archive.ts; the first draft in acceptance-prefill.ts and
 * the rows' rules in acceptance-evidence.ts; the delivery, its stages and its customer come
 * from DeliveryService, which also takes the go-live date typed on the form.
 */
import { DeskError } from '../errors/desk-error'
import { recordAudit, type ServiceContext } from '../shared/service-context'
import type { DeliveryService } from '../deliveries/delivery-service'
import type { AuditDetails } from '../audit/audit-log'
import { missingForExport, type AcceptanceForm } from './acceptance-form'
import {
  checkSignatureImage,
  decodeBase64,
  readImageInfo,
  type SignatureImage
} from './signature-image'
import { changedFields, incomplete, parseForm, signatureRefusal } from './acceptance-refusals'
import { sha256Hex } from './acceptance-files'
import { factsOf, prefillForm, refreshDraft } from './acceptance-prefill'
import { attributeDecisions, formEvidence, type EvidenceItem } from './acceptance-evidence'
import { AcceptanceRepository, type StoredForm } from './acceptance-repository'
import { AcceptanceArchive } from './acceptance-archive'
import { acceptanceFileName } from './file-name'
import { AcceptanceScanCopies } from './acceptance-scan-copies'
import { usablePdfFontPath } from './pdf/pdf-font-path'
import type { AcceptanceOverview, AcceptanceRecord, SigningParty } from './acceptance-types'

/** What the acceptance service needs besides the deliveries. */
export interface AcceptanceDeps {
  /** the delivery's evidence files (the evidence domain) */
  evidence: { list(deliveryId: number): EvidenceItem[] }
  /** N of the optional 视为验收 clause, from Settings */
  deemedAcceptanceDays: () => number
  /** 实施单位 from Settings: the first form's company when no earlier form names one */
  implementerCompany?: () => string
  /** the font file the PDF embeds; by default resources/fonts/ of the checkout */
  pdfFontPath?: string
}

export class AcceptanceService {
  private readonly repo: AcceptanceRepository
  private readonly tx
  /** copies of stored scans written to disk (acceptance.openScan) */
  readonly scanCopies: AcceptanceScanCopies
  /** exports, verification and scans */
  private readonly archive: AcceptanceArchive

  constructor(
    private readonly ctx: ServiceContext,
    private readonly deliveries: DeliveryService,
    private readonly deps: AcceptanceDeps
  ) {
    this.repo = new AcceptanceRepository(ctx.db)
    this.scanCopies = new AcceptanceScanCopies(ctx, this.repo)
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
      current: ctx.db.transaction((formId: number) => this.current(this.mustGet(formId)))
    }
    this.archive = new AcceptanceArchive(ctx, this.repo, deliveries, {
      current: (formId) => this.tx.current.immediate(formId),
      stored: (formId) => this.mustGet(formId),
      pdfFontPath: () => usablePdfFontPath(deps.pdfFontPath)
    })
  }

  /** Writes the form as .docx and records its SHA-256 (see AcceptanceArchive.export). */
  export(formId: number, path: string, options: { overwrite?: boolean } = {}) {
    return this.archive.export(formId, path, options)
  }

  /** Writes the PDF of the same version and records it like the .docx. */
  exportPdf(formId: number, path: string, options: { overwrite?: boolean } = {}) {
    return this.archive.exportPdf(formId, path, options)
  }

  /** Whether a file is byte-identical to a recorded export (.docx or PDF), and to which one. */
  verify(path: string) {
    return this.archive.verify(path)
  }

  /** Keeps a PNG, JPEG or PDF of the signed paper form with the version it documents. */
  attachScan(formId: number, path: string) {
    return this.archive.attachScan(formId, path)
  }

  /** The latest version of the delivery's form; the first call creates a prefilled draft. */
  get(deliveryId: number): AcceptanceRecord {
    return this.tx.get.immediate(deliveryId)
  }

  /** Versions, exports and scans of the delivery's form, creating nothing. */
  overview(deliveryId: number): AcceptanceOverview {
    const { formNumber, versions } = this.repo.versions(deliveryId)
    return {
      formNumber,
      versions,
      exports: this.repo.exports(deliveryId),
      scans: this.repo.scans(deliveryId)
    }
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
    const refusal = incomplete(this.tx.current.immediate(formId).form)
    if (refusal) throw refusal
  }

  // Transactions ----------------------------------------------------------------------------

  private getNow(deliveryId: number): AcceptanceRecord {
    const latest = this.repo.latest(deliveryId)
    if (latest) return this.record(this.current(latest))
    const { customer, delivery, stages } = this.deliveries.get(deliveryId)
    const formNumber = this.newFormNumber(deliveryId)
    const form = prefillForm({
      customer,
      delivery,
      stages,
      evidence: this.deps.evidence.list(deliveryId),
      formNumber,
      today: this.ctx.today(),
      implementingCompany:
        this.repo.lastImplementingCompany() || (this.deps.implementerCompany?.() ?? ''),
      deemedAcceptanceDays: this.deps.deemedAcceptanceDays()
    })
    const id = this.repo.insert({
      deliveryId,
      version: 1,
      formNumber,
      form,
      now: this.ctx.now(),
      supersedesId: null
    })
    recordAudit(this.ctx, 'acceptance.create', 'delivery', deliveryId, {
      formId: id,
      formNumber,
      version: 1
    })
    return this.record(this.mustGet(id))
  }

  private saveNow(formId: number, input: AcceptanceForm): AcceptanceRecord {
    const row = this.current(this.mustGetLatest(formId))
    const goLive = input.project.goLiveDate
    const { delivery } = this.deliveries.get(row.deliveryId)
    // One value, one place: a go-live date typed on the form is the delivery's actual one.
    if (goLive !== '' && goLive !== delivery.actualGoLive) {
      this.deliveries.update(row.deliveryId, { actualGoLive: goLive })
    }
    const sources = this.sources(row.deliveryId)
    // number and version belong to the record, not to what the page sends back; the
    // 开通/开票信息 block, the attachment list and the go-live date come from the records
    const edited: AcceptanceForm = {
      ...input,
      formNumber: row.formNumber,
      version: row.version,
      checklist: attributeDecisions(input.checklist, factsOf(sources))
    }
    const form = refreshDraft(edited, sources)
    const changed = changedFields(row.form, form)
    if (changed.length === 0) return this.record(row)
    return this.record(
      this.write(row, form, 'acceptance.save', { changed, decisions: decisions(row.form, form) })
    )
  }

  /** The delivery's records a draft is kept in step with. */
  private sources(deliveryId: number) {
    const { customer, delivery, stages } = this.deliveries.get(deliveryId)
    return { customer, delivery, stages, evidence: this.deps.evidence.list(deliveryId) }
  }

  /**
   * A draft as the records now say (go-live date, 开通/开票信息, attachments, rows the facts
   * decide), stored when that changed it; a signed version is returned as it is.
   */
  private current(row: StoredForm): StoredForm {
    if (row.status !== 'draft') return row
    const form = refreshDraft(row.form, this.sources(row.deliveryId))
    const changed = changedFields(row.form, form)
    if (changed.length === 0) return row
    this.repo.updateData(row.id, form, this.ctx.now())
    recordAudit(this.ctx, 'acceptance.refresh', 'delivery', row.deliveryId, {
      formId: row.id,
      formNumber: row.formNumber,
      version: row.version,
      changed,
      decisions: decisions(row.form, form)
    })
    return this.mustGet(row.id)
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
    const row = this.current(this.mustGetLatest(formId))
    if (row.status === 'signed') return this.record(row)
    const refusal = incomplete(row.form)
    if (refusal) throw refusal
    this.repo.setSigned(row.id, this.ctx.now())
    recordAudit(this.ctx, 'acceptance.markSigned', 'delivery', row.deliveryId, {
      formId: row.id,
      formNumber: row.formNumber,
      version: row.version,
      conclusion: row.form.conclusion
    })
    this.deliveries.updateStage({
      deliveryId: row.deliveryId,
      stage: 'acceptance',
      answers: { form_signed: true, signed_on: this.ctx.today() }
    })
    return this.record(this.mustGet(row.id))
  }

  // Versions --------------------------------------------------------------------------------

  /** Updates a draft in place, or adds the next version after a signed one. */
  private write(
    row: StoredForm,
    form: AcceptanceForm,
    action: string,
    details: AuditDetails
  ): StoredForm {
    const now = this.ctx.now()
    if (row.status === 'draft') {
      this.repo.updateData(row.id, form, now)
      recordAudit(this.ctx, action, 'delivery', row.deliveryId, {
        formId: row.id,
        formNumber: row.formNumber,
        version: row.version,
        ...details
      })
      return this.mustGet(row.id)
    }
    const version = row.version + 1
    const id = this.repo.insert({
      deliveryId: row.deliveryId,
      version,
      formNumber: row.formNumber,
      form: { ...form, version },
      now,
      supersedesId: row.id
    })
    recordAudit(this.ctx, action, 'delivery', row.deliveryId, {
      formId: id,
      formNumber: row.formNumber,
      version,
      supersedes: { formId: row.id, version: row.version },
      ...details
    })
    return this.mustGet(id)
  }

  /** YS-<YYYYMMDD>-<delivery id>-<n>, n counting up past numbers already taken. */
  private newFormNumber(deliveryId: number): string {
    const date = this.ctx.today().replace(/-/g, '')
    for (let n = 1; ; n++) {
      const candidate = `YS-${date}-${deliveryId}-${n}`
      if (!this.repo.isFormNumberTaken(candidate)) return candidate
    }
  }

  private mustGet(formId: number): StoredForm {
    const row = this.repo.byId(formId)
    if (!row) throw new DeskError('NOT_FOUND', { field: 'formId', params: { id: formId } })
    return row
  }

  /** Only the latest version may change; an older one means the page is out of date. */
  private mustGetLatest(formId: number): StoredForm {
    const row = this.mustGet(formId)
    const latest = this.repo.latest(row.deliveryId)
    if (latest && latest.id !== row.id) {
      throw new DeskError('FORM_SUPERSEDED', {
        field: 'formId',
        params: { version: row.version, latest: latest.version }
      })
    }
    return row
  }

  /** A stored version with what the page shows around it; the customer is the delivery's. */
  private record(row: StoredForm): AcceptanceRecord {
    const { versions, exports, scans } = this.overview(row.deliveryId)
    const sources = this.sources(row.deliveryId)
    return {
      ...row,
      customerId: sources.delivery.customerId,
      missing: missingForExport(row.form),
      evidence: formEvidence(row.form, factsOf(sources)),
      plannedGoLive: sources.delivery.plannedGoLive,
      versions,
      exports,
      scans,
      defaultFileName: acceptanceFileName(row.form.project.customerName, this.ctx.today())
    }
  }
}

/** Checklist rows whose result or decider changed, for the audit: key, result, who decided. */
function decisions(before: AcceptanceForm, after: AcceptanceForm): AuditDetails[] {
  const old = new Map(before.checklist.map((r) => [r.key, r]))
  return after.checklist
    .filter((r) => {
      const was = old.get(r.key)
      return !was || was.result !== r.result || was.decidedBy !== r.decidedBy
    })
    .map((r) => ({ row: r.key, result: r.result, decidedBy: r.decidedBy }))
}
