/**
 * Search text for the FTS5 indexes (migration 005). A user's query is a substring search over
 * normalized text (lower case, NFKC, letters and digits only), and every answer must equal a
 * plain `LIKE '%term%'` scan of the same values. The tokens make each query class cheap:
 *
 * - Chinese (any run of letters that are not ASCII): overlapping bigrams, "兰州市" → 兰州 州市.
 *   A query of n ≥ 2 characters is the phrase of its n−1 bigrams (consecutive positions).
 * - Runs of ASCII digits and letters (tax IDs, phones, Latin names): their 4- and 3-grams,
 *   each size listed consecutively. Digits have only 100 pairs, each in most rows ("91" in 89%
 *   of tax IDs), so a digit query is answered by the longest grams: 4 characters is one token,
 *   longer is the phrase of its 4-grams, 3 one token; a pair of letters is one token too (few
 *   of them). Any other pair ("13", "a5") is in a run of two (kept whole as a token) or in a
 *   3-gram that starts or ends with it: the OR of those 73 tokens is exact. (Looking such a
 *   pair up by its two characters and checking every row cost 8–11 ms at 100k customers:
 *   most rows hold both digits somewhere, few next to each other.)
 * - Every distinct character of the values in a `chars` column, for one-character queries
 *   (instead of a prefix index, which would double the index).
 *
 * - Where a run of one kind meets a run of the other, the pair of characters at the seam
 *   ("e家" of "TCLe家", "5号" of "25号"): 2.7 a customer, of 580 kinds at 100k customers.
 *
 * Because each gram size of a run is listed consecutively and runs alternate kinds, a phrase can
 * only match inside one run of one value: the phrase answers are exact. A query term that
 * spans kinds ("e家", "州0931") is answered by the AND of its runs and its seams, and then
 * checked against the values themselves (`checkTerms`); a term of one character of each kind
 * is exactly its seam and needs no check. Its seams make the candidates few:
 * without them "a州" took every row holding an "a" and a "州" anywhere (30k of 100k, 0 hits,
 * 0.23 s), and a mixed term's runs are often single characters.
 */

const NON_WORD = /[^\p{L}\p{N}]+/gu
// Only these change under NFKC in practice (full-width forms, circled and enclosed numbers,
// compatibility ideographs); skipping NFKC otherwise keeps indexing cheap.
const COMPAT = /[\u2150-\u24ff\u3000-\u33ff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]/

// Text made only of ASCII and the common CJK ideographs (every one a letter, none changed by
// NFKC or lower-casing) is normalized without the Unicode-property regex: the import's hot path
// (issue 13) normalizes seven values a row. Anything else takes the general path.
const PLAIN = /^[\u0020-\u007f\u4e00-\u9fa5]*$/
const PLAIN_DROP = /[^0-9a-z\u4e00-\u9fa5]+/g

/** NFKC (full-width digits and letters become ASCII), lower case, letters and digits only. */
export function normalizeForSearch(text: string): string {
  if (PLAIN.test(text)) return text.toLowerCase().replace(PLAIN_DROP, '')
  const s = COMPAT.test(text) ? text.normalize('NFKC') : text
  return s.toLowerCase().replace(NON_WORD, '')
}

export interface SearchRun {
  /** ASCII letters and digits (n-grams of 2–4) or anything else (bigrams) */
  ascii: boolean
  chars: string[]
}

function isLetter(code: number): boolean {
  return code >= 97 && code <= 122
}

function isAscii(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 97 && code <= 122)
}

/** Characters of normalized text (code points; surrogate pairs kept whole). */
function charsOf(text: string): string[] {
  return /[\ud800-\udfff]/.test(text) ? Array.from(text) : text.split('')
}

/** Splits normalized text into runs of ASCII letters and digits and runs of anything else. */
export function searchRuns(normalized: string): SearchRun[] {
  const runs: SearchRun[] = []
  let current: SearchRun | null = null
  for (const ch of charsOf(normalized)) {
    const ascii = isAscii(ch.charCodeAt(0))
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
  for (let i = 0; i + size <= chars.length; i++) {
    let g = chars[i] as string
    for (let k = 1; k < size; k++) g += chars[i + k] as string
    out.push(g)
  }
  return out
}

/**
 * The indexed tokens of one value, as FTS5 reads them (space separated): the tokens of its
 * normalized text (see normalizedTokens).
 */
export function indexTokens(value: string | null | undefined): string {
  return value ? normalizedTokens(normalizeForSearch(value)) : ''
}

/**
 * The tokens of normalized text. Written over char codes and slices without per-character
 * arrays or objects: the import indexes every row it adds (issue 13).
 */
export function normalizedTokens(text: string): string {
  if (/[\ud800-\udfff]/.test(text)) return runTokens(text)
  const parts: string[] = []
  const n = text.length
  let start = 0
  while (start < n) {
    const ascii = isAscii(text.charCodeAt(start))
    let end = start + 1
    while (end < n && isAscii(text.charCodeAt(end)) === ascii) end++
    if (ascii) asciiRunTokens(text, start, end, parts)
    else for (let i = start; i + 1 < end; i++) parts.push(text.slice(i, i + 2))
    if (end < n) parts.push(text.slice(end - 1, end + 1))
    start = end
  }
  return parts.join(' ')
}

function asciiRunTokens(text: string, start: number, end: number, parts: string[]): void {
  // Longest first: a 4-gram list is always followed by this run's 3- and 2-grams, so a
  // phrase of 4-grams never runs on into the next run.
  for (let size = 4; size >= 3; size--) {
    for (let i = start; i + size <= end; i++) parts.push(text.slice(i, i + size))
  }
  // Letter pairs ("ma" of MA… tax IDs, Latin names) are few and looked up often.
  let letterPairs = 0
  for (let i = start; i + 2 <= end; i++) {
    if (isLetter(text.charCodeAt(i)) && isLetter(text.charCodeAt(i + 1))) {
      parts.push(text.slice(i, i + 2))
      letterPairs++
    }
  }
  // A short run is kept as a token: a pair of other characters is looked up by it (see the
  // top), and with it a run is never empty of tokens.
  if (end - start < 3 && letterPairs === 0) parts.push(text.slice(start, end))
}

/** The same tokens for text with characters outside the BMP (kept whole). */
function runTokens(text: string): string {
  const parts: string[] = []
  const runs = searchRuns(text)
  runs.forEach((run, r) => {
    const n = run.chars.length
    if (run.ascii) {
      const joined = run.chars.join('')
      asciiRunTokens(joined, 0, joined.length, parts)
    } else {
      for (let i = 0; i + 1 < n; i++)
        parts.push((run.chars[i] as string) + (run.chars[i + 1] as string))
    }
    const next = runs[r + 1]
    if (next) parts.push(boundaryToken(run, next))
  })
  return parts.join(' ')
}

/** The last character of a run and the first of the next (other kind): see the top. */
function boundaryToken(run: SearchRun, next: SearchRun): string {
  return (run.chars[run.chars.length - 1] as string) + (next.chars[0] as string)
}

/** Every distinct character of the values, for one-character queries. */
export function indexChars(...values: (string | null | undefined)[]): string {
  return normalizedChars(values.map((v) => (v ? normalizeForSearch(v) : '')))
}

/** Every distinct character of normalized texts, in order of first appearance. */
export function normalizedChars(texts: readonly string[]): string {
  const seen = new Set<string>()
  for (const t of texts) {
    if (/[\ud800-\udfff]/.test(t)) for (const ch of t) seen.add(ch)
    else for (let i = 0; i < t.length; i++) seen.add(t[i] as string)
  }
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
  /** FTS5 MATCH over the whole index */
  all: string
  /** FTS5 MATCH over the names-only index */
  names: string
  /** the terms that span runs of both kinds: the index's answers for them are candidates to check */
  checkTerms: string[]
  /** some term needs the check (`checkTerms` is not empty) */
  needsCheck: boolean
}

function quote(token: string): string {
  return `"${token}"`
}

const ASCII_CHARS = '0123456789abcdefghijklmnopqrstuvwxyz'.split('')

/** The FTS5 expression for one run of a term, within the given columns (or `chars`). */
function runExpression(run: SearchRun, columns: string): string {
  const n = run.chars.length
  if (n === 1) return `{chars} : ${quote(run.chars[0] as string)}`
  if (run.ascii && n === 2 && !letterPair(run)) {
    // a run of exactly these two, or a 3-gram that starts or ends with them (see the top)
    const pair = run.chars.join('')
    const tokens = [pair, ...ASCII_CHARS.map((c) => pair + c), ...ASCII_CHARS.map((c) => c + pair)]
    return `{${columns}} : (${tokens.map(quote).join(' OR ')})`
  }
  const size = run.ascii ? Math.min(n, 4) : 2
  return `{${columns}} : ${quote(grams(run.chars, size).join(' '))}`
}

function letterPair(run: SearchRun): boolean {
  return run.chars.every((ch) => isLetter(ch.charCodeAt(0)))
}

/** A term of one character of each kind ("e家", "5号"): its seam token is the whole answer. */
function isSeam(runs: SearchRun[]): boolean {
  return runs.length === 2 && runs.every((run) => run.chars.length === 1)
}

function termExpression(term: string, columns: string): string {
  const runs = searchRuns(term)
  if (isSeam(runs)) {
    return `{${columns}} : ${quote(boundaryToken(runs[0] as SearchRun, runs[1] as SearchRun))}`
  }
  const boundaries = runs
    .slice(1)
    .map((next, r) => `{${columns}} : ${quote(boundaryToken(runs[r] as SearchRun, next))}`)
  return [...runs.map((run) => runExpression(run, columns)), ...boundaries].join(' AND ')
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
  const checkTerms = [
    ...new Set(
      terms.filter((t) => {
        const runs = searchRuns(t)
        return runs.length > 1 && !isSeam(runs)
      })
    )
  ]
  return {
    terms,
    all: terms.map((t) => `(${termExpression(t, all)})`).join(' AND '),
    names: terms.map((t) => `(${termExpression(t, 'name')})`).join(' AND '),
    checkTerms,
    needsCheck: checkTerms.length > 0
  }
}

/** Whether every term occurs in one of the values: the check behind `needsCheck`. */
export function containsEveryTerm(terms: string[], values: (string | null)[]): boolean {
  let joined = ''
  for (const v of values) if (v) joined += normalizeForSearch(v) + '\u0000'
  return terms.every((t) => joined.includes(t))
}
