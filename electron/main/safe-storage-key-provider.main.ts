/**
 * The OS key provider over Electron's safeStorage (DPAPI on Windows, Keychain on macOS,
 * libsecret/KWallet on Linux). On Linux the `basic_text` backend encrypts with a key built into
 * Chromium, and `unknown` means the app is not ready yet: neither protects anything, so both
 * count as unavailable and the vault asks for the passphrase.
 */
import { safeStorage } from 'electron'
import { DeskError } from '../core/errors/desk-error'
import type { OsKeyProvider } from '../core/vault/key-provider'
import { DATA_KEY_BYTES, takeKeyBytes } from '../core/vault/vault-crypto'

const UNTRUSTED_LINUX_BACKENDS: ReadonlySet<string> = new Set(['basic_text', 'unknown'])

export class SafeStorageKeyProvider implements OsKeyProvider {
  constructor(private readonly platform: NodeJS.Platform = process.platform) {}

  isAvailable(): boolean {
    if (!safeStorage.isEncryptionAvailable()) return false
    if (this.platform === 'linux') {
      return !UNTRUSTED_LINUX_BACKENDS.has(safeStorage.getSelectedStorageBackend())
    }
    return true
  }

  backend(): string {
    if (this.platform === 'win32') return 'dpapi'
    if (this.platform === 'darwin') return 'keychain'
    if (this.platform === 'linux') return safeStorage.getSelectedStorageBackend()
    return this.platform
  }

  async wrap(dataKey: Buffer): Promise<Buffer> {
    this.requireAvailable()
    // safeStorage takes text: the key travels as base64, which is binary-safe.
    return safeStorage.encryptString(dataKey.toString('base64'))
  }

  async unwrap(blob: Buffer): Promise<Buffer> {
    this.requireAvailable()
    let encoded: string
    try {
      encoded = safeStorage.decryptString(blob)
    } catch {
      throw new DeskError('VAULT_OS_UNLOCK_FAILED')
    }
    // Checked in place: re-encoding for the comparison would leave one more key string behind.
    const decoded = Buffer.from(encoded, 'base64')
    if (decoded.length !== DATA_KEY_BYTES || !/^[A-Za-z0-9+/]{43}=$/.test(encoded)) {
      decoded.fill(0)
      throw new DeskError('VAULT_OS_UNLOCK_FAILED')
    }
    return takeKeyBytes(decoded)
  }

  private requireAvailable(): void {
    if (!this.isAvailable()) throw new DeskError('VAULT_OS_UNAVAILABLE')
  }
}
