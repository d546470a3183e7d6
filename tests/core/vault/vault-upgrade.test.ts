/**
 * Upgrading a database written before migration 007: schema version 4, values sealed with the
 * first AAD (customer, field, key version), no manifest. Opening it migrates the schema (columns
 * only); the first unlock re-seals every value bound to its row and signs the manifest.
 */
import { afterEach, describe, expect, it } from 'vitest'
import Database from 'better-sqlite3'
import { openNodeCore } from '../../../electron/core/node-core'
import type { Core } from '../../../electron/core/core'
import { keyCheck, legacyCredentialAad, seal } from '../../../electron/core/vault/vault-crypto'
import { LANZHOU, tempCore, type TempCore } from '../../support/temp-core'
import { liveDataKey, PASSPHRASE, refusal, SECRETS, vaultFor } from './vault-fixture'

let t: TempCore
let reopened: Core | null = null
afterEach(() => {
  reopened?.deps.db.close()
  reopened = null
  t.cleanup()
})

describe('upgrade from the schema before migration 007', () => {
  it('migrates, re-seals at the first unlock, and refuses the history swap from then on', async () => {
    t = tempCore({ implementer: '王实施' })
    const customer = t.core.customers.create(LANZHOU).customer.id
    const { keys, credentials } = vaultFor(t)
    await keys.setup(PASSPHRASE)
    credentials.set(customer, 'clientSecret', 'revoked-client-secret-value-0001')
    credentials.set(customer, 'clientSecret', SECRETS.clientSecret)
    credentials.set(customer, 'fkey', SECRETS.fkey)
    const key = Buffer.from(liveDataKey(keys) ?? Buffer.alloc(0))
    t.core.deps.db.close()

    // Turn the file into what version 4 wrote.
    const raw = new Database(t.dbPath)
    const rows = raw.prepare('SELECT id, field FROM credentials ORDER BY id').all() as {
      id: number
      field: 'clientSecret' | 'fkey'
    }[]
    const values = ['revoked-client-secret-value-0001', SECRETS.clientSecret, SECRETS.fkey]
    rows.forEach((row, i) => {
      const box = seal(
        key,
        Buffer.from(values[i] ?? ''),
        legacyCredentialAad(customer, row.field, 1)
      )
      raw
        .prepare('UPDATE credentials SET nonce = ?, ciphertext = ?, tag = ? WHERE id = ?')
        .run(box.nonce, box.ciphertext, box.tag, row.id)
    })
    raw.prepare('UPDATE vault SET key_check = ?').run(keyCheck(key, 'legacy'))
    raw.exec(`ALTER TABLE credentials DROP COLUMN version;
      ALTER TABLE vault DROP COLUMN manifest;
      ALTER TABLE vault DROP COLUMN manifest_mac;
      DROP TABLE customer_search_backlog; -- migration 008's, re-created when it runs again
      PRAGMA user_version = 6; -- the version before 007 (005 and 006 stay applied)`)
    raw.close()

    reopened = openNodeCore(t.dbPath)
    const version = reopened.deps.db.pragma('user_version', { simple: true }) as number
    expect(version).toBeGreaterThanOrEqual(7)
    const vault = vaultFor({ ...t, core: reopened })
    // locked and not yet upgraded: names still listed, nothing opened
    expect(vault.credentials.storedFields(customer)).toEqual(['clientSecret', 'fkey'])
    await vault.keys.unlock(PASSPHRASE)
    expect(vault.credentials.reveal(customer, 'clientSecret')).toBe(SECRETS.clientSecret)
    expect(vault.credentials.reveal(customer, 'fkey')).toBe(SECRETS.fkey)
    const history = vault.credentials.list(customer).items[1]?.history ?? []
    expect(history).toHaveLength(1)
    expect(vault.credentials.revealHistory(customer, 'clientSecret', history[0]?.id ?? 0)).toBe(
      'revoked-client-secret-value-0001'
    )

    const db = reopened.deps.db
    const [old, current] = db
      .prepare(
        "SELECT id, nonce, ciphertext, tag FROM credentials WHERE field = 'clientSecret' ORDER BY id"
      )
      .all() as { id: number; nonce: Buffer; ciphertext: Buffer; tag: Buffer }[]
    db.prepare('UPDATE credentials SET nonce = ?, ciphertext = ?, tag = ? WHERE id = ?').run(
      old?.nonce,
      old?.ciphertext,
      old?.tag,
      current?.id
    )
    expect(refusal(() => vault.credentials.reveal(customer, 'clientSecret')).code).toBe(
      'VAULT_TAMPERED'
    )
  })
})
