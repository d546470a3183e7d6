/** SQL for customers and nothing else: rules and auditing live in customer-service.ts. */
import { statementCache, type Db } from '../db/database'
import { matchExpression } from '../search/search-grams'
import {
  CUSTOMER_FIELDS,
  type Customer,
  type CustomerFields,
  type CustomerSort
} from './customer-fields'

type Row = Record<string, string | number | null>

function toCustomer(row: Row): Customer {
  const customer = { id: row.id as number } as Customer
  for (const f of CUSTOMER_FIELDS) customer[f.key] = (row[f.column] as string | null) ?? ''
  customer.taxIdOverrideReason = (row.tax_id_override_reason as string | null) ?? null
  customer.createdAt = row.created_at as string
  customer.updatedAt = row.updated_at as string
  customer.archivedAt = (row.archived_at as string | null) ?? null
  return customer
}

export interface SearchParams {
  query?: string
  includeArchived?: boolean
  archivedOnly?: boolean
  limit: number
  offset: number
  sort?: CustomerSort
  order?: 'asc' | 'desc'
}

const SORT_SQL: Record<Exclude<CustomerSort, 'relevance'>, string> = {
  name: 'c.name',
  updatedAt: 'c.updated_at',
  createdAt: 'c.created_at'
}

export class CustomerRepository {
  private readonly sql: ReturnType<typeof statementCache>

  constructor(db: Db) {
    this.sql = statementCache(db)
  }

  get(id: number): Customer | null {
    const row = this.sql('SELECT * FROM customers WHERE id = ?').get(id) as Row | undefined
    return row ? toCustomer(row) : null
  }

  findByTaxId(taxId: string): Customer | null {
    const row = this.sql('SELECT * FROM customers WHERE tax_id = ?').get(taxId) as Row | undefined
    return row ? toCustomer(row) : null
  }

  insert(values: CustomerFields, overrideReason: string | null, now: string): Customer {
    const cols = CUSTOMER_FIELDS.map((f) => f.column)
    const info = this.sql(
      `INSERT INTO customers (${cols.join(', ')}, tax_id_override_reason, created_at, updated_at)
         VALUES (${CUSTOMER_FIELDS.map((f) => '@' + f.key).join(', ')}, @overrideReason, @now, @now)`
    ).run({ ...values, overrideReason, now })
    return this.get(Number(info.lastInsertRowid)) as Customer
  }

  update(
    id: number,
    changes: Partial<CustomerFields>,
    overrideReason: string | null | undefined,
    now: string
  ): void {
    const sets = CUSTOMER_FIELDS.filter((f) => changes[f.key] !== undefined).map(
      (f) => `${f.column} = @${f.key}`
    )
    if (overrideReason !== undefined) sets.push('tax_id_override_reason = @overrideReason')
    sets.push('updated_at = @now')
    this.sql(`UPDATE customers SET ${sets.join(', ')} WHERE id = @id`).run({
      ...changes,
      overrideReason: overrideReason ?? null,
      now,
      id
    })
  }

  setArchived(id: number, archivedAt: string | null, now: string): void {
    this.sql('UPDATE customers SET archived_at = ?, updated_at = ? WHERE id = ?').run(
      archivedAt,
      now,
      id
    )
  }

  /**
   * Substring search over the bigram index. With the default relevance order, customers whose
   * name matches come first, then the others, each newest first: both lists are read from the
   * index in rowid order, so a page costs the same however many customers match. Other sorts
   * join the hits and sort them. Without a query it lists by the chosen sort.
   */
  search(params: SearchParams): { items: Customer[]; total: number } {
    const terms = params.query ? matchExpression(params.query) : null
    if (!terms) return this.list(params)
    const scope = params.archivedOnly ? 'archived' : params.includeArchived ? 'all' : 'active'
    const scoped =
      scope === 'active'
        ? `(${terms}) NOT {state} : archived`
        : scope === 'archived'
          ? `(${terms}) AND {state} : archived`
          : terms
    const count = (match: string): number =>
      (
        this.sql('SELECT count(*) AS n FROM customer_search WHERE customer_search MATCH ?').get(
          match
        ) as { n: number }
      ).n
    const sort = params.sort ?? 'relevance'
    if (sort !== 'relevance') {
      const rows = this.sql(
        `SELECT c.* FROM customer_search s JOIN customers c ON c.id = s.rowid
         WHERE customer_search MATCH ? ORDER BY ${this.orderBy(sort, params.order)} LIMIT ? OFFSET ?`
      ).all(scoped, params.limit, params.offset) as Row[]
      return { items: rows.map(toCustomer), total: count(scoped) }
    }
    const nameTerms = matchExpression(params.query ?? '', ['name']) as string
    const first = `(${scoped}) AND (${nameTerms})`
    const rest = `(${scoped}) NOT (${nameTerms})`
    const firstTotal = count(first)
    const page = (match: string, limit: number, offset: number): Customer[] =>
      (
        this.sql(
          `SELECT c.* FROM customer_search s JOIN customers c ON c.id = s.rowid
           WHERE customer_search MATCH ? ORDER BY s.rowid DESC LIMIT ? OFFSET ?`
        ).all(match, limit, offset) as Row[]
      ).map(toCustomer)
    const items = params.offset < firstTotal ? page(first, params.limit, params.offset) : []
    if (items.length < params.limit) {
      items.push(
        ...page(rest, params.limit - items.length, Math.max(0, params.offset - firstTotal))
      )
    }
    return { items, total: firstTotal + count(rest) }
  }

  private list(params: SearchParams): { items: Customer[]; total: number } {
    const where = params.archivedOnly
      ? 'WHERE archived_at IS NOT NULL'
      : params.includeArchived
        ? ''
        : 'WHERE archived_at IS NULL'
    const sort = !params.sort || params.sort === 'relevance' ? 'updatedAt' : params.sort
    const total = (
      this.sql(`SELECT count(*) AS n FROM customers c ${where}`).get() as { n: number }
    ).n
    const rows = this.sql(
      `SELECT c.* FROM customers c ${where} ORDER BY ${this.orderBy(sort, params.order)} LIMIT ? OFFSET ?`
    ).all(params.limit, params.offset) as Row[]
    return { items: rows.map(toCustomer), total }
  }

  private orderBy(sort: Exclude<CustomerSort, 'relevance'>, order?: 'asc' | 'desc'): string {
    const dir = order ? order.toUpperCase() : sort === 'name' ? 'ASC' : 'DESC'
    return `${SORT_SQL[sort]} ${dir}, c.id ${dir}`
  }
}
