/** SQL for customers and nothing else: rules and auditing live in customer-service.ts. */
import { statementCache, type Db } from '../db/database'
import { matchExpression } from '../search/search-grams'
import {
  CUSTOMER_FIELDS,
  type Customer,
  type CustomerFieldKey,
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
   * Substring search over the bigram index, name matches ranked first. Without a query it
   * lists by the chosen sort.
   */
  search(params: SearchParams): { items: Customer[]; total: number } {
    const match = params.query ? matchExpression(params.query) : null
    const nameMatch = params.query ? matchExpression(params.query, 'name') : null
    const where: string[] = []
    if (params.archivedOnly) where.push('c.archived_at IS NOT NULL')
    else if (!params.includeArchived) where.push('c.archived_at IS NULL')
    const bind: Record<string, unknown> = { limit: params.limit, offset: params.offset }
    let from = 'customers c'
    let rank = ''
    if (match) {
      from = `customers c JOIN (SELECT rowid AS id FROM customer_search WHERE customer_search MATCH @match) hit ON hit.id = c.id`
      bind.match = match
      bind.nameMatch = nameMatch
      if ((params.sort ?? 'relevance') === 'relevance') {
        rank = `(c.id IN (SELECT rowid FROM customer_search WHERE customer_search MATCH @nameMatch)) DESC, `
      }
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : ''
    const sort = params.sort && params.sort !== 'relevance' ? params.sort : null
    const dir = params.order === 'asc' ? 'ASC' : params.order === 'desc' ? 'DESC' : null
    const orderBy = sort
      ? `${SORT_SQL[sort]} ${dir ?? (sort === 'name' ? 'ASC' : 'DESC')}, c.id DESC`
      : match
        ? `${rank}length(c.name), c.name, c.id`
        : 'c.updated_at DESC, c.id DESC'
    const countBind = { ...bind }
    delete countBind.limit
    delete countBind.offset
    delete countBind.nameMatch
    const total = (
      this.sql(`SELECT count(*) AS n FROM ${from} ${clause}`).get(countBind) as { n: number }
    ).n
    if (!rank) delete bind.nameMatch
    const rows = this.sql(
      `SELECT c.* FROM ${from} ${clause} ORDER BY ${orderBy} LIMIT @limit OFFSET @offset`
    ).all(bind) as Row[]
    return { items: rows.map(toCustomer), total }
  }
}

export function pickFields(customer: Customer): CustomerFields {
  const out = {} as CustomerFields
  for (const f of CUSTOMER_FIELDS) out[f.key as CustomerFieldKey] = customer[f.key]
  return out
}
