/**
 * 数电发票号码: 20 digits, the first two the year of issue (e.g. 26 for 2026), the next two
 * the province. A number that fails is only warned about: the implementer copies it from the
 * customer's screen, and the app must not stand between them and recording what they see.
 */
import type { FieldIssue, WarningCode } from '../errors/desk-error'

const TWENTY_DIGITS = /^\d{20}$/

/** Warnings for an invoice number, judged against today's local date (YYYY-MM-DD). */
export function invoiceNumberWarnings(
  value: string,
  today: string,
  field?: string
): FieldIssue<WarningCode>[] {
  // digits pasted in groups ("2644 2000 …") are still the same number
  const digits = value.replace(/\s+/g, '')
  if (digits === '') return []
  if (!TWENTY_DIGITS.test(digits)) {
    return [{ code: 'INVOICE_NUMBER_FORMAT', field, params: { length: digits.length } }]
  }
  const year = 2000 + Number(digits.slice(0, 2))
  const thisYear = Number(today.slice(0, 4))
  if (year > thisYear) {
    return [{ code: 'INVOICE_NUMBER_YEAR', field, params: { year } }]
  }
  return []
}
