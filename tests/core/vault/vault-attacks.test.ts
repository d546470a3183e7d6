/**
 * Issue 12's attacks on the vault, each performed as an attacker with write access to the
 * database file (but not the passphrase) would: an old vault row after a passphrase change, a
 * history value swapped into the current row, a rolled-back or deleted current value, parallel
 * guessing from several connections, and an upgrade from the first storage format.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { copyFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { openNodeCore } from '../../../electron/core/node-core'
import { CREDENTIAL_FIELD_KEYS } from '../../../electron/core/vault/credential-fields'
import type { CredentialService } from '../../../electron/core/vault/credential-service'
import { keyCheck, legacyCredentialAad, seal } from '../../../electron/core/vault/vault-crypto'
import { VaultKeys } from '../../../electron/core/vault/vault-key-service'
import { LANZHOU, tempCore, type TempCore } from '../../support/temp-core'
import {
  asyncRefusal,
  FAST_SCRYPT,
  liveDataKey,
  PASSPHRASE,
  refusal,
  SECRETS,
  vaultFor
} from './vault-fixture'

let t: TempCore
let keys: VaultKeys
let credentials: CredentialService
let lanzhou: number

beforeEach(() => {
  t = tempCore({ implementer: '王实施' })
  lanzhou = t.core.customers.create(LANZHOU).customer.id
  ;({ keys, credentials } = vaultFor(t))
})
afterEach(() => t.cleanup())

const db = (): Database.Database => t.core.deps.db

interface Row {
  id: number
  nonce: Buffer
  ciphertext: Buffer
  tag: Buffer
}

function rowsOf(field: string): Row[] {
  return db()
    .prepare('SELECT id, nonce, ciphertext, tag FROM credentials WHERE field = ? ORDER BY id')
    .all(field) as Row[]
}

describe('a passphrase change rotates the data key', () => {
  it('an old vault row with the old passphrase opens nothing stored after the change', async () => {
    await keys.setup(PASSPHRASE)
    credentials.set(lanzhou, 'fkey', SECRETS.fkey)
    const copy = join(t.dir, 'stolen.sqlite')
    db().pragma('wal_checkpoint(TRUNCATE)')
    copyFileSync(t.dbPath, copy)
    await keys.changePassphrase(PASSPHRASE, 'Another passphrase for the 黄河 vault')
    credentials.set(lanzhou, 'clientSecret', 'the-new-secret-after-the-change-0042')

    // the attacker puts the old `vault` row back
    const old = new Database(copy, { readonly: true })
    const oldVault = old.prepare('SELECT * FROM vault WHERE id = 1').get() as Record<
      string,
      unknown
    >
    old.close()
    const columns = Object.keys(oldVault)
    db()
      .prepare(`UPDATE vault SET ${columns.map((c) => `${c} = @${c}`).join(', ')} WHERE id = 1`)
      .run(oldVault)

    const again = vaultFor(t)
    // The old wrap still opens (it is the old key), but nothing sealed under the new key does.
    await again.keys.unlock(PASSPHRASE)
    const newSecret = refusal(() => again.credentials.reveal(lanzhou, 'clientSecret'))
    expect(newSecret.code).toBe('VAULT_TAMPERED')
    // even the value stored before the change was re-sealed under the new key
    expect(refusal(() => again.credentials.reveal(lanzhou, 'fkey')).code).toBe('VAULT_TAMPERED')
    const items = again.credentials.list(lanzhou).items
    expect(items.filter((i) => i.mask !== null)).toEqual([])
  })
})

describe('each value is bound to its row and the set of current values is authenticated', () => {
  beforeEach(async () => {
    await keys.setup(PASSPHRASE)
    credentials.set(lanzhou, 'clientSecret', 'revoked-client-secret-value-0001')
    credentials.set(lanzhou, 'clientSecret', 'current-client-secret-value-0002')
    credentials.set(lanzhou, 'fkey', SECRETS.fkey)
  })

  it('a history value written over the current row is VAULT_TAMPERED, not the revoked value', () => {
    const [history, current] = rowsOf('clientSecret')
    db()
      .prepare('UPDATE credentials SET nonce = ?, ciphertext = ?, tag = ? WHERE id = ?')
      .run(history?.nonce, history?.ciphertext, history?.tag, current?.id)
    expect(refusal(() => credentials.reveal(lanzhou, 'clientSecret')).code).toBe('VAULT_TAMPERED')
    const item = credentials.list(lanzhou).items.find((i) => i.field === 'clientSecret')
    expect(item?.tampered).toBe(true)
    // the untouched field still opens
    expect(credentials.reveal(lanzhou, 'fkey')).toBe(SECRETS.fkey)
  })

  it('rolling one value back to its previous row is VAULT_TAMPERED', () => {
    const [history, current] = rowsOf('clientSecret')
    db().prepare('DELETE FROM credentials WHERE id = ?').run(current?.id)
    db().prepare('UPDATE credentials SET replaced_at = NULL WHERE id = ?').run(history?.id)
    expect(refusal(() => credentials.reveal(lanzhou, 'clientSecret')).code).toBe('VAULT_TAMPERED')
    expect(credentials.list(lanzhou).items.find((i) => i.field === 'clientSecret')?.tampered).toBe(
      true
    )
  })

  it('deleting the current row is VAULT_TAMPERED on reveal and in the list, and audited', () => {
    const [, current] = rowsOf('clientSecret')
    db().prepare('DELETE FROM credentials WHERE id = ?').run(current?.id)
    expect(refusal(() => credentials.reveal(lanzhou, 'clientSecret')).code).toBe('VAULT_TAMPERED')
    const item = credentials.list(lanzhou).items.find((i) => i.field === 'clientSecret')
    expect(item).toMatchObject({ stored: false, tampered: true })
    const actions = t.core.audit.list({ limit: 50 }).items.map((e) => e.action)
    expect(actions).toContain('credential.tamper_detected')
  })

  it('a forged manifest fails on unlock, list and reveal', async () => {
    db().prepare("UPDATE vault SET manifest = CAST('{}' AS BLOB)").run()
    expect(refusal(() => credentials.list(lanzhou)).code).toBe('VAULT_TAMPERED')
    expect(refusal(() => credentials.reveal(lanzhou, 'fkey')).code).toBe('VAULT_TAMPERED')
    keys.lock()
    expect((await asyncRefusal(keys.unlock(PASSPHRASE))).code).toBe('VAULT_TAMPERED')
    expect(keys.status().state).toBe('locked')
  })

  it('setting the value again repairs a tampered field', () => {
    const [history, current] = rowsOf('clientSecret')
    db()
      .prepare('UPDATE credentials SET nonce = ?, ciphertext = ?, tag = ? WHERE id = ?')
      .run(history?.nonce, history?.ciphertext, history?.tag, current?.id)
    credentials.set(lanzhou, 'clientSecret', 'repaired-client-secret-value-0003')
    expect(credentials.reveal(lanzhou, 'clientSecret')).toBe('repaired-client-secret-value-0003')
  })

  it('a process holding the key from before another process changed the passphrase locks itself', async () => {
    const other = vaultFor(t)
    await other.keys.unlock(PASSPHRASE)
    await keys.changePassphrase(PASSPHRASE, 'Another passphrase for the 黄河 vault')
    expect(refusal(() => other.credentials.reveal(lanzhou, 'fkey')).code).toBe('VAULT_LOCKED')
    expect(other.keys.status().state).toBe('locked')
    await other.keys.unlock('Another passphrase for the 黄河 vault')
    expect(other.credentials.reveal(lanzhou, 'fkey')).toBe(SECRETS.fkey)
  })
})

describe('upgrade from the first storage format', () => {
  it('re-seals old values bound to their rows at the first unlock, then refuses swaps', async () => {
    await keys.setup(PASSPHRASE)
    credentials.set(lanzhou, 'clientSecret', 'revoked-client-secret-value-0001')
    for (const field of CREDENTIAL_FIELD_KEYS) credentials.set(lanzhou, field, SECRETS[field])
    // Rewrite the file as the first format stored it: AAD (customer, field, key version), no
    // version, no manifest, the first key check.
    const key = Buffer.from(liveDataKey(keys) ?? Buffer.alloc(0))
    const plain = new Map<number, string>()
    for (const row of db().prepare('SELECT id, field FROM credentials').all() as {
      id: number
      field: string
    }[]) {
      const value =
        row.field === 'clientSecret' && plain.size === 0
          ? 'revoked-client-secret-value-0001'
          : SECRETS[row.field as keyof typeof SECRETS]
      plain.set(row.id, value)
      const box = seal(key, Buffer.from(value), legacyCredentialAad(lanzhou, row.field, 1))
      db()
        .prepare(
          'UPDATE credentials SET version = 0, nonce = ?, ciphertext = ?, tag = ? WHERE id = ?'
        )
        .run(box.nonce, box.ciphertext, box.tag, row.id)
    }
    db()
      .prepare('UPDATE vault SET manifest = NULL, manifest_mac = NULL, key_check = ?')
      .run(keyCheck(key, 'legacy'))
    keys.lock()

    const upgraded = vaultFor(t)
    await upgraded.keys.unlock(PASSPHRASE)
    for (const field of CREDENTIAL_FIELD_KEYS) {
      expect(upgraded.credentials.reveal(lanzhou, field)).toBe(SECRETS[field])
    }
    const versions = db().prepare('SELECT version FROM credentials').all() as { version: number }[]
    expect(versions.every((v) => v.version > 0)).toBe(true)
    const actions = t.core.audit.list({ limit: 50 }).items.map((e) => e.action)
    expect(actions).toContain('vault.format_upgraded')

    // after the upgrade the swap that worked on the old format is refused
    const [history, current] = rowsOf('clientSecret')
    db()
      .prepare('UPDATE credentials SET nonce = ?, ciphertext = ?, tag = ? WHERE id = ?')
      .run(history?.nonce, history?.ciphertext, history?.tag, current?.id)
    const refused = refusal(() => upgraded.credentials.reveal(lanzhou, 'clientSecret'))
    expect(refused.code).toBe('VAULT_TAMPERED')

    // and nulling the manifest does not trigger a second, trusting upgrade
    db().prepare('UPDATE vault SET manifest = NULL, manifest_mac = NULL').run()
    upgraded.keys.lock()
    expect((await asyncRefusal(upgraded.keys.unlock(PASSPHRASE))).code).toBe('VAULT_TAMPERED')
  })
})

describe('the unlock delay holds across processes', () => {
  it('parallel guesses from eight connections: at most one is tried per delay window', async () => {
    await keys.setup(PASSPHRASE)
    keys.lock()
    // six wrong guesses long ago: the next one is allowed, then the delay is 16 s
    db()
      .prepare("UPDATE vault SET failed_attempts = 6, last_failed_at = '2026-01-01T00:00:00.000Z'")
      .run()
    const clock = { clock: () => new Date('2026-03-01T08:00:00.000Z') }
    const cores = Array.from({ length: 8 }, () => openNodeCore(t.dbPath, clock))
    try {
      const guesses = cores.map((core, i) =>
        new VaultKeys(core.ctx, { scryptParams: FAST_SCRYPT }).unlock(`wrong guess ${i}`)
      )
      const results = await Promise.allSettled(guesses)
      const codes = results.map((r) =>
        r.status === 'rejected' ? (r.reason as { code: string }).code : 'unlocked'
      )
      expect(codes.filter((c) => c === 'VAULT_BAD_PASSPHRASE')).toHaveLength(1)
      expect(codes.filter((c) => c === 'VAULT_RETRY_LATER')).toHaveLength(7)
      expect(keys.status().failedAttempts).toBe(7)
    } finally {
      for (const core of cores) core.deps.db.close()
    }
  })
})
