/**
 * The SQL text of customers.search, which customer-repository.ts runs: the index's passes, the
 * check of mixed terms, and the scan of the search backlog (migration 008). Pure: every
 * function returns SQL for the statement cache, with named parameters @match, @limit,
 * @offset, @exclude (a JSON array of ids), @m0, @m1, … (the check terms) and @terms (every term
 * as JSON, for the backlog's scan).
 */

/** Totals are exact up to this many matches; beyond, the page says `totalCapped`. */
export const SEARCH_TOTAL_CAP = 1000

export type Scope = 'active' | 'archived' | 'all'

export const VALUE_COLUMNS = [
  'c.name',
  'c.tax_id',
  'c.contact_name',
  'c.address',
  'c.phone',
  'c.contact_phone',
  'c.admin_mobile'
] as const
export const NAME_COLUMNS = ['c.name'] as const
type Columns = readonly string[]

// Values with a character outside printable ASCII and the common CJK ideographs, the text
// search-grams.ts normalizes by its general path (NFKC, Unicode lower case); GLOB compares code
// points in a range.
const NOT_PLAIN = `'*[^ -~一-龥]*'`

/**
 * Holds when each check term (@m0, @m1, …) occurs in one of the columns' normalized values.
 * Most candidates of a mixed term ("e家") are hits whose raw value holds the term as it is,
 * once ASCII is lower-cased: for a plain value that proves the hit (its normalized text is the
 * lower-cased text less some characters, so the term's characters stay next to each other),
 * in C, without calling into JavaScript for the row (2–3 µs each, most of a mixed term's
 * cost). Every other row gets the exact check, dd_search_contains.
 */
export function checkSql(columns: Columns, count: number): string {
  const one = (i: number): string => {
    const quick = columns.map((c) => `(instr(lower(${c}), @m${i}) AND NOT ${c} GLOB ${NOT_PLAIN})`)
    return `(${quick.join(' OR ')} OR dd_search_contains(json_array(@m${i}), ${columns.join(', ')}))`
  }
  return Array.from({ length: count }, (_, i) => one(i)).join(' AND ')
}

const SCOPE_SQL: Record<Scope, string> = {
  active: 'c.archived_at IS NULL',
  archived: 'c.archived_at IS NOT NULL',
  all: '1'
}

/** Customers an import added that the index does not hold yet, holding every term. */
export function backlogIdsSql(scope: Scope, columns: Columns): string {
  return `SELECT c.id FROM customer_search_backlog b JOIN customers c ON c.id = b.id
   WHERE ${SCOPE_SQL[scope]} AND dd_search_contains(@terms, ${columns.join(', ')})`
}

function indexIdsSql(table: string, columns: Columns, checks: number): string {
  return checks === 0
    ? `SELECT s.rowid AS id FROM ${table} s WHERE ${table} MATCH @match`
    : `SELECT s.rowid AS id FROM ${table} s JOIN customers c ON c.id = s.rowid
       WHERE ${table} MATCH @match AND ${checkSql(columns, checks)}`
}

/**
 * A page of ids from one index (the names-only one with NAME_COLUMNS), newest first, without
 * those in @exclude; with the backlog's customers when `backlog` gives its scope.
 */
export function pageIdsSql(
  table: 'customer_search' | 'customer_search_name',
  checks: number,
  backlog: Scope | null
): string {
  const columns = table === 'customer_search' ? VALUE_COLUMNS : NAME_COLUMNS
  const ids = indexIdsSql(table, columns, checks)
  const from = backlog ? `(${ids} UNION ALL ${backlogIdsSql(backlog, columns)})` : `(${ids})`
  return `SELECT id FROM ${from}
    WHERE id NOT IN (SELECT value FROM json_each(@exclude))
    ORDER BY id DESC LIMIT @limit OFFSET @offset`
}

/** The index's matches counted up to one past the cap. */
export function countSql(checks: number): string {
  return `SELECT count(*) AS n FROM (${indexIdsSql('customer_search', VALUE_COLUMNS, checks)}
    LIMIT ${SEARCH_TOTAL_CAP + 1})`
}

/** The backlog's matches counted up to one past the cap. */
export function backlogCountSql(scope: Scope): string {
  return `SELECT count(*) AS n FROM (${backlogIdsSql(scope, VALUE_COLUMNS)}
    LIMIT ${SEARCH_TOTAL_CAP + 1})`
}

/**
 * A page of whole rows in the given order (name, dates), with the backlog's rows when it holds some.
 * Either the matches are read by rowid and sorted, or (`walk`, for many matches) the order's
 * (archived_at, order) index is walked and each customer kept when it is among them: `+c.id`
 * keeps the planner from reading by rowid, and the scope (which the index's MATCH applies
 * already) lets it use that index.
 */
export function sortedPageSql(
  checks: number,
  backlog: Scope | null,
  orderBy: string,
  walk: boolean,
  scope: Scope
): string {
  const fromBacklog = backlog ? `UNION ALL ${backlogIdsSql(backlog, VALUE_COLUMNS)}` : ''
  const ids = `${indexIdsSql('customer_search', VALUE_COLUMNS, checks)} ${fromBacklog}`
  return `SELECT c.* FROM customers c
    WHERE ${SCOPE_SQL[scope]} AND ${walk ? '+c.id' : 'c.id'} IN (${ids})
    ORDER BY ${orderBy} LIMIT @limit OFFSET @offset`
}
