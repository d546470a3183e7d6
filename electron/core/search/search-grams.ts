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
 *   of them), other pairs are looked up by their characters and checked (a digit pair is in
 *   most rows, so the check stops early at the capped total).
 * - Every distinct character of the values in a `chars` column, for one-character queries
 *   (instead of a prefix index, which would double the index).
 *
 * Because each gram size of a run is listed consecutively and runs alternate kinds, a phrase can
 * only match inside one run of one value: the phrase answers are exact. A query term that
 * spans kinds ("e家", "州0931") is answered by the AND of its runs and then checked against
 * the values themselves (`needsCheck`).
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
  // A short run is kept as a token (never queried outside `chars`) so the bigrams of the
  // runs on either side are not adjacent: "兰州a州市" must not hold 兰州市.
  if (end - start < 3 && letterPairs === 0) parts.push(text.slice(start, end))
}

/** The same tokens for text with characters outside the BMP (kept whole). */
function runTokens(text: string): string {
  const parts: string[] = []
  for (const run of searchRuns(text)) {
    const n = run.chars.length
    if (run.ascii) {
      const joined = run.chars.join('')
      asciiRunTokens(joined, 0, joined.length, parts)
    } else {
      for (let i = 0; i + 1 < n; i++)
        parts.push((run.chars[i] as string) + (run.chars[i + 1] as string))
    }
  }
  return parts.join(' ')
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

/**
 * The FTS5 expression for one run of a term, within the given columns (or `chars`). Two ASCII
 * characters are looked up as two characters and checked (`needsCheck`): a digit pair is in
 * most rows anyway, and its own grams would cost a fifth of the index.
 */
function runExpression(run: SearchRun, columns: string): string {
  const n = run.chars.length
  if (n === 1 || (run.ascii && n === 2 && !letterPair(run))) {
    return run.chars.map((ch) => `{chars} : ${quote(ch)}`).join(' AND ')
  }
  const size = run.ascii ? Math.min(n, 4) : 2
  return `{${columns}} : ${quote(grams(run.chars, size).join(' '))}`
}

function letterPair(run: SearchRun): boolean {
  return run.chars.every((ch) => isLetter(ch.charCodeAt(0)))
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
    needsCheck: terms.some((t) => {
      const runs = searchRuns(t)
      const run = runs[0]
      return runs.length > 1 || (run?.ascii === true && run.chars.length === 2 && !letterPair(run))
    })
  }
}

/** Whether every term occurs in one of the values: the check behind `needsCheck`. */
export function containsEveryTerm(terms: string[], values: (string | null)[]): boolean {
  let joined = ''
  for (const v of values) if (v) joined += normalizeForSearch(v) + '\u0000'
  return terms.every((t) => joined.includes(t))
}
