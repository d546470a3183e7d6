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

export const DEFAULT_FORM_TITLE = '发票云数电开票项目上线验收单'

export const CHECK_RESULTS = ['pass', 'fail', 'na'] as const
export type CheckResult = (typeof CHECK_RESULTS)[number]

export const CONCLUSIONS = ['pass', 'conditional', 'fail'] as const
export type Conclusion = (typeof CONCLUSIONS)[number]

/** Stage keys of RUNBOOK.md whose records can prefill a checklist row's result. */
export type SourceStage =
  'activation' | 'customer_info' | 'backend_config' | 'linglong_config' | 'acceptance' | 'support'

export interface ChecklistRowDef {
  key: string
  /** 验收项目 */
  item: string
  /** 验收标准 */
  standard: string
  /** the stage whose record the result is prefilled from */
  stage: SourceStage
}

/** The ten default rows (issue 5). Keys are stable: they are stored with the form. */
export const DEFAULT_CHECKLIST: readonly ChecklistRowDef[] = [
  {
    key: 'service_activated',
    item: '服务开通及商户平台登录',
    standard: '客户已按激活指引完成服务激活；使用下单时预留的管理员手机号可正常登录商户运营平台。',
    stage: 'activation'
  },
  {
    key: 'digital_account',
    item: '数电账号维护及开票员实名认证',
    standard: '已在服务公众号中维护数电账号（电子税务局账号），开票员已完成身份认证。',
    stage: 'activation'
  },
  {
    key: 'enterprise_info',
    item: '企业信息核对',
    standard:
      '后台企业名称、统一社会信用代码、地址电话、开户银行及账号填写完整，并与税务登记信息一致。',
    stage: 'customer_info'
  },
  {
    key: 'tenant_keys',
    item: '租户配置及密钥发送',
    standard: '老运维平台配置完成；接入密钥已通过约定的渠道发送给客户指定人员。',
    stage: 'backend_config'
  },
  {
    key: 'linglong',
    item: '玲珑系统配置及连通',
    standard: '接入密钥已录入客户玲珑系统，与发票云连通正常。',
    stage: 'linglong_config'
  },
  {
    key: 'first_invoice',
    item: '首张正式发票开具',
    standard: '已成功开具首张数电发票，发票号码（20 位）记录于说明栏。',
    stage: 'linglong_config'
  },
  {
    key: 'invoice_email',
    item: '发票邮件送达及重发',
    standard: '购买方邮箱已收到发票邮件；已演示在“开票查询”页面重新发送邮件。',
    stage: 'support'
  },
  {
    key: 'failure_handling',
    item: '开票失败处理演示',
    standard: '已演示在“销项发票管理 → 未开票数据查询”中删除失败数据，客户重新扫码提交后开票成功。',
    stage: 'support'
  },
  {
    key: 'training',
    item: '操作培训',
    standard: '已对客户开票员及管理员完成开票、查询、邮件重发及失败处理等操作培训。',
    stage: 'acceptance'
  },
  {
    key: 'support_channel',
    item: '售后支持渠道',
    standard: '双方已约定上线后问题的反馈渠道、对接人及响应时间。',
    stage: 'support'
  }
]

export const LIMITS = {
  title: 100,
  formNumber: 40,
  shortText: 100,
  longText: 2000,
  checklistRows: 50,
  openIssues: 50,
  rowKey: 64
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
  goLiveDate: FormDate
  acceptanceDate: FormDate
}

export interface ChecklistRow {
  key: string
  item: string
  standard: string
  result: CheckResult | null
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
  date: FormDate
  image?: SignatureImage | null
}

export interface AcceptanceForm {
  title: string
  formNumber: string
  version: number
  project: AcceptanceProject
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
    acceptanceDate: formDate
  })
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

// Drafts and export --------------------------------------------------------------------------

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
      ...project
    },
    checklist: DEFAULT_CHECKLIST.map((row) => ({
      key: row.key,
      item: row.item,
      standard: row.standard,
      result: null,
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
      implementer: { signerName: '', date: '', image: null }
    }
  }
}

/** Paths of the fields an export refuses to go without (reported as FORM_INCOMPLETE). */
export type ExportRequiredField =
  | 'project.customerName'
  | 'project.taxId'
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
  if (form.conclusion === null) missing.push('conclusion')
  if (form.conclusion === 'conditional') {
    if (blank(form.conditions)) missing.push('conditions')
    if (blank(form.deadline)) missing.push('deadline')
  }
  if (form.conclusion === 'fail' && blank(form.reason)) missing.push('reason')
  if (blank(form.signatures.customer.signerName)) missing.push('signatures.customer.signerName')
  return missing
}
