/**
 * Who can wrap (encrypt) and unwrap the vault's data key. The passphrase provider is pure Node
 * (app, CLI, tests); the OS provider is implemented in the Electron main process over
 * `safeStorage` (main/safe-storage-key-provider.main.ts), so the domain never imports electron.
 */
import { randomBytes } from 'node:crypto'
import { DeskError } from '../errors/desk-error'
import {
  DATA_KEY_BYTES,
  DEFAULT_SCRYPT_PARAMS,
  SALT_BYTES,
  deriveKey,
  isPlausibleScryptParams,
  open,
  passphraseWrapAad,
  seal,
  takeKeyBytes,
  type ScryptParams
} from './vault-crypto'

export interface KeyProvider<Wrap> {
  /** false when this provider cannot (or must not) be used on this machine */
  isAvailable(): boolean
  /** what does the wrapping, for status and the audit log: 'scrypt', 'dpapi', 'keychain', 'gnome_libsecret'… */
  backend(): string
  wrap(dataKey: Buffer): Promise<Wrap>
  /** the data key, or a DeskError when this wrap cannot be opened */
  unwrap(wrap: Wrap): Promise<Buffer>
}

/** The OS keyring's wrap is an opaque blob only the same user on the same machine can open. */
export type OsKeyProvider = KeyProvider<Buffer>

/** What the passphrase wrap stores: everything needed to derive the key again, nothing secret. */
export interface PassphraseWrap {
  kdf: 'scrypt'
  params: ScryptParams
  salt: Buffer
  nonce: Buffer
  tag: Buffer
  wrappedKey: Buffer
}

/**
 * Wraps the data key under a key derived from the passphrase by scrypt (random salt per wrap,
 * parameters stored with it). A wrong passphrase and a damaged wrap look the same to GCM; both
 * are VAULT_BAD_PASSPHRASE, because telling them apart would need a second secret.
 */
export class PassphraseKeyProvider implements KeyProvider<PassphraseWrap> {
  constructor(
    private readonly passphrase: string,
    private readonly params: ScryptParams = DEFAULT_SCRYPT_PARAMS
  ) {}

  isAvailable(): boolean {
    return true
  }

  backend(): string {
    return 'scrypt'
  }

  async wrap(dataKey: Buffer): Promise<PassphraseWrap> {
    const params = { ...this.params }
    const salt = randomBytes(SALT_BYTES)
    const kek = await deriveKey(this.passphrase, salt, params)
    try {
      const box = seal(kek, dataKey, passphraseWrapAad(params))
      return {
        kdf: 'scrypt',
        params,
        salt,
        nonce: box.nonce,
        tag: box.tag,
        wrappedKey: box.ciphertext
      }
    } finally {
      kek.fill(0)
    }
  }

  async unwrap(wrap: PassphraseWrap): Promise<Buffer> {
    // Parameters come from the file: refuse ones we never write rather than let them exhaust memory.
    if (wrap.kdf !== 'scrypt' || !isPlausibleScryptParams(wrap.params)) {
      throw new DeskError('VAULT_TAMPERED')
    }
    const kek = await deriveKey(this.passphrase, wrap.salt, wrap.params)
    let opened: Buffer
    try {
      opened = open(
        kek,
        { nonce: wrap.nonce, tag: wrap.tag, ciphertext: wrap.wrappedKey },
        passphraseWrapAad(wrap.params)
      )
    } catch {
      throw new DeskError('VAULT_BAD_PASSPHRASE', { field: 'passphrase' })
    } finally {
      kek.fill(0)
    }
    if (opened.length !== DATA_KEY_BYTES) {
      opened.fill(0)
      throw new DeskError('VAULT_TAMPERED')
    }
    return takeKeyBytes(opened)
  }
}
