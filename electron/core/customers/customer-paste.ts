/**
 * 粘贴识别: reads the invoicing details a customer sends as a chat message (WeChat, e-mail)
 * into customer fields. Pure: nothing is saved; customers.parseText validates the result as
 * the form does. Labels are data (PASTE_LABELS) so a new way of writing one is one line.
 *
 * A message is a set of `label：value` segments, one or several per line, full- or
 * half-width colons; anything else is chatter and comes back as `unrecognized`. Combined
 * labels (地址电话, 开户行及账号) are split: the phone is the trailing phone number, the
 * account the trailing digit run (spaces allowed).
 */
import { DeskError } from '../errors/desk-error'
import { validateCustomer } from '../validation/customer-validation'
import type { CustomerFieldKey } from './customer-fields'
import type { CustomerPasteResult, PasteIssue } from './customer-types'

/** What a label stands for: one field, or a combined value split into two. */
type PasteTarget = CustomerFieldKey | 'addressPhone' | 'bankAndAccount'

/** Labels as customers write them, per target. Longest match wins (购方名称 before 名称). */
export const PASTE_LABELS: Readonly<Record<PasteTarget, readonly string[]>> = {
  name: [
    '企业名称',
    '单位名称',
    '公司名称',
    '购方名称',
    '购买方名称',
    '客户名称',
    '开票名称',
    '发票抬头',
    '开票抬头',
    '抬头',
    '名称'
  ],
  taxId: [
    '纳税人识别号',
    '纳税识别号',
    '统一社会信用代码',
    '社会信用代码',
    '信用代码',
    '企业税号',
    '单位税号',
    '公司税号',
    '购方税号',
    '税号'
  ],
  addressPhone: [
    '地址、电话',
    '地址电话',
    '地址及电话',
    '地址和电话',
    '地址/电话',
    '地址,电话',
    '地址，电话',
    '地址 电话'
  ],
  address: ['注册地址', '企业地址', '单位地址', '公司地址', '地址'],
  phone: ['注册电话', '企业电话', '单位电话', '公司电话', '电话'],
  bankAndAccount: [
    '开户行及账号',
    '开户行及帐号',
    '开户银行及账号',
    '开户银行及帐号',
    '开户银行和账号',
    '开户银行和帐号',
    '开户行和账号',
    '开户行和帐号',
    '开户行、账号',
    '开户银行、账号',
    '开户行/账号',
    '银行及账号',
    '银行和账号'
  ],
  bankName: ['开户银行', '开户行名称', '开户行', '银行名称', '银行'],
  bankAccount: ['银行账号', '银行帐号', '开户账号', '开户帐号', '对公账号', '账号', '帐号'],
  invoicer: ['开票员', '开票人'],
  adminMobile: ['管理员手机号码', '管理员手机号', '管理员手机', '手机号码', '手机号', '手机'],
  contactName: ['联系人姓名', '联系人'],
  contactPhone: ['联系人电话', '联系电话'],
  email: [
    '电子邮箱',
    '预留邮箱',
    '接收邮箱',
    '邮箱地址',
    '邮箱',
    '电子邮件',
    '邮件',
    'e-mail',
    'email'
  ],
  notes: ['备注']
}

export interface PasteReading {
  /** raw values found, per field (before validation) */
  fields: Partial<Record<CustomerFieldKey, string>>
  /** non-blank lines, or parts of lines, that no label claimed */
  unrecognized: string[]
}

const LABEL_TO_TARGET = new Map<string, PasteTarget>()
for (const [target, labels] of Object.entries(PASTE_LABELS) as [PasteTarget, string[]][]) {
  for (const label of labels) LABEL_TO_TARGET.set(label.toLowerCase(), target)
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
const LABEL_SOURCE = [...LABEL_TO_TARGET.keys()]
  .sort((a, b) => b.length - a.length)
  .map(escape)
  .join('|')
/** a label, optional spaces, a colon of either width (or 为 / 是 as people write it) */
const LABEL_RE = new RegExp(`(${LABEL_SOURCE})[ \\t\\u3000]*(?:[:：]|为|是)`, 'gi')

/** A value ending in a phone number: landline with area code and extension, 400, or mobile. */
const TRAILING_PHONE =
  /^(.*?)[\s,，;；/、]*((?:\+?86[- ]?)?(?:\(?0\d{2,3}\)?[- ]?\d{7,8}(?:(?:-|转|#)\d{1,6})?|[48]00-?\d{3}-?\d{4}|1[3-9]\d(?:[- ]?\d{4}){2}|\d{7,8}))\s*$/
/** A value ending in a bank account: 8 or more digits, grouped by spaces or hyphens. */
const TRAILING_ACCOUNT = /^(.*?)[\s,，;；:：/、]*(\d(?:[\d \t\u3000-]*\d){7,})\s*$/

interface Segment {
  target: PasteTarget
  value: string
}

/**
 * Full-width letters, digits and the symbols of e-mails and numbers (an IME left in full-width
 * mode) as ASCII; Chinese punctuation, brackets of registered names and colons are kept.
 */
function halfWidth(text: string): string {
  return text
    .replace(/[０-９Ａ-Ｚａ-ｚ＠．－＿＋／＃]/g, (ch) =>
      String.fromCharCode(ch.charCodeAt(0) - 0xfee0)
    )
    .replace(/\u3000/g, ' ')
}

/** Chat punctuation around a value: brackets of a bullet, trailing separators. */
function cleanValue(value: string): string {
  return value
    .trim()
    .replace(/^[-*•·>]+\s*/, '')
    .replace(/[\s,，;；。、]+$/, '')
    .trim()
}

function splitLines(text: string): string[] {
  return halfWidth(text.replace(/\r\n?/g, '\n')).split('\n')
}

/** The label segments of a whole message, and what nobody claimed. */
function segments(text: string): { found: Segment[]; unrecognized: string[] } {
  const lines = splitLines(text)
  const found: Segment[] = []
  const unrecognized: string[] = []
  let pendingEmpty: Segment | null = null
  for (const line of lines) {
    const matches = [...line.matchAll(LABEL_RE)]
    if (matches.length === 0) {
      const rest = cleanValue(line)
      if (rest === '') continue
      // `开户行及账号：` with the value on the next line
      if (pendingEmpty) {
        pendingEmpty.value = rest
        pendingEmpty = null
        continue
      }
      unrecognized.push(rest)
      continue
    }
    pendingEmpty = null
    const before = cleanValue(line.slice(0, matches[0]?.index ?? 0))
    if (before !== '') unrecognized.push(before)
    for (const [i, match] of matches.entries()) {
      const start = (match.index ?? 0) + match[0].length
      const end = matches[i + 1]?.index ?? line.length
      const target = LABEL_TO_TARGET.get((match[1] ?? '').toLowerCase())
      if (!target) continue
      const segment = { target, value: cleanValue(line.slice(start, end)) }
      found.push(segment)
      if (segment.value === '' && i === matches.length - 1) pendingEmpty = segment
    }
  }
  return { found: found.filter((s) => s.value !== ''), unrecognized }
}

/** Splits `地址 电话` into its parts; without a trailing number it is all address. */
export function splitAddressPhone(value: string): { address: string; phone?: string } {
  const m = TRAILING_PHONE.exec(value)
  if (!m || (m[1] ?? '').trim() === '') return { address: value }
  return { address: cleanValue(m[1] ?? ''), phone: (m[2] ?? '').trim() }
}

/** Splits `开户行 账号` into its parts; without a trailing digit run it is all bank name. */
export function splitBankAccount(value: string): { bankName?: string; bankAccount?: string } {
  const m = TRAILING_ACCOUNT.exec(value)
  if (!m) return { bankName: value }
  const bankName = cleanValue(m[1] ?? '')
  return { ...(bankName ? { bankName } : {}), bankAccount: (m[2] ?? '').trim() }
}

const COMPANY_SUFFIX =
  /(公司|厂|店|中心|合作社|事务所|工作室|医院|学校|学院|研究院|研究所|集团|商行|经营部|门市部|分公司|支行)(?:[（(][^）)]*[）)])?$/
const LOOKS_LIKE_TAX_ID = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/i

/**
 * The runbook's hand-off layout has no labels: the company name and tax ID on lines of their
 * own. Such lines fill name and tax ID when no label did; chatter never ends in 公司.
 */
function unlabelledFields(lines: string[]): { fields: Segment[]; rest: string[] } {
  const fields: Segment[] = []
  const rest: string[] = []
  for (const line of lines) {
    const compact = line.replace(/[\s-]/g, '')
    if (LOOKS_LIKE_TAX_ID.test(compact)) fields.push({ target: 'taxId', value: compact })
    else if (COMPANY_SUFFIX.test(line) && !/[，,。！？!?：:]/.test(line) && line.length <= 60) {
      fields.push({ target: 'name', value: line })
    } else rest.push(line)
  }
  return { fields, rest }
}

/** Tax IDs are compared as the validator will see them, names without spaces. */
function comparable(target: PasteTarget, value: string): string {
  return target === 'taxId' ? value.replace(/[\s-]/g, '').toUpperCase() : value.replace(/\s+/g, '')
}

function same(target: PasteTarget, a: string, b: string): boolean {
  return comparable(target, a) === comparable(target, b)
}

/**
 * Reads a pasted message. Refuses with PASTE_AMBIGUOUS {field, count} when it names two
 * different companies (two names or two tax IDs): filling one form from two companies'
 * details would mix them.
 */
export function readPastedCustomer(text: string): PasteReading {
  const { found, unrecognized } = segments(text)
  const loose = unlabelledFields(unrecognized)
  const labelled = new Set(found.map((s) => s.target))
  for (const s of loose.fields) {
    if (!labelled.has(s.target)) found.push(s)
    else if (!found.some((f) => f.target === s.target && same(s.target, f.value, s.value))) {
      // a second name-like line beside a labelled name is shown, not guessed at
      loose.rest.push(s.value)
    }
  }
  for (const key of ['name', 'taxId'] as const) {
    const distinct = new Set(
      found.filter((s) => s.target === key).map((s) => comparable(key, s.value))
    )
    if (distinct.size > 1) {
      throw new DeskError('PASTE_AMBIGUOUS', {
        field: key,
        params: { field: key, count: distinct.size }
      })
    }
  }
  const fields: Partial<Record<CustomerFieldKey, string>> = {}
  const put = (key: CustomerFieldKey, value: string | undefined): void => {
    // a field given on its own wins over the same field split out of a combined label
    if (value !== undefined && value !== '' && fields[key] === undefined) fields[key] = value
  }
  // own labels first, combined ones after, so 电话：… beats the number after the address
  for (const s of found) {
    if (s.target !== 'addressPhone' && s.target !== 'bankAndAccount') put(s.target, s.value)
  }
  for (const s of found) {
    if (s.target === 'addressPhone') {
      const parts = splitAddressPhone(s.value)
      put('address', parts.address)
      put('phone', parts.phone)
    } else if (s.target === 'bankAndAccount') {
      const parts = splitBankAccount(s.value)
      put('bankName', parts.bankName)
      put('bankAccount', parts.bankAccount)
    }
  }
  return { fields, unrecognized: loose.rest }
}

/**
 * Reads a pasted message and checks what it found as the form does (update mode: only the
 * fields found). Invalid values are still returned, so the user sees and fixes them.
 */
export function parseCustomerText(text: string): CustomerPasteResult {
  const reading = readPastedCustomer(text)
  const check = validateCustomer(reading.fields, { mode: 'update' })
  const fields: Partial<Record<CustomerFieldKey, string>> = {}
  for (const key of Object.keys(reading.fields) as CustomerFieldKey[]) {
    fields[key] = check.values[key] ?? reading.fields[key]
  }
  const issues: PasteIssue[] = [
    ...check.errors.map((i) => ({ ...i, severity: 'error' as const })),
    ...check.warnings.map((i) => ({ ...i, severity: 'warning' as const }))
  ]
  return { fields, issues, unrecognized: reading.unrecognized }
}
