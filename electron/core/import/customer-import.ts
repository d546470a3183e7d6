/**
 * Imports customers from CSV: every row is validated with the registry's rules; valid rows are
 * written inside one transaction that commits only at the end, so an interrupted import
 * (crash, kill, power loss) leaves none of its rows. Rows are streamed, never loaded whole.
 */
import { DeskError, type FieldIssue, type ErrorCode } from '../errors/desk-error'
import { issueMessage } from '../errors/messages'
import { CUSTOMER_FIELDS, type CustomerFieldKey } from '../customers/customer-fields'
import type { CustomerInput, CustomerService } from '../customers/customer-service'
import type { Db } from '../db/database'
import type { AuditLog } from '../audit/audit-log'
import { readCsvRecords } from './csv-reader'

export interface ImportIssue {
  code: ErrorCode
  field?: string
  message: string
}

export interface ImportReport {
  rows: number
  added: number
  skipped: { line: number; taxId: string; existingId: number; existingName: string }[]
  refused: { line: number; name: string; taxId: string; issues: ImportIssue[] }[]
  ignoredColumns: string[]
}

export interface ImportDeps {
  db: Db
  customers: CustomerService
  audit: AuditLog
  now: () => string
  actor: () => string
  onProgress?: (rowsDone: number) => void
}

const OVERRIDE_HEADERS = ['taxIdOverrideReason', '税号强制保存理由']

/** Maps header cells to field keys; throws CSV_HEADER when name or tax ID is missing. */
export function mapHeader(cells: string[]): {
  columns: (CustomerFieldKey | 'taxIdOverrideReason' | null)[]
  ignored: string[]
} {
  const ignored: string[] = []
  const seen = new Set<string>()
  const columns = cells.map((raw) => {
    const cell = raw.trim()
    const def = CUSTOMER_FIELDS.find(
      (f) => f.key.toLowerCase() === cell.toLowerCase() || f.csvHeaders.includes(cell)
    )
    const key = def ? def.key : OVERRIDE_HEADERS.includes(cell) ? 'taxIdOverrideReason' : null
    if (key === null || seen.has(key)) {
      if (cell !== '') ignored.push(cell)
      return null
    }
    seen.add(key)
    return key
  })
  const missing = CUSTOMER_FIELDS.filter((f) => f.required && !seen.has(f.key)).map(
    (f) => `${f.csvHeaders[0]}/${f.key}`
  )
  if (missing.length) {
    throw new DeskError('CSV_HEADER', { params: { detail: `缺少列 ${missing.join('、')}` } })
  }
  return { columns, ignored }
}

function describe(issues: FieldIssue<ErrorCode>[]): ImportIssue[] {
  return issues.map((i) => ({
    code: i.code,
    ...(i.field ? { field: i.field } : {}),
    message: issueMessage('errors', i.code, i.params)
  }))
}

export async function importCustomersCsv(
  chunks: AsyncIterable<string | Buffer>,
  deps: ImportDeps
): Promise<ImportReport> {
  const report: ImportReport = { rows: 0, added: 0, skipped: [], refused: [], ignoredColumns: [] }
  let columns: ReturnType<typeof mapHeader>['columns'] | null = null
  deps.db.exec('BEGIN IMMEDIATE')
  try {
    for await (const record of readCsvRecords(chunks)) {
      if (!columns) {
        const header = mapHeader(record.fields)
        columns = header.columns
        report.ignoredColumns = header.ignored
        continue
      }
      report.rows++
      const input: CustomerInput = {}
      columns.forEach((key, i) => {
        if (key) input[key] = record.fields[i] ?? ''
      })
      try {
        deps.customers.create(input)
        report.added++
      } catch (error) {
        if (!(error instanceof DeskError)) throw error
        if (error.code === 'DUPLICATE_TAX_ID') {
          report.skipped.push({
            line: record.line,
            taxId: (input.taxId ?? '').trim().toUpperCase(),
            existingId: Number(error.params?.existingId),
            existingName: String(error.params?.existingName ?? '')
          })
        } else {
          report.refused.push({
            line: record.line,
            name: (input.name ?? '').trim(),
            taxId: (input.taxId ?? '').trim(),
            issues: describe(
              error.issues ?? [{ code: error.code, field: error.field, params: error.params }]
            )
          })
        }
      }
      if (deps.onProgress && report.rows % 1000 === 0) deps.onProgress(report.rows)
    }
    if (!columns) throw new DeskError('CSV_HEADER', { params: { detail: '文件是空的' } })
    deps.audit.record({
      at: deps.now(),
      actor: deps.actor(),
      action: 'customer.import',
      entityType: 'customer',
      entityId: null,
      details: {
        rows: report.rows,
        added: report.added,
        skipped: report.skipped.length,
        refused: report.refused.length
      }
    })
    deps.db.exec('COMMIT')
  } catch (error) {
    if (deps.db.inTransaction) deps.db.exec('ROLLBACK')
    throw error
  }
  return report
}
