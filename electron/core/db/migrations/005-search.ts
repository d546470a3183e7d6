import type { Migration } from './migration'

export const INDEX_COLUMNS = `rowid, name, tax_id, contact, address, phone, contact_phone, admin_mobile, chars, state`
export const indexValues = (row: 'new' | 'c'): string => `
  ${row === 'new' ? 'new.id' : 'c.id'}, dd_search_index(${row}.name), dd_search_index(${row}.tax_id),
  dd_search_index(${row}.contact_name), dd_search_index(${row}.address),
  dd_search_index(${row}.phone), dd_search_index(${row}.contact_phone),
  dd_search_index(${row}.admin_mobile),
  dd_search_chars(${row}.name, ${row}.tax_id, ${row}.contact_name, ${row}.address, ${row}.phone,
                  ${row}.contact_phone, ${row}.admin_mobile),
  CASE WHEN ${row}.archived_at IS NULL THEN '' ELSE 'archived' END`
export const nameValues = (row: 'new' | 'c'): string => `
  ${row === 'new' ? 'new.id' : 'c.id'}, dd_search_index(${row}.name), dd_search_chars(${row}.name),
  CASE WHEN ${row}.archived_at IS NULL THEN '' ELSE 'archived' END`

/** The SQL that indexes customers whose id is above `@after` (the import's catch-up pass). */
export const INDEX_CUSTOMERS_AFTER = `
  INSERT INTO customer_search(${INDEX_COLUMNS})
    SELECT ${indexValues('c')} FROM customers c WHERE c.id > @after ORDER BY c.id;
  INSERT INTO customer_search_name(rowid, name, chars, state)
    SELECT ${nameValues('c')} FROM customers c WHERE c.id > @after ORDER BY c.id;`

/**
 * The search index of issue 13 (see search/search-grams.ts): CJK bigrams, 2/3/4-grams of
 * ASCII runs, one column per searched value, a `chars` column for one-character queries
 * instead of the prefix index, and a small names-only index so the name-first page does not
 * walk every address. Existing databases are re-indexed here, inside the migration.
 *
 * The triggers run unless the connection's `dd_search_live()` says no: an import turns it off,
 * inserts its rows, and indexes them in one pass before it commits.
 */
export const migration005: Migration = {
  version: 5,
  name: 'search',
  up: `
    DROP TRIGGER customers_search_insert;
    DROP TRIGGER customers_search_update;
    DROP TRIGGER customers_search_delete;
    DROP TABLE customer_search;

    CREATE VIRTUAL TABLE customer_search USING fts5(
      name, tax_id, contact, address, phone, contact_phone, admin_mobile, chars, state,
      content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 0'
    );
    CREATE VIRTUAL TABLE customer_search_name USING fts5(
      name, chars, state,
      content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 0'
    );

    CREATE TRIGGER customers_search_insert AFTER INSERT ON customers WHEN dd_search_live()
    BEGIN
      INSERT INTO customer_search(${INDEX_COLUMNS}) VALUES (${indexValues('new')});
      INSERT INTO customer_search_name(rowid, name, chars, state) VALUES (${nameValues('new')});
    END;
    CREATE TRIGGER customers_search_update AFTER UPDATE OF
      name, tax_id, contact_name, address, phone, contact_phone, admin_mobile, archived_at
      ON customers BEGIN
      DELETE FROM customer_search WHERE rowid = old.id;
      DELETE FROM customer_search_name WHERE rowid = old.id;
      INSERT INTO customer_search(${INDEX_COLUMNS}) VALUES (${indexValues('new')});
      INSERT INTO customer_search_name(rowid, name, chars, state) VALUES (${nameValues('new')});
    END;
    CREATE TRIGGER customers_search_delete AFTER DELETE ON customers BEGIN
      DELETE FROM customer_search WHERE rowid = old.id;
      DELETE FROM customer_search_name WHERE rowid = old.id;
    END;

    ${INDEX_CUSTOMERS_AFTER.replaceAll('@after', '0')}
    INSERT INTO customer_search(customer_search) VALUES ('optimize');
    INSERT INTO customer_search_name(customer_search_name) VALUES ('optimize');
  `
}
