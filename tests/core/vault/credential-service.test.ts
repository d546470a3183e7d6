/** The vault's items: set, list, reveal, copy, history, tampering and their audit. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CREDENTIAL_FIELD_KEYS } from '../../../electron/core/vault/credential-fields'
import type { CredentialService } from '../../../electron/core/vault/credential-service'
import type { VaultKeys } from '../../../electron/core/vault/vault-key-service'
import { LANZHOU, SHENZHEN, tempCore, type TempCore } from '../../support/temp-core'
import { addDelivery, asyncRefusal, PASSPHRASE, refusal, SECRETS, vaultFor } from './vault-fixture'

let t: TempCore
let keys: VaultKeys
let credentials: CredentialService
let lanzhou: number
let shenzhen: number

beforeEach(() => {
  t = tempCore({ implementer: '王实施' })
  lanzhou = t.core.customers.create(LANZHOU).customer.id
  shenzhen = t.core.customers.create(SHENZHEN).customer.id
  ;({ keys, credentials } = vaultFor(t))
})
afterEach(() => t.cleanup())

async function setUpWithSecrets(): Promise<void> {
  await keys.setup(PASSPHRASE)
  for (const field of CREDENTIAL_FIELD_KEYS) credentials.set(lanzhou, field, SECRETS[field])
}

function credentialRow(
  customerId: number,
  field: string
): {
  id: number
  nonce: Buffer
  ciphertext: Buffer
  tag: Buffer
} {
  return t.core.deps.db
    .prepare(
      `SELECT id, nonce, ciphertext, tag FROM credentials
       WHERE customer_id = ? AND field = ? AND replaced_at IS NULL`
    )
    .get(customerId, field) as { id: number; nonce: Buffer; ciphertext: Buffer; tag: Buffer }
}

function auditActions(): string[] {
  return t.core.audit
    .list({ limit: 500 })
    .items.map((e) => e.action)
    .reverse()
}

describe('secrets', () => {
  it('round-trips all five fields through the database', async () => {
    await setUpWithSecrets()
    keys.lock()
    const fresh = vaultFor(t)
    await fresh.keys.unlock(PASSPHRASE)
    for (const field of CREDENTIAL_FIELD_KEYS) {
      expect(fresh.credentials.reveal(lanzhou, field)).toBe(SECRETS[field])
    }
  })

  it('stores ciphertext, nonce, tag and key version, never the plaintext', async () => {
    await setUpWithSecrets()
    const rows = t.core.deps.db.prepare('SELECT * FROM credentials').all() as Record<
      string,
      unknown
    >[]
    expect(rows).toHaveLength(5)
    for (const row of rows) {
      expect(row.key_version).toBe(1)
      expect((row.nonce as Buffer).length).toBe(12)
      expect((row.tag as Buffer).length).toBe(16)
      const plain = SECRETS[row.field as keyof typeof SECRETS]
      expect((row.ciphertext as Buffer).length).toBe(Buffer.byteLength(plain))
      expect((row.ciphertext as Buffer).includes(plain)).toBe(false)
    }
  })

  it('trims pasted whitespace, refuses an empty value and an unknown field', async () => {
    await keys.setup(PASSPHRASE)
    credentials.set(lanzhou, 'fkey', `  ${SECRETS.fkey}\n`)
    expect(credentials.reveal(lanzhou, 'fkey')).toBe(SECRETS.fkey)
    expect(refusal(() => credentials.set(lanzhou, 'fkey', ' \n'))).toMatchObject({
      code: 'REQUIRED',
      field: 'value'
    })
    expect(refusal(() => credentials.set(lanzhou, 'password', 'x')).code).toBe(
      'UNKNOWN_CREDENTIAL_FIELD'
    )
    expect(refusal(() => credentials.set(999, 'fkey', 'x')).code).toBe('NOT_FOUND')
  })

  it('returns hints for likely copy mistakes but saves the value', async () => {
    await keys.setup(PASSPHRASE)
    const key = credentials.set(lanzhou, 'encryptKey', 'Ek7Rw2Qp9Ls4Tn6V8Xy1')
    expect(key.changed).toBe(true)
    expect(key.warnings).toEqual([
      { code: 'CREDENTIAL_ENCRYPT_KEY_LENGTH', field: 'encryptKey', params: { length: 20 } }
    ])
    const tenant = credentials.set(lanzhou, 'clientId', 'TN_20240311001')
    expect(tenant.warnings.map((w) => w.code)).toEqual(['CREDENTIAL_TENANT_ID'])
    expect(credentials.reveal(lanzhou, 'clientId')).toBe('TN_20240311001')
  })

  it('keeps the previous value as encrypted history with when it was replaced', async () => {
    await keys.setup(PASSPHRASE)
    const delivery = addDelivery(t, lanzhou)
    credentials.set(lanzhou, 'clientSecret', 'old-secret-value-1', delivery)
    t.tick(60_000)
    const replaced = credentials.set(lanzhou, 'clientSecret', SECRETS.clientSecret)
    expect(replaced.changed).toBe(true)
    expect(replaced.credential.history).toEqual([
      {
        id: 1,
        setAt: '2026-03-01T08:00:00.000Z',
        setBy: '王实施',
        replacedAt: '2026-03-01T08:01:00.000Z',
        deliveryId: delivery
      }
    ])
    expect(credentials.reveal(lanzhou, 'clientSecret')).toBe(SECRETS.clientSecret)
    expect(credentials.revealHistory(lanzhou, 'clientSecret', 1)).toBe('old-secret-value-1')
    const stored = t.core.deps.db.prepare('SELECT ciphertext FROM credentials').all() as {
      ciphertext: Buffer
    }[]
    expect(stored.some((r) => r.ciphertext.includes('old-secret-value-1'))).toBe(false)
  })

  it('writes nothing when the same value is set again', async () => {
    await keys.setup(PASSPHRASE)
    credentials.set(lanzhou, 'fkey', SECRETS.fkey)
    const again = credentials.set(lanzhou, 'fkey', SECRETS.fkey)
    expect(again.changed).toBe(false)
    expect(again.credential.history).toEqual([])
    expect(auditActions().filter((a) => a === 'credential.set')).toHaveLength(1)
  })

  it('refuses a delivery of another customer', async () => {
    await keys.setup(PASSPHRASE)
    const other = addDelivery(t, shenzhen)
    expect(refusal(() => credentials.set(lanzhou, 'fkey', SECRETS.fkey, other))).toMatchObject({
      code: 'NOT_FOUND',
      field: 'deliveryId'
    })
  })

  it('lists masked values while unlocked and only "stored" while locked', async () => {
    await setUpWithSecrets()
    const open = credentials.list(lanzhou)
    expect(open.locked).toBe(false)
    expect(open.items.map((i) => [i.field, i.mask])).toEqual([
      ['clientId', 'P*******k2'],
      ['clientSecret', 'c*******zC'],
      ['encryptKey', 'E*******6V'],
      ['fkey', 'f*******3c'],
      ['fpublicKey', 'M*******YZ']
    ])
    keys.lock()
    const locked = credentials.list(lanzhou)
    expect(locked.locked).toBe(true)
    expect(locked.items.every((i) => i.stored && i.mask === null)).toBe(true)
    expect(locked.items[0]?.updatedAt).toBe('2026-03-01T08:00:00.000Z')
    expect(credentials.list(shenzhen).items.every((i) => !i.stored)).toBe(true)
  })

  it('refuses reveal, copy, set and hand-off while locked', async () => {
    await setUpWithSecrets()
    keys.lock()
    for (const call of [
      () => credentials.reveal(lanzhou, 'clientSecret'),
      () => credentials.copyValue(lanzhou, 'clientSecret'),
      () => credentials.set(lanzhou, 'fkey', 'new value 123'),
      () => credentials.handoff(lanzhou)
    ]) {
      expect(refusal(call).code).toBe('VAULT_LOCKED')
    }
  })

  it('builds the hand-off message from the registry and the five current values', async () => {
    await setUpWithSecrets()
    const delivery = addDelivery(t, lanzhou)
    const message = credentials.handoff(lanzhou, { deliveryId: delivery, channel: 'wechat' })
    expect(message.split('\n')).toEqual([
      LANZHOU.name,
      LANZHOU.taxId,
      '已经配置好了，相关密钥是：',
      ...CREDENTIAL_FIELD_KEYS.map((f) => `${f}：${SECRETS[f]}`)
    ])
    const entry = t.core.audit.list({ action: 'credential.handoff' }).items[0]
    expect(entry).toMatchObject({
      entityType: 'customer',
      entityId: lanzhou,
      details: { deliveryId: delivery, channel: 'wechat' }
    })
  })

  it('refuses a hand-off with missing secrets, naming them', async () => {
    await keys.setup(PASSPHRASE)
    credentials.set(lanzhou, 'clientId', SECRETS.clientId)
    expect(refusal(() => credentials.handoff(lanzhou))).toMatchObject({
      code: 'CREDENTIALS_INCOMPLETE',
      params: { missing: ['clientSecret', 'encryptKey', 'fkey', 'fpublicKey'] }
    })
  })
})

describe('tampering', () => {
  it('refuses a ciphertext copied to another customer (AAD binding)', async () => {
    await setUpWithSecrets()
    t.core.deps.db
      .prepare(
        `INSERT INTO credentials (customer_id, field, key_version, nonce, ciphertext, tag, set_at)
         SELECT ?, field, key_version, nonce, ciphertext, tag, set_at FROM credentials
         WHERE customer_id = ? AND field = 'clientSecret'`
      )
      .run(shenzhen, lanzhou)
    expect(refusal(() => credentials.reveal(shenzhen, 'clientSecret'))).toMatchObject({
      code: 'VAULT_TAMPERED',
      field: 'clientSecret'
    })
  })

  it('refuses a ciphertext moved to another field or key version (AAD binding)', async () => {
    await setUpWithSecrets()
    const secret = credentialRow(lanzhou, 'clientSecret')
    const fkey = credentialRow(lanzhou, 'fkey')
    const db = t.core.deps.db
    db.prepare('UPDATE credentials SET nonce = ?, ciphertext = ?, tag = ? WHERE id = ?').run(
      secret.nonce,
      secret.ciphertext,
      secret.tag,
      fkey.id
    )
    expect(refusal(() => credentials.reveal(lanzhou, 'fkey')).code).toBe('VAULT_TAMPERED')
    db.prepare('UPDATE credentials SET key_version = 2 WHERE id = ?').run(secret.id)
    expect(refusal(() => credentials.reveal(lanzhou, 'clientSecret')).code).toBe('VAULT_TAMPERED')
    // the list survives a damaged row and says which one
    const items = credentials.list(lanzhou).items
    expect(items.filter((i) => i.tampered).map((i) => i.field)).toEqual(['clientSecret', 'fkey'])
    expect(auditActions()).toContain('credential.tamper_detected')
  })

  it('refuses every single tampered byte of ciphertext, nonce and tag', async () => {
    await setUpWithSecrets()
    const db = t.core.deps.db
    const original = credentialRow(lanzhou, 'encryptKey')
    let tried = 0
    for (const column of ['ciphertext', 'nonce', 'tag'] as const) {
      for (let i = 0; i < original[column].length; i++) {
        for (const flip of [0x01, 0x80]) {
          const damaged = Buffer.from(original[column])
          damaged[i] = (damaged[i] ?? 0) ^ flip
          db.prepare(`UPDATE credentials SET ${column} = ? WHERE id = ?`).run(damaged, original.id)
          expect(refusal(() => credentials.reveal(lanzhou, 'encryptKey')).code).toBe(
            'VAULT_TAMPERED'
          )
          tried++
        }
      }
      db.prepare(`UPDATE credentials SET ${column} = ? WHERE id = ?`).run(
        original[column],
        original.id
      )
    }
    expect(tried).toBe(2 * (16 + 12 + 16))
    // lengths changed are refused too
    db.prepare('UPDATE credentials SET tag = ? WHERE id = ?').run(
      original.tag.subarray(0, 12),
      original.id
    )
    expect(refusal(() => credentials.reveal(lanzhou, 'encryptKey')).code).toBe('VAULT_TAMPERED')
    db.prepare('UPDATE credentials SET tag = ?, ciphertext = ? WHERE id = ?').run(
      original.tag,
      Buffer.concat([original.ciphertext, Buffer.from([0])]),
      original.id
    )
    expect(refusal(() => credentials.reveal(lanzhou, 'encryptKey')).code).toBe('VAULT_TAMPERED')
    db.prepare('UPDATE credentials SET ciphertext = ? WHERE id = ?').run(
      original.ciphertext,
      original.id
    )
    expect(credentials.reveal(lanzhou, 'encryptKey')).toBe(SECRETS.encryptKey)
  })

  it('lets a tampered value be repaired by setting it again', async () => {
    await setUpWithSecrets()
    const row = credentialRow(lanzhou, 'fkey')
    t.core.deps.db.prepare('UPDATE credentials SET tag = zeroblob(16) WHERE id = ?').run(row.id)
    expect(credentials.set(lanzhou, 'fkey', SECRETS.fkey).changed).toBe(true)
    expect(credentials.reveal(lanzhou, 'fkey')).toBe(SECRETS.fkey)
  })
})

describe('audit', () => {
  it('records set, reveal, copy, hand-off, failures, setup and changes without any value', async () => {
    await setUpWithSecrets()
    credentials.reveal(lanzhou, 'clientSecret')
    credentials.copyValue(lanzhou, 'fkey')
    credentials.handoff(lanzhou, { channel: 'email' })
    keys.lock()
    await asyncRefusal(keys.unlock('wrong passphrase'))
    await keys.unlock(PASSPHRASE)
    await keys.changePassphrase(PASSPHRASE, 'a brand new passphrase')
    const entries = t.core.audit.list({ limit: 500 }).items
    expect(auditActions()).toEqual([
      'customer.create',
      'customer.create',
      'vault.setup',
      ...CREDENTIAL_FIELD_KEYS.map(() => 'credential.set'),
      'credential.reveal',
      'credential.copy',
      'credential.handoff',
      'vault.unlock_failed',
      'vault.unlock',
      'vault.passphrase_changed'
    ])
    expect(entries.find((e) => e.action === 'credential.copy')).toMatchObject({
      entityType: 'customer',
      entityId: lanzhou,
      actor: '王实施',
      details: { field: 'fkey' }
    })
    expect(entries.find((e) => e.action === 'vault.setup')?.details).toEqual({
      kdf: 'scrypt',
      n: 2 ** 10,
      r: 8,
      p: 1
    })
    const text = JSON.stringify(entries)
    for (const value of [...Object.values(SECRETS), PASSPHRASE, 'a brand new passphrase']) {
      expect(text).not.toContain(value)
    }
  })
})
