import type { Migration } from './migration'

/**
 * Deliveries (an order of the service for a customer), the progress of each of the seven
 * stages, and the incident log of stage 7. Checklist answers are JSON keyed by item, so the
 * checklist can grow without a migration.
 */
export const migration002: Migration = {
  version: 2,
  name: 'deliveries',
  up: `
    CREATE TABLE deliveries (
      id INTEGER PRIMARY KEY,
      customer_id INTEGER NOT NULL REFERENCES customers(id),
      order_number TEXT NOT NULL DEFAULT '',
      products TEXT NOT NULL DEFAULT '[]',
      planned_go_live TEXT,
      actual_go_live TEXT,
      implementer TEXT NOT NULL DEFAULT '',
      status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'done', 'cancelled')),
      notes TEXT NOT NULL DEFAULT '',
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
    CREATE INDEX deliveries_customer ON deliveries(customer_id, id);
    CREATE INDEX deliveries_status_go_live ON deliveries(status, planned_go_live);

    CREATE TABLE stage_progress (
      delivery_id INTEGER NOT NULL REFERENCES deliveries(id) ON DELETE CASCADE,
      stage TEXT NOT NULL,
      position INTEGER NOT NULL,
      status TEXT NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'in_progress', 'done', 'blocked', 'skipped')),
      answers TEXT NOT NULL DEFAULT '{}',
      notes TEXT NOT NULL DEFAULT '',
      reason TEXT,
      started_at TEXT,
      completed_at TEXT,
      updated_at TEXT NOT NULL,
      updated_by TEXT NOT NULL DEFAULT '',
      PRIMARY KEY (delivery_id, stage)
    ) WITHOUT ROWID;
    CREATE INDEX stage_progress_status ON stage_progress(status, delivery_id);

    CREATE TABLE incidents (
      id INTEGER PRIMARY KEY,
      customer_id INTEGER NOT NULL REFERENCES customers(id),
      delivery_id INTEGER REFERENCES deliveries(id),
      symptom TEXT NOT NULL,
      description TEXT NOT NULL DEFAULT '',
      cause TEXT NOT NULL DEFAULT '',
      action TEXT NOT NULL DEFAULT '',
      status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      resolved_at TEXT
    );
    CREATE INDEX incidents_customer ON incidents(customer_id, id);
    CREATE INDEX incidents_status ON incidents(status, id);
  `
}
