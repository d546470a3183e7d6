import type { Migration } from './migration'

/**
 * Binds every sealed value to its row (issue 12). Columns only: re-sealing the existing values
 * needs the data key, so VaultKeys does it at the first unlock after the upgrade
 * (vault-integrity.ts). `version` 0 marks a value still in the old format.
 */
export const migration007: Migration = {
  version: 7,
  name: 'vault-binding',
  up: `
    -- a sequence number from the manifest, never reused under one data key; part of the AAD
    ALTER TABLE credentials ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
    -- the set of current values (customer, field, row id, version), JSON, and its HMAC under
    -- a key derived from the data key; NULL until the first unlock after the upgrade
    ALTER TABLE vault ADD COLUMN manifest BLOB;
    ALTER TABLE vault ADD COLUMN manifest_mac BLOB;
  `
}
