/**
 * The words and value formats the acceptance form prints, shared by the .docx builder and the
 * PDF builder (pdf/acceptance-pdf.ts), so both files of one version carry the same text. Form
 * content, in the form's language (Chinese), not UI messages. No Node imports.
 */
import { STAGE_BY_KEY, type StageKey } from '../stages/stage-definitions'
import type {
  AcceptanceForm,
  AcceptanceMethod,
  CheckResult,
  Conclusion,
  ParticipantSide
} from './acceptance-form'

export const SECTION_TITLES = {
  project: '一、项目及客户信息',
  invoicing: '二、开通/开票信息（请客户核对确认）',
  participants: '三、参与人员',
  checklist: '四、验收检查项',
  openIssues: '五、遗留问题',
  attachments: '六、附件清单',
  conclusion: '七、验收结论',
  signatures: '八、签字确认'
} as const

export const RESULT_TEXT: Record<CheckResult, string> = {
  pass: '通过',
  fail: '不通过',
  na: '不适用'
}
export const CONCLUSION_TEXT: Record<Conclusion, string> = {
  pass: '通过',
  conditional: '有条件通过',
  fail: '不通过'
}
export const METHOD_TEXT: Record<AcceptanceMethod, string> = { onsite: '现场', remote: '远程' }
export const SIDE_TEXT: Record<ParticipantSide, string> = {
  customer: '客户方',
  implementer: '实施方'
}

export const VALIDITY_LINE = '本验收单一式两份，签字盖章后生效，双方各执一份。'
export const NONE = '无'
/** how many hex digits of an attachment's SHA-256 the form prints */
export const SHA_PREFIX = 16

/** `2026-03-18` → `2026年3月18日`; anything else is shown as given. */
export function chineseDate(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  if (!m) return value
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`
}

export function servicePeriod(form: AcceptanceForm): string {
  const { serviceStart, serviceEnd } = form.project
  if (!serviceStart && !serviceEnd) return ''
  return `${chineseDate(serviceStart) || '　　'} 至 ${chineseDate(serviceEnd) || '　　'}`
}

/**
 * 验收依据: the contract/order number on a line of its own under its label, so that a narrow
 * column never wraps it at one of its hyphens (SO-2026- / 0042).
 */
export function basisText(form: AcceptanceForm): string {
  return form.project.orderNumber && `合同/订单号\n${form.project.orderNumber}`
}

export function methodText(form: AcceptanceForm): string {
  return form.project.method ? METHOD_TEXT[form.project.method] : ''
}

const joined = (...parts: string[]): string =>
  parts
    .map((p) => p.trim())
    .filter(Boolean)
    .join(' ')

export function addressPhone(form: AcceptanceForm): string {
  return joined(form.invoicing.address, form.invoicing.phone)
}

export function bankAndAccount(form: AcceptanceForm): string {
  return joined(form.invoicing.bankName, form.invoicing.bankAccount)
}

export function stageText(stage: string): string {
  return (
    (STAGE_BY_KEY as Partial<Record<string, (typeof STAGE_BY_KEY)[StageKey]>>)[stage]?.title.zh ??
    stage
  )
}

export function shaPrefix(sha256: string): string {
  return `${sha256.slice(0, SHA_PREFIX)}…`
}

/** The optional 视为验收 clause, or '' when it is off. */
export function deemedClause(form: AcceptanceForm): string {
  if (!form.deemedAcceptance.enabled) return ''
  return `客户收到本验收单 ${form.deemedAcceptance.days} 个工作日内未书面提出异议，视为验收通过。`
}

/** The 开通/开票信息 block as label/value pairs, in print order. */
export function invoicingRows(form: AcceptanceForm): [string, string][] {
  const i = form.invoicing
  return [
    ['企业名称', i.name],
    ['统一社会信用代码', i.taxId],
    ['地址电话', addressPhone(form)],
    ['开户行及账号', bankAndAccount(form)],
    ['开票员', i.invoicer],
    ['管理员手机号', i.adminMobile],
    ['预留邮箱', i.email]
  ]
}

/**
 * Text split so that long digit runs (a 20-digit invoice number, a bank account) are pieces of
 * their own: the .docx puts each in one run (the PDF's line breaking keeps any digit run whole).
 */
export function digitPieces(value: string): { text: string; number: boolean }[] {
  return value
    .split(/(\d{11,})/)
    .filter((p) => p !== '')
    .map((text) => ({ text, number: /^\d{11,}$/.test(text) }))
}

/**
 * Text as both exports write it. XML 1.0 (the .docx) has no way to write most control characters or lone surrogates, and Word refuses a
 * file that has them, so they are dropped; tabs become spaces.
 */
export function clean(value: string): string {
  return (
    value
      .replace(/\t/g, ' ')
      // eslint-disable-next-line no-control-regex -- removing control characters is the point
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]/g, '')
      .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
  )
}

/**
 * Section 一's rows, the same in the .docx and the PDF: a label and a value across the table, or
 * two label-value pairs side by side.
 */
export function projectRows(
  form: AcceptanceForm
): ([string, string] | [string, string, string, string])[] {
  const p = form.project
  return [
    ['项目名称', p.projectName],
    ['客户名称', p.customerName],
    ['统一社会信用代码', p.taxId, '验收依据', basisText(form)],
    ['客户联系人', p.contactName, '联系电话', p.contactPhone],
    ['实施单位', p.implementingCompany, '实施顾问', p.implementer],
    ['上线产品', p.products],
    ['上线日期', chineseDate(p.goLiveDate), '验收日期', chineseDate(p.acceptanceDate)],
    ['服务期限', servicePeriod(form), '验收方式', methodText(form)]
  ]
}
