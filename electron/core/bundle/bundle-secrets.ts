/**
 * The bundle key for secrets: the bundle passphrase through scrypt with its own salt, so a
 * secret stays sealed (AES-256-GCM, bound to its customer's tax ID and field) even in the
 * unsealed document held in memory during a preview. The key Buffer is zeroed by `wipe`.
 */
import { randomBytes, scrypt as scryptCallback } from 'node:crypto'
import { DeskError } from '../errors/desk-error'
import { open, seal } from '../vault/vault-crypto'
import type { SealScryptParams } from '../backup/sealed-file'
import type { BundleDocument, SealedSecret } from './bundle-document'

export type SecretsKdf = NonNullable<BundleDocument['secretsKdf']>

function derive(passphrase: string, salt: Buffer, params: SealScryptParams): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCallback(
      passphrase.normalize('NFC'),
      salt,
      32,
      { N: params.n, r: params.r, p: params.p, maxmem: 256 * params.n * params.r + 1024 * 1024 },
      (error, key) => (error ? reject(error) : resolve(key))
    )
  )
}

function aad(taxId: string, field: string): Buffer {
  return Buffer.from(JSON.stringify(['delivery-desk.bundle-secret.v1', taxId, field]), 'utf8')
}

export class BundleSecretKey {
  private constructor(
    private readonly key: Buffer,
    readonly kdf: SecretsKdf
  ) {}

  static async create(passphrase: string, params: SealScryptParams): Promise<BundleSecretKey> {
    const salt = randomBytes(16)
    return new BundleSecretKey(await derive(passphrase, salt, params), {
      ...params,
      salt: salt.toString('base64')
    })
  }

  /** The key of a bundle being read; the parameters were bounded when the document was checked. */
  static async open(passphrase: string, kdf: SecretsKdf): Promise<BundleSecretKey> {
    if (
      kdf.n < 2 ** 10 ||
      kdf.n > 2 ** 20 ||
      (kdf.n & (kdf.n - 1)) !== 0 ||
      kdf.r > 16 ||
      kdf.p > 4
    ) {
      throw new DeskError('BUNDLE_DAMAGED', { field: 'path', params: { detail: 'kdf' } })
    }
    return new BundleSecretKey(await derive(passphrase, Buffer.from(kdf.salt, 'base64'), kdf), kdf)
  }

  seal(taxId: string, field: string, plaintext: Buffer): SealedSecret {
    const box = seal(this.key, plaintext, aad(taxId, field))
    return {
      field,
      nonce: box.nonce.toString('base64'),
      ciphertext: box.ciphertext.toString('base64'),
      tag: box.tag.toString('base64')
    }
  }

  /** The plaintext (caller zeroes it), or BUNDLE_DAMAGED when it does not authenticate. */
  open(taxId: string, secret: SealedSecret): Buffer {
    try {
      return open(
        this.key,
        {
          nonce: Buffer.from(secret.nonce, 'base64'),
          ciphertext: Buffer.from(secret.ciphertext, 'base64'),
          tag: Buffer.from(secret.tag, 'base64')
        },
        aad(taxId, secret.field)
      )
    } catch {
      throw new DeskError('BUNDLE_DAMAGED', { field: 'path', params: { detail: 'secret' } })
    }
  }

  wipe(): void {
    this.key.fill(0)
  }
}
