import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CREDENTIAL_FIELD_KEYS } from '../../../electron/core/vault/credential-fields'
import { openNodeCore } from '../../../electron/core/node-core'
import { VaultService } from '../../../electron/core/vault/vault-service'
import { LANZHOU, SHENZHEN, tempCore, type TempCore } from '../../support/temp-core'
import {
  addDelivery,
  asyncRefusal,
  FakeOsKeyProvider,
  liveDataKey,
  PASSPHRASE,
  refusal,
  SECRETS,
  vaultFor
} from './vault-fixture'

let t: TempCore
let vault: VaultService
let lanzhou: number
let shenzhen: number

beforeEach(() => {
  t = tempCore({ implementer: '王实施' })
  lanzhou = t.core.customers.create(LANZHOU).customer.id
  shenzhen = t.core.customers.create(SHENZHEN).customer.id
  vault = vaultFor(t)
})
afterEach(() => t.cleanup())

async function setUpWithSecrets(): Promise<void> {
  await vault.setup(PASSPHRASE)
  for (const field of CREDENTIAL_FIELD_KEYS) vault.setCredential(lanzhou, field, SECRETS[field])
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

describe('vault states', () => {
  it('goes not set up → unlocked by setup → locked → unlocked', async () => {
    expect(vault.status()).toMatchObject({ state: 'not_set_up', osUnlockEnabled: false })
    expect((await asyncRefusal(vault.unlock(PASSPHRASE))).code).toBe('VAULT_NOT_SET_UP')
    expect(refusal(() => vault.reveal(lanzhou, 'fkey')).code).toBe('VAULT_NOT_SET_UP')
    expect((await vault.setup(PASSPHRASE)).state).toBe('unlocked')
    expect(vault.lock().state).toBe('locked')
    expect((await vault.unlock(PASSPHRASE)).state).toBe('unlocked')
    // a second service on the same file (a restart) starts locked
    expect(vaultFor(t).status().state).toBe('locked')
  })

  it('refuses a passphrase shorter than 8 characters, counted as characters not bytes', async () => {
    const short = await asyncRefusal(vault.setup('1234567'))
    expect(short).toMatchObject({ code: 'VAULT_WEAK_PASSPHRASE', params: { min: 8 } })
    expect(vault.status().state).toBe('not_set_up')
    expect((await vault.setup('黄河远上白云间啊')).state).toBe('unlocked')
  })

  it('refuses a second setup', async () => {
    await vault.setup(PASSPHRASE)
    expect((await asyncRefusal(vault.setup('another passphrase'))).code).toBe(
      'VAULT_ALREADY_SET_UP'
    )
    expect((await asyncRefusal(vaultFor(t).setup('another passphrase'))).code).toBe(
      'VAULT_ALREADY_SET_UP'
    )
  })

  it('zeroes the data key in memory on lock', async () => {
    await vault.setup(PASSPHRASE)
    const key = liveDataKey(vault)
    expect(key?.some((b) => b !== 0)).toBe(true)
    vault.lock()
    expect(key?.every((b) => b === 0)).toBe(true)
    expect(liveDataKey(vault)).toBeNull()
  })

  it('stays locked when locked while an unlock was in flight', async () => {
    await vault.setup(PASSPHRASE)
    vault.lock()
    const pending = vault.unlock(PASSPHRASE)
    vault.lock()
    expect((await pending).state).toBe('locked')
    expect(liveDataKey(vault)).toBeNull()
  })
})

describe('secrets', () => {
  it('round-trips all five fields through the database', async () => {
    await setUpWithSecrets()
    vault.lock()
    const fresh = vaultFor(t)
    await fresh.unlock(PASSPHRASE)
    for (const field of CREDENTIAL_FIELD_KEYS) {
      expect(fresh.reveal(lanzhou, field)).toBe(SECRETS[field])
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
    await vault.setup(PASSPHRASE)
    vault.setCredential(lanzhou, 'fkey', `  ${SECRETS.fkey}\n`)
    expect(vault.reveal(lanzhou, 'fkey')).toBe(SECRETS.fkey)
    expect(refusal(() => vault.setCredential(lanzhou, 'fkey', ' \n'))).toMatchObject({
      code: 'REQUIRED',
      field: 'value'
    })
    expect(refusal(() => vault.setCredential(lanzhou, 'password', 'x')).code).toBe(
      'UNKNOWN_CREDENTIAL_FIELD'
    )
    expect(refusal(() => vault.setCredential(999, 'fkey', 'x')).code).toBe('NOT_FOUND')
  })

  it('returns hints for likely copy mistakes but saves the value', async () => {
    await vault.setup(PASSPHRASE)
    const key = vault.setCredential(lanzhou, 'encryptKey', 'Ek7Rw2Qp9Ls4Tn6V8Xy1')
    expect(key.changed).toBe(true)
    expect(key.warnings).toEqual([
      { code: 'CREDENTIAL_ENCRYPT_KEY_LENGTH', field: 'encryptKey', params: { length: 20 } }
    ])
    const tenant = vault.setCredential(lanzhou, 'clientId', 'TN_20240311001')
    expect(tenant.warnings.map((w) => w.code)).toEqual(['CREDENTIAL_TENANT_ID'])
    expect(vault.reveal(lanzhou, 'clientId')).toBe('TN_20240311001')
  })

  it('keeps the previous value as encrypted history with when it was replaced', async () => {
    await vault.setup(PASSPHRASE)
    const delivery = addDelivery(t, lanzhou)
    vault.setCredential(lanzhou, 'clientSecret', 'old-secret-value-1', delivery)
    t.tick(60_000)
    const replaced = vault.setCredential(lanzhou, 'clientSecret', SECRETS.clientSecret)
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
    expect(vault.reveal(lanzhou, 'clientSecret')).toBe(SECRETS.clientSecret)
    expect(vault.revealHistory(lanzhou, 'clientSecret', 1)).toBe('old-secret-value-1')
    const stored = t.core.deps.db.prepare('SELECT ciphertext FROM credentials').all() as {
      ciphertext: Buffer
    }[]
    expect(stored.some((r) => r.ciphertext.includes('old-secret-value-1'))).toBe(false)
  })

  it('writes nothing when the same value is set again', async () => {
    await vault.setup(PASSPHRASE)
    vault.setCredential(lanzhou, 'fkey', SECRETS.fkey)
    const again = vault.setCredential(lanzhou, 'fkey', SECRETS.fkey)
    expect(again.changed).toBe(false)
    expect(again.credential.history).toEqual([])
    expect(auditActions().filter((a) => a === 'credential.set')).toHaveLength(1)
  })

  it('refuses a delivery of another customer', async () => {
    await vault.setup(PASSPHRASE)
    const other = addDelivery(t, shenzhen)
    expect(refusal(() => vault.setCredential(lanzhou, 'fkey', SECRETS.fkey, other))).toMatchObject({
      code: 'NOT_FOUND',
      field: 'deliveryId'
    })
  })

  it('lists masked values while unlocked and only "stored" while locked', async () => {
    await setUpWithSecrets()
    const open = vault.listCredentials(lanzhou)
    expect(open.locked).toBe(false)
    expect(open.items.map((i) => [i.field, i.mask])).toEqual([
      ['clientId', 'P*******k2'],
      ['clientSecret', 'c*******zC'],
      ['encryptKey', 'E*******6V'],
      ['fkey', 'f*******3c'],
      ['fpublicKey', 'M*******YZ']
    ])
    vault.lock()
    const locked = vault.listCredentials(lanzhou)
    expect(locked.locked).toBe(true)
    expect(locked.items.every((i) => i.stored && i.mask === null)).toBe(true)
    expect(locked.items[0]?.updatedAt).toBe('2026-03-01T08:00:00.000Z')
    expect(vault.listCredentials(shenzhen).items.every((i) => !i.stored)).toBe(true)
  })

  it('refuses reveal, copy, set and hand-off while locked', async () => {
    await setUpWithSecrets()
    vault.lock()
    for (const call of [
      () => vault.reveal(lanzhou, 'clientSecret'),
      () => vault.copyValue(lanzhou, 'clientSecret'),
      () => vault.setCredential(lanzhou, 'fkey', 'new value 123'),
      () => vault.handoffMessage(lanzhou)
    ]) {
      expect(refusal(call).code).toBe('VAULT_LOCKED')
    }
  })

  it('builds the hand-off message from the registry and the five current values', async () => {
    await setUpWithSecrets()
    const delivery = addDelivery(t, lanzhou)
    const message = vault.handoffMessage(lanzhou, { deliveryId: delivery, channel: 'wechat' })
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
    await vault.setup(PASSPHRASE)
    vault.setCredential(lanzhou, 'clientId', SECRETS.clientId)
    expect(refusal(() => vault.handoffMessage(lanzhou))).toMatchObject({
      code: 'CREDENTIALS_INCOMPLETE',
      params: { missing: 'clientSecret、encryptKey、fkey、fpublicKey' }
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
    expect(refusal(() => vault.reveal(shenzhen, 'clientSecret'))).toMatchObject({
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
    expect(refusal(() => vault.reveal(lanzhou, 'fkey')).code).toBe('VAULT_TAMPERED')
    db.prepare('UPDATE credentials SET key_version = 2 WHERE id = ?').run(secret.id)
    expect(refusal(() => vault.reveal(lanzhou, 'clientSecret')).code).toBe('VAULT_TAMPERED')
    // the list survives a damaged row and says which one
    const items = vault.listCredentials(lanzhou).items
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
          expect(refusal(() => vault.reveal(lanzhou, 'encryptKey')).code).toBe('VAULT_TAMPERED')
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
    expect(refusal(() => vault.reveal(lanzhou, 'encryptKey')).code).toBe('VAULT_TAMPERED')
    db.prepare('UPDATE credentials SET tag = ?, ciphertext = ? WHERE id = ?').run(
      original.tag,
      Buffer.concat([original.ciphertext, Buffer.from([0])]),
      original.id
    )
    expect(refusal(() => vault.reveal(lanzhou, 'encryptKey')).code).toBe('VAULT_TAMPERED')
    db.prepare('UPDATE credentials SET ciphertext = ? WHERE id = ?').run(
      original.ciphertext,
      original.id
    )
    expect(vault.reveal(lanzhou, 'encryptKey')).toBe(SECRETS.encryptKey)
  })

  it('lets a tampered value be repaired by setting it again', async () => {
    await setUpWithSecrets()
    const row = credentialRow(lanzhou, 'fkey')
    t.core.deps.db.prepare('UPDATE credentials SET tag = zeroblob(16) WHERE id = ?').run(row.id)
    expect(vault.setCredential(lanzhou, 'fkey', SECRETS.fkey).changed).toBe(true)
    expect(vault.reveal(lanzhou, 'fkey')).toBe(SECRETS.fkey)
  })
})

describe('passphrase', () => {
  it('refuses a wrong passphrase with a clear code and counts it', async () => {
    await vault.setup(PASSPHRASE)
    vault.lock()
    const wrong = await asyncRefusal(vault.unlock('not the passphrase'))
    expect(wrong).toMatchObject({
      code: 'VAULT_BAD_PASSPHRASE',
      field: 'passphrase',
      params: { failedAttempts: 1, retryAfterSeconds: 0 }
    })
    expect(vault.status()).toMatchObject({ state: 'locked', failedAttempts: 1 })
    await vault.unlock(PASSPHRASE)
    expect(vault.status().failedAttempts).toBe(0)
  })

  it('grows the delay after repeated failures, refusing even the right passphrase meanwhile', async () => {
    await vault.setup(PASSPHRASE)
    vault.lock()
    const waits: number[] = []
    for (let attempt = 1; attempt <= 6; attempt++) {
      const error = await asyncRefusal(vault.unlock(`wrong passphrase ${attempt}`))
      expect(error.code).toBe('VAULT_BAD_PASSPHRASE')
      const wait = Number(error.params?.retryAfterSeconds)
      waits.push(wait)
      if (wait > 0) {
        const early = await asyncRefusal(vault.unlock(PASSPHRASE))
        expect(early).toMatchObject({ code: 'VAULT_RETRY_LATER', params: { seconds: wait } })
        expect(vault.status().retryAfterSeconds).toBe(wait)
        t.tick(wait * 1000 - 1000)
        expect(vault.status().retryAfterSeconds).toBe(1)
        t.tick(1000)
        expect(vault.status().retryAfterSeconds).toBeUndefined()
      }
    }
    expect(waits).toEqual([0, 0, 2, 4, 8, 16])
    // refusals during the delay did not count as attempts
    expect(vault.status().failedAttempts).toBe(6)
    expect(t.core.audit.list({ action: 'vault.unlock_failed' }).total).toBe(6)
  })

  it('keeps the failure count and the delay across a restart', async () => {
    await vault.setup(PASSPHRASE)
    vault.lock()
    for (let i = 0; i < 4; i++) {
      await asyncRefusal(vault.unlock('wrong passphrase'))
      t.tick(10_000)
    }
    t.core.deps.db.close()
    const reopened = openNodeCore(t.dbPath, { clock: () => new Date(Date.parse(t.core.now())) })
    try {
      const restarted = new VaultService(reopened.ctx, { scryptParams: { n: 2 ** 10, r: 8, p: 1 } })
      expect(restarted.status()).toMatchObject({ state: 'locked', failedAttempts: 4 })
      const error = await asyncRefusal(restarted.unlock('still wrong'))
      expect(error.params).toMatchObject({ failedAttempts: 5, retryAfterSeconds: 8 })
      expect((await asyncRefusal(restarted.unlock(PASSPHRASE))).code).toBe('VAULT_RETRY_LATER')
    } finally {
      reopened.deps.db.close()
    }
  })

  it('serialises concurrent attempts so none escapes the count', async () => {
    await vault.setup(PASSPHRASE)
    vault.lock()
    const results = await Promise.allSettled(
      [1, 2, 3, 4].map((i) => vault.unlock(`wrong passphrase ${i}`))
    )
    expect(results.every((r) => r.status === 'rejected')).toBe(true)
    expect(vault.status().failedAttempts).toBe(3)
    expect(vault.status().retryAfterSeconds).toBe(2)
  })

  it('re-wraps the data key on change: every secret opens, the old passphrase stops working', async () => {
    await setUpWithSecrets()
    const before = t.core.deps.db.prepare('SELECT * FROM credentials ORDER BY id').all()
    const keyCheckBefore = t.core.deps.db.prepare('SELECT key_check FROM vault').get()
    await vault.changePassphrase(PASSPHRASE, 'a brand new passphrase')
    // secrets are not re-encrypted: only the wrap changed
    expect(t.core.deps.db.prepare('SELECT * FROM credentials ORDER BY id').all()).toEqual(before)
    expect(t.core.deps.db.prepare('SELECT key_check FROM vault').get()).toEqual(keyCheckBefore)
    vault.lock()
    expect((await asyncRefusal(vault.unlock(PASSPHRASE))).code).toBe('VAULT_BAD_PASSPHRASE')
    await vault.unlock('a brand new passphrase')
    for (const field of CREDENTIAL_FIELD_KEYS) {
      expect(vault.reveal(lanzhou, field)).toBe(SECRETS[field])
    }
    expect(vault.status().failedAttempts).toBe(0)
  })

  it('refuses a change with a wrong old passphrase or a weak new one', async () => {
    await vault.setup(PASSPHRASE)
    const weak = await asyncRefusal(vault.changePassphrase(PASSPHRASE, 'short'))
    expect(weak).toMatchObject({ code: 'VAULT_WEAK_PASSPHRASE', field: 'newPassphrase' })
    const wrong = await asyncRefusal(vault.changePassphrase('wrong old one', 'a brand new one'))
    expect(wrong).toMatchObject({ code: 'VAULT_BAD_PASSPHRASE', field: 'oldPassphrase' })
    expect(vault.status().failedAttempts).toBe(1)
    vault.lock()
    await vault.unlock(PASSPHRASE)
  })

  it('re-makes a wrap weaker than the configured cost at the next unlock', async () => {
    await vault.setup(PASSPHRASE)
    const stronger = vaultFor(t, { scryptParams: { n: 2 ** 11, r: 8, p: 1 } })
    await stronger.unlock(PASSPHRASE)
    expect(stronger.status().kdf).toEqual({ name: 'scrypt', n: 2 ** 11, r: 8, p: 1 })
    vault.lock()
    await vault.unlock(PASSPHRASE)
    expect(auditActions()).toContain('vault.kdf_upgraded')
  })
})

describe('unlocking through the OS keyring', () => {
  it('is off by default, works once enabled, and survives a passphrase change', async () => {
    const os = new FakeOsKeyProvider()
    vault = vaultFor(t, { osKeyProvider: os })
    await setUpWithSecrets()
    expect(vault.status()).toMatchObject({ osUnlockAvailable: true, osUnlockEnabled: false })
    vault.lock()
    expect((await asyncRefusal(vault.unlockWithOs())).code).toBe('VAULT_OS_UNLOCK_OFF')
    expect((await asyncRefusal(vault.enableOsUnlock())).code).toBe('VAULT_LOCKED')
    await vault.unlock(PASSPHRASE)
    expect(await vault.enableOsUnlock()).toMatchObject({
      osUnlockEnabled: true,
      osBackend: 'fake_keyring'
    })
    vault.lock()
    // a restart: a new service on the same file with the same keyring
    const restarted = vaultFor(t, { osKeyProvider: os })
    expect((await restarted.unlockWithOs()).state).toBe('unlocked')
    expect(restarted.reveal(lanzhou, 'fkey')).toBe(SECRETS.fkey)
    await restarted.changePassphrase(PASSPHRASE, 'a brand new passphrase')
    restarted.lock()
    await restarted.unlockWithOs()
    expect(restarted.reveal(lanzhou, 'clientSecret')).toBe(SECRETS.clientSecret)
    expect(auditActions()).toEqual(
      expect.arrayContaining(['vault.os_unlock_enabled', 'vault.unlock'])
    )
  })

  it('falls back to the passphrase when the keyring is unavailable or was reset', async () => {
    const os = new FakeOsKeyProvider()
    vault = vaultFor(t, { osKeyProvider: os })
    await vault.setup(PASSPHRASE)
    await vault.enableOsUnlock()
    vault.lock()
    os.available = false
    expect(vault.status().osUnlockAvailable).toBe(false)
    expect((await asyncRefusal(vault.unlockWithOs())).code).toBe('VAULT_OS_UNAVAILABLE')
    expect((await asyncRefusal(vault.enableOsUnlock())).code).toBe('VAULT_LOCKED')
    os.available = true
    os.reset()
    expect((await asyncRefusal(vault.unlockWithOs())).code).toBe('VAULT_OS_UNLOCK_FAILED')
    // an OS failure is not a guess: the passphrase delay is untouched
    expect(vault.status().failedAttempts).toBe(0)
    await vault.unlock(PASSPHRASE)
    await vault.enableOsUnlock()
    vault.lock()
    expect((await vault.unlockWithOs()).state).toBe('unlocked')
  })

  it('refuses to enable without a trusted keyring and forgets the OS wrap when disabled', async () => {
    await vault.setup(PASSPHRASE)
    expect(vault.status().osUnlockAvailable).toBe(false)
    expect((await asyncRefusal(vault.enableOsUnlock())).code).toBe('VAULT_OS_UNAVAILABLE')
    const os = new FakeOsKeyProvider()
    vault = vaultFor(t, { osKeyProvider: os })
    await vault.unlock(PASSPHRASE)
    await vault.enableOsUnlock()
    expect(vault.disableOsUnlock().osUnlockEnabled).toBe(false)
    const row = t.core.deps.db.prepare('SELECT os_wrapped_key, os_backend FROM vault').get()
    expect(row).toEqual({ os_wrapped_key: null, os_backend: null })
    vault.lock()
    expect((await asyncRefusal(vault.unlockWithOs())).code).toBe('VAULT_OS_UNLOCK_OFF')
  })
})

describe('audit', () => {
  it('records set, reveal, copy, hand-off, failures, setup and changes without any value', async () => {
    await setUpWithSecrets()
    vault.reveal(lanzhou, 'clientSecret')
    vault.copyValue(lanzhou, 'fkey')
    vault.handoffMessage(lanzhou, { channel: 'email' })
    vault.lock()
    await asyncRefusal(vault.unlock('wrong passphrase'))
    await vault.unlock(PASSPHRASE)
    await vault.changePassphrase(PASSPHRASE, 'a brand new passphrase')
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
