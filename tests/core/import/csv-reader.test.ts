import { describe, expect, it } from 'vitest'
import { readCsvRecords, type CsvRecord } from '../../../electron/core/import/csv-reader'

async function read(chunks: string[]): Promise<CsvRecord[]> {
  async function* gen(): AsyncGenerator<string> {
    yield* chunks
  }
  const out: CsvRecord[] = []
  for await (const r of readCsvRecords(gen())) out.push(r)
  return out
}

describe('streaming CSV reader', () => {
  it('reads plain rows with CRLF and drops a BOM', async () => {
    expect(await read(['\uFEFFa,b\r\n1,2\r\n'])).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', '2'] }
    ])
  })

  it('handles quotes, doubled quotes, commas and newlines inside quotes', async () => {
    const rows = await read(['名称,备注\n"甲,公司","说""好""的\n第二行"\n乙,\n'])
    expect(rows).toEqual([
      { line: 1, fields: ['名称', '备注'] },
      { line: 2, fields: ['甲,公司', '说"好"的\n第二行'] },
      { line: 4, fields: ['乙', ''] }
    ])
  })

  it('gives the same records however the input is split into chunks', async () => {
    const text = 'a,"b\r\nc",d\r\n"x""y",z\n\n"last"'
    const whole = await read([text])
    for (let size = 1; size < 6; size++) {
      const chunks: string[] = []
      for (let i = 0; i < text.length; i += size) chunks.push(text.slice(i, i + size))
      expect(await read(chunks)).toEqual(whole)
    }
    expect(whole.map((r) => r.fields)).toEqual([['a', 'b\nc', 'd'], ['x"y', 'z'], ['last']])
  })

  it('skips blank lines and reads a last row without a newline', async () => {
    expect((await read(['a\n\n\nb'])).map((r) => [r.line, r.fields[0]])).toEqual([
      [1, 'a'],
      [4, 'b']
    ])
  })
})
