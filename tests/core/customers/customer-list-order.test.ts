import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { CSV_HEADER, csvLine, customerGenerator } from '../../../scripts/bench-data.mjs'
import { normalizeForSearch } from '../../../electron/core/search/search-grams'
import { SEARCH_TOTAL_CAP } from '../../../electron/core/customers/customer-repository'
import { tempCore, type TempCore } from '../../support/temp-core'

type Scope = 'active' | 'archived' | 'all'
const SCOPES: Scope[] = ['active', 'archived', 'all']
const SORTS = [
  ['name', 'name'],
  ['createdAt', 'created_at'],
  ['updatedAt', 'updated_at']
] as const

describe('the customer list in each order (indexes of migration 009)', () => {
  let t: TempCore

  beforeAll(async () => {
    t = tempCore()
    const next = customerGenerator(11)
    // names that repeat, so the id decides between them; created at different times
    for (let i = 0; i < 60; i++) {
      t.tick(1000)
      t.core.customers.create({ ...next(), name: `兰州同名商贸有限公司${i % 3}` })
    }
    const lines = [CSV_HEADER]
    for (let i = 0; i < 1700; i++) {
      const c = next()
      lines.push(csvLine(c))
    }
    writeFileSync(join(t.dir, 'in.csv'), lines.join('\n'))
    t.tick(1000)
    await t.core.imports.runImport(join(t.dir, 'in.csv'))
    await t.core.customers.catchUpSearchIndex()
    for (let id = 3; id < 1760; id += 7) {
      t.tick(1000)
      t.core.customers.archive(id)
    }
  }, 120_000)
  afterAll(() => t.cleanup())

  /** The same rows by a plain sort: no index (NOT INDEXED), the table scanned and sorted. */
  function plain(scope: Scope, column: string, dir: 'ASC' | 'DESC', ids?: Set<number>): number[] {
    const where =
      scope === 'active'
        ? 'WHERE archived_at IS NULL'
        : scope === 'archived'
          ? 'WHERE archived_at IS NOT NULL'
          : ''
    const rows = t.core.deps.db
      .prepare(`SELECT id FROM customers NOT INDEXED ${where} ORDER BY ${column} ${dir}, id ${dir}`)
      .all() as { id: number }[]
    return rows.map((r) => r.id).filter((id) => !ids || ids.has(id))
  }

  const scopeParams = (scope: Scope): object =>
    scope === 'archived' ? { archivedOnly: true } : scope === 'all' ? { includeArchived: true } : {}

  it('gives every page, up to the last, exactly as a plain ORDER BY does', () => {
    for (const scope of SCOPES) {
      for (const [sort, column] of SORTS) {
        for (const order of ['asc', 'desc'] as const) {
          const expected = plain(scope, column, order === 'asc' ? 'ASC' : 'DESC')
          const got: number[] = []
          for (let offset = 0; offset < expected.length + 50; offset += 97) {
            const page = t.core.customers.search({
              limit: 97,
              offset,
              sort,
              order,
              ...scopeParams(scope)
            })
            expect(page.total, `${scope} ${sort} ${order}`).toBe(expected.length)
            got.push(...page.items.map((c) => c.id))
          }
          expect(got, `${scope} ${sort} ${order}`).toEqual(expected)
        }
      }
    }
  })

  it('walks the last page of the name order through an index, not a sort of every row', () => {
    const plan = (sql: string): string =>
      (t.core.deps.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[])
        .map((r) => r.detail)
        .join(' | ')
    const active = plan(
      'SELECT c.* FROM customers c WHERE archived_at IS NULL ORDER BY c.name ASC, c.id ASC LIMIT 50 OFFSET 1000'
    )
    expect(active).toContain('customers_archived_name')
    expect(active).not.toContain('TEMP B-TREE')
  })

  it('sorts search matches by name like a plain ORDER BY, with few matches and past the cap', () => {
    const db = t.core.deps.db
    const all = db
      .prepare(
        'SELECT id, name, tax_id, contact_name, address, phone, contact_phone, admin_mobile FROM customers WHERE archived_at IS NULL'
      )
      .all() as Record<string, string | number>[]
    const matches = (query: string): Set<number> => {
      const term = normalizeForSearch(query)
      return new Set(
        all
          .filter((r) =>
            Object.entries(r).some(
              ([k, v]) => k !== 'id' && normalizeForSearch(String(v ?? '')).includes(term)
            )
          )
          .map((r) => r.id as number)
      )
    }
    // 有限公司 matches more than the cap (the index walk), 城关区 fewer (read and sorted)
    for (const query of ['有限公司', '城关区', '同名']) {
      const ids = matches(query)
      for (const order of ['asc', 'desc'] as const) {
        const expected = plain('active', 'name', order === 'asc' ? 'ASC' : 'DESC', ids)
        const got: number[] = []
        for (let offset = 0; offset < expected.length; offset += 250) {
          const page = t.core.customers.search({ query, limit: 250, offset, sort: 'name', order })
          expect(page.totalCapped, query).toBe(expected.length > SEARCH_TOTAL_CAP)
          expect(page.total, query).toBe(Math.min(expected.length, SEARCH_TOTAL_CAP))
          got.push(...page.items.map((c) => c.id))
        }
        expect(got, `${query} ${order}`).toEqual(expected)
      }
    }
    expect(matches('有限公司').size).toBeGreaterThan(SEARCH_TOTAL_CAP)
    expect(matches('城关区').size).toBeLessThan(SEARCH_TOTAL_CAP)
  })
})
