/**
 * SQL for the `vault` and `credentials` tables and nothing else: the key rules live in
 * vault-key-service.ts, the credential rules in credential-service.ts.
 */
import { statementCache, type Db } from '../db/database'
import type { PassphraseWrap } from './key-provider'
import type { SealedBox } from './vault-crypto'

export interface VaultRecord {
  keyVersion: number
  keyCheck: Buffer
  passphraseWrap: PassphraseWrap
  osWrappedKey: Buffer | null
  osBackend: string | null
  osWrappedAt: string | null
  failedAttempts: number
  lastFailedAt: string | null
  createdAt: string
  passphraseChangedAt: string
  /** the authenticated set of current values (vault-integrity.ts); null before the upgrade */
  manifest: Buffer | null
  manifestMac: Buffer | null
}

export interface CredentialRecord {
  id: number
  customerId: number
  field: string
  keyVersion: number
  /** 0 for a value still in the format before migration 007 */
  version: number
  box: SealedBox
  deliveryId: number | null
  setAt: string
  setBy: string
  /** null for the current value */
  replacedAt: string | null
}

interface VaultRow {
  key_version: number
  key_check: Buffer
  kdf: 'scrypt'
  kdf_n: number
  kdf_r: number
  kdf_p: number
  kdf_salt: Buffer
  wrap_nonce: Buffer
  wrap_tag: Buffer
  wrapped_key: Buffer
  os_wrapped_key: Buffer | null
  os_backend: string | null
  os_wrapped_at: string | null
  failed_attempts: number
  last_failed_at: string | null
  created_at: string
  passphrase_changed_at: string
  manifest: Buffer | null
  manifest_mac: Buffer | null
}

interface CredentialRow {
  id: number
  customer_id: number
  field: string
  key_version: number
  version: number
  nonce: Buffer
  ciphertext: Buffer
  tag: Buffer
  delivery_id: number | null
  set_at: string
  set_by: string
  replaced_at: string | null
}

function toVault(row: VaultRow): VaultRecord {
  return {
    keyVersion: row.key_version,
    keyCheck: row.key_check,
    passphraseWrap: {
      kdf: row.kdf,
      params: { n: row.kdf_n, r: row.kdf_r, p: row.kdf_p },
      salt: row.kdf_salt,
      nonce: row.wrap_nonce,
      tag: row.wrap_tag,
      wrappedKey: row.wrapped_key
    },
    osWrappedKey: row.os_wrapped_key,
    osBackend: row.os_backend,
    osWrappedAt: row.os_wrapped_at,
    failedAttempts: row.failed_attempts,
    lastFailedAt: row.last_failed_at,
    createdAt: row.created_at,
    passphraseChangedAt: row.passphrase_changed_at,
    manifest: row.manifest,
    manifestMac: row.manifest_mac
  }
}

function toCredential(row: CredentialRow): CredentialRecord {
  return {
    id: row.id,
    customerId: row.customer_id,
    field: row.field,
    keyVersion: row.key_version,
    version: row.version,
    box: { nonce: row.nonce, ciphertext: row.ciphertext, tag: row.tag },
    deliveryId: row.delivery_id,
    setAt: row.set_at,
    setBy: row.set_by,
    replacedAt: row.replaced_at
  }
}

function wrapColumns(wrap: PassphraseWrap): Record<string, string | number | Buffer> {
  return {
    kdf: wrap.kdf,
    n: wrap.params.n,
    r: wrap.params.r,
    p: wrap.params.p,
    salt: wrap.salt,
    nonce: wrap.nonce,
    tag: wrap.tag,
    wrappedKey: wrap.wrappedKey
  }
}

export class VaultRepository {
  private readonly sql: ReturnType<typeof statementCache>

  constructor(db: Db) {
    this.sql = statementCache(db)
  }

  getVault(): VaultRecord | null {
    const row = this.sql('SELECT * FROM vault WHERE id = 1').get() as VaultRow | undefined
    return row ? toVault(row) : null
  }

  /** false when another process set the vault up first */
  insertVault(input: {
    keyVersion: number
    keyCheck: Buffer
    wrap: PassphraseWrap
    now: string
  }): boolean {
    const info = this.sql(
      `INSERT OR IGNORE INTO vault (id, key_version, key_check, kdf, kdf_n, kdf_r, kdf_p, kdf_salt,
         wrap_nonce, wrap_tag, wrapped_key, created_at, passphrase_changed_at)
       VALUES (1, @keyVersion, @keyCheck, @kdf, @n, @r, @p, @salt, @nonce, @tag, @wrappedKey,
         @now, @now)`
    ).run({
      keyVersion: input.keyVersion,
      keyCheck: input.keyCheck,
      now: input.now,
      ...wrapColumns(input.wrap)
    })
    return info.changes === 1
  }

  replacePassphraseWrap(wrap: PassphraseWrap, now: string): void {
    this.sql(
      `UPDATE vault SET kdf = @kdf, kdf_n = @n, kdf_r = @r, kdf_p = @p, kdf_salt = @salt,
         wrap_nonce = @nonce, wrap_tag = @tag, wrapped_key = @wrappedKey,
         passphrase_changed_at = @now
       WHERE id = 1`
    ).run({ ...wrapColumns(wrap), now })
  }

  setOsWrap(wrap: { blob: Buffer; backend: string; at: string } | null): void {
    this.sql(
      `UPDATE vault SET os_wrapped_key = @blob, os_backend = @backend, os_wrapped_at = @at
       WHERE id = 1`
    ).run(wrap ?? { blob: null, backend: null, at: null })
  }

  /** counts one more wrong passphrase and returns the new count */
  recordFailure(now: string): number {
    const row = this.sql(
      `UPDATE vault SET failed_attempts = failed_attempts + 1, last_failed_at = ?
       WHERE id = 1 RETURNING failed_attempts`
    ).get(now) as { failed_attempts: number } | undefined
    return row?.failed_attempts ?? 0
  }

  resetFailures(): void {
    this.sql(
      `UPDATE vault SET failed_attempts = 0, last_failed_at = NULL
       WHERE id = 1 AND failed_attempts <> 0`
    ).run()
  }

  currentCredential(customerId: number, field: string): CredentialRecord | null {
    const row = this.sql(
      `SELECT * FROM credentials
       WHERE customer_id = ? AND field = ? AND replaced_at IS NULL`
    ).get(customerId, field) as CredentialRow | undefined
    return row ? toCredential(row) : null
  }

  historyCredential(customerId: number, field: string, id: number): CredentialRecord | null {
    const row = this.sql(
      `SELECT * FROM credentials
       WHERE id = ? AND customer_id = ? AND field = ? AND replaced_at IS NOT NULL`
    ).get(id, customerId, field) as CredentialRow | undefined
    return row ? toCredential(row) : null
  }

  /** every value ever stored for the customer, current ones included, newest first */
  allCredentials(customerId: number): CredentialRecord[] {
    const rows = this.sql(
      'SELECT * FROM credentials WHERE customer_id = ? ORDER BY field, id DESC'
    ).all(customerId) as CredentialRow[]
    return rows.map(toCredential)
  }

  markReplaced(id: number, now: string): void {
    this.sql('UPDATE credentials SET replaced_at = ? WHERE id = ?').run(now, id)
  }

  insertCredential(input: {
    customerId: number
    field: string
    keyVersion: number
    version: number
    deliveryId: number | null
    now: string
    actor: string
  }): number {
    // Sealed afterwards (sealCredential): the row id is part of the value's AAD.
    const empty = Buffer.alloc(0)
    const info = this.sql(
      `INSERT INTO credentials (customer_id, field, key_version, version, nonce, ciphertext, tag,
         delivery_id, set_at, set_by)
       VALUES (@customerId, @field, @keyVersion, @version, @empty, @empty, @empty, @deliveryId,
         @now, @actor)`
    ).run({
      customerId: input.customerId,
      field: input.field,
      keyVersion: input.keyVersion,
      version: input.version,
      empty,
      deliveryId: input.deliveryId,
      now: input.now,
      actor: input.actor
    })
    return Number(info.lastInsertRowid)
  }

  /** the fields that have a current value (names only: nothing is opened) */
  currentFields(customerId: number): string[] {
    const rows = this.sql(
      `SELECT field FROM credentials
       WHERE customer_id = ? AND replaced_at IS NULL ORDER BY field`
    ).all(customerId) as { field: string }[]
    return rows.map((r) => r.field)
  }

  /** writes a row's sealed value, its version and the data key version it is sealed under */
  sealCredential(id: number, version: number, keyVersion: number, box: SealedBox): void {
    this.sql(
      `UPDATE credentials SET version = ?, key_version = ?, nonce = ?, ciphertext = ?, tag = ?
       WHERE id = ?`
    ).run(version, keyVersion, box.nonce, box.ciphertext, box.tag, id)
  }

  /** every stored value of every customer, oldest first (re-sealing at upgrade and rotation) */
  everyCredential(): CredentialRecord[] {
    const rows = this.sql('SELECT * FROM credentials ORDER BY id').all() as CredentialRow[]
    return rows.map(toCredential)
  }

  /** removes one field's values, current and history; the number removed */
  deleteField(customerId: number, field: string): number {
    return this.sql('DELETE FROM credentials WHERE customer_id = ? AND field = ?').run(
      customerId,
      field
    ).changes
  }

  /** removes a customer's replaced values; the number removed */
  deleteHistory(customerId: number): number {
    return this.sql(
      'DELETE FROM credentials WHERE customer_id = ? AND replaced_at IS NOT NULL'
    ).run(customerId).changes
  }

  setManifest(manifest: Buffer, mac: Buffer): void {
    this.sql('UPDATE vault SET manifest = ?, manifest_mac = ? WHERE id = 1').run(manifest, mac)
  }

  /** after a rotation: the new key's version and check, and the new passphrase wrap */
  replaceKey(keyVersion: number, keyCheck: Buffer, wrap: PassphraseWrap, now: string): void {
    this.sql('UPDATE vault SET key_version = ?, key_check = ? WHERE id = 1').run(
      keyVersion,
      keyCheck
    )
    this.replacePassphraseWrap(wrap, now)
  }

  setKeyCheck(keyCheck: Buffer): void {
    this.sql('UPDATE vault SET key_check = ? WHERE id = 1').run(keyCheck)
  }
}
