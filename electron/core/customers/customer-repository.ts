/** SQL for customers and nothing else: rules and auditing live in customer-service.ts. */
import { statementCache, type Db } from '../db/database'
import { INDEX_BACKLOG_SQL } from '../db/migrations/008-search-backlog'
import { parseSearchQuery, type SearchQuery } from '../search/search-grams'
import {
  backlogCountSql,
  countSql,
  pageIdsSql,
  SEARCH_TOTAL_CAP,
  sortedPageSql,
  type Scope
} from './customer-search-sql'
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

export { SEARCH_TOTAL_CAP }

/** FTS5's default 'automerge' setting, which the app otherwise leaves alone. */
const FTS5_AUTOMERGE = 4

export interface SearchPage {
  items: Customer[]
  total: number
  /** more than `total` customers match: the total is a lower bound */
  totalCapped: boolean
}

const SORT_SQL: Record<Exclude<CustomerSort, 'relevance'>, string> = {
  name: 'c.name',
  updatedAt: 'c.updated_at',
  createdAt: 'c.created_at'
}

/**
 * Every customer by name (issue 13): migration 009 indexes names behind archived_at only, one
 * index for the import to keep up instead of two. SQLite merges the active customers, in order
 * from that index without reading their rows, with the archived ones sorted apart, and OFFSET
 * steps over (name, id) pairs; then the page's rows are read.
 */
function byNameWithArchivedSql(orderBy: string): string {
  const dir = orderBy.endsWith('DESC') ? 'DESC' : 'ASC'
  return `SELECT c.* FROM customers c WHERE c.id IN (SELECT id FROM (
      SELECT c.name, c.id FROM customers c WHERE archived_at IS NULL
      UNION ALL
      SELECT c.name, c.id FROM customers c INDEXED BY customers_archived_updated
      WHERE archived_at IS NOT NULL
      ORDER BY 1 ${dir}, 2 ${dir} LIMIT ? OFFSET ?))
    ORDER BY ${orderBy}`
}

export class CustomerRepository {
  private readonly sql: ReturnType<typeof statementCache>

  constructor(private readonly db: Db) {
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

  /** The highest customer id (0 for none). */
  maxId(): number {
    return (this.sql('SELECT coalesce(max(id), 0) AS n FROM customers').get() as { n: number }).n
  }

  /**
   * Drops the search index's insert trigger until the returned function puts it back; both
   * inside one transaction, so no other connection ever sees the schema without it. Even when
   * it does not fire, a trigger that writes FTS5 makes each INSERT flush FTS5's pending data.
   */
  suspendInsertIndexing(): () => void {
    const row = this.db
      .prepare("SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = ?")
      .get('customers_search_insert') as { sql: string } | undefined
    if (!row) return () => undefined
    this.db.exec('DROP TRIGGER customers_search_insert')
    return () => this.db.exec(row.sql)
  }

  /** Lists every customer with an id above `afterId` in the search backlog. */
  addToSearchBacklog(afterId: number): void {
    this.sql(
      'INSERT OR IGNORE INTO customer_search_backlog (id) SELECT id FROM customers WHERE id > ?'
    ).run(afterId)
  }

  hasSearchBacklog(): boolean {
    return (
      (
        this.sql('SELECT EXISTS (SELECT 1 FROM customer_search_backlog) AS b').get() as {
          b: number
        }
      ).b === 1
    )
  }

  /**
   * Indexes up to `limit` customers of the backlog (oldest first): how many, and whether any
   * is left. FTS5's automerge is off while a backlog is left (the catch-up merges in slices of
   * its own, see mergeSearchIndex): each time it runs, automerge writes 64 pages per level of
   * the index in the one transaction that happens to cross its threshold, 30–60 ms at 100k
   * customers whatever the slice's size. It is back on in the transaction that empties the
   * backlog, so a crash cannot leave it off with nothing left to catch up.
   */
  indexSearchBacklog(limit: number): { indexed: number; more: boolean } {
    const { upTo, n } = this.sql(
      `SELECT max(id) AS upTo, count(*) AS n FROM (
         SELECT id FROM customer_search_backlog ORDER BY id LIMIT ?)`
    ).get(limit) as { upTo: number | null; n: number }
    const more = upTo !== null && n === limit && this.hasSearchBacklogAbove(upTo)
    this.setSearchAutomerge(more ? 0 : FTS5_AUTOMERGE)
    if (upTo !== null) for (const sql of INDEX_BACKLOG_SQL) this.sql(sql).run({ upTo })
    return { indexed: n, more: this.hasSearchBacklog() }
  }

  private hasSearchBacklogAbove(id: number): boolean {
    const row = this.sql(
      'SELECT EXISTS (SELECT 1 FROM customer_search_backlog WHERE id > ?) AS b'
    ).get(id) as { b: number }
    return row.b === 1
  }

  private setSearchAutomerge(value: number): void {
    for (const table of ['customer_search', 'customer_search_name']) {
      // FTS5 takes the setting only as an integer; a bound JS number arrives as a REAL
      this.sql(
        `INSERT INTO ${table}(${table}, rank) VALUES ('automerge', ${Math.trunc(value)})`
      ).run()
    }
  }

  /**
   * One slice of an incremental 'optimize' of a search index: FTS5's 'merge' command writes
   * about `pages` pages (negative: first gather every segment onto one level, see the FTS5
   * documentation). False when it found nothing to merge: total_changes() grew by less than 2.
   */
  mergeSearchIndex(table: 'customer_search' | 'customer_search_name', pages: number): boolean {
    const changes = this.sql('SELECT total_changes() AS n')
    const before = (changes.get() as { n: number }).n
    this.sql(`INSERT INTO ${table}(${table}, rank) VALUES ('merge', ?)`).run(pages)
    return (changes.get() as { n: number }).n - before >= 2
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
   * Substring search (see search/search-grams.ts). With the default relevance order, customers
   * whose name holds every term come first, then the others, each newest first. The name
   * matches are read from the small names-only index, only as many as the page needs; the
   * rest from the whole index, skipping those. The total is counted exactly up to
   * SEARCH_TOTAL_CAP, and `totalCapped` says when there are more. A whole tax ID that exists
   * is answered from the unique index alone.
   */
  search(params: SearchParams): SearchPage {
    const query = params.query ? parseSearchQuery(params.query) : null
    if (!query) return this.list(params)
    const scope: Scope = params.archivedOnly
      ? 'archived'
      : params.includeArchived
        ? 'all'
        : 'active'
    const scoped = (match: string): string =>
      scope === 'active'
        ? `(${match}) NOT {state} : archived`
        : scope === 'archived'
          ? `(${match}) AND {state} : archived`
          : match
    const whole = this.wholeTaxId(query.terms, scope)
    if (whole) {
      const items = params.offset === 0 ? [whole] : []
      return { items, total: 1, totalCapped: false }
    }
    const backlog = this.hasSearchBacklog() ? scope : null
    const base = this.baseParams(query, backlog)
    const checks = query.checkTerms.length
    const total = this.countCapped(scoped(query.all), checks, backlog, base)
    const capped = {
      total: Math.min(total, SEARCH_TOTAL_CAP),
      totalCapped: total > SEARCH_TOTAL_CAP
    }
    const sort = params.sort ?? 'relevance'
    if (sort !== 'relevance') {
      // Past the cap, matches are 1% of the registry or more: walking the order's index and
      // keeping the matches beats sorting them all (a deep page of 有限公司 by name: 0.6–1 s).
      const walk = total > SEARCH_TOTAL_CAP
      const orderBy = this.orderBy(sort, params.order)
      const rows = this.sql(sortedPageSql(checks, backlog, orderBy, walk, scope)).all({
        ...base,
        match: scoped(query.all),
        limit: params.limit,
        offset: params.offset
      }) as Row[]
      return { items: rows.map(toCustomer), ...capped }
    }
    const wanted = params.offset + params.limit
    const page = (
      table: 'customer_search' | 'customer_search_name',
      match: string,
      exclude: number[],
      limit: number,
      offset: number
    ): number[] =>
      (
        this.sql(pageIdsSql(table, checks, backlog)).all({
          ...base,
          match,
          exclude: JSON.stringify(exclude),
          limit,
          offset
        }) as { id: number }[]
      ).map((r) => r.id)
    const first = page('customer_search_name', scoped(query.names), [], wanted, 0)
    let ids = first.slice(params.offset)
    if (first.length < wanted) {
      const restOffset = Math.max(0, params.offset - first.length)
      ids = ids.concat(
        page('customer_search', scoped(query.all), first, params.limit - ids.length, restOffset)
      )
    }
    return { items: this.byIds(ids), ...capped }
  }

  /** The check terms as @m0, @m1, … and every term for the backlog's scan. */
  private baseParams(query: SearchQuery, backlog: Scope | null): Record<string, string> {
    const base: Record<string, string> = {}
    query.checkTerms.forEach((t, i) => (base[`m${i}`] = t))
    if (backlog) base.terms = JSON.stringify(query.terms)
    return base
  }

  private wholeTaxId(terms: string[], scope: Scope): Customer | null {
    const term = terms.length === 1 ? (terms[0] as string) : ''
    if (!/^[0-9a-z]{18}$/.test(term)) return null
    const found = this.findByTaxId(term.toUpperCase())
    if (!found) return null
    const archived = found.archivedAt !== null
    return scope === 'all' || (scope === 'archived') === archived ? found : null
  }

  /** Matches counted up to one past the cap (a lower bound beyond it), the backlog's added. */
  private countCapped(
    match: string,
    checks: number,
    backlog: Scope | null,
    base: Record<string, string>
  ): number {
    const count = (sql: string, params: object): number =>
      (this.sql(sql).get(params) as { n: number }).n
    const indexed = count(countSql(checks), { ...base, match })
    return backlog ? indexed + count(backlogCountSql(backlog), base) : indexed
  }

  private byIds(ids: number[]): Customer[] {
    if (ids.length === 0) return []
    const rows = this.sql(
      'SELECT * FROM customers WHERE id IN (SELECT value FROM json_each(?))'
    ).all(JSON.stringify(ids)) as Row[]
    const byId = new Map(rows.map((r) => [r.id as number, r]))
    return ids.flatMap((id) => {
      const row = byId.get(id)
      return row ? [toCustomer(row)] : []
    })
  }

  private list(params: SearchParams): SearchPage {
    // Active customers: the (archived_at, order) indexes of migrations 001 and 009 hand them
    // over in order. Archived ones are few: the planner, without statistics, would walk an
    // order's index over every customer to find them (0.3–0.5 s for the first page); through
    // the archived_at index it reads only them and sorts those.
    const where = params.archivedOnly
      ? 'INDEXED BY customers_archived_updated WHERE archived_at IS NOT NULL'
      : params.includeArchived
        ? ''
        : 'WHERE archived_at IS NULL'
    const sort = !params.sort || params.sort === 'relevance' ? 'updatedAt' : params.sort
    const total = (
      this.sql(`SELECT count(*) AS n FROM customers c ${where}`).get() as { n: number }
    ).n
    const orderBy = this.orderBy(sort, params.order)
    const all = params.includeArchived && !params.archivedOnly
    const rows = this.sql(
      all && sort === 'name'
        ? byNameWithArchivedSql(orderBy)
        : `SELECT c.* FROM customers c ${where} ORDER BY ${orderBy} LIMIT ? OFFSET ?`
    ).all(params.limit, params.offset) as Row[]
    return { items: rows.map(toCustomer), total, totalCapped: false }
  }

  private orderBy(sort: Exclude<CustomerSort, 'relevance'>, order?: 'asc' | 'desc'): string {
    const dir = order ? order.toUpperCase() : sort === 'name' ? 'ASC' : 'DESC'
    return `${SORT_SQL[sort]} ${dir}, c.id ${dir}`
  }
}
