/**
 * Reads the rows of an import file one at a time, whatever its form: CSV in UTF-8 (with or
 * without BOM) or GBK/GB18030 as Chinese Windows saves it, or an Excel `.xlsx` workbook (first
 * sheet or a chosen one). Libraries: csv-parse (streaming, byte limit per record, quoting per
 * RFC 4180) and exceljs's streaming WorkbookReader (the sheet XML is parsed as it is
 * unzipped, never loaded whole). Memory stays bounded: a record larger than MAX_RECORD_BYTES
 * (an unclosed quote, a giant field) is refused with the line it started on.
 */
import { createReadStream, statSync } from 'node:fs'
import { extname } from 'node:path'
import { Readable, pipeline } from 'node:stream'
import { TextDecoder } from 'node:util'
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
  return formatOf(path) === 'xlsx' ? openXlsx(path, totalBytes, options) : openCsv(path, totalBytes)
}

const SAMPLE_BYTES = 64 * 1024

/**
 * The file's bytes with the encoding decided from the first SAMPLE_BYTES of the same stream
 * (a pipe or FIFO cannot be read twice).
 */
async function* decided(
  file: AsyncIterable<Buffer>,
  onEncoding: (encoding: ImportEncoding) => void
): AsyncGenerator<Buffer | string> {
  let head: Buffer[] | null = []
  let headBytes = 0
  let decoder: TextDecoder | null = null
  // csv-parse reads UTF-8 bytes; GB18030 is decoded to text first (it re-encodes it).
  const pass = (bytes: Buffer): Buffer | string =>
    decoder ? decoder.decode(bytes, { stream: true }) : bytes
  const decide = (chunks: Buffer[]): Buffer => {
    const sample = Buffer.concat(chunks)
    const encoding = detectEncoding(sample.subarray(0, SAMPLE_BYTES))
    onEncoding(encoding)
    if (encoding === 'gb18030') decoder = new TextDecoder('gb18030')
    return sample
  }
  for await (const chunk of file) {
    if (head === null) {
      yield pass(chunk)
      continue
    }
    head.push(chunk)
    headBytes += chunk.length
    if (headBytes >= SAMPLE_BYTES) {
      const sample = decide(head)
      head = null
      yield pass(sample)
    }
  }
  if (head !== null) yield pass(decide(head))
  const rest = (decoder as TextDecoder | null)?.decode()
  if (rest) yield rest
}

function openCsv(path: string, totalBytes: number): ImportSource {
  let bytes = 0
  let encoding: ImportEncoding | null = null
  async function* records(): AsyncGenerator<SourceRecord> {
    const file = createReadStream(path, { highWaterMark: 256 * 1024 })
    async function* counted(): AsyncGenerator<Buffer> {
      for await (const chunk of file as AsyncIterable<Buffer>) {
        bytes += chunk.length
        yield chunk
      }
    }
    const input = Readable.from(
      decided(counted(), (e) => {
        encoding = e
      }),
      { objectMode: false }
    )
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
    const parser = parse(csvOptions as unknown as Options)
    // pipeline, not pipe: a read error reaches the parser (and so this loop), and the parser's
    // refusal closes the file without an unhandled "premature close" on the way
    pipeline(input, parser, () => undefined)
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
    get encoding() {
      return encoding
    },
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

interface WorkbookLayout {
  model?: { sheets?: { name: string }[] }
  workbookRels?: unknown
  sharedStrings?: unknown[]
}

/**
 * The workbook's sheet list, relations and shared strings, read in a first pass: exceljs names
 * a streamed sheet only if xl/workbook.xml came before it in the zip, and parks every sheet met
 * before xl/sharedStrings.xml in a temp file (a copy of the customers on disk, left behind when
 * the read stops early, as a preview does). Writers promise no order (exceljs puts the sheets
 * first and workbook.xml last), so both are read here, with the sheets drained undecoded, and
 * handed to the second pass, which then reads the chosen sheet in place.
 */
async function workbookLayout(path: string): Promise<WorkbookLayout> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(createReadStream(path), {
    worksheets: 'ignore',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    entries: 'ignore'
  })
  // Present from the start, so that no sheet goes to a temp file; the real ones replace them.
  Object.assign(reader, { sharedStrings: [], workbookRels: [], model: { sheets: [] } })
  for await (const _ of reader) void _
  const layout = reader as unknown as WorkbookLayout
  return {
    model: layout.model,
    workbookRels: layout.workbookRels,
    sharedStrings: layout.sharedStrings
  }
}

function openXlsx(path: string, totalBytes: number, options: SourceOptions): ImportSource {
  const sheets: string[] = []
  let chosen: string | null = null
  let bytes = 0
  async function* records(): AsyncGenerator<SourceRecord> {
    let layout: WorkbookLayout
    try {
      layout = await workbookLayout(path)
    } catch {
      throw new DeskError('FILE_NOT_READABLE', { params: { path } })
    }
    sheets.push(...(layout.model?.sheets ?? []).map((s) => s.name))
    const wantedName =
      options.sheet === undefined
        ? sheets[0]
        : typeof options.sheet === 'number'
          ? sheets[options.sheet]
          : sheets.find((n) => n === options.sheet)
    if (wantedName === undefined) {
      throw new DeskError('NOT_FOUND', { field: 'sheet', params: { sheet: String(options.sheet) } })
    }
    chosen = wantedName
    const file = createReadStream(path, { highWaterMark: 256 * 1024 })
    file.on('data', (chunk) => {
      bytes += chunk.length
    })
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
      worksheets: 'emit',
      // read in the first pass (kept below): with them in hand every sheet is read in place
      sharedStrings: 'ignore',
      hyperlinks: 'ignore',
      styles: 'ignore',
      entries: 'ignore'
    })
    Object.assign(reader, layout)
    try {
      for await (const sheet of reader) {
        const take = (sheet as unknown as { name?: string }).name === wantedName
        // Other sheets are read past (one zip stream).
        for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
          if (!take) continue
          const values = row.values as CellValue[]
          const fields: string[] = []
          for (let i = 1; i < values.length; i++) fields.push(cellText(values[i] ?? null).trim())
          if (fields.some((f) => f !== '')) yield { line: row.number, fields }
        }
        if (take) break
      }
    } catch (error) {
      if (error instanceof DeskError) throw error
      throw new DeskError('FILE_NOT_READABLE', { params: { path } })
    } finally {
      file.destroy()
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
