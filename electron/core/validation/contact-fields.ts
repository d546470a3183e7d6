/** Phone numbers, bank accounts, e-mail and company names as implementers type them. */
import type { FieldIssue } from '../errors/desk-error'

export interface FieldCheck<E extends string = string, W extends string = string> {
  value: string
  errors: FieldIssue<E>[]
  warnings: FieldIssue<W>[]
}

const MOBILE = /^(?:\+?86)?1[3-9]\d{9}$/

/** 中国大陆手机号: spaces (and the hyphens people type in groups) are dropped. */
export function checkMobile(raw: string, field: string): FieldCheck<'MOBILE_FORMAT'> {
  const value = raw.replace(/[\s-]/g, '')
  const errors: FieldIssue<'MOBILE_FORMAT'>[] = MOBILE.test(value)
    ? []
    : [{ code: 'MOBILE_FORMAT', field }]
  return { value, errors, warnings: [] }
}

// 区号 + 7–8 digit number, optional extension; also (0755)…, 400/800 service numbers.
const LANDLINE = /^(?:(?:\+?86-?)?\(?0\d{2,3}\)?-?)\d{7,8}(?:(?:-|转|#|ext\.?|x)\d{1,6})?$/i
const SERVICE = /^[48]00-?\d{3}-?\d{4}$/

/** 电话: a landline with area code (and extension), a 400/800 number or a mobile. */
export function checkPhone(raw: string, field: string): FieldCheck<'PHONE_FORMAT'> {
  const value = raw.trim().replace(/\s+/g, ' ')
  const compact = value.replace(/\s/g, '').replace(/[（]/g, '(').replace(/[）]/g, ')')
  const ok =
    LANDLINE.test(compact) || SERVICE.test(compact) || MOBILE.test(compact.replace(/-/g, ''))
  return { value, errors: ok ? [] : [{ code: 'PHONE_FORMAT', field }], warnings: [] }
}

/** 银行账号: 8–30 digits once spaces and hyphens are removed; stored without them. */
export function checkBankAccount(raw: string, field: string): FieldCheck<'BANK_ACCOUNT_FORMAT'> {
  const value = raw.replace(/[\s-]/g, '')
  const ok = /^\d{8,30}$/.test(value)
  return {
    value,
    errors: ok ? [] : [{ code: 'BANK_ACCOUNT_FORMAT', field, params: { length: value.length } }],
    warnings: []
  }
}

const EMAIL = /^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$/

/** One or more addresses separated by commas (half- or full-width) or semicolons. */
export function checkEmails(raw: string, field: string): FieldCheck<'EMAIL_FORMAT'> {
  const parts = raw
    .split(/[,，;；]/)
    .map((p) => p.trim())
    .filter((p) => p !== '')
  const bad = parts.filter((p) => !EMAIL.test(p))
  return {
    value: parts.join(', '),
    errors: bad.length ? [{ code: 'EMAIL_FORMAT', field, params: { value: bad.join(', ') } }] : [],
    warnings: []
  }
}

/** 企业名称: registered names use full-width brackets （）, so half-width ones are worth a look. */
export function checkCompanyName(
  raw: string,
  field: string
): FieldCheck<'REQUIRED', 'NAME_HALF_WIDTH_BRACKETS'> {
  const value = raw.trim().replace(/\s+/g, ' ')
  const errors: FieldIssue<'REQUIRED'>[] = value === '' ? [{ code: 'REQUIRED', field }] : []
  const warnings: FieldIssue<'NAME_HALF_WIDTH_BRACKETS'>[] = /[()]/.test(value)
    ? [{ code: 'NAME_HALF_WIDTH_BRACKETS', field }]
    : []
  return { value, errors, warnings }
}
