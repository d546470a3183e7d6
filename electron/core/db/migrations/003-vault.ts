import type { Migration } from './migration'

/**
 * The credential vault (issue 4). The data key itself is never stored: `vault` holds only its
 * wraps (by the passphrase through scrypt, and optionally by the OS), `credentials` only
 * AES-256-GCM ciphertexts. Field names are checked in code, not by a CHECK constraint.
 */
export const migration003: Migration = {
  version: 3,
  name: 'vault',
  up: `
    CREATE TABLE vault (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      -- version of the data key; part of every secret's additional authenticated data
      key_version INTEGER NOT NULL,
      -- HMAC-SHA256 of a constant under the data key: tells a right key from a wrong one
      -- (e.g. an OS wrap from an older vault) without holding any secret
      key_check BLOB NOT NULL,
      -- the passphrase wrap: scrypt parameters and salt, and the data key sealed with
      -- AES-256-GCM under the scrypt-derived key
      kdf TEXT NOT NULL CHECK (kdf = 'scrypt'),
      kdf_n INTEGER NOT NULL,
      kdf_r INTEGER NOT NULL,
      kdf_p INTEGER NOT NULL,
      kdf_salt BLOB NOT NULL,
      wrap_nonce BLOB NOT NULL,
      wrap_tag BLOB NOT NULL,
      wrapped_key BLOB NOT NULL,
      -- the OS wrap ("remember on this laptop"); NULL while that option is off
      os_wrapped_key BLOB,
      os_backend TEXT,
      os_wrapped_at TEXT,
      -- consecutive wrong passphrases, kept here so a restart does not reset the delay
      failed_attempts INTEGER NOT NULL DEFAULT 0,
      last_failed_at TEXT,
      created_at TEXT NOT NULL,
      passphrase_changed_at TEXT NOT NULL
    );

    CREATE TABLE credentials (
      id INTEGER PRIMARY KEY,
      customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
      field TEXT NOT NULL,
      key_version INTEGER NOT NULL,
      nonce BLOB NOT NULL,
      ciphertext BLOB NOT NULL,
      tag BLOB NOT NULL,
      delivery_id INTEGER REFERENCES deliveries(id) ON DELETE SET NULL,
      set_at TEXT NOT NULL,
      set_by TEXT NOT NULL DEFAULT '',
      -- NULL for the current value; set when a newer value replaced this one (history)
      replaced_at TEXT
    );
    CREATE UNIQUE INDEX credentials_current ON credentials(customer_id, field)
      WHERE replaced_at IS NULL;
    CREATE INDEX credentials_customer ON credentials(customer_id, field, id);
  `
}
