import { afterEach, describe, expect, it, vi } from 'vitest'
import { createWriteStream, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createRequire } from 'node:module'
import ExcelJS from 'exceljs'
import { DeskError } from '../../../electron/core/errors/desk-error'
import { detectEncoding } from '../../../electron/core/import/import-source'
import { usccCheckCharacter } from '../../../electron/core/validation/uscc'
import { openNodeCore } from '../../../electron/core/node-core'
import { tempCore, type TempCore } from '../../support/temp-core'
import { gbk } from '../../support/gbk'

const cores: TempCore[] = []
function core(): TempCore {
  const t = tempCore()
  cores.push(t)
  return t
}
afterEach(() => {
  for (const t of cores.splice(0)) t.cleanup()
})

function taxId(n: number): string {
  const first17 = `9162010${String(n).padStart(9, '0')}X`.slice(0, 17)
  return first17 + usccCheckCharacter(first17)
}

const HEADER = ['企业名称', '企业税号', '地址', '电话', '联系人', '备注']
const ROWS = [
  [
    '兰州黄河云票科技有限公司',
    taxId(1),
    '甘肃省兰州市城关区张掖路 88 号',
    '0931-8866123',
    '张伟',
    ''
  ],
  ['甘肃陇原商贸有限公司', taxId(2), '兰州新区，"综保区"', '', '李娜', '多行\n备注'],
  ['天水麦积农业开发有限责任公司', taxId(3), '天水市麦积区', '0938-2736120', '', '']
]
function csvText(rows: string[][] = ROWS): string {
  const cell = (v: string): string => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)
  return [HEADER, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n'
}

async function xlsx(path: string, sheets: { name: string; rows: string[][] }[]): Promise<void> {
  const wb = new ExcelJS.Workbook()
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name)
    for (const r of s.rows) ws.addRow(r)
  }
  await wb.xlsx.writeFile(path)
}

function customersOf(t: TempCore): Record<string, string>[] {
  return t.core.customers
    .search({ limit: 50, offset: 0 })
    .items.map(({ name, taxId, address, phone, contactName, notes }) => ({
      name,
      taxId,
      address,
      phone,
      contactName,
      notes
    }))
}

describe('customer import from CSV and Excel', () => {
  it('gives the same customers from UTF-8, UTF-8 with BOM, GBK and .xlsx files', async () => {
    const results: Record<string, string>[][] = []
    const encodings: (string | null)[] = []
    const files: [string, (path: string) => Promise<void> | void][] = [
      ['utf8.csv', (p) => writeFileSync(p, csvText())],
      ['bom.csv', (p) => writeFileSync(p, '\uFEFF' + csvText())],
      ['gbk.csv', (p) => writeFileSync(p, gbk(csvText()))],
      ['book.xlsx', (p) => xlsx(p, [{ name: '客户', rows: [HEADER, ...ROWS] }])]
    ]
    for (const [name, write] of files) {
      const t = core()
      const path = join(t.dir, name)
      await write(path)
      const report = await t.core.imports.runImport(path)
      expect(report.counts, name).toEqual({ rows: 3, added: 3, skipped: 0, refused: 0 })
      encodings.push(report.encoding)
      results.push(customersOf(t))
    }
    expect(encodings).toEqual(['utf-8', 'utf-8-bom', 'gb18030', null])
    expect(results[0]).toHaveLength(3)
    expect(results[0]?.find((c) => c.taxId === taxId(2))).toMatchObject({
      address: '兰州新区，"综保区"',
      notes: '多行\n备注'
    })
    for (const r of results.slice(1)) expect(r).toEqual(results[0])
  })

  it('decides the encoding by a strict UTF-8 decode of the start of the file', () => {
    expect(detectEncoding(Buffer.from('企业名称'))).toBe('utf-8')
    expect(detectEncoding(Buffer.from('企业名称').subarray(0, 4))).toBe('utf-8') // cut character
    expect(detectEncoding(gbk('企业名称,企业税号'))).toBe('gb18030')
  })

  it('reads the chosen sheet of a workbook and lists the sheets in the preview', async () => {
    const t = core()
    const path = join(t.dir, 'book.xlsx')
    await xlsx(path, [
      { name: '说明', rows: [['这一页是说明']] },
      { name: '客户', rows: [HEADER, ...ROWS.slice(0, 2)] }
    ])
    const preview = await t.core.imports.previewImport(path, { sheet: '客户' })
    expect(preview).toMatchObject({
      format: 'xlsx',
      sheets: ['说明', '客户'],
      sheet: '客户',
      missing: [],
      counts: { rows: 2, added: 2, skipped: 0, refused: 0 }
    })
    expect(preview.sample[0]).toMatchObject({ line: 2, values: { name: ROWS[0]?.[0] } })
    expect(customersOf(t)).toEqual([]) // the preview wrote nothing
    const report = await t.core.imports.runImport(path, { sheet: 1 })
    expect(report.added).toBe(2)
    const first = await t.core.imports.previewImport(path)
    expect(first.missing).toEqual(['name', 'taxId'])
  })

  it('reads a workbook whose sheets come before its shared strings without copying them to disk', async () => {
    // exceljs writes sheets before xl/sharedStrings.xml and xl/workbook.xml; a streamed read
    // parks such sheets in temp files (copies of the customers, left behind when a preview
    // stops early, and once deleted under a read stream still opening one: a stray ENOENT).
    const tmp = createRequire(import.meta.url)('tmp') as { file: (...args: unknown[]) => void }
    const t = core()
    const path = join(t.dir, 'book.xlsx')
    await xlsx(path, [
      { name: '说明', rows: [['这一页是说明']] },
      { name: '客户', rows: [HEADER, ...ROWS] }
    ])
    const file = vi.spyOn(tmp, 'file')
    try {
      const preview = await t.core.imports.previewImport(path, { sheet: '客户' })
      expect(preview.counts.rows).toBe(3)
      expect(preview.sample[2]).toMatchObject({
        values: { name: ROWS[2]?.[0], phone: ROWS[2]?.[3] }
      })
      const report = await t.core.imports.runImport(path, { sheet: '客户' })
      expect(report.counts.added).toBe(3)
      expect(file).not.toHaveBeenCalled()
    } finally {
      file.mockRestore()
    }
    expect(
      customersOf(t)
        .map((c) => c.name)
        .sort()
    ).toEqual(ROWS.map((r) => r[0]).sort())
  })

  it('maps camelCase headers, and unknown headers by hand', async () => {
    const t = core()
    const path = join(t.dir, 'in.csv')
    writeFileSync(path, `taxId,单位全称,contactName\n${taxId(7)},甲公司,王五\n`)
    const preview = await t.core.imports.previewImport(path)
    expect(preview.missing).toEqual(['name'])
    expect(preview.columns).toEqual([
      { header: 'taxId', key: 'taxId' },
      { header: '单位全称', key: null },
      { header: 'contactName', key: 'contactName' }
    ])
    await expect(t.core.imports.runImport(path)).rejects.toMatchObject({
      code: 'CSV_HEADER',
      params: { missing: ['name'] }
    })
    const report = await t.core.imports.runImport(path, { mapping: { 单位全称: 'name' } })
    expect(report.counts.added).toBe(1)
    expect(customersOf(t)[0]).toMatchObject({ name: '甲公司', contactName: '王五' })
  })

  it('refuses an empty file with a code, not words', async () => {
    const t = core()
    const path = join(t.dir, 'empty.csv')
    writeFileSync(path, '\n\n')
    await expect(t.core.imports.runImport(path)).rejects.toMatchObject({
      code: 'CSV_HEADER',
      params: { reason: 'empty' }
    })
  })

  it('counts every refusal and keeps the details of the first 1,000', async () => {
    const t = core()
    const path = join(t.dir, 'bad.csv')
    const lines = ['企业名称,企业税号']
    for (let i = 0; i < 1200; i++) lines.push(`坏税号${i},91440300MA5G3K7P0A`)
    lines.push(`好公司,${taxId(9)}`, `好公司重复,${taxId(9)}`)
    writeFileSync(path, lines.join('\n'))
    const report = await t.core.imports.runImport(path)
    expect(report.counts).toEqual({ rows: 1202, added: 1, skipped: 1, refused: 1200 })
    expect(report.refused).toHaveLength(1000)
    expect(report.refused[0]).toMatchObject({ line: 2, issues: [{ code: 'TAX_ID_CHECKSUM' }] })
    expect(report.skipped).toEqual([
      { line: 1203, taxId: taxId(9), existingId: 1, existingName: '好公司' }
    ])
    const audit = t.core.audit.list({ action: 'customer.import' }).items[0]
    expect(audit?.details).toMatchObject({ added: 1, refused: 1200, firstId: 1, lastId: 1 })
  })

  it('refuses a 200 MB file with an unclosed quote quickly, naming its line, in bounded memory', async () => {
    const t = core()
    const path = join(t.dir, 'huge.csv')
    const out = createWriteStream(path)
    out.write(`企业名称,企业税号\n甲公司,${taxId(11)}\n乙公司,${taxId(12)}\n"没有闭合的引号,`)
    const chunk = '很长的字段内容没有结束引号 0123456789abcdef\n'.repeat(2000) as string
    const bytes = Buffer.byteLength(chunk)
    for (let written = 0; written < 200 * 1024 * 1024; written += bytes) {
      if (!out.write(chunk)) await new Promise<void>((ok) => out.once('drain', () => ok()))
    }
    await new Promise<void>((ok) => out.end(() => ok()))
    global.gc?.()
    const rss = process.memoryUsage().rss
    const started = Date.now()
    const error = await t.core.imports.runImport(path).catch((e: unknown) => e)
    const took = Date.now() - started
    expect(error).toBeInstanceOf(DeskError)
    expect(error).toMatchObject({ code: 'CSV_RECORD', params: { line: 4 } })
    expect(process.memoryUsage().rss - rss).toBeLessThan(100 * 1024 * 1024)
    expect(took).toBeLessThan(10_000)
    expect(customersOf(t)).toEqual([]) // all or nothing: the two good rows are not kept
  }, 120_000)

  it('indexes the imported customers after the commit as the insert trigger does, term for term', async () => {
    const imported = core()
    const path = join(imported.dir, 'in.csv')
    const rows = [
      [
        '兰州黄河云票科技有限公司',
        taxId(11),
        '甘肃省兰州市城关区张掖路 88 号',
        '0931-8866123',
        '张伟'
      ],
      ['ＴＣＬ（兰州）电子e家有限公司', taxId(12), 'Room 5 𠀀街 ①号', '13912345678', '王芳'],
      ['个体工商户王芳', taxId(13), '', '', '']
    ]
    writeFileSync(path, [HEADER.slice(0, 5), ...rows].map((r) => r.join(',')).join('\n'))
    expect((await imported.core.imports.runImport(path)).added).toBe(3)
    // committed, not indexed yet: listed in the backlog and found by a scan meanwhile
    expect(imported.core.customers.hasSearchBacklog()).toBe(true)
    expect(
      imported.core.customers
        .search({ query: '8866', limit: 10, offset: 0 })
        .items.map((c) => c.name)
    ).toEqual(['兰州黄河云票科技有限公司'])
    // changed before the catch-up: the update trigger indexes it, the catch-up must not again
    imported.core.customers.update(3, { address: '兰州市七里河区' })
    await imported.core.customers.catchUpSearchIndex()
    expect(imported.core.customers.hasSearchBacklog()).toBe(false)
    const typed = core()
    for (const r of rows) {
      typed.core.customers.create({
        name: r[0] as string,
        taxId: r[1] as string,
        address: r[2] as string,
        phone: r[3] as string,
        contactName: r[4] as string
      })
    }
    typed.core.customers.update(3, { address: '兰州市七里河区' })
    const terms = (t: TempCore): unknown[] => {
      const db = t.core.deps.db
      db.exec(`CREATE VIRTUAL TABLE temp.v1 USING fts5vocab(main, customer_search, instance);
        CREATE VIRTUAL TABLE temp.v2 USING fts5vocab(main, customer_search_name, instance)`)
      return [
        db.prepare('SELECT * FROM temp.v1 ORDER BY 1, 2, 3, 4').all(),
        db.prepare('SELECT * FROM temp.v2 ORDER BY 1, 2, 3, 4').all()
      ]
    }
    const fromImport = terms(imported)
    expect((fromImport[0] as unknown[]).length).toBeGreaterThan(100)
    expect(fromImport).toEqual(terms(typed))
  })

  it('catches the search index up when the database is next opened, after a quit before it did', async () => {
    const t = core()
    const path = join(t.dir, 'in.csv')
    writeFileSync(path, csvText())
    expect((await t.core.imports.runImport(path)).added).toBe(3)
    // quit (or crash) right after the commit: the catch-up has not run a single slice
    t.core.deps.db.close()
    const reopened = openNodeCore(t.dbPath)
    try {
      expect(reopened.customers.hasSearchBacklog()).toBe(true)
      const names = (): string[] =>
        reopened.customers.search({ query: '麦积', limit: 10, offset: 0 }).items.map((c) => c.name)
      expect(names()).toEqual(['天水麦积农业开发有限责任公司']) // by the scan meanwhile
      // nobody asks: opening started it
      await vi.waitFor(() => expect(reopened.customers.hasSearchBacklog()).toBe(false))
      const indexed = reopened.deps.db
        .prepare("SELECT count(*) AS n FROM customer_search WHERE customer_search MATCH '麦积'")
        .get() as { n: number }
      expect(indexed.n).toBe(1)
      expect(names()).toEqual(['天水麦积农业开发有限责任公司'])
    } finally {
      reopened.deps.db.close()
    }
  })
})
