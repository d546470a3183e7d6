import type { Migration } from './migration'

/**
 * Evidence attachments per delivery and stage (issue 9): screenshots of the activation mail,
 * the 公众号 status, the 运维平台 screen, the first invoice as PDF/OFD/image. The bytes live in
 * the database beside their SHA-256, like acceptance scans, so a backup of the one file
 * carries them and nothing points at a loose file that may move.
 *
 * Stage 5 recorded a "test invoice"; a 数电 invoice is real from the moment it is issued, so
 * its answers become the first invoice's (test_invoice_* → first_invoice_*). `->` yields the
 * stored JSON (true stays true, not 1); json() keeps it JSON when set under the new key.
 */
const RENAMED = [
  ['test_invoice_issued', 'first_invoice_issued'],
  ['test_invoice_on', 'first_invoice_on'],
  ['test_invoice_number', 'first_invoice_number']
] as const

const renameAnswers = RENAMED.map(
  ([from, to]) => `
    UPDATE stage_progress
       SET answers = json_remove(json_set(answers, '$.${to}', json(answers -> '$.${from}')), '$.${from}')
     WHERE stage = 'linglong_config' AND json_type(answers, '$.${from}') IS NOT NULL;`
).join('\n')

export const migration006: Migration = {
  version: 6,
  name: 'evidence',
  up: `
    CREATE TABLE evidence (
      id INTEGER PRIMARY KEY,
      delivery_id INTEGER NOT NULL REFERENCES deliveries(id) ON DELETE CASCADE,
      stage TEXT NOT NULL,
      -- the file's name when added, without its folder
      name TEXT NOT NULL,
      mime TEXT NOT NULL
        CHECK (mime IN ('image/png', 'image/jpeg', 'application/pdf', 'application/ofd')),
      size INTEGER NOT NULL CHECK (size > 0 AND size <= 20971520),
      sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
      data BLOB NOT NULL,
      added_at TEXT NOT NULL,
      added_by TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX evidence_delivery ON evidence(delivery_id, stage, id);
    ${renameAnswers}
  `
}
