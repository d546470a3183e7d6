/**
 * New drafts, stored forms upgraded to the current model, and what an export needs filled in.
 * No Node imports: the page computes the same `missing` list as the service.
 */
import { DEFAULT_CHECKLIST } from './acceptance-checklist'
import type { AcceptanceForm, AcceptanceProject, InvoicingInfo } from './acceptance-form'

export const DEFAULT_FORM_TITLE = '发票云数电开票项目上线验收单'

export const EMPTY_INVOICING: Readonly<InvoicingInfo> = {
  name: '',
  taxId: '',
  address: '',
  phone: '',
  bankName: '',
  bankAccount: '',
  invoicer: '',
  adminMobile: '',
  email: ''
}

/** The default of Settings' deemedAcceptanceDays, for forms made without settings. */
export const DEFAULT_DEEMED_DAYS = 5

/** A new form with the default rows, nothing decided and nobody signed. */
export function createDraftForm(
  init: { formNumber: string; version?: number; title?: string },
  project: Partial<AcceptanceProject> = {}
): AcceptanceForm {
  return {
    title: init.title ?? DEFAULT_FORM_TITLE,
    formNumber: init.formNumber,
    version: init.version ?? 1,
    project: {
      projectName: '',
      orderNumber: '',
      customerName: '',
      taxId: '',
      contactName: '',
      contactPhone: '',
      implementingCompany: '',
      implementer: '',
      products: '',
      goLiveDate: '',
      acceptanceDate: '',
      serviceStart: '',
      serviceEnd: '',
      method: '',
      ...project
    },
    invoicing: { ...EMPTY_INVOICING },
    participants: [],
    attachments: [],
    deemedAcceptance: { enabled: false, days: DEFAULT_DEEMED_DAYS },
    checklist: DEFAULT_CHECKLIST.map((row) => ({
      key: row.key,
      item: row.item,
      standard: row.standard,
      result: null,
      decidedBy: null,
      remarks: ''
    })),
    openIssues: [],
    conclusion: null,
    conditions: '',
    deadline: '',
    reason: '',
    remarks: '',
    signatures: {
      customer: { signerName: '', title: '', date: '', image: null },
      implementer: { signerName: '', title: '', date: '', image: null }
    }
  }
}

/**
 * A form stored before issue 9 lacks the blocks added since: they are filled with their empty
 * defaults when read, so old versions still open, export and verify.
 */
export function upgradeStoredForm(stored: AcceptanceForm): AcceptanceForm {
  const empty = createDraftForm({ formNumber: stored.formNumber, version: stored.version })
  return {
    ...empty,
    ...stored,
    project: { ...empty.project, ...stored.project },
    invoicing: { ...empty.invoicing, ...stored.invoicing },
    participants: stored.participants ?? [],
    attachments: stored.attachments ?? [],
    deemedAcceptance: stored.deemedAcceptance ?? empty.deemedAcceptance,
    checklist: stored.checklist.map((row) => ({
      ...row,
      decidedBy: row.decidedBy ?? (row.result === null ? null : 'implementer')
    })),
    signatures: {
      customer: stored.signatures.customer,
      implementer: { ...empty.signatures.implementer, ...stored.signatures.implementer }
    }
  }
}

/**
 * Paths of what an export refuses to go without (reported as FORM_INCOMPLETE): fixed fields,
 * and `checklist.<rowKey>` for each row that has no result yet.
 */
export type ExportRequiredField =
  | 'project.customerName'
  | 'project.taxId'
  | 'project.goLiveDate'
  | `checklist.${string}`
  | 'conclusion'
  | 'conditions'
  | 'deadline'
  | 'reason'
  | 'signatures.customer.signerName'

const blank = (value: string): boolean => value.trim() === ''

/**
 * The required fields still empty, in form order; empty means the form may be exported.
 * Whitespace counts as empty. Signature images are not required: the form may be signed on paper.
 */
export function missingForExport(form: AcceptanceForm): ExportRequiredField[] {
  const missing: ExportRequiredField[] = []
  if (blank(form.project.customerName)) missing.push('project.customerName')
  if (blank(form.project.taxId)) missing.push('project.taxId')
  if (blank(form.project.goLiveDate)) missing.push('project.goLiveDate')
  for (const row of form.checklist) if (row.result === null) missing.push(`checklist.${row.key}`)
  if (form.conclusion === null) missing.push('conclusion')
  if (form.conclusion === 'conditional') {
    if (blank(form.conditions)) missing.push('conditions')
    if (blank(form.deadline)) missing.push('deadline')
  }
  if (form.conclusion === 'fail' && blank(form.reason)) missing.push('reason')
  if (blank(form.signatures.customer.signerName)) missing.push('signatures.customer.signerName')
  return missing
}
