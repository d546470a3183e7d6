/**
 * Imports customers from a CSV or `.xlsx` file (import-source.ts reads it). Every row is
 * validated with the registry's rules, and the valid ones wait in a temporary table while the
 * file is read (import-repository.ts); then they are added in one write transaction, so an
 * interrupted import (crash, kill, power loss) leaves none of them, and another writer waits
 * only for the inserts, not for the file (issue 11). For speed (issue 13) a row costs one
 * INSERT: no savepoint, no re-read, one audit entry for the whole import (with the range of
 * ids it added); the search index catches up after the commit (migration 008), and a search
 * finds the new customers meanwhile by a scan.
 * The preview runs the same pass and rolls it back, so its counts are the import's. */
import { DeskError, type ErrorCode, type FieldIssue } from '../errors/desk-error'
import type { CustomerService } from '../customers/customer-service'
import type { StagedRow } from '../customers/customer-staging'
import type { CustomerFieldKey, CustomerFields } from '../customers/customer-fields'
import { recordAudit, type ServiceContext } from '../shared/service-context'
import { validateCustomer } from '../validation/customer-validation'
import { mapHeader, requireColumns, type ColumnMapping, type ManualMapping } from './import-mapping'
import {
  openImportSource,
  type ImportEncoding,
  type ImportFormat,
  type SourceOptions,
  type SourceRecord
} from './import-source'

/** Details are kept for this many skipped and refused rows; counts are kept for all. */
export const REPORT_DETAIL_LIMIT = 1000
const PREVIEW_ROWS = 20
const PROGRESS_EVERY = 1000
/** validated rows staged, and read back, per batch */
const STAGE_BATCH = 2000

export interface ImportProgress {
  rows: number
  bytesRead: number
  totalBytes: number
}

export interface ImportOptions extends SourceOptions {
  /** header text → field, for headers the file uses that are not known */
  mapping?: ManualMapping
  onProgress?: (progress: ImportProgress) => void
}

export interface SkippedRow {
  line: number
  taxId: string
  existingId: number
  existingName: string
}

export interface RefusedRow {
  line: number
  name: string
  taxId: string
  issues: FieldIssue<ErrorCode>[]
}

export interface ImportCounts {
  rows: number
  added: number
  skipped: number
  refused: number
}

export interface ImportReport {
  format: ImportFormat
  encoding: ImportEncoding | null
  sheet: string | null
  rows: number
  added: number
  counts: ImportCounts
  /** the first REPORT_DETAIL_LIMIT duplicates (counts.skipped has them all) */
  skipped: SkippedRow[]
  /** the first REPORT_DETAIL_LIMIT refusals (counts.refused has them all) */
  refused: RefusedRow[]
  ignoredColumns: string[]
  columns: ColumnMapping[]
}

export interface ImportPreview {
  format: ImportFormat
  encoding: ImportEncoding | null
  sheets: string[]
  sheet: string | null
  columns: ColumnMapping[]
  /** required fields without a column: map them by hand, then preview again */
  missing: CustomerFieldKey[]
  /** the first rows as they would be read, by field */
  sample: { line: number; values: Partial<Record<string, string>> }[]
  /** what the import would do (zero while columns are missing) */
  counts: ImportCounts
  skipped: SkippedRow[]
  refused: RefusedRow[]
}

type RowInput = Partial<Record<CustomerFieldKey | 'taxIdOverrideReason', string>>

function rowInput(columns: ColumnMapping[], record: SourceRecord): RowInput {
  const input: RowInput = {}
  columns.forEach((c, i) => {
    if (c.key) input[c.key] = record.fields[i] ?? ''
  })
  return input
}

export class CustomerImportService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly customers: CustomerService
  ) {}

  /** Reads the file, maps its columns and counts what an import would do, writing nothing. */
  async previewImport(path: string, options: ImportOptions = {}): Promise<ImportPreview> {
    const source = await openImportSource(path, options)
    const sample: ImportPreview['sample'] = []
    const records = source.records[Symbol.asyncIterator]()
    const first = await records.next()
    if (first.done) throw new DeskError('CSV_HEADER', { params: { reason: 'empty' } })
    const header = mapHeader(first.value.fields, options.mapping)
    const counts: ImportCounts = { rows: 0, added: 0, skipped: 0, refused: 0 }
    let result = { counts, skipped: [] as SkippedRow[], refused: [] as RefusedRow[] }
    const columns = header.columns
    const rest: AsyncIterable<SourceRecord> = {
      [Symbol.asyncIterator]: () => ({
        next: async () => {
          const next = await records.next()
          if (!next.done && sample.length < PREVIEW_ROWS) {
            const input = rowInput(columns, next.value)
            sample.push({ line: next.value.line, values: input })
          }
          return next
        }
      })
    }
    if (header.missing.length === 0) {
      result = await this.pass(rest, columns, { commit: false, onProgress: undefined, source })
    } else {
      for await (const _ of rest) if (sample.length >= PREVIEW_ROWS) break
    }
    return {
      format: source.format,
      encoding: source.encoding,
      sheets: source.sheets,
      sheet: source.sheet,
      columns: header.columns,
      missing: header.missing,
      sample,
      ...result
    }
  }

  /** Imports the file: all valid new rows, or none when the file cannot be read to its end. */
  async runImport(path: string, options: ImportOptions = {}): Promise<ImportReport> {
    const source = await openImportSource(path, options)
    const records = source.records[Symbol.asyncIterator]()
    const first = await records.next()
    if (first.done) throw new DeskError('CSV_HEADER', { params: { reason: 'empty' } })
    const header = mapHeader(first.value.fields, options.mapping)
    requireColumns(header)
    const rest: AsyncIterable<SourceRecord> = { [Symbol.asyncIterator]: () => records }
    const result = await this.pass(rest, header.columns, {
      commit: true,
      onProgress: options.onProgress,
      source
    })
    return {
      format: source.format,
      encoding: source.encoding,
      sheet: source.sheet,
      rows: result.counts.rows,
      added: result.counts.added,
      counts: result.counts,
      skipped: result.skipped,
      refused: result.refused,
      ignoredColumns: header.ignored,
      columns: header.columns
    }
  }

  private async pass(
    records: AsyncIterable<SourceRecord>,
    columns: ColumnMapping[],
    how: {
      commit: boolean
      onProgress: ImportOptions['onProgress']
      source: { bytesRead(): number; totalBytes: number }
    }
  ): Promise<{ counts: ImportCounts; skipped: SkippedRow[]; refused: RefusedRow[] }> {
    const counts: ImportCounts = { rows: 0, added: 0, skipped: 0, refused: 0 }
    const skipped: SkippedRow[] = []
    const refused: RefusedRow[] = []
    const staging = this.customers.stageImport()
    try {
      let batch: StagedRow[] = []
      for await (const record of records) {
        counts.rows++
        const input = rowInput(columns, record)
        const check = validateCustomer(input, {
          mode: 'create',
          taxIdOverrideReason: input.taxIdOverrideReason
        })
        if (check.errors.length) {
          if (counts.refused++ < REPORT_DETAIL_LIMIT) {
            refused.push({
              line: record.line,
              name: (input.name ?? '').trim(),
              taxId: (input.taxId ?? '').trim(),
              issues: check.errors
            })
          }
        } else {
          batch.push({
            line: record.line,
            values: check.values as CustomerFields,
            overrideReason: check.taxIdOverrideReason
          })
          if (batch.length === STAGE_BATCH) batch = (staging.add(batch), [])
        }
        if (how.onProgress && counts.rows % PROGRESS_EVERY === 0) {
          how.onProgress({
            rows: counts.rows,
            bytesRead: how.source.bytesRead(),
            totalBytes: how.source.totalBytes
          })
        }
      }
      staging.add(batch)
      // The file is read: only now the write lock, for the inserts alone (issue 11).
      this.customers.importInOneTransaction(() => {
        const result = staging.insertAll(this.ctx.now(), REPORT_DETAIL_LIMIT)
        counts.added = result.added
        counts.skipped = result.skipped
        skipped.push(...result.skippedDetails)
        // One entry for the import: the customers it added are the ids firstId..lastId.
        if (how.commit) {
          recordAudit(this.ctx, 'customer.import', 'customer', null, {
            ...counts,
            firstId: result.firstId,
            lastId: result.lastId
          })
        }
      }, how.commit)
    } finally {
      staging.drop()
    }
    if (how.commit && counts.added > 0) void this.customers.catchUpSearchIndex()
    return { counts, skipped, refused }
  }
}
