/**
 * Issue 12: weak passphrases were accepted. Each attack passphrase is tried against setup and
 * changePassphrase on a real vault; NFC normalisation is proven by unlocking an NFC vault
 * with the same passphrase typed in NFD.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  estimatePassphraseStrength,
  loadPassphraseEstimator
} from '../../../electron/core/vault/passphrase-strength'
import { tempCore, type TempCore } from '../../support/temp-core'
import { asyncRefusal, PASSPHRASE, vaultFor } from './vault-fixture'

let t: TempCore
beforeEach(() => {
  t = tempCore()
})
afterEach(() => t.cleanup())

describe('weak passphrases are refused with a reason', () => {
  it.each(['12345678', 'password', 'qwertyuiop', 'iloveyou1', '11111111', '        '])(
    'refuses %j as too guessable',
    async (weak) => {
      const { keys } = vaultFor(t)
      const refused = await asyncRefusal(keys.setup(weak))
      expect(refused.code).toBe('VAULT_WEAK_PASSPHRASE')
      expect(refused.field).toBe('passphrase')
      expect(refused.params).toMatchObject({ reason: 'too_guessable' })
      expect(Array.isArray(refused.params?.suggestions)).toBe(true)
      expect(keys.status().state).toBe('not_set_up')
    }
  )

  it('refuses eight NULs, control characters and lone surrogates', async () => {
    const { keys } = vaultFor(t)
    for (const bad of [
      '\0'.repeat(8),
      'correct horse\tbattery staple',
      'correct horse \uD800 staple'
    ]) {
      const refused = await asyncRefusal(keys.setup(bad))
      expect(refused.code).toBe('VAULT_PASSPHRASE_CHARACTERS')
    }
    expect(keys.status().state).toBe('not_set_up')
  })

  it('refuses too short with its reason, and a weak new passphrase on change', async () => {
    const { keys } = vaultFor(t)
    expect((await asyncRefusal(keys.setup('Zq9#'))).params).toMatchObject({
      reason: 'too_short',
      min: 8
    })
    await keys.setup(PASSPHRASE)
    const refused = await asyncRefusal(keys.changePassphrase(PASSPHRASE, 'password1'))
    expect(refused).toMatchObject({ code: 'VAULT_WEAK_PASSPHRASE', field: 'newPassphrase' })
  })

  it('a passphrase typed in NFD unlocks a vault set up in NFC', async () => {
    const nfc = 'Café crème brûlée au 黄河 2026'.normalize('NFC')
    const nfd = nfc.normalize('NFD')
    expect(nfd).not.toBe(nfc)
    const { keys } = vaultFor(t)
    await keys.setup(nfc)
    keys.lock()
    expect((await keys.unlock(nfd)).state).toBe('unlocked')
  })

  it('the meter knows the dictionaries once loaded', async () => {
    await loadPassphraseEstimator()
    expect(estimatePassphraseStrength('password').acceptable).toBe(false)
    expect(estimatePassphraseStrength('correct horse battery staple')).toMatchObject({
      score: 4,
      acceptable: true
    })
  })
})
