import type { Migration } from './migration'

/**
 * The search index gains a token where a run of ASCII letters and digits meets a run of other
 * characters (search/search-grams.ts, issue 13), so the index is rebuilt. Not here: indexing
 * 100k customers takes 10–20 s, which the app's start must not wait for. The indexes are
 * emptied (FTS5's 'delete-all', instant) and every customer goes to the search backlog
 * (migration 008), which the app indexes in short slices after it opens; until then a search
 * finds them by a scan, as after an import.
 */
export const migration010: Migration = {
  version: 10,
  name: 'search-seams',
  up: `
    INSERT INTO customer_search(customer_search) VALUES ('delete-all');
    INSERT INTO customer_search_name(customer_search_name) VALUES ('delete-all');
    INSERT OR IGNORE INTO customer_search_backlog (id) SELECT id FROM customers;
  `
}
