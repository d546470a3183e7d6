/**
 * Reads the rows of an import file one at a time, whatever its form: CSV in UTF-8 (with or
 * without BOM) or GBK/GB18030 as Chinese Windows saves it, or an Excel `.xlsx` workbook (first
 * sheet or a chosen one). Libraries: csv-parse (streaming, byte limit per record, quoting per
 * RFC 4180) and exceljs's streaming WorkbookReader (the sheet XML is parsed as it is
 * unzipped, never loaded whole). Memory stays bounded: a record larger than MAX_RECORD_BYTES
 * (an unclosed quote, a giant field) is refused with the line it started on.
 */
import { createReadStream, statSync } from 'node:fs'
import { open } from 'node:fs/promises'
import { extname } from 'node:path'
import { Transform } from 'node:stream'
import { parse, CsvError, type Options } from 'csv-parse'
import ExcelJS from 'exceljs'
import { DeskError } from '../errors/desk-error'

export type ImportFormat = 'csv' | 'xlsx'
export type ImportEncoding = 'utf-8' | 'utf-8-bom' | 'gb18030'

/** A customer record is a few hundred bytes; 1 MiB means something is wrong with the file. */
export const MAX_RECORD_BYTES = 1024 * 1024

export interface SourceRecord {
  /** the line (CSV) or row (xlsx) the record starts on, 1-based */
  line: number
  fields: string[]
}

export interface ImportSource {
  format: ImportFormat
  encoding: ImportEncoding | null
  /** sheet names of a workbook, in order, as far as they have been read */
  sheets: string[]
  sheet: string | null
  totalBytes: number
  /** bytes of the file read so far (for a progress bar) */
  bytesRead(): number
  records: AsyncIterable<SourceRecord>
}

export interface SourceOptions {
  /** a workbook's sheet by name or 0-based position; the first sheet otherwise */
  sheet?: string | number
}

/**
 * UTF-8 unless the first 64 KiB are not valid UTF-8, then GB18030 (a superset of GBK). A
 * multi-byte character cut at the end of the sample is not held against UTF-8.
 */
export function detectEncoding(sample: Uint8Array): ImportEncoding {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return 'utf-8-bom'
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true })
    return 'utf-8'
  } catch {
    return 'gb18030'
  }
}

async function readSample(path: string, bytes: number): Promise<Uint8Array> {
  const handle = await open(path, 'r')
  try {
    const buffer = Buffer.alloc(bytes)
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0)
    return buffer.subarray(0, bytesRead)
  } catch {
    throw new DeskError('FILE_NOT_READABLE', { params: { path } })
  } finally {
    await handle.close()
  }
}

export function formatOf(path: string): ImportFormat {
  return extname(path).toLowerCase() === '.xlsx' ? 'xlsx' : 'csv'
}

export async function openImportSource(
  path: string,
  options: SourceOptions = {}
): Promise<ImportSource> {
  let totalBytes: number
  try {
    totalBytes = statSync(path).size
  } catch {
    throw new DeskError('FILE_NOT_READABLE', { params: { path } })
  }
  return formatOf(path) === 'xlsx'
    ? openXlsx(path, totalBytes, options)
    : openCsv(path, totalBytes, detectEncoding(await readSample(path, 64 * 1024)))
}

function openCsv(path: string, totalBytes: number, encoding: ImportEncoding): ImportSource {
  let bytes = 0
  async function* records(): AsyncGenerator<SourceRecord> {
    const file = createReadStream(path, { highWaterMark: 256 * 1024 })
    file.on('data', (chunk) => {
      bytes += chunk.length
    })
    // csv-parse reads UTF-8 bytes; GB18030 is decoded to text first (it re-encodes it).
    const decoder = new TextDecoder('gb18030')
    const input =
      encoding === 'gb18030'
        ? file.pipe(
            new Transform({
              transform(chunk: Buffer, _enc, done) {
                done(null, decoder.decode(chunk, { stream: true }))
              },
              flush(done) {
                done(null, decoder.decode())
              }
            })
          )
        : file
    // where the last complete record ended, to name the line a failing record starts on
    let endLine = 0
    let emptyLines = 0
    const csvOptions: Options<string[], SourceRecord> = {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      max_record_size: MAX_RECORD_BYTES,
      on_record: (fields: unknown, context) => {
        const start = endLine + 1 + (context.empty_lines - emptyLines)
        endLine = context.lines
        emptyLines = context.empty_lines
        return { line: start, fields: fields as string[] }
      }
    }
    // csv-parse types on_record as returning a record; it may return any value, as here
    const parser = input.pipe(parse(csvOptions as unknown as Options))
    try {
      for await (const record of parser) yield record as SourceRecord
    } catch (error) {
      if (error instanceof CsvError) {
        const pending = error as CsvError & { empty_lines?: number }
        const line = endLine + 1 + ((pending.empty_lines ?? emptyLines) - emptyLines)
        throw new DeskError('CSV_RECORD', { params: { line, reason: error.code } })
      }
      throw error
    } finally {
      file.destroy()
    }
  }
  return {
    format: 'csv',
    encoding,
    sheets: [],
    sheet: null,
    totalBytes,
    bytesRead: () => bytes,
    records: records()
  }
}

type CellValue = ExcelJS.CellValue

/** A cell as the text a user sees: rich text joined, formulas by their result, dates as ISO days. */
export function cellText(value: CellValue): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('')
    if ('text' in value && typeof value.text === 'string') return value.text
    if ('result' in value) return cellText(value.result as CellValue)
    if ('error' in value) return ''
  }
  return ''
}

function openXlsx(path: string, totalBytes: number, options: SourceOptions): ImportSource {
  const sheets: string[] = []
  let chosen: string | null = null
  let bytes = 0
  const wanted = (name: string, index: number): boolean =>
    options.sheet === undefined
      ? index === 0
      : typeof options.sheet === 'number'
        ? index === options.sheet
        : name === options.sheet
  async function* records(): AsyncGenerator<SourceRecord> {
    const file = createReadStream(path, { highWaterMark: 256 * 1024 })
    file.on('data', (chunk) => {
      bytes += chunk.length
    })
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
      worksheets: 'emit',
      sharedStrings: 'cache',
      hyperlinks: 'ignore',
      styles: 'ignore',
      entries: 'ignore'
    })
    try {
      for await (const sheet of reader) {
        const name = (sheet as unknown as { name?: string }).name ?? `Sheet${sheets.length + 1}`
        const take = chosen === null && wanted(name, sheets.length)
        sheets.push(name)
        if (take) chosen = name
        // Other sheets are read past (one zip stream), only to list their names.
        for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
          if (!take) continue
          const values = row.values as CellValue[]
          const fields: string[] = []
          for (let i = 1; i < values.length; i++) fields.push(cellText(values[i] ?? null).trim())
          if (fields.some((f) => f !== '')) yield { line: row.number, fields }
        }
      }
    } catch (error) {
      if (error instanceof DeskError) throw error
      if (process.env.DESK_DEBUG) console.error(error)
      throw new DeskError('FILE_NOT_READABLE', { params: { path } })
    } finally {
      file.destroy()
    }
    if (chosen === null) {
      throw new DeskError('NOT_FOUND', { field: 'sheet', params: { sheet: String(options.sheet) } })
    }
  }
  return {
    format: 'xlsx',
    encoding: null,
    sheets,
    get sheet() {
      return chosen
    },
    totalBytes,
    bytesRead: () => bytes,
    records: records()
  }
}
