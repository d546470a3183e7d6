import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { DeskError } from '../../electron/core/errors/desk-error'
import { CredentialService } from '../../electron/core/vault/credential-service'
import { VaultKeys } from '../../electron/core/vault/vault-key-service'
import { LANZHOU, tempCore, type TempCore } from '../support/temp-core'

// A stand-in for Electron's safeStorage: "encrypts" with a per-run XOR pad behind a version
// prefix, like Chromium's `v10`/`v11` blobs, and can be switched to the Linux backends.
const keyring = vi.hoisted(() => {
  const pad = Buffer.from('0f1e2d3c4b5a69788796a5b4c3d2e1f0', 'hex')
  const xor = (bytes: Buffer): Buffer => Buffer.from(bytes.map((b, i) => b ^ (pad[i % 16] ?? 0)))
  const state = {
    available: true,
    backend: 'gnome_libsecret' as string,
    encrypted: [] as string[]
  }
  const safeStorage = {
    isEncryptionAvailable: (): boolean => state.available,
    getSelectedStorageBackend: (): string => state.backend,
    encryptString: (text: string): Buffer => {
      state.encrypted.push(text)
      return Buffer.concat([Buffer.from('v11'), xor(Buffer.from(text, 'utf8'))])
    },
    decryptString: (blob: Buffer): string => {
      if (blob.subarray(0, 3).toString() !== 'v11') throw new Error('Error while decrypting')
      return xor(blob.subarray(3)).toString('utf8')
    }
  }
  return { state, safeStorage }
})
vi.mock('electron', () => ({ safeStorage: keyring.safeStorage, default: keyring }))

const { SafeStorageKeyProvider } =
  await import('../../electron/main/safe-storage-key-provider.main')

beforeEach(() => {
  keyring.state.available = true
  keyring.state.backend = 'gnome_libsecret'
  keyring.state.encrypted = []
})

async function refusal(promise: Promise<unknown>): Promise<DeskError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof DeskError) return error
    throw error
  }
  throw new Error('expected a refusal')
}

describe('the safeStorage key provider', () => {
  it('is available on Linux with a real keyring backend and names it', () => {
    const provider = new SafeStorageKeyProvider('linux')
    expect(provider.isAvailable()).toBe(true)
    expect(provider.backend()).toBe('gnome_libsecret')
    keyring.state.backend = 'kwallet6'
    expect(provider.isAvailable()).toBe(true)
  })

  it('refuses the basic_text backend and an unknown one (app not ready) on Linux', async () => {
    const provider = new SafeStorageKeyProvider('linux')
    for (const backend of ['basic_text', 'unknown']) {
      keyring.state.backend = backend
      expect(provider.isAvailable()).toBe(false)
      expect((await refusal(provider.wrap(Buffer.alloc(32, 1)))).code).toBe('VAULT_OS_UNAVAILABLE')
    }
    expect(keyring.state.encrypted).toEqual([])
  })

  it('is unavailable whenever safeStorage says encryption is not available', () => {
    keyring.state.available = false
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      expect(new SafeStorageKeyProvider(platform).isAvailable()).toBe(false)
    }
  })

  it('ignores the Linux backend on Windows and macOS', () => {
    keyring.state.backend = 'basic_text'
    expect(new SafeStorageKeyProvider('win32').isAvailable()).toBe(true)
    expect(new SafeStorageKeyProvider('win32').backend()).toBe('dpapi')
    expect(new SafeStorageKeyProvider('darwin').backend()).toBe('keychain')
  })

  it('wraps the key as base64 text and unwraps it to the same 32 bytes', async () => {
    const provider = new SafeStorageKeyProvider('linux')
    const key = Buffer.from([...Array(32).keys()].map((i) => i * 7))
    const blob = await provider.wrap(key)
    expect(keyring.state.encrypted).toEqual([key.toString('base64')])
    expect(blob.includes(key)).toBe(false)
    expect(blob.includes(Buffer.from(key.toString('base64')))).toBe(false)
    expect((await provider.unwrap(blob)).equals(key)).toBe(true)
  })

  it('reports a blob the keyring cannot open, or that is not a key, as an OS unlock failure', async () => {
    const provider = new SafeStorageKeyProvider('linux')
    expect((await refusal(provider.unwrap(Buffer.from('garbage')))).code).toBe(
      'VAULT_OS_UNLOCK_FAILED'
    )
    const notAKey = keyring.safeStorage.encryptString(Buffer.alloc(16).toString('base64'))
    expect((await refusal(provider.unwrap(notAKey))).code).toBe('VAULT_OS_UNLOCK_FAILED')
  })
})

describe('the vault over safeStorage', () => {
  let t: TempCore
  afterEach(() => t.cleanup())

  it('unlocks through the keyring, and only by passphrase once the backend is basic_text', async () => {
    t = tempCore()
    const customer = t.core.customers.create(LANZHOU).customer.id
    const ctx = t.core.ctx
    const options = {
      osKeyProvider: new SafeStorageKeyProvider('linux'),
      scryptParams: { n: 2 ** 10, r: 8, p: 1 }
    }
    const vault = new VaultKeys(ctx, options)
    const credentialsOf = (keys: VaultKeys): CredentialService =>
      new CredentialService(ctx, keys, t.core.customers, t.core.deliveries)
    await vault.setup('a passphrase for the keyring test')
    credentialsOf(vault).set(customer, 'fkey', 'fk-keyring-test-value')
    expect(await vault.enableOsUnlock()).toMatchObject({
      osUnlockAvailable: true,
      osUnlockEnabled: true,
      osBackend: 'gnome_libsecret'
    })
    vault.lock()
    const restarted = new VaultKeys(ctx, options)
    expect((await restarted.unlockWithOs()).state).toBe('unlocked')
    expect(credentialsOf(restarted).reveal(customer, 'fkey')).toBe('fk-keyring-test-value')
    restarted.lock()

    keyring.state.backend = 'basic_text'
    expect(restarted.status()).toMatchObject({ osUnlockAvailable: false, osUnlockEnabled: true })
    expect((await refusal(restarted.unlockWithOs())).code).toBe('VAULT_OS_UNAVAILABLE')
    expect((await restarted.unlock('a passphrase for the keyring test')).state).toBe('unlocked')
  })
})
