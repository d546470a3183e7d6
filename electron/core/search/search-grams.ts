/**
 * Search text for the FTS5 index. FTS5's trigram tokenizer cannot answer one- or
 * two-character queries (兰州, 华为), which are the common case in Chinese, so the index holds
 * overlapping character bigrams instead: "兰州市" → "兰州 州市 市". A query of n ≥ 2 characters
 * becomes the phrase of its n−1 bigrams (consecutive positions, so it is an exact substring
 * match); one character becomes a prefix query. Each value ends with its last character as a
 * unigram so one-character queries also find a value's final character.
 */

/** Lower-case, drop everything but letters and digits: "(0755) 8888" → "07558888". */
export function normalizeForSearch(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '')
}

export function bigramTokens(text: string): string[] {
  const chars = [...normalizeForSearch(text)]
  if (chars.length === 0) return []
  const tokens: string[] = []
  for (let i = 0; i + 1 < chars.length; i++) tokens.push(chars[i]! + chars[i + 1]!)
  tokens.push(chars[chars.length - 1]!)
  return tokens
}

/** The indexed text of one column, from one or more field values. */
export function searchGrams(...values: (string | null | undefined)[]): string {
  return values
    .filter((v): v is string => typeof v === 'string' && v !== '')
    .map((v) => bigramTokens(v).join(' '))
    .filter((s) => s !== '')
    .join(' ')
}

/** The columns a user's query searches; `state` is internal. */
export const SEARCH_COLUMNS = ['name', 'tax_id', 'contact', 'address', 'phone'] as const

/**
 * An FTS5 MATCH expression for a user's query: every whitespace-separated term must occur
 * (AND) in the given columns (default: all searchable ones). Returns null when the query has
 * nothing searchable. Terms are reduced to letters and digits, so FTS syntax cannot leak in.
 */
export function matchExpression(
  query: string,
  columns: readonly string[] = SEARCH_COLUMNS
): string | null {
  const terms = query
    .split(/\s+/)
    .map(normalizeForSearch)
    .filter((t) => t !== '')
  if (terms.length === 0) return null
  const parts = terms.map((term) => {
    const chars = [...term]
    if (chars.length === 1) return `"${term}"*`
    const grams: string[] = []
    for (let i = 0; i + 1 < chars.length; i++) grams.push(chars[i]! + chars[i + 1]!)
    return `"${grams.join(' ')}"`
  })
  return `{${columns.join(' ')}} : (${parts.join(' AND ')})`
}
