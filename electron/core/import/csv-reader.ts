/**
 * A streaming CSV reader (RFC 4180: quoted fields, doubled quotes, CR/LF/CRLF, newlines
 * inside quotes) that yields one record at a time with the line it started on, so a large
 * file is never held in memory. A UTF-8 byte-order mark at the start is dropped.
 */
export interface CsvRecord {
  line: number
  fields: string[]
}

export async function* readCsvRecords(
  chunks: AsyncIterable<string | Buffer>
): AsyncGenerator<CsvRecord> {
  let field = ''
  let fields: string[] = []
  let inQuotes = false
  let quoteSeen = false // previous char was a quote inside a quoted field
  let line = 1
  let recordLine = 1
  let first = true
  let pendingCR = false
  let recordHasContent = false

  const endRecord = (): CsvRecord | null => {
    fields.push(field)
    const record = { line: recordLine, fields }
    const blank = !recordHasContent && fields.length === 1 && fields[0] === ''
    field = ''
    fields = []
    recordHasContent = false
    return blank ? null : record
  }

  for await (const chunk of chunks) {
    let text = typeof chunk === 'string' ? chunk : chunk.toString('utf8')
    if (first) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
      first = false
    }
    for (let i = 0; i < text.length; i++) {
      const ch = text[i] as string
      if (pendingCR) {
        pendingCR = false
        if (ch === '\n') continue
      }
      if (inQuotes) {
        if (quoteSeen) {
          quoteSeen = false
          if (ch === '"') {
            field += '"'
            continue
          }
          inQuotes = false
          // fall through: this char ends or continues the field outside quotes
        } else if (ch === '"') {
          quoteSeen = true
          continue
        } else {
          if (ch === '\n' || ch === '\r') {
            line++
            if (ch === '\r') pendingCR = true
          }
          field += ch === '\r' ? '\n' : ch
          continue
        }
      }
      if (ch === '"' && field === '') {
        inQuotes = true
        recordHasContent = true
      } else if (ch === ',') {
        fields.push(field)
        field = ''
        recordHasContent = true
      } else if (ch === '\n' || ch === '\r') {
        if (ch === '\r') pendingCR = true
        const record = endRecord()
        line++
        recordLine = line
        if (record) yield record
      } else {
        field += ch
        recordHasContent = true
      }
    }
  }
  if (field !== '' || fields.length > 0 || recordHasContent) {
    const record = endRecord()
    if (record) yield record
  }
}
