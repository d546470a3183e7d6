import type { Migration } from './migration'

/**
 * The go-live acceptance form (issue 5). A form is a chain of versions: editing or signing a
 * form that is already signed adds a row that supersedes it, and the signed row stays as it
 * was. The form itself is JSON (acceptance-form.ts), so fields and checklist rows can change
 * without a migration. Every written .docx is recorded with its SHA-256 so a copy can be
 * verified later; scans of the paper form are kept in the database, not as loose files.
 */
export const migration004: Migration = {
  version: 4,
  name: 'acceptance',
  up: `
    CREATE TABLE acceptance_forms (
      id INTEGER PRIMARY KEY,
      delivery_id INTEGER NOT NULL REFERENCES deliveries(id) ON DELETE CASCADE,
      version INTEGER NOT NULL CHECK (version >= 1),
      -- the document number printed on the form; every version of one form shares it
      form_number TEXT NOT NULL,
      status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'signed')),
      data TEXT NOT NULL CHECK (json_valid(data)),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      signed_at TEXT,
      supersedes_id INTEGER REFERENCES acceptance_forms(id),
      UNIQUE (form_number, version)
    );
    CREATE INDEX acceptance_forms_delivery ON acceptance_forms(delivery_id, version);

    CREATE TABLE acceptance_exports (
      id INTEGER PRIMARY KEY,
      form_id INTEGER NOT NULL REFERENCES acceptance_forms(id) ON DELETE CASCADE,
      version INTEGER NOT NULL,
      path TEXT NOT NULL,
      sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
      size INTEGER NOT NULL,
      exported_at TEXT NOT NULL
    );
    CREATE INDEX acceptance_exports_sha256 ON acceptance_exports(sha256);
    CREATE INDEX acceptance_exports_form ON acceptance_exports(form_id, id);

    CREATE TABLE acceptance_scans (
      id INTEGER PRIMARY KEY,
      form_id INTEGER NOT NULL REFERENCES acceptance_forms(id) ON DELETE CASCADE,
      file_name TEXT NOT NULL,
      mime TEXT NOT NULL CHECK (mime IN ('image/png', 'image/jpeg', 'application/pdf')),
      sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
      size INTEGER NOT NULL,
      data BLOB NOT NULL,
      attached_at TEXT NOT NULL
    );
    CREATE INDEX acceptance_scans_form ON acceptance_scans(form_id, id);
  `
}
