import type { Migration } from './migration'

/** Customers, their search index and the audit log. */
export const migration001: Migration = {
  version: 1,
  name: 'registry',
  up: `
    CREATE TABLE customers (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      tax_id TEXT NOT NULL,
      address TEXT NOT NULL DEFAULT '',
      phone TEXT NOT NULL DEFAULT '',
      bank_name TEXT NOT NULL DEFAULT '',
      bank_account TEXT NOT NULL DEFAULT '',
      invoicer TEXT NOT NULL DEFAULT '',
      admin_mobile TEXT NOT NULL DEFAULT '',
      contact_name TEXT NOT NULL DEFAULT '',
      contact_phone TEXT NOT NULL DEFAULT '',
      email TEXT NOT NULL DEFAULT '',
      notes TEXT NOT NULL DEFAULT '',
      tax_id_override_reason TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      archived_at TEXT
    );
    CREATE UNIQUE INDEX customers_tax_id ON customers(tax_id);
    CREATE INDEX customers_archived_updated ON customers(archived_at, updated_at);
    CREATE INDEX customers_updated_at ON customers(updated_at);
    CREATE INDEX customers_created_at ON customers(created_at);
    CREATE INDEX customers_name ON customers(name);

    -- Contentless: holds only the bigram index, rows are found by rowid = customers.id.
    -- "state" holds the token "archived" for archived customers, so a search can filter and
    -- count without touching the customers table.
    CREATE VIRTUAL TABLE customer_search USING fts5(
      name, tax_id, contact, address, phone, state,
      content = '', contentless_delete = 1, tokenize = 'unicode61', prefix = '1'
    );

    CREATE TRIGGER customers_search_insert AFTER INSERT ON customers BEGIN
      INSERT INTO customer_search(rowid, name, tax_id, contact, address, phone, state)
      VALUES (new.id, dd_search_grams(new.name), dd_search_grams(new.tax_id),
              dd_search_grams(new.contact_name), dd_search_grams(new.address),
              dd_search_grams(new.phone, new.contact_phone, new.admin_mobile),
              CASE WHEN new.archived_at IS NULL THEN '' ELSE 'archived' END);
    END;
    CREATE TRIGGER customers_search_update AFTER UPDATE OF
      name, tax_id, contact_name, address, phone, contact_phone, admin_mobile, archived_at
      ON customers BEGIN
      DELETE FROM customer_search WHERE rowid = old.id;
      INSERT INTO customer_search(rowid, name, tax_id, contact, address, phone, state)
      VALUES (new.id, dd_search_grams(new.name), dd_search_grams(new.tax_id),
              dd_search_grams(new.contact_name), dd_search_grams(new.address),
              dd_search_grams(new.phone, new.contact_phone, new.admin_mobile),
              CASE WHEN new.archived_at IS NULL THEN '' ELSE 'archived' END);
    END;
    CREATE TRIGGER customers_search_delete AFTER DELETE ON customers BEGIN
      DELETE FROM customer_search WHERE rowid = old.id;
    END;

    CREATE TABLE audit_log (
      id INTEGER PRIMARY KEY,
      at TEXT NOT NULL,
      actor TEXT NOT NULL,
      action TEXT NOT NULL,
      entity_type TEXT NOT NULL,
      entity_id INTEGER,
      details TEXT NOT NULL DEFAULT '{}'
    );
    CREATE INDEX audit_log_entity ON audit_log(entity_type, entity_id, id);
  `
}
