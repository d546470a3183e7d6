/**
 * Which checklist rows the recorded facts decide, and what the form quotes from them. Pure:
 * `FormFacts` is built by the service from the delivery's stage answers (the key hand-off is
 * recorded there by the vault), its customer, and the delivery's evidence files; tests pass
 * plain objects. A quote is form content, so it is Chinese like the form.
 *
 * A row is prefilled only when every fact it names is recorded; a row whose facts were all
 * answered 不适用 is 不适用, and one with some 不适用 passes on the others and says which. A row the implementer decided keeps their result; a row decided by the
 * evidence follows the facts while the version is a draft (a fact recorded later fills it in,
 * a fact withdrawn clears it).
 */
import type { StageKey } from '../stages/stage-definitions'
import { HANDOVER_CHANNELS } from '../stages/stage-definitions'
import { ROW_BY_KEY, type FactKey } from './acceptance-checklist'
import type { AcceptanceForm, CheckResult, ChecklistRow } from './acceptance-form'

/** One evidence file of the delivery, as the evidence domain lists it. */
export interface EvidenceItem {
  id: number
  deliveryId: number
  stage: string
  name: string
  mime: string
  size: number
  sha256: string
  addedAt: string
}

/** What the rows are decided from. */
export interface FormFacts {
  /** stage answers by stage key */
  answers: Partial<Record<StageKey, Record<string, unknown>>>
  customer: {
    name: string
    taxId: string
    address: string
    phone: string
    bankName: string
    bankAccount: string
    invoicer: string
    adminMobile: string
    contactName: string
    contactPhone: string
  }
  /** the implementer named on the delivery ('' when none is set) */
  implementer: string
  evidence: readonly EvidenceItem[]
}

/**
 * Where the stage answers live. The activation, first-invoice and support keys are the stage
 * facts issue 9 added; a first invoice recorded before under the old "test invoice" keys still
 * counts (it was a real 数电 invoice all along).
 */
export const ANSWER_KEYS = {
  invoicerVerified: 'invoicer_identity_verified',
  firstInvoiceNumber: ['first_invoice_number', 'test_invoice_number'],
  firstInvoiceOn: ['first_invoice_on', 'test_invoice_on'],
  resendMailDemo: 'resend_email_demonstrated',
  failedDataDemo: 'delete_failed_demonstrated'
} as const

/** A recorded fact as the form quotes it, or 不适用 recorded in its stage. */
export type FactValue = { quote: string; notApplicable?: false } | { notApplicable: true }

const NA_ANSWERS = new Set(['na', 'not_applicable', 'n/a'])

function answer(facts: FormFacts, stage: StageKey, keys: string | readonly string[]): unknown {
  for (const key of typeof keys === 'string' ? [keys] : keys) {
    const value = facts.answers[stage]?.[key]
    if (value !== undefined && value !== null && value !== '') return value
  }
  return undefined
}

const isYes = (value: unknown): boolean => value === true || value === 'yes'
const isNa = (value: unknown): boolean => typeof value === 'string' && NA_ANSWERS.has(value)
const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '')
const isDate = (value: unknown): value is string =>
  typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)

/** A 数电 invoice number: 20 digits (the stage warns about an implausible year). */
export const isInvoiceNumber = (value: string): boolean => /^\d{20}$/.test(value)

const quote = (q: string): FactValue => ({ quote: q })

/** A yes/no stage fact that may be answered 不适用. */
function demo(facts: FormFacts, stage: StageKey, key: string, q: string): FactValue | null {
  const value = answer(facts, stage, key)
  if (isNa(value)) return { notApplicable: true }
  return isYes(value) ? quote(q) : null
}

/** Each fact: its value as recorded, or null while it is not. */
const FACT_READERS: Record<FactKey, (facts: FormFacts) => FactValue | null> = {
  'activation.activated': (f) => {
    const on = answer(f, 'activation', 'activated_on')
    return isYes(answer(f, 'activation', 'activated')) && isDate(on)
      ? quote(`${on} 完成激活`)
      : null
  },
  'activation.invoicer_verified': (f) =>
    demo(f, 'activation', ANSWER_KEYS.invoicerVerified, '开票员已完成实名（刷脸）认证'),
  'activation.digital_account': (f) => {
    const usesEtax = answer(f, 'activation', 'uses_etax_bureau')
    if (usesEtax === false) return quote('企业未在电子税务局开具数电票，无需维护数电账号')
    if (usesEtax !== true) return null
    return isYes(answer(f, 'activation', 'digital_account_maintained'))
      ? quote('数电账号已在公众号维护')
      : null
  },
  'customer.admin_mobile': (f) =>
    f.customer.adminMobile.trim() ? quote(`管理员手机号 ${f.customer.adminMobile.trim()}`) : null,
  'customer.invoicer': (f) =>
    f.customer.invoicer.trim() ? quote(`开票员 ${f.customer.invoicer.trim()}`) : null,
  'customer.invoicing_data': (f) => {
    const c = f.customer
    const fields = [c.name, c.taxId, c.address, c.phone, c.bankName, c.bankAccount]
    return fields.every((v) => v.trim() !== '')
      ? quote('企业名称、统一社会信用代码、地址电话、开户行及账号齐全，见“开通/开票信息”')
      : null
  },
  'customer.contact': (f) =>
    f.customer.contactName.trim() && f.customer.contactPhone.trim()
      ? quote(`客户对接人 ${f.customer.contactName.trim()} ${f.customer.contactPhone.trim()}`)
      : null,
  'backend_config.enterprise_info_complete': (f) =>
    isYes(answer(f, 'backend_config', 'enterprise_info_complete'))
      ? quote('后台企业信息已维护完整')
      : null,
  'backend_config.tenant_configured': (f) =>
    isYes(answer(f, 'backend_config', 'tenant_configured')) ? quote('老运维平台租户已配置') : null,
  'backend_config.keys_handed_over': (f) => {
    const on = answer(f, 'backend_config', 'keys_handed_over_on')
    const via = HANDOVER_CHANNELS.find(
      (c) => c.value === answer(f, 'backend_config', 'keys_handed_over_via')
    )
    // copying the message is not sending it: the row rests on the confirmed send and recipient
    const recipient = text(answer(f, 'backend_config', 'keys_recipient'))
    const sent = isYes(answer(f, 'backend_config', 'keys_sent'))
    return isDate(on) && via && recipient && sent
      ? quote(`密钥于 ${on} 通过${via.label.zh}发送给${recipient}`)
      : null
  },
  'linglong_config.keys_entered': (f) =>
    isYes(answer(f, 'linglong_config', 'keys_entered')) ? quote('密钥已录入玲珑系统') : null,
  'linglong_config.first_invoice': (f) => {
    const number = text(answer(f, 'linglong_config', ANSWER_KEYS.firstInvoiceNumber))
    const on = answer(f, 'linglong_config', ANSWER_KEYS.firstInvoiceOn)
    return isInvoiceNumber(number) && isDate(on)
      ? quote(`首张发票 ${on}，号码 ${number}（20 位）`)
      : null
  },
  'support.resend_mail_demo': (f) =>
    demo(f, 'support', ANSWER_KEYS.resendMailDemo, '已演示在“开票查询”重发邮件'),
  'support.failed_data_demo': (f) =>
    demo(f, 'support', ANSWER_KEYS.failedDataDemo, '已演示删除开票失败数据'),
  'delivery.implementer': (f) => (f.implementer.trim() ? quote(`实施顾问 ${f.implementer}`) : null)
}

/** How the form names a fact that was answered 不适用 (form content, Chinese). */
const NA_LABELS: Partial<Record<FactKey, string>> = {
  'activation.invoicer_verified': '开票员实名（刷脸）认证',
  'support.resend_mail_demo': '重发邮件演示',
  'support.failed_data_demo': '删除失败数据演示'
}

export function readFact(facts: FormFacts, key: FactKey): FactValue | null {
  return FACT_READERS[key](facts)
}

/** What the facts say about one row, for the page and for prefilling. */
export interface RowEvidence {
  rowKey: string
  /** the facts the row rests on; empty for rows only the implementer can decide */
  facts: FactKey[]
  /** those not recorded yet */
  missing: FactKey[]
  /** the result the facts give, or null while any is missing (or the row names none) */
  result: CheckResult | null
  /** the 说明 quoting the facts ('' when result is null) */
  remarks: string
  /** evidence files of the row's stages */
  attachments: EvidenceItem[]
}

export function rowEvidence(rowKey: string, facts: FormFacts): RowEvidence {
  const def = ROW_BY_KEY.get(rowKey)
  const keys = def ? [...def.facts] : []
  const stages = new Set(def?.attachmentStages ?? [])
  const attachments = facts.evidence.filter((e) => stages.has(e.stage))
  const values = keys.map((key) => ({ key, value: readFact(facts, key) }))
  const missing = values.filter((v) => v.value === null).map((v) => v.key)
  if (keys.length === 0 || missing.length > 0) {
    return { rowKey, facts: keys, missing, result: null, remarks: '', attachments }
  }
  const quotes = values.flatMap((v) => (v.value && !v.value.notApplicable ? [v.value.quote] : []))
  const notApplicable = values.filter((v) => v.value?.notApplicable).map((v) => v.key)
  const naNote = notApplicable.map((key) => `${NA_LABELS[key] ?? key}：不适用`)
  return {
    rowKey,
    facts: keys,
    missing,
    result: quotes.length === 0 ? 'na' : 'pass',
    remarks: quotes.length === 0 ? '阶段记录为不适用' : [...quotes, ...naNote].join('；'),
    attachments
  }
}

export function formEvidence(form: AcceptanceForm, facts: FormFacts): RowEvidence[] {
  return form.checklist.map((row) => rowEvidence(row.key, facts))
}

/**
 * The rows as the facts decide them: an implementer's decision is kept; every other row takes
 * the facts' result and quote, or is emptied while a fact is missing.
 */
export function applyEvidence(rows: readonly ChecklistRow[], facts: FormFacts): ChecklistRow[] {
  return rows.map((row): ChecklistRow => {
    if (row.decidedBy === 'implementer') return row
    const evidence = rowEvidence(row.key, facts)
    if (evidence.result === null) return { ...row, result: null, decidedBy: null, remarks: '' }
    return { ...row, result: evidence.result, decidedBy: 'evidence', remarks: evidence.remarks }
  })
}

/**
 * Rows as a save leaves them: a row the page sends as decided by the evidence keeps that only
 * when it says what the facts say; any other result is the implementer's. No result, no decider.
 */
export function attributeDecisions(
  rows: readonly ChecklistRow[],
  facts: FormFacts
): ChecklistRow[] {
  return rows.map((row): ChecklistRow => {
    if (row.result === null) return { ...row, decidedBy: null }
    if (row.decidedBy !== 'evidence') return { ...row, decidedBy: 'implementer' }
    const evidence = rowEvidence(row.key, facts)
    const same = evidence.result === row.result && evidence.remarks === row.remarks
    return same ? row : { ...row, decidedBy: 'implementer' }
  })
}
