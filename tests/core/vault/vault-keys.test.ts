/** The vault's key lifecycle: states, passphrase, unlock delay, OS keyring unlock. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CREDENTIAL_FIELD_KEYS } from '../../../electron/core/vault/credential-fields'
import { openNodeCore } from '../../../electron/core/node-core'
import type { CredentialService } from '../../../electron/core/vault/credential-service'
import { VaultKeys } from '../../../electron/core/vault/vault-key-service'
import { LANZHOU, tempCore, type TempCore } from '../../support/temp-core'
import {
  asyncRefusal,
  FakeOsKeyProvider,
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

async function setUpWithSecrets(): Promise<void> {
  await keys.setup(PASSPHRASE)
  for (const field of CREDENTIAL_FIELD_KEYS) credentials.set(lanzhou, field, SECRETS[field])
}

function auditActions(): string[] {
  return t.core.audit
    .list({ limit: 500 })
    .items.map((e) => e.action)
    .reverse()
}

describe('vault states', () => {
  it('goes not set up → unlocked by setup → locked → unlocked', async () => {
    expect(keys.status()).toMatchObject({ state: 'not_set_up', osUnlockEnabled: false })
    expect((await asyncRefusal(keys.unlock(PASSPHRASE))).code).toBe('VAULT_NOT_SET_UP')
    expect(refusal(() => credentials.reveal(lanzhou, 'fkey')).code).toBe('VAULT_NOT_SET_UP')
    expect((await keys.setup(PASSPHRASE)).state).toBe('unlocked')
    expect(keys.lock().state).toBe('locked')
    expect((await keys.unlock(PASSPHRASE)).state).toBe('unlocked')
    // a second service on the same file (a restart) starts locked
    expect(vaultFor(t).keys.status().state).toBe('locked')
  })

  it('refuses a passphrase shorter than 8 characters, counted as characters not bytes', async () => {
    const short = await asyncRefusal(keys.setup('1234567'))
    expect(short).toMatchObject({ code: 'VAULT_WEAK_PASSPHRASE', params: { min: 8 } })
    expect(keys.status().state).toBe('not_set_up')
    // eleven characters, 33 bytes: judged on characters (and strong enough)
    expect((await keys.setup('黄河远上白云间一片孤城')).state).toBe('unlocked')
  })

  it('refuses a second setup', async () => {
    await keys.setup(PASSPHRASE)
    expect((await asyncRefusal(keys.setup('another passphrase'))).code).toBe('VAULT_ALREADY_SET_UP')
    expect((await asyncRefusal(vaultFor(t).keys.setup('another passphrase'))).code).toBe(
      'VAULT_ALREADY_SET_UP'
    )
  })

  it('zeroes the data key in memory on lock', async () => {
    await keys.setup(PASSPHRASE)
    const key = liveDataKey(keys)
    expect(key?.some((b) => b !== 0)).toBe(true)
    keys.lock()
    expect(key?.every((b) => b === 0)).toBe(true)
    expect(liveDataKey(keys)).toBeNull()
  })

  it('stays locked when locked while an unlock was in flight', async () => {
    await keys.setup(PASSPHRASE)
    keys.lock()
    const pending = keys.unlock(PASSPHRASE)
    keys.lock()
    expect((await pending).state).toBe('locked')
    expect(liveDataKey(keys)).toBeNull()
  })
})

describe('passphrase', () => {
  it('refuses a wrong passphrase with a clear code and counts it', async () => {
    await keys.setup(PASSPHRASE)
    keys.lock()
    const wrong = await asyncRefusal(keys.unlock('not the passphrase'))
    expect(wrong).toMatchObject({
      code: 'VAULT_BAD_PASSPHRASE',
      field: 'passphrase',
      params: { failedAttempts: 1, retryAfterSeconds: 0 }
    })
    expect(keys.status()).toMatchObject({ state: 'locked', failedAttempts: 1 })
    await keys.unlock(PASSPHRASE)
    expect(keys.status().failedAttempts).toBe(0)
  })

  it('grows the delay after repeated failures, refusing even the right passphrase meanwhile', async () => {
    await keys.setup(PASSPHRASE)
    keys.lock()
    const waits: number[] = []
    for (let attempt = 1; attempt <= 6; attempt++) {
      const error = await asyncRefusal(keys.unlock(`wrong passphrase ${attempt}`))
      expect(error.code).toBe('VAULT_BAD_PASSPHRASE')
      const wait = Number(error.params?.retryAfterSeconds)
      waits.push(wait)
      if (wait > 0) {
        const early = await asyncRefusal(keys.unlock(PASSPHRASE))
        expect(early).toMatchObject({ code: 'VAULT_RETRY_LATER', params: { seconds: wait } })
        expect(keys.status().retryAfterSeconds).toBe(wait)
        t.tick(wait * 1000 - 1000)
        expect(keys.status().retryAfterSeconds).toBe(1)
        t.tick(1000)
        expect(keys.status().retryAfterSeconds).toBeUndefined()
      }
    }
    expect(waits).toEqual([0, 0, 2, 4, 8, 16])
    // refusals during the delay did not count as attempts
    expect(keys.status().failedAttempts).toBe(6)
    expect(t.core.audit.list({ action: 'vault.unlock_failed' }).total).toBe(6)
  })

  it('keeps the failure count and the delay across a restart', async () => {
    await keys.setup(PASSPHRASE)
    keys.lock()
    for (let i = 0; i < 4; i++) {
      await asyncRefusal(keys.unlock('wrong passphrase'))
      t.tick(10_000)
    }
    t.core.deps.db.close()
    const reopened = openNodeCore(t.dbPath, { clock: () => new Date(Date.parse(t.core.now())) })
    try {
      const restarted = new VaultKeys(reopened.ctx, { scryptParams: { n: 2 ** 10, r: 8, p: 1 } })
      expect(restarted.status()).toMatchObject({ state: 'locked', failedAttempts: 4 })
      const error = await asyncRefusal(restarted.unlock('still wrong'))
      expect(error.params).toMatchObject({ failedAttempts: 5, retryAfterSeconds: 8 })
      expect((await asyncRefusal(restarted.unlock(PASSPHRASE))).code).toBe('VAULT_RETRY_LATER')
    } finally {
      reopened.deps.db.close()
    }
  })

  it('serialises concurrent attempts so none escapes the count', async () => {
    await keys.setup(PASSPHRASE)
    keys.lock()
    const results = await Promise.allSettled(
      [1, 2, 3, 4].map((i) => keys.unlock(`wrong passphrase ${i}`))
    )
    expect(results.every((r) => r.status === 'rejected')).toBe(true)
    expect(keys.status().failedAttempts).toBe(3)
    expect(keys.status().retryAfterSeconds).toBe(2)
  })

  it('rotates the data key on change: every secret re-sealed, the old passphrase stops working', async () => {
    await setUpWithSecrets()
    const sql = 'SELECT id, ciphertext, key_version FROM credentials ORDER BY id'
    const before = t.core.deps.db.prepare(sql).all() as { ciphertext: Buffer }[]
    const keyCheckBefore = t.core.deps.db.prepare('SELECT key_check FROM vault').get()
    const progress: [number, number][] = []
    await keys.changePassphrase(
      PASSPHRASE,
      'a brand new passphrase',
      (done: number, total: number) => progress.push([done, total])
    )
    const after = t.core.deps.db.prepare(sql).all() as { ciphertext: Buffer; key_version: number }[]
    expect(after).toHaveLength(before.length)
    after.forEach((row, i) => {
      expect(row.key_version).toBe(2)
      expect(row.ciphertext.equals(before[i]?.ciphertext ?? Buffer.alloc(0))).toBe(false)
    })
    expect(t.core.deps.db.prepare('SELECT key_check FROM vault').get()).not.toEqual(keyCheckBefore)
    expect(progress.at(0)).toEqual([0, 5])
    expect(progress.at(-1)).toEqual([5, 5])
    // the vault stayed open, on the new key
    expect(credentials.reveal(lanzhou, 'fkey')).toBe(SECRETS.fkey)
    keys.lock()
    expect((await asyncRefusal(keys.unlock(PASSPHRASE))).code).toBe('VAULT_BAD_PASSPHRASE')
    await keys.unlock('a brand new passphrase')
    for (const field of CREDENTIAL_FIELD_KEYS) {
      expect(credentials.reveal(lanzhou, field)).toBe(SECRETS[field])
    }
    expect(keys.status().failedAttempts).toBe(0)
  })

  it('refuses a change with a wrong old passphrase or a weak new one', async () => {
    await keys.setup(PASSPHRASE)
    const weak = await asyncRefusal(keys.changePassphrase(PASSPHRASE, 'short'))
    expect(weak).toMatchObject({ code: 'VAULT_WEAK_PASSPHRASE', field: 'newPassphrase' })
    const wrong = await asyncRefusal(keys.changePassphrase('wrong old one', 'a brand new one'))
    expect(wrong).toMatchObject({ code: 'VAULT_BAD_PASSPHRASE', field: 'oldPassphrase' })
    expect(keys.status().failedAttempts).toBe(1)
    keys.lock()
    await keys.unlock(PASSPHRASE)
  })

  it('re-makes a wrap weaker than the configured cost at the next unlock', async () => {
    await keys.setup(PASSPHRASE)
    const stronger = vaultFor(t, { scryptParams: { n: 2 ** 11, r: 8, p: 1 } }).keys
    await stronger.unlock(PASSPHRASE)
    expect(stronger.status().kdf).toEqual({ name: 'scrypt', n: 2 ** 11, r: 8, p: 1 })
    keys.lock()
    await keys.unlock(PASSPHRASE)
    expect(auditActions()).toContain('vault.kdf_upgraded')
  })
})

describe('unlocking through the OS keyring', () => {
  it('is off by default, works once enabled, and survives a passphrase change', async () => {
    const os = new FakeOsKeyProvider()
    ;({ keys, credentials } = vaultFor(t, { osKeyProvider: os }))
    await setUpWithSecrets()
    expect(keys.status()).toMatchObject({ osUnlockAvailable: true, osUnlockEnabled: false })
    keys.lock()
    expect((await asyncRefusal(keys.unlockWithOs())).code).toBe('VAULT_OS_UNLOCK_OFF')
    expect((await asyncRefusal(keys.enableOsUnlock())).code).toBe('VAULT_LOCKED')
    await keys.unlock(PASSPHRASE)
    expect(await keys.enableOsUnlock()).toMatchObject({
      osUnlockEnabled: true,
      osBackend: 'fake_keyring'
    })
    keys.lock()
    // a restart: a new service on the same file with the same keyring
    const { keys: restarted, credentials: restartedCredentials } = vaultFor(t, {
      osKeyProvider: os
    })
    expect((await restarted.unlockWithOs()).state).toBe('unlocked')
    expect(restartedCredentials.reveal(lanzhou, 'fkey')).toBe(SECRETS.fkey)
    await restarted.changePassphrase(PASSPHRASE, 'a brand new passphrase')
    restarted.lock()
    await restarted.unlockWithOs()
    expect(restartedCredentials.reveal(lanzhou, 'clientSecret')).toBe(SECRETS.clientSecret)
    expect(auditActions()).toEqual(
      expect.arrayContaining(['vault.os_unlock_enabled', 'vault.unlock'])
    )
  })

  it('falls back to the passphrase when the keyring is unavailable or was reset', async () => {
    const os = new FakeOsKeyProvider()
    ;({ keys, credentials } = vaultFor(t, { osKeyProvider: os }))
    await keys.setup(PASSPHRASE)
    await keys.enableOsUnlock()
    keys.lock()
    os.available = false
    expect(keys.status().osUnlockAvailable).toBe(false)
    expect((await asyncRefusal(keys.unlockWithOs())).code).toBe('VAULT_OS_UNAVAILABLE')
    expect((await asyncRefusal(keys.enableOsUnlock())).code).toBe('VAULT_LOCKED')
    os.available = true
    os.reset()
    expect((await asyncRefusal(keys.unlockWithOs())).code).toBe('VAULT_OS_UNLOCK_FAILED')
    // an OS failure is not a guess: the passphrase delay is untouched
    expect(keys.status().failedAttempts).toBe(0)
    await keys.unlock(PASSPHRASE)
    await keys.enableOsUnlock()
    keys.lock()
    expect((await keys.unlockWithOs()).state).toBe('unlocked')
  })

  it('refuses to enable without a trusted keyring and forgets the OS wrap when disabled', async () => {
    await keys.setup(PASSPHRASE)
    expect(keys.status().osUnlockAvailable).toBe(false)
    expect((await asyncRefusal(keys.enableOsUnlock())).code).toBe('VAULT_OS_UNAVAILABLE')
    const os = new FakeOsKeyProvider()
    ;({ keys, credentials } = vaultFor(t, { osKeyProvider: os }))
    await keys.unlock(PASSPHRASE)
    await keys.enableOsUnlock()
    expect(keys.disableOsUnlock().osUnlockEnabled).toBe(false)
    const row = t.core.deps.db.prepare('SELECT os_wrapped_key, os_backend FROM vault').get()
    expect(row).toEqual({ os_wrapped_key: null, os_backend: null })
    keys.lock()
    expect((await asyncRefusal(keys.unlockWithOs())).code).toBe('VAULT_OS_UNLOCK_OFF')
  })
})
