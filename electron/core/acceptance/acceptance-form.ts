/**
 * The go-live acceptance form (上线验收单) as data: its model, the zod schema the contract
 * validates it with, the default checklist rows, and what an export needs filled in.
 * Signature image checks live in signature-image.ts.
 *
 * The form never holds any of the five issued secrets (clientId, clientSecret, encryptKey,
 * fkey, fpublicKey): it has no field for them, and its objects are strict, so a payload that
 * carries one is refused rather than silently stored.
 *
 * No Node or Electron imports: the renderer may import this module too.
 */
import { z } from 'zod'
import { SIGNATURE_MIMES, checkSignatureImage, type SignatureImage } from './signature-image'

// The page and the contract import the signature checks from here, with the form they belong to.
export {
  SIGNATURE_MIMES,
  checkSignatureImage,
  readImageInfo,
  type SignatureImage
} from './signature-image'

export const CHECK_RESULTS = ['pass', 'fail', 'na'] as const
export type CheckResult = (typeof CHECK_RESULTS)[number]

/** Who set a row's result: the recorded facts it rests on, or the implementer by hand. */
export const DECIDERS = ['evidence', 'implementer'] as const
export type DecidedBy = (typeof DECIDERS)[number]

export const ACCEPTANCE_METHODS = ['onsite', 'remote'] as const
export type AcceptanceMethod = (typeof ACCEPTANCE_METHODS)[number]

export const PARTICIPANT_SIDES = ['customer', 'implementer'] as const
export type ParticipantSide = (typeof PARTICIPANT_SIDES)[number]

export const CONCLUSIONS = ['pass', 'conditional', 'fail'] as const
export type Conclusion = (typeof CONCLUSIONS)[number]

// The default rows and the facts each rests on are data of their own module.
export { DEFAULT_CHECKLIST, type ChecklistRowDef } from './acceptance-checklist'

export const LIMITS = {
  title: 100,
  formNumber: 40,
  shortText: 100,
  longText: 2000,
  checklistRows: 50,
  openIssues: 50,
  rowKey: 64,
  participants: 20,
  attachments: 200
} as const

// Model ------------------------------------------------------------------------------------

/** Dates are calendar dates `YYYY-MM-DD`; an empty string means not filled in yet. */
export type FormDate = string

export interface AcceptanceProject {
  projectName: string
  /** 订单/合同编号 */
  orderNumber: string
  /** 客户名称 */
  customerName: string
  /** 统一社会信用代码 */
  taxId: string
  contactName: string
  contactPhone: string
  implementingCompany: string
  implementer: string
  /** products in scope, free text */
  products: string
  /** the delivery's ACTUAL go-live date (never the planned one); written back to the delivery */
  goLiveDate: FormDate
  acceptanceDate: FormDate
  /** 服务期限 */
  serviceStart: FormDate
  serviceEnd: FormDate
  /** 验收方式 */
  method: AcceptanceMethod | ''
}

/** 开通/开票信息 for the customer to confirm: the customer's record, frozen with the version. */
export interface InvoicingInfo {
  name: string
  taxId: string
  address: string
  phone: string
  bankName: string
  bankAccount: string
  invoicer: string
  adminMobile: string
  email: string
}

/** 参与人员 */
export interface Participant {
  name: string
  side: ParticipantSide
  /** 职务 */
  title: string
}

/** One line of 附件清单: an evidence file of the delivery, frozen with the version. */
export interface FormAttachment {
  name: string
  stage: string
  sha256: string
}

/** 视为验收: off by default; N working days from Settings when turned on. */
export interface DeemedAcceptance {
  enabled: boolean
  days: number
}

export interface ChecklistRow {
  key: string
  item: string
  standard: string
  result: CheckResult | null
  /** who set the result; null while it has none */
  decidedBy: DecidedBy | null
  /** 说明/证据 */
  remarks: string
}

export interface OpenIssue {
  description: string
  owner: string
  dueDate: FormDate
}

export interface CustomerSignature {
  signerName: string
  /** 职务 */
  title: string
  date: FormDate
  image?: SignatureImage | null
}

export interface ImplementerSignature {
  signerName: string
  /** 职务 */
  title: string
  date: FormDate
  image?: SignatureImage | null
}

export interface AcceptanceForm {
  title: string
  formNumber: string
  version: number
  project: AcceptanceProject
  invoicing: InvoicingInfo
  participants: Participant[]
  attachments: FormAttachment[]
  deemedAcceptance: DeemedAcceptance
  checklist: ChecklistRow[]
  openIssues: OpenIssue[]
  conclusion: Conclusion | null
  /** required when conditional: what must still be done */
  conditions: string
  /** required when conditional: by when */
  deadline: FormDate
  /** required when fail */
  reason: string
  remarks: string
  signatures: {
    customer: CustomerSignature
    implementer: ImplementerSignature
  }
}

// Schema -----------------------------------------------------------------------------------

const text = (max: number) => z.string().max(max)
const formDate = z.union([z.literal(''), z.iso.date()])

export const signatureImageSchema = z
  .object({
    mime: z.enum(SIGNATURE_MIMES),
    base64: z.string().min(1)
  })
  .strict()
  .superRefine((image, ctx) => {
    const problem = checkSignatureImage(image)
    if (problem) ctx.addIssue({ code: 'custom', message: problem, path: ['base64'] })
  })

export const acceptanceProjectSchema = z
  .object({
    projectName: text(LIMITS.shortText * 2),
    orderNumber: text(LIMITS.shortText),
    customerName: text(LIMITS.shortText),
    // 18 for a USCC; old taxpayer numbers had 15 or 20
    taxId: text(20),
    contactName: text(LIMITS.shortText),
    contactPhone: text(40),
    implementingCompany: text(LIMITS.shortText),
    implementer: text(LIMITS.shortText),
    products: text(LIMITS.shortText * 5),
    goLiveDate: formDate,
    acceptanceDate: formDate,
    serviceStart: formDate,
    serviceEnd: formDate,
    method: z.union([z.literal(''), z.enum(ACCEPTANCE_METHODS)])
  })
  .strict()

export const invoicingInfoSchema = z
  .object({
    name: text(LIMITS.shortText),
    taxId: text(20),
    address: text(LIMITS.shortText * 2),
    phone: text(40),
    bankName: text(LIMITS.shortText),
    bankAccount: text(40),
    invoicer: text(LIMITS.shortText),
    adminMobile: text(40),
    email: text(LIMITS.shortText * 2)
  })
  .strict()

export const participantSchema = z
  .object({
    name: text(LIMITS.shortText),
    side: z.enum(PARTICIPANT_SIDES),
    title: text(LIMITS.shortText)
  })
  .strict()

export const formAttachmentSchema = z
  .object({
    name: text(LIMITS.shortText * 2),
    stage: text(LIMITS.rowKey),
    sha256: z.string().regex(/^[0-9a-f]{64}$/)
  })
  .strict()

export const deemedAcceptanceSchema = z
  .object({ enabled: z.boolean(), days: z.number().int().min(1).max(90) })
  .strict()

export const checklistRowSchema = z
  .object({
    key: z
      .string()
      .min(1)
      .max(LIMITS.rowKey)
      .regex(/^[a-z0-9_-]+$/),
    item: text(LIMITS.shortText * 2),
    standard: text(LIMITS.longText / 2),
    result: z.enum(CHECK_RESULTS).nullable(),
    decidedBy: z.enum(DECIDERS).nullable(),
    remarks: text(LIMITS.longText / 2)
  })
  .strict()

export const openIssueSchema = z
  .object({
    description: text(LIMITS.longText / 2),
    owner: text(LIMITS.shortText),
    dueDate: formDate
  })
  .strict()

export const acceptanceFormSchema = z
  .object({
    title: text(LIMITS.title),
    formNumber: text(LIMITS.formNumber),
    version: z.number().int().min(1),
    project: acceptanceProjectSchema,
    invoicing: invoicingInfoSchema,
    participants: z.array(participantSchema).max(LIMITS.participants),
    attachments: z.array(formAttachmentSchema).max(LIMITS.attachments),
    deemedAcceptance: deemedAcceptanceSchema,
    checklist: z
      .array(checklistRowSchema)
      .max(LIMITS.checklistRows)
      .refine((rows) => new Set(rows.map((r) => r.key)).size === rows.length, {
        message: 'DUPLICATE_ROW_KEY'
      }),
    openIssues: z.array(openIssueSchema).max(LIMITS.openIssues),
    conclusion: z.enum(CONCLUSIONS).nullable(),
    conditions: text(LIMITS.longText),
    deadline: formDate,
    reason: text(LIMITS.longText),
    remarks: text(LIMITS.longText),
    signatures: z
      .object({
        customer: z
          .object({
            signerName: text(LIMITS.shortText),
            title: text(LIMITS.shortText),
            date: formDate,
            image: signatureImageSchema.nullable().optional()
          })
          .strict(),
        implementer: z
          .object({
            signerName: text(LIMITS.shortText),
            title: text(LIMITS.shortText),
            date: formDate,
            image: signatureImageSchema.nullable().optional()
          })
          .strict()
      })
      .strict()
  })
  .strict()

// The interfaces above are what callers read; this keeps them and the schema the same shape.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
const _schemaMatchesModel: Same<z.infer<typeof acceptanceFormSchema>, AcceptanceForm> = true

// Drafts, upgrades of stored forms and what an export needs live beside the model.
export {
  DEFAULT_FORM_TITLE,
  EMPTY_INVOICING,
  DEFAULT_DEEMED_DAYS,
  createDraftForm,
  upgradeStoredForm,
  missingForExport,
  type ExportRequiredField
} from './acceptance-draft'
