/**
 * Shared set-up for the vault tests: a real database file in a temp folder (temp-core), a
 * customer or two, a fake OS keyring, and scrypt at a low cost so the suite stays fast. One
 * test (vault-default-params.test.ts) runs the real default cost.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { DeskError } from '../../../electron/core/errors/desk-error'
import type { OsKeyProvider } from '../../../electron/core/vault/key-provider'
import type { ScryptParams } from '../../../electron/core/vault/vault-crypto'
import { VaultService, type VaultServiceOptions } from '../../../electron/core/vault/vault-service'
import type { CredentialField } from '../../../electron/core/vault/credential-fields'
import type { TempCore } from '../../support/temp-core'

export const FAST_SCRYPT: ScryptParams = { n: 2 ** 10, r: 8, p: 1 }
export const PASSPHRASE = '黄河远上白云间 2026!'

export const SECRETS: Record<CredentialField, string> = {
  clientId: 'P3f9ZqW8xLm2Yk2',
  clientSecret: 'cs_8Jd0aQ2vN7rT5uX1wE4yH6kP9mB3zC',
  encryptKey: 'Ek7Rw2Qp9Ls4Tn6V',
  fkey: 'fk-2b7e151628aed2a6abf7158809cf4f3c',
  fpublicKey: 'MFkwEwYHKoZIzj0CAQYIKoEcz1UBgi0DQgAE7fpubKey0123456789abcdefXYZ'
}

export function vaultFor(t: TempCore, options: VaultServiceOptions = {}): VaultService {
  return new VaultService(t.core.ctx, { scryptParams: FAST_SCRYPT, ...options })
}

export function addDelivery(t: TempCore, customerId: number): number {
  const info = t.core.deps.db
    .prepare('INSERT INTO deliveries (customer_id, created_at, updated_at) VALUES (?, ?, ?)')
    .run(customerId, t.core.now(), t.core.now())
  return Number(info.lastInsertRowid)
}

/** The DeskError a call throws; fails the test when it throws something else or nothing. */
export function refusal(fn: () => unknown): DeskError {
  try {
    fn()
  } catch (error) {
    if (error instanceof DeskError) return error
    throw error
  }
  throw new Error('expected a refusal')
}

export async function asyncRefusal(promise: Promise<unknown>): Promise<DeskError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof DeskError) return error
    throw error
  }
  throw new Error('expected a refusal')
}

/**
 * A stand-in for the OS keyring: really encrypts (AES-GCM under a key only it holds), so a
 * wrap on disk reveals nothing, and can be made unavailable or "reset" (a new key).
 */
export class FakeOsKeyProvider implements OsKeyProvider {
  available = true
  private key = randomBytes(32)
  wraps = 0

  isAvailable(): boolean {
    return this.available
  }

  backend(): string {
    return 'fake_keyring'
  }

  /** what a keyring reset or another user account looks like: old wraps no longer open */
  reset(): void {
    this.key = randomBytes(32)
  }

  async wrap(dataKey: Buffer): Promise<Buffer> {
    this.wraps++
    const nonce = randomBytes(12)
    const cipher = createCipheriv('aes-256-gcm', this.key, nonce)
    const body = Buffer.concat([cipher.update(dataKey), cipher.final()])
    return Buffer.concat([nonce, cipher.getAuthTag(), body])
  }

  async unwrap(blob: Buffer): Promise<Buffer> {
    const decipher = createDecipheriv('aes-256-gcm', this.key, blob.subarray(0, 12))
    decipher.setAuthTag(blob.subarray(12, 28))
    return Buffer.concat([decipher.update(blob.subarray(28)), decipher.final()])
  }
}

/** the live data key, read from the service's private state: only to prove it is zeroed */
export function liveDataKey(vault: VaultService): Buffer | null {
  return (vault as unknown as { unlocked: { key: Buffer } | null }).unlocked?.key ?? null
}
