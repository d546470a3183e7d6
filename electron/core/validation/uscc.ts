/**
 * 统一社会信用代码 (Unified Social Credit Code, GB 32100-2015).
 *
 * Layout: 1 registration authority · 1 category · 6 division code · 9 organisation code
 * (GB 11714: 8 body characters + 1 check character) · 1 check character over the first 17.
 */
import type { FieldIssue } from '../errors/desk-error'

export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

/** Registration authority → categories it may issue (GB 32100-2015, table 1). */
export const REGISTRATION_CATEGORIES: Readonly<Record<string, string>> = {
  '1': '1239', // 机构编制: 机关, 事业单位, 群众团体, 其他
  '2': '19', // 外交
  '3': '123459', // 司法行政
  '4': '19', // 文化
  '5': '1239', // 民政: 社会团体, 民办非企业单位, 基金会, 其他
  '6': '129', // 旅游
  '7': '129', // 宗教
  '8': '19', // 工会
  '9': '123', // 工商: 企业, 个体工商户, 农民专业合作社
  A: '19', // 中央军委改革和编制办公室
  N: '1239', // 农业
  Y: '1' // 其他
}

/**
 * A tax ID as people type or paste it: full-width characters (ＡＢ１２, an IME left in
 * full-width mode) become ASCII, and spaces and hyphens of any width (read aloud in groups,
 * copied from a licence scan) are dropped before the code is checked.
 */
export function normalizeTaxId(raw: string): string {
  return raw
    .normalize('NFKC')
    .replace(/[\s\u00a0\u3000\-\u2010-\u2015\u2212\uff0d]/g, '')
    .toUpperCase()
}

/** The check character for the first 17 characters, or null when they are not all valid. */
export function usccCheckCharacter(first17: string): string | null {
  if (first17.length !== 17) return null
  let sum = 0
  for (let i = 0; i < 17; i++) {
    const value = USCC_CHARSET.indexOf(first17.charAt(i))
    if (value < 0) return null
    sum += value * (WEIGHTS[i] as number)
  }
  const c = (31 - (sum % 31)) % 31
  return USCC_CHARSET.charAt(c)
}

const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]

/** GB 11714 check character of an 8-character organisation code body. */
export function orgCodeCheckCharacter(body: string): string | null {
  if (!/^[0-9A-Z]{8}$/.test(body)) return null
  let sum = 0
  for (let i = 0; i < 8; i++) {
    const ch = body.charAt(i)
    const value = /\d/.test(ch) ? Number(ch) : ch.charCodeAt(0) - 55 // A=10 … Z=35
    sum += value * (ORG_WEIGHTS[i] as number)
  }
  const c = 11 - (sum % 11)
  if (c === 10) return 'X'
  if (c === 11) return '0'
  return String(c)
}

export interface TaxIdCheck {
  value: string
  errors: FieldIssue<'TAX_ID_FORMAT' | 'TAX_ID_CHECKSUM' | 'REQUIRED'>[]
  warnings: FieldIssue<'TAX_ID_UNKNOWN_CATEGORY' | 'TAX_ID_ORG_CODE'>[]
}

const FORMAT = new RegExp(`^[${USCC_CHARSET}]{2}\\d{6}[${USCC_CHARSET}]{10}$`)

export function checkTaxId(raw: string, field = 'taxId'): TaxIdCheck {
  const value = normalizeTaxId(raw)
  const result: TaxIdCheck = { value, errors: [], warnings: [] }
  if (value === '') {
    result.errors.push({ code: 'REQUIRED', field })
    return result
  }
  if (value.length !== 18) {
    result.errors.push({ code: 'TAX_ID_FORMAT', field, params: { length: value.length } })
    return result
  }
  if (!FORMAT.test(value)) {
    const bad = [...value].findIndex(
      (ch, i) => !(i >= 2 && i < 8 ? /\d/.test(ch) : USCC_CHARSET.includes(ch))
    )
    result.errors.push({
      code: 'TAX_ID_FORMAT',
      field,
      params: { length: 18, position: bad + 1, character: value.charAt(bad) }
    })
    return result
  }
  if (usccCheckCharacter(value.slice(0, 17)) !== value.charAt(17)) {
    result.errors.push({ code: 'TAX_ID_CHECKSUM', field })
  }
  const categories = REGISTRATION_CATEGORIES[value.charAt(0)]
  if (!categories || !categories.includes(value.charAt(1))) {
    result.warnings.push({
      code: 'TAX_ID_UNKNOWN_CATEGORY',
      field,
      params: { authority: value.charAt(0), category: value.charAt(1) }
    })
  }
  if (orgCodeCheckCharacter(value.slice(8, 16)) !== value.charAt(16)) {
    result.warnings.push({ code: 'TAX_ID_ORG_CODE', field })
  }
  return result
}
