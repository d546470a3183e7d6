import type { Migration } from './migration'
import { INDEX_COLUMNS, indexValues, nameValues } from './005-search'

/**
 * The search index's backlog (issue 13): an import adds its customers with the insert trigger
 * dropped for the length of its transaction (a trigger that writes FTS5 makes every INSERT
 * flush FTS5's pending data, whether it fires or not) and lists their ids here in the same
 * transaction. The index catches up afterwards in short transactions, at the latest when the
 * database is next opened; until then a search scans the listed customers as well, so no row
 * is ever missing from an answer, even after a crash between the import and the catch-up.
 *
 * An update or delete of a listed customer indexes (or drops) it at once, as for any other
 * customer, and takes it off the list so the catch-up does not index it twice.
 */
export const migration008: Migration = {
  version: 8,
  name: 'search-backlog',
  up: `
    CREATE TABLE customer_search_backlog (id INTEGER PRIMARY KEY);

    DROP TRIGGER customers_search_update;
    DROP TRIGGER customers_search_delete;
    CREATE TRIGGER customers_search_update AFTER UPDATE OF
      name, tax_id, contact_name, address, phone, contact_phone, admin_mobile, archived_at
      ON customers BEGIN
      DELETE FROM customer_search WHERE rowid = old.id;
      DELETE FROM customer_search_name WHERE rowid = old.id;
      DELETE FROM customer_search_backlog WHERE id = old.id;
      INSERT INTO customer_search(${INDEX_COLUMNS}) VALUES (${indexValues('new')});
      INSERT INTO customer_search_name(rowid, name, chars, state) VALUES (${nameValues('new')});
    END;
    CREATE TRIGGER customers_search_delete AFTER DELETE ON customers BEGIN
      DELETE FROM customer_search WHERE rowid = old.id;
      DELETE FROM customer_search_name WHERE rowid = old.id;
      DELETE FROM customer_search_backlog WHERE id = old.id;
    END;
  `
}

/** Indexes the backlog's customers with ids up to `@upTo` (the catch-up's one slice). */
export const INDEX_BACKLOG_SQL = [
  `INSERT INTO customer_search(${INDEX_COLUMNS})
     SELECT ${indexValues('c')} FROM customers c
     WHERE c.id IN (SELECT id FROM customer_search_backlog WHERE id <= @upTo) ORDER BY c.id`,
  `INSERT INTO customer_search_name(rowid, name, chars, state)
     SELECT ${nameValues('c')} FROM customers c
     WHERE c.id IN (SELECT id FROM customer_search_backlog WHERE id <= @upTo) ORDER BY c.id`,
  `DELETE FROM customer_search_backlog WHERE id <= @upTo`
]
