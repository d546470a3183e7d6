/**
 * The customer's fields as data: contract key, column, kind of validation, limits and the
 * column headers a CSV may use. Validation, repository, CSV import and the form read this.
 */
export type CustomerFieldKind =
  'name' | 'taxId' | 'text' | 'phone' | 'mobile' | 'bankAccount' | 'email'

export interface CustomerFieldDef {
  key: CustomerFieldKey
  column: string
  kind: CustomerFieldKind
  required: boolean
  maxLength: number
  /** Chinese header first; the camelCase key is always accepted too */
  csvHeaders: string[]
}

export const CUSTOMER_FIELD_KEYS = [
  'name',
  'taxId',
  'address',
  'phone',
  'bankName',
  'bankAccount',
  'invoicer',
  'adminMobile',
  'contactName',
  'contactPhone',
  'email',
  'notes'
] as const

export type CustomerFieldKey = (typeof CUSTOMER_FIELD_KEYS)[number]

export const CUSTOMER_FIELDS: readonly CustomerFieldDef[] = [
  {
    key: 'name',
    column: 'name',
    kind: 'name',
    required: true,
    maxLength: 100,
    csvHeaders: ['企业名称', '客户名称', '名称']
  },
  {
    key: 'taxId',
    column: 'tax_id',
    kind: 'taxId',
    required: true,
    maxLength: 18,
    csvHeaders: ['企业税号', '统一社会信用代码', '税号']
  },
  {
    key: 'address',
    column: 'address',
    kind: 'text',
    required: false,
    maxLength: 200,
    csvHeaders: ['地址', '企业地址']
  },
  {
    key: 'phone',
    column: 'phone',
    kind: 'phone',
    required: false,
    maxLength: 40,
    csvHeaders: ['电话', '企业电话']
  },
  {
    key: 'bankName',
    column: 'bank_name',
    kind: 'text',
    required: false,
    maxLength: 100,
    csvHeaders: ['开户银行', '开户行']
  },
  {
    key: 'bankAccount',
    column: 'bank_account',
    kind: 'bankAccount',
    required: false,
    maxLength: 40,
    csvHeaders: ['银行账号', '账号']
  },
  {
    key: 'invoicer',
    column: 'invoicer',
    kind: 'text',
    required: false,
    maxLength: 50,
    csvHeaders: ['开票员', '开票人']
  },
  {
    key: 'adminMobile',
    column: 'admin_mobile',
    kind: 'mobile',
    required: false,
    maxLength: 20,
    csvHeaders: ['管理员手机号', '管理员手机']
  },
  {
    key: 'contactName',
    column: 'contact_name',
    kind: 'text',
    required: false,
    maxLength: 50,
    csvHeaders: ['联系人']
  },
  {
    key: 'contactPhone',
    column: 'contact_phone',
    kind: 'phone',
    required: false,
    maxLength: 40,
    csvHeaders: ['联系电话', '联系人电话']
  },
  {
    key: 'email',
    column: 'email',
    kind: 'email',
    required: false,
    maxLength: 200,
    csvHeaders: ['邮箱', '预留邮箱', '电子邮箱']
  },
  {
    key: 'notes',
    column: 'notes',
    kind: 'text',
    required: false,
    maxLength: 2000,
    csvHeaders: ['备注']
  }
]

export const CUSTOMER_FIELD_BY_KEY: Readonly<Record<CustomerFieldKey, CustomerFieldDef>> =
  Object.fromEntries(CUSTOMER_FIELDS.map((f) => [f.key, f])) as Record<
    CustomerFieldKey,
    CustomerFieldDef
  >

/** The invoicing master data the `customer_info` stage needs complete (RUNBOOK stage 3). */
export const INVOICING_FIELDS: readonly CustomerFieldKey[] = [
  'name',
  'taxId',
  'address',
  'phone',
  'bankName',
  'bankAccount',
  'invoicer',
  'adminMobile'
]

export type CustomerFields = Record<CustomerFieldKey, string>

export interface Customer extends CustomerFields {
  id: number
  taxIdOverrideReason: string | null
  createdAt: string
  updatedAt: string
  archivedAt: string | null
}

export type CustomerSort = 'relevance' | 'name' | 'updatedAt' | 'createdAt'

/** What each field is called on screen, in messages and in the CLI (zh-CN first). */
export const CUSTOMER_FIELD_LABELS: Readonly<Record<CustomerFieldKey, { zh: string; en: string }>> =
  {
    name: { zh: '企业名称', en: 'Company name' },
    taxId: { zh: '企业税号（统一社会信用代码）', en: 'Tax ID (unified social credit code)' },
    address: { zh: '地址', en: 'Address' },
    phone: { zh: '电话', en: 'Phone' },
    bankName: { zh: '开户银行', en: 'Bank' },
    bankAccount: { zh: '银行账号', en: 'Bank account' },
    invoicer: { zh: '开票员', en: 'Invoicer' },
    adminMobile: { zh: '管理员手机号', en: 'Admin mobile' },
    contactName: { zh: '联系人', en: 'Contact' },
    contactPhone: { zh: '联系电话', en: 'Contact phone' },
    email: { zh: '预留邮箱', en: 'Reserved e-mail' },
    notes: { zh: '备注', en: 'Notes' }
  }
