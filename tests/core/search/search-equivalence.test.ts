import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { CSV_HEADER, csvLine, customerGenerator } from '../../../scripts/bench-data.mjs'
import { normalizeForSearch } from '../../../electron/core/search/search-grams'
import { SEARCH_TOTAL_CAP } from '../../../electron/core/customers/customer-repository'
import type { Customer } from '../../../electron/core/customers/customer-fields'
import { openDatabase } from '../../../electron/core/db/database'
import { MIGRATIONS } from '../../../electron/core/db/migrations'
import { openNodeCore } from '../../../electron/core/node-core'
import { tempCore, type TempCore } from '../../support/temp-core'

const SEARCHED: (keyof Customer)[] = [
  'name',
  'taxId',
  'contactName',
  'address',
  'phone',
  'contactPhone',
  'adminMobile'
]

/** The plain scan every answer must equal: each term a substring of some searched value. */
function scan(all: Customer[], query: string, scope: 'active' | 'archived' | 'all'): Customer[] {
  const terms = query
    .split(/\s+/)
    .map(normalizeForSearch)
    .filter((t) => t !== '')
  const inScope = all.filter((c) =>
    scope === 'all' ? true : scope === 'archived' ? c.archivedAt !== null : c.archivedAt === null
  )
  const holds = (c: Customer, keys: (keyof Customer)[]): boolean =>
    terms.every((t) => keys.some((k) => normalizeForSearch(String(c[k] ?? '')).includes(t)))
  const hits = inScope.filter((c) => holds(c, SEARCHED)).sort((a, b) => b.id - a.id)
  // relevance: every term in the name first, then the others, each newest first
  return [...hits.filter((c) => holds(c, ['name'])), ...hits.filter((c) => !holds(c, ['name']))]
}

/**
 * Puts customers back in the search backlog as a crash between an import's commit and the
 * index's catch-up leaves them: listed in the backlog, absent from both indexes.
 */
function returnToBacklog(t: TempCore, ids: number[]): void {
  const db = t.core.deps.db
  const list = JSON.stringify(ids)
  db.transaction(() => {
    db.prepare('DELETE FROM customer_search WHERE rowid IN (SELECT value FROM json_each(?))').run(
      list
    )
    db.prepare(
      'DELETE FROM customer_search_name WHERE rowid IN (SELECT value FROM json_each(?))'
    ).run(list)
    db.prepare('INSERT INTO customer_search_backlog (id) SELECT value FROM json_each(?)').run(list)
  })()
}

describe.each([
  ['indexed', false],
  ['with the imported customers still in the search backlog', true]
] as const)('search answers equal a plain scan (realistic registry, %s)', (_state, backlog) => {
  let t: TempCore
  let all: Customer[]
  let sample: Customer

  beforeAll(async () => {
    t = tempCore()
    const next = customerGenerator(7)
    // half through the service (the triggers index each row), half through an import (one
    // indexing pass before the commit): both must index alike
    for (let i = 0; i < 1500; i++) t.core.customers.create(next())
    const lines = [CSV_HEADER]
    for (let i = 0; i < 1500; i++) {
      const c = next()
      lines.push(csvLine(c))
    }
    // a few values that cross runs and widths
    const odd = next()
    lines.push(`ABC瀚鼎e家科技有限公司,${odd.taxId},兰州a州市 ＭＡ５Ｇ 路,0931-8866123,张伟,,`)
    // seams of every kind, repeated characters, full-width and spaced digits
    const more = [next(), next(), next()]
    lines.push(
      `TCL科技5号楼有限公司,${more[0]?.taxId},甘肃省兰州市25号A座1单元,0931 8866 000,李e,,`
    )
    lines.push(`１３９兰州ＡＢ商行,${more[1]?.taxId},兰州市aaaa路1111号,0931-1111111,王五五五,,`)
    lines.push(`e家e家e家服务部,${more[2]?.taxId},州0931路,0931-1391391,赵六,13900000000,`)
    writeFileSync(join(t.dir, 'in.csv'), lines.join('\n'))
    const report = await t.core.imports.runImport(join(t.dir, 'in.csv'))
    expect(report.counts.refused).toBe(0)
    await t.core.customers.catchUpSearchIndex()
    expect(t.core.customers.hasSearchBacklog()).toBe(false)
    if (backlog)
      returnToBacklog(
        t,
        Array.from({ length: 1501 }, (_, i) => 1501 + i)
      )
    // archived and changed while in the backlog too: the triggers index them, once
    for (let id = 5; id < 3000; id += 37) t.core.customers.archive(id)
    t.core.customers.update(40, { address: '天水市秦州区新改的地址', phone: '0938-6612345' })
    t.core.customers.update(1600, { name: '兰州改名后的有限公司', phone: '0931-8866000' })
    expect(t.core.customers.hasSearchBacklog()).toBe(backlog)
    all = t.core.customers.search({ limit: 500, offset: 0, includeArchived: true }).items
    for (let offset = 500; offset < 3100; offset += 500) {
      all.push(...t.core.customers.search({ limit: 500, offset, includeArchived: true }).items)
    }
    sample = all[1234] as Customer
  }, 120_000)
  afterAll(() => t.cleanup())

  const QUERIES = [
    '兰',
    '瀚',
    '龘',
    '兰州',
    '瀚鼎',
    '有限公司',
    '甘肃省',
    '城关区',
    '秦州',
    '9111',
    '916201',
    '91620102',
    '0931-80',
    '8866',
    '0931 8866',
    '139',
    '13',
    '91',
    'ma',
    'MA0',
    'tcl',
    'abc',
    'e家',
    'a州',
    'ma5g',
    '州a',
    '兰州市',
    '兰州 0931',
    '城关区 张',
    '有限公司 ma',
    '91620102MA00000000',
    '0931-0000000',
    'zzqx',
    'qx',
    'xq',
    'a5',
    'mb',
    '龘龘',
    '张伟',
    '8',
    // hostile: seams, repeated characters, a long query, separators and full-width forms
    '5号',
    '9州',
    'l科',
    'tcl科技',
    '科技5',
    '5号楼',
    '州0931',
    'a座1',
    'e家e家',
    '家e',
    'aaaa',
    'aaaaa',
    '1111',
    '11111111',
    '五五五',
    '五五五五',
    '１３９',
    '0931 8866',
    '0931-8866-000',
    '(0931)139',
    'Ａ座',
    '139 兰州 ab',
    '兰州市城关区'.repeat(10),
    ...Array.from({ length: 20 }, (_, i) => '91620102135791357924'.slice(0, i + 1)),
    ...Array.from({ length: 20 }, (_, i) => '13913913000000000000'.slice(0, i + 1))
  ]

  it('gives the same customers, in the same order, for every query class', () => {
    for (const query of [...QUERIES, sample.taxId.slice(2, 9), sample.phone.slice(-6)]) {
      const expected = scan(all, query, 'active')
      const got = t.core.customers.search({ query, limit: 500, offset: 0 })
      expect(got.totalCapped, query).toBe(expected.length > SEARCH_TOTAL_CAP)
      expect(got.total, query).toBe(Math.min(expected.length, SEARCH_TOTAL_CAP))
      expect(
        got.items.map((c) => c.id),
        query
      ).toEqual(expected.slice(0, 500).map((c) => c.id))
    }
  })

  it('pages across the name matches and the others exactly as the scan orders them', () => {
    for (const query of ['兰州', '城关区', '有限公司', '8866', 'ma']) {
      const expected = scan(all, query, 'active').map((c) => c.id)
      const pages: number[] = []
      for (let offset = 0; offset < 300; offset += 23) {
        pages.push(...t.core.customers.search({ query, limit: 23, offset }).items.map((c) => c.id))
      }
      expect(pages, query).toEqual(expected.slice(0, pages.length))
      expect(pages.length, query).toBe(Math.min(expected.length, 23 * 14))
    }
  })

  it('caps the total at 1,000 and says so, exact below', () => {
    const capped = t.core.customers.search({ query: '有限公司', limit: 10, offset: 0 })
    expect(capped).toMatchObject({ total: 1000, totalCapped: true })
    const exact = t.core.customers.search({ query: '兰州', limit: 10, offset: 0 })
    expect(exact.totalCapped).toBe(false)
    expect(exact.total).toBe(scan(all, '兰州', 'active').length)
    expect(exact.total).toBeLessThan(1000)
  })

  it('filters archived customers the same way', () => {
    for (const query of ['兰州', '91', '有限公司']) {
      for (const scope of ['archived', 'all'] as const) {
        const got = t.core.customers.search({
          query,
          limit: 100,
          offset: 0,
          ...(scope === 'archived' ? { archivedOnly: true } : { includeArchived: true })
        })
        expect(
          got.items.map((c) => c.id),
          `${query} ${scope}`
        ).toEqual(
          scan(all, query, scope)
            .slice(0, 100)
            .map((c) => c.id)
        )
      }
    }
  })

  it('answers a whole tax ID from the unique index', () => {
    const got = t.core.customers.search({ query: sample.taxId.toLowerCase(), limit: 50, offset: 0 })
    expect(got).toMatchObject({ total: 1, totalCapped: false })
    expect(got.items.map((c) => c.id)).toEqual(sample.archivedAt ? [] : [sample.id])
  })

  it('sorts the matches by name when asked', () => {
    const got = t.core.customers.search({ query: '城关区', limit: 50, offset: 0, sort: 'name' })
    const expected = scan(all, '城关区', 'active').sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : a.id - b.id
    )
    expect(got.items.map((c) => c.id)).toEqual(expected.slice(0, 50).map((c) => c.id))
  })

  it('catches up with the backlog in slices and answers the same afterwards', async () => {
    const before = ['兰州', '9111', 'e家', '8866'].map((q) =>
      t.core.customers.search({ query: q, limit: 100, offset: 0 })
    )
    await t.core.customers.catchUpSearchIndex()
    expect(t.core.customers.hasSearchBacklog()).toBe(false)
    const after = ['兰州', '9111', 'e家', '8866'].map((q) =>
      t.core.customers.search({ query: q, limit: 100, offset: 0 })
    )
    expect(after).toEqual(before)
  })
})

describe('migration 005', () => {
  it('re-indexes the customers of a database made before it', () => {
    const t = tempCore()
    t.cleanup()
    const path = join(t.dir + '-v4', 'desk.sqlite')
    const old = openDatabase(path, { migrations: MIGRATIONS.slice(0, 4) })
    const insert = old.prepare(
      `INSERT INTO customers (name, tax_id, address, phone, created_at, updated_at)
       VALUES (?, ?, ?, ?, '2026-01-01', '2026-01-01')`
    )
    insert.run(
      '兰州黄河云票科技有限公司',
      '91440300MA5G3K7P0R',
      '甘肃省兰州市城关区',
      '0931-8866123'
    )
    insert.run('深圳华为云开票服务有限公司', '914403001922038216', '广东省深圳市', '')
    expect(old.pragma('user_version', { simple: true })).toBe(4)
    old.close()
    const core = openNodeCore(path)
    expect(core.deps.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)?.version)
    const names = (q: string): string[] =>
      core.customers.search({ query: q, limit: 10, offset: 0 }).items.map((c) => c.name)
    expect(names('8866')).toEqual(['兰州黄河云票科技有限公司'])
    expect(names('华')).toEqual(['深圳华为云开票服务有限公司'])
    expect(names('有限公司')).toEqual(['深圳华为云开票服务有限公司', '兰州黄河云票科技有限公司'])
    core.deps.db.close()
  })
})
