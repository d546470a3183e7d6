import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  indexChars,
  indexTokens,
  parseSearchQuery,
  type SearchQuery
} from '../../../electron/core/search/search-grams'
import { usccCheckCharacter } from '../../../electron/core/validation/uscc'
import { LANZHOU, SHENZHEN, tempCore, type TempCore } from '../../support/temp-core'

function taxId(n: number): string {
  const first17 = `9162010${String(n).padStart(9, '0')}X`.slice(0, 17)
  return first17 + usccCheckCharacter(first17)
}

describe('search tokens', () => {
  it('keeps Chinese bigrams, 4- and 3-grams of ASCII runs longest first, and the seams between runs', () => {
    expect(indexTokens('兰州市')).toBe('兰州 州市')
    expect(indexTokens('(0931) 88')).toBe('0931 9318 3188 093 931 318 188')
    expect(indexTokens('兰州a州市 ab 号')).toBe('兰州 州a a a州 州市 市a ab b号')
    expect(indexTokens('ＭＡ５Ｇ')).toBe('ma5g ma5 a5g ma')
    // characters outside the BMP take the general path, with the same seams
    expect(indexTokens('𠀀𠀁a1')).toBe('𠀀𠀁 𠀁a a1')
    expect(indexChars('兰州', '州市 A')).toBe('兰 州 市 a')
  })
  it('turns a query into phrases of the longest grams and flags mixed terms', () => {
    const q = parseSearchQuery('兰州市 0931-8866 ma e家 tcl科技') as SearchQuery
    expect(q.terms).toEqual(['兰州市', '09318866', 'ma', 'e家', 'tcl科技'])
    expect(q.names).toContain('{name} : "兰州 州市"')
    expect(q.all).toContain('"0931 9318 3188 1886 8866"')
    // one character of each kind is exactly its seam; a longer mixed term is checked
    expect(q.all).toContain(
      '{name tax_id contact address phone contact_phone admin_mobile} : "e家"'
    )
    expect(q.all).toContain(' : "tcl" AND ')
    expect(q.all).toContain(' : "科技" AND ')
    expect(q.all).toContain(' : "l科"')
    expect(q.checkTerms).toEqual(['tcl科技'])
    expect(q.needsCheck).toBe(true)
    expect(parseSearchQuery('e家 5号')?.needsCheck).toBe(false)
    // a pair other than two letters: its run of two or a 3-gram around it, 73 tokens
    const pair = parseSearchQuery('13') as SearchQuery
    expect(pair.all).toContain('("13" OR "130" OR ')
    expect(pair.all.split(' OR ')).toHaveLength(73)
    expect(parseSearchQuery('  ()  ')).toBeNull()
  })
  it('cannot be broken by quotes or FTS syntax in the query', () => {
    const q = parseSearchQuery('"兰州" OR state:*') as SearchQuery
    expect(q.terms).toEqual(['兰州', 'or', 'state'])
    expect(q.names).toBe('({name} : "兰州") AND ({name} : "or") AND ({name} : "stat tate")')
  })
})

describe('customer search', () => {
  let t: TempCore
  const search = (query: string, extra: object = {}) =>
    t.core.customers.search({ query, limit: 50, offset: 0, ...extra })

  beforeAll(() => {
    t = tempCore()
    t.core.customers.create(LANZHOU)
    t.core.customers.create(SHENZHEN)
    t.core.customers.create({
      name: '北京兰州拉面餐饮有限公司',
      taxId: taxId(3),
      address: '北京市朝阳区'
    })
    t.core.customers.create({ name: '甘肃陇原商贸有限公司', taxId: taxId(4), address: '兰州新区' })
    t.core.customers.create({
      name: '华为终端（深圳）有限公司',
      taxId: taxId(5),
      address: '东莞市松山湖',
      contactName: '王五'
    })
  })
  afterAll(() => t.cleanup())

  it('finds two-character Chinese substrings anywhere in name and address', () => {
    expect(
      search('兰州')
        .items.map((c) => c.name)
        .sort()
    ).toEqual(
      ['北京兰州拉面餐饮有限公司', '兰州黄河云票科技有限公司', '甘肃陇原商贸有限公司'].sort()
    )
    expect(search('坂田').items.map((c) => c.name)).toEqual([SHENZHEN.name])
  })

  it('ranks name matches before address matches', () => {
    const names = search('兰州').items.map((c) => c.name)
    expect(names.at(-1)).toBe('甘肃陇原商贸有限公司')
    expect(search('华为').items.map((c) => c.name)).toEqual([
      '华为终端（深圳）有限公司',
      SHENZHEN.name
    ])
  })

  it('finds longer substrings exactly, not as scattered characters', () => {
    expect(search('城关区张掖').items.map((c) => c.name)).toEqual([LANZHOU.name])
    expect(search('州张').total).toBe(0)
  })

  it('finds a single character', () => {
    expect(search('陇').items.map((c) => c.name)).toEqual(['甘肃陇原商贸有限公司'])
  })

  it('searches tax ID, contact and phone, ignoring case and separators', () => {
    expect(search('ma5g3k').items.map((c) => c.id)).toEqual([1])
    expect(search('张伟').items.map((c) => c.id)).toEqual([1])
    expect(search('0931 8866').items.map((c) => c.id)).toEqual([1])
    expect(search('1391234').items.map((c) => c.id)).toEqual([1])
  })

  it('requires every word of a multi-word query', () => {
    expect(search('兰州 拉面').items.map((c) => c.id)).toEqual([3])
  })

  it('keeps the index in sync on update and hides archived customers', () => {
    t.core.customers.update(4, { address: '天水市秦州区' })
    expect(search('兰州新区').total).toBe(0)
    expect(search('秦州').items.map((c) => c.id)).toEqual([4])
    t.core.customers.archive(4)
    expect(search('秦州').total).toBe(0)
    expect(search('秦州', { includeArchived: true }).total).toBe(1)
  })

  it('pages with a total, across the name matches and the others', () => {
    const all = t.core.customers.search({
      query: '有限公司',
      limit: 50,
      offset: 0,
      includeArchived: true
    })
    expect(all.total).toBe(5)
    const pages = [0, 2, 4].flatMap(
      (offset) =>
        t.core.customers.search({ query: '有限公司', limit: 2, offset, includeArchived: true })
          .items
    )
    expect(pages.map((c) => c.id)).toEqual(all.items.map((c) => c.id))
    const one = [0, 1, 2, 3].flatMap(
      (offset) => t.core.customers.search({ query: '城', limit: 1, offset }).items
    )
    expect(one.map((c) => c.id)).toEqual(search('城').items.map((c) => c.id))
  })

  it('sorts matches by name or date when asked', () => {
    const byName = t.core.customers.search({
      query: '有限公司',
      limit: 50,
      offset: 0,
      sort: 'name',
      includeArchived: true
    })
    const names = byName.items.map((c) => c.name)
    expect(names).toEqual([...names].sort())
    expect(byName.total).toBe(5)
  })

  it('does not let a one-character query match the internal archived marker', () => {
    expect(
      t.core.customers.search({ archivedOnly: true, limit: 5, offset: 0 }).total
    ).toBeGreaterThan(0)
    expect(search('v', { includeArchived: true }).total).toBe(0)
  })
})
