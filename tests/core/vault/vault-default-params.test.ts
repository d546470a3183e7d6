/**
 * The one test at the real cost: scrypt N=2^17, r=8, p=1 (the floor). It proves the
 * defaults run within Node's memory limit and are what gets stored with the wrap.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { DEFAULT_SCRYPT_PARAMS } from '../../../electron/core/vault/vault-crypto'
import { LANZHOU, tempCore, type TempCore } from '../../support/temp-core'
import { CredentialService } from '../../../electron/core/vault/credential-service'
import { VaultKeys } from '../../../electron/core/vault/vault-key-service'
import { asyncRefusal, PASSPHRASE, SECRETS } from './vault-fixture'

let t: TempCore
afterEach(() => t.cleanup())

describe('default scrypt parameters', () => {
  it('stores N ≥ 2^17, r = 8, p = 1 and a 16-byte random salt with the wrap', async () => {
    t = tempCore()
    const customer = t.core.customers.create(LANZHOU).customer.id
    const vault = new VaultKeys(t.core.ctx)
    const credentials = new CredentialService(
      t.core.ctx,
      vault,
      t.core.customers,
      t.core.deliveries
    )
    expect(DEFAULT_SCRYPT_PARAMS).toEqual({ n: 2 ** 17, r: 8, p: 1 })
    await vault.setup(PASSPHRASE)
    const row = t.core.deps.db
      .prepare('SELECT kdf, kdf_n, kdf_r, kdf_p, kdf_salt FROM vault')
      .get() as { kdf: string; kdf_n: number; kdf_r: number; kdf_p: number; kdf_salt: Buffer }
    expect(row.kdf).toBe('scrypt')
    expect(row.kdf_n).toBeGreaterThanOrEqual(2 ** 17)
    expect(row.kdf_r).toBe(8)
    expect(row.kdf_p).toBe(1)
    expect(row.kdf_salt).toHaveLength(16)
    expect(vault.status().kdf).toEqual({ name: 'scrypt', n: 2 ** 17, r: 8, p: 1 })

    credentials.set(customer, 'clientSecret', SECRETS.clientSecret)
    vault.lock()
    expect((await asyncRefusal(vault.unlock('not the passphrase'))).code).toBe(
      'VAULT_BAD_PASSPHRASE'
    )
    const started = performance.now()
    await vault.unlock(PASSPHRASE)
    const unlockMs = performance.now() - started
    expect(credentials.reveal(customer, 'clientSecret')).toBe(SECRETS.clientSecret)
    console.log(`vault unlock with the default scrypt cost: ${unlockMs.toFixed(0)} ms`)
  })
})
