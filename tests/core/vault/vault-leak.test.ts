/**
 * The promise of the vault: after secrets were set, revealed, copied and handed over, no file
 * the app wrote holds a plaintext (nor the passphrase, nor the data key), in any common encoding.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { CREDENTIAL_FIELD_KEYS } from '../../../electron/core/vault/credential-fields'
import {
  CLIPBOARD_MARKER_FILE,
  writeClipboardMarker
} from '../../../electron/core/vault/clipboard-marker'
import { manifestKey } from '../../../electron/core/vault/vault-crypto'
import { LANZHOU, SHENZHEN, tempCore, type TempCore } from '../../support/temp-core'
import { filesUnder, findLeaks } from '../../support/secret-scan'
import { addDelivery, FakeOsKeyProvider, liveDataKey, vaultFor } from './vault-fixture'

let t: TempCore
afterEach(() => t.cleanup())

describe('no plaintext on disk', () => {
  it('keeps every secret, the passphrases and every key out of every file in the data folder after a full session', async () => {
    t = tempCore({ implementer: '王实施' })
    const customer = t.core.customers.create(LANZHOU).customer.id
    const other = t.core.customers.create(SHENZHEN).customer.id
    const delivery = addDelivery(t, customer)
    const passphrase = 'LeakProbe-口令-Passphrase-7731'
    const secrets = {
      clientId: 'PLeakProbeClientId-4f1c-9e2a-k2',
      clientSecret: 'LeakProbeClientSecret-0b8d7c6e5f4a3b2c1d',
      encryptKey: 'LeakProbeEnc9Key',
      fkey: 'LeakProbeFkey-密钥-6a5b4c3d2e1f',
      fpublicKey: 'LeakProbeFpublicKey-MFkwEwYHKoZIzj0CAQYIKoEcz1UBgi0DQgAE'
    }
    const os = new FakeOsKeyProvider()
    const { keys: vault, credentials } = vaultFor(t, { osKeyProvider: os })
    await vault.setup(passphrase)
    await vault.enableOsUnlock()
    const dataKey = Buffer.from(liveDataKey(vault) ?? Buffer.alloc(0))
    expect(dataKey).toHaveLength(32)

    // an earlier value that becomes history, and a value for another customer
    credentials.set(customer, 'clientSecret', 'LeakProbeOldSecret-replaced-value-99', delivery)
    for (const field of CREDENTIAL_FIELD_KEYS) {
      credentials.set(customer, field, secrets[field], delivery)
    }
    credentials.set(other, 'fkey', 'LeakProbeOtherCustomerFkey-77')
    for (const field of CREDENTIAL_FIELD_KEYS) {
      expect(credentials.reveal(customer, field)).toBe(secrets[field])
      expect(credentials.copyValue(customer, field)).toBe(secrets[field])
    }
    expect(credentials.revealHistory(customer, 'clientSecret', 1)).toBe(
      'LeakProbeOldSecret-replaced-value-99'
    )
    const message = credentials.handoff(customer, { deliveryId: delivery, channel: 'wechat' })
    credentials.list(customer)
    await vault.changePassphrase(passphrase, 'LeakProbe-second-passphrase-8842')
    // the rotated key, and the key the manifest is signed with
    const rotatedKey = Buffer.from(liveDataKey(vault) ?? Buffer.alloc(0))
    expect(rotatedKey.equals(dataKey)).toBe(false)
    // a secret deleted, another customer's history purged, a copy noted for crash recovery
    credentials.set(other, 'fkey', 'LeakProbeOtherCustomerFkey-second-88')
    credentials.delete(customer, 'encryptKey')
    t.core.customers.archive(other)
    credentials.purgeHistory(other)
    writeClipboardMarker(join(t.dir, CLIPBOARD_MARKER_FILE), secrets.clientSecret, '2026-03-01')
    vault.lock()
    await vault.unlockWithOs()
    vault.lock()
    t.core.deps.settings.update({ implementerName: '王实施', autoLockMinutes: 7 })

    const needles: Record<string, string | Buffer> = {
      ...secrets,
      oldClientSecret: 'LeakProbeOldSecret-replaced-value-99',
      otherFkey: 'LeakProbeOtherCustomerFkey-77',
      passphrase,
      newPassphrase: 'LeakProbe-second-passphrase-8842',
      handoffMessage: message,
      dataKey,
      rotatedKey,
      manifestKey: manifestKey(rotatedKey),
      secondOtherFkey: 'LeakProbeOtherCustomerFkey-second-88'
    }
    // the scan itself can find what it looks for
    expect(findLeaks(t.dir, { name: LANZHOU.name }).length).toBeGreaterThan(0)

    // while the database is open its WAL and SHM hold the latest writes
    const files = filesUnder(t.dir).map((f) => f.slice(t.dir.length + 1))
    expect(files).toEqual(
      expect.arrayContaining([
        'desk.sqlite',
        'desk.sqlite-wal',
        'settings.json',
        CLIPBOARD_MARKER_FILE
      ])
    )
    expect(findLeaks(t.dir, needles)).toEqual([])

    t.core.deps.db.close()
    expect(findLeaks(t.dir, needles)).toEqual([])
  })
})
