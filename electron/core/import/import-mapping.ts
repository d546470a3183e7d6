/**
 * Which column of an import file holds which customer field: by its header (Chinese, as in
 * customer-fields.ts, or the camelCase key), or as the user mapped it by hand.
 */
import { DeskError } from '../errors/desk-error'
import { CUSTOMER_FIELDS, type CustomerFieldKey } from '../customers/customer-fields'

export type ImportColumnKey = CustomerFieldKey | 'taxIdOverrideReason'

/** A header text → the field it holds (null: ignore the column), given by the user. */
export type ManualMapping = Record<string, ImportColumnKey | null>

export interface ColumnMapping {
  header: string
  key: ImportColumnKey | null
}

export interface HeaderMapping {
  /** per column of the file */
  columns: ColumnMapping[]
  /** headers that hold no field */
  ignored: string[]
  /** required fields no column holds */
  missing: CustomerFieldKey[]
}

const OVERRIDE_HEADERS = ['taxidoverridereason', '税号强制保存理由']

function keyForHeader(header: string): ImportColumnKey | null {
  const lower = header.toLowerCase()
  const def = CUSTOMER_FIELDS.find(
    (f) => f.key.toLowerCase() === lower || f.csvHeaders.includes(header)
  )
  if (def) return def.key
  return OVERRIDE_HEADERS.includes(lower) ? 'taxIdOverrideReason' : null
}

export function mapHeader(cells: string[], manual: ManualMapping = {}): HeaderMapping {
  const seen = new Set<ImportColumnKey>()
  const ignored: string[] = []
  const columns = cells.map((raw): ColumnMapping => {
    const header = raw.trim()
    const key = header in manual ? (manual[header] ?? null) : keyForHeader(header)
    if (key === null || seen.has(key)) {
      if (header !== '') ignored.push(header)
      return { header, key: null }
    }
    seen.add(key)
    return { header, key }
  })
  const missing = CUSTOMER_FIELDS.filter((f) => f.required && !seen.has(f.key)).map((f) => f.key)
  return { columns, ignored, missing }
}

/** CSV_HEADER with the missing column keys, when name or tax ID has no column. */
export function requireColumns(mapping: HeaderMapping): void {
  if (mapping.missing.length) {
    throw new DeskError('CSV_HEADER', { params: { missing: mapping.missing } })
  }
}
