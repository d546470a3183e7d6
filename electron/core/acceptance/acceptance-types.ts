/**
 * What the acceptance calls return: a stored form version with its exports and scans. Types
 * only (no Node imports), so the renderer can use them.
 */
import type { AcceptanceForm, ExportRequiredField } from './acceptance-form'
import type { RowEvidence } from './acceptance-evidence'

export const FORM_STATUSES = ['draft', 'signed'] as const
export type FormStatus = (typeof FORM_STATUSES)[number]

export const SIGNING_PARTIES = ['customer', 'implementer'] as const
export type SigningParty = (typeof SIGNING_PARTIES)[number]

export const SCAN_MIMES = ['image/png', 'image/jpeg', 'application/pdf'] as const
export type ScanMime = (typeof SCAN_MIMES)[number]

export type ExportFormat = 'docx' | 'pdf'

/** The writer chose the extension, so a recorded path says which format it holds. */
export function exportFormat(path: string): ExportFormat {
  return /\.pdf$/i.test(path) ? 'pdf' : 'docx'
}

/** One written .docx or PDF, as recorded so that a copy can be verified later. */
export interface AcceptanceExport {
  id: number
  formId: number
  version: number
  formNumber: string
  path: string
  format: ExportFormat
  sha256: string
  size: number
  exportedAt: string
}

/** A photo or scan of the signed paper form; its bytes stay in the database. */
export interface AcceptanceScan {
  id: number
  formId: number
  version: number
  fileName: string
  mime: ScanMime
  sha256: string
  size: number
  attachedAt: string
}

export interface AcceptanceVersion {
  id: number
  version: number
  status: FormStatus
  createdAt: string
  updatedAt: string
  signedAt: string | null
}

/** One version of a delivery's form, with what the page shows around it. */
export interface AcceptanceRecord {
  id: number
  deliveryId: number
  customerId: number
  formNumber: string
  version: number
  status: FormStatus
  form: AcceptanceForm
  createdAt: string
  updatedAt: string
  signedAt: string | null
  /** the signed version this one was edited from */
  supersedesId: number | null
  /** required fields still empty: export and marking signed are refused until none are */
  missing: ExportRequiredField[]
  /** per checklist row: the facts it rests on, which are missing, and its attachments */
  evidence: RowEvidence[]
  /** the delivery's planned go-live date, shown beside the form only (never as 上线日期) */
  plannedGoLive: string | null
  /** every version of this delivery's form, newest first */
  versions: AcceptanceVersion[]
  /** exports of every version, newest first */
  exports: AcceptanceExport[]
  /** scans attached to any version, newest first */
  scans: AcceptanceScan[]
  /** what the save dialog proposes: 上线验收单-<客户名称>-<YYYYMMDD>.docx */
  defaultFileName: string
}

/** A delivery's form without opening it: nothing is created when there is none yet. */
export interface AcceptanceOverview {
  formNumber: string | null
  /** newest first; empty when no form was started */
  versions: AcceptanceVersion[]
  exports: AcceptanceExport[]
  scans: AcceptanceScan[]
}

export type Cancelled = { cancelled: true }

export type AcceptanceExportResult = Cancelled | ({ cancelled: false } & AcceptanceExport)

export interface VerifyResult {
  path: string
  sha256: string
  /** byte-identical to a recorded export */
  matches: boolean
  /** the latest recorded export with the same SHA-256 */
  export?: AcceptanceExport & { deliveryId: number; customerName: string }
}

export type AcceptanceVerifyResult = Cancelled | ({ cancelled: false } & VerifyResult)

export type AcceptanceScanResult = Cancelled | { cancelled: false; scan: AcceptanceScan }

/** A copy of a stored scan written to disk (acceptance.openScan): where, and its hash. */
export type AcceptanceScanCopyResult =
  Cancelled | { cancelled: false; path: string; sha256: string; size: number }
