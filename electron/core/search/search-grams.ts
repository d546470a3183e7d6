/**
 * Search text for the FTS5 indexes (migration 005). A user's query is a substring search over
 * normalized text (lower case, NFKC, letters and digits only), and every answer must equal a
 * plain `LIKE '%term%'` scan of the same values. The tokens make each query class cheap:
 *
 * - Chinese (any run of letters that are not ASCII): overlapping bigrams, "兰州市" → 兰州 州市.
 *   A query of n ≥ 2 characters is the phrase of its n−1 bigrams (consecutive positions).
 * - Runs of ASCII digits and letters (tax IDs, phones, Latin names): their 2-, 3- and 4-grams,
 *   each size listed consecutively. Digits have only 100 pairs, each in most rows ("91" in 89%
 *   of tax IDs), so a digit query is answered by the longest grams: 4 characters is one token,
 *   longer is the phrase of its 4-grams, 2 and 3 characters one token each.
 * - Every distinct character of the values in a `chars` column, for one-character queries
 *   (instead of a prefix index, which would double the index).
 *
 * Because each gram size of a run is listed consecutively and runs alternate kinds, a phrase can
 * only match inside one run of one value: the phrase answers are exact. A query term that
 * spans kinds ("e家", "州0931") is answered by the AND of its runs and then checked against
 * the values themselves (`needsCheck`).
 */

/** NFKC (full-width digits and letters become ASCII), lower case, letters and digits only. */
export function normalizeForSearch(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '')
}

export interface SearchRun {
  /** ASCII letters and digits (n-grams of 2–4) or anything else (bigrams) */
  ascii: boolean
  chars: string[]
}

const ASCII = /^[a-z0-9]$/

/** Splits normalized text into runs of ASCII letters and digits and runs of anything else. */
export function searchRuns(normalized: string): SearchRun[] {
  const runs: SearchRun[] = []
  let current: SearchRun | null = null
  for (const ch of normalized) {
    const ascii = ASCII.test(ch)
    if (!current || current.ascii !== ascii) {
      current = { ascii, chars: [] }
      runs.push(current)
    }
    current.chars.push(ch)
  }
  return runs
}

function grams(chars: string[], size: number): string[] {
  const out: string[] = []
  for (let i = 0; i + size <= chars.length; i++) out.push(chars.slice(i, i + size).join(''))
  return out
}

/** The indexed tokens of one value, as FTS5 reads them (space separated). */
export function indexTokens(value: string | null | undefined): string {
  if (!value) return ''
  const tokens: string[] = []
  for (const run of searchRuns(normalizeForSearch(value))) {
    if (run.ascii) {
      // Longest first: a 4-gram list is always followed by this run's 3- and 2-grams, so a
      // phrase of 4-grams never runs on into the next run.
      for (const size of [4, 3, 2]) tokens.push(...grams(run.chars, size))
      // A lone letter or digit is kept as a token (never queried outside `chars`) so the
      // bigrams of the runs on either side are not adjacent: "兰州a州市" must not hold 兰州市.
      if (run.chars.length === 1) tokens.push(run.chars[0] as string)
    } else tokens.push(...grams(run.chars, 2))
  }
  return tokens.join(' ')
}

/** Every distinct character of the values, for one-character queries. */
export function indexChars(...values: (string | null | undefined)[]): string {
  const seen = new Set<string>()
  for (const v of values) if (v) for (const ch of normalizeForSearch(v)) seen.add(ch)
  return [...seen].join(' ')
}

/** The columns a user's query searches, one per field value; `chars` and `state` are internal. */
export const SEARCH_COLUMNS = [
  'name',
  'tax_id',
  'contact',
  'address',
  'phone',
  'contact_phone',
  'admin_mobile'
] as const

export interface SearchQuery {
  /** normalized terms, each of which must occur in some searched value */
  terms: string[]
  /** FTS5 MATCH over the whole index, or null when no term can be looked up there */
  all: string
  /** FTS5 MATCH over the names-only index */
  names: string
  /** some term spans runs of both kinds: index answers are candidates to check */
  needsCheck: boolean
}

function quote(token: string): string {
  return `"${token}"`
}

/** The FTS5 expression for one run of a term, within the given columns (or `chars`). */
function runExpression(run: SearchRun, columns: string): string {
  const n = run.chars.length
  if (n === 1) return `{chars} : ${quote(run.chars[0] as string)}`
  const size = run.ascii ? Math.min(n, 4) : 2
  return `{${columns}} : ${quote(grams(run.chars, size).join(' '))}`
}

function termExpression(term: string, columns: string): string {
  return searchRuns(term)
    .map((run) => runExpression(run, columns))
    .join(' AND ')
}

/**
 * Reads a user's query: whitespace-separated terms, all required. Returns null when nothing
 * searchable is left. Terms are reduced to letters and digits, so FTS syntax cannot leak in.
 */
export function parseSearchQuery(query: string): SearchQuery | null {
  const terms = query
    .split(/\s+/)
    .map(normalizeForSearch)
    .filter((t) => t !== '')
  if (terms.length === 0) return null
  const all = SEARCH_COLUMNS.join(' ')
  return {
    terms,
    all: terms.map((t) => `(${termExpression(t, all)})`).join(' AND '),
    names: terms.map((t) => `(${termExpression(t, 'name')})`).join(' AND '),
    needsCheck: terms.some((t) => searchRuns(t).length > 1)
  }
}

/** Whether every term occurs in one of the values: the check behind `needsCheck`. */
export function containsEveryTerm(terms: string[], values: (string | null)[]): boolean {
  const normalized = values.map((v) => (v ? normalizeForSearch(v) : ''))
  return terms.every((t) => normalized.some((v) => v.includes(t)))
}
