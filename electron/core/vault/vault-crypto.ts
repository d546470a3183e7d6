/**
 * The vault's primitives, node:crypto only: AES-256-GCM sealing with a fresh 96-bit nonce and
 * caller-supplied additional authenticated data, scrypt key derivation, the key check value.
 * A failed authentication is always VAULT_TAMPERED: nothing decrypted is ever returned unchecked.
 */
import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  hkdfSync,
  randomBytes,
  randomFillSync,
  scrypt,
  timingSafeEqual
} from 'node:crypto'
import { DeskError } from '../errors/desk-error'

export const DATA_KEY_BYTES = 32
export const NONCE_BYTES = 12
export const TAG_BYTES = 16
export const SALT_BYTES = 16

export interface SealedBox {
  nonce: Buffer
  ciphertext: Buffer
  tag: Buffer
}

export interface ScryptParams {
  /** CPU/memory cost, a power of two */
  n: number
  r: number
  p: number
}

/** The floor: N = 2^17, r = 8, p = 1 (about 128 MiB and a few hundred ms per derivation). */
export const DEFAULT_SCRYPT_PARAMS: Readonly<ScryptParams> = Object.freeze({
  n: 2 ** 17,
  r: 8,
  p: 1
})

/** Bounds for parameters read back from the file: anything outside is not a wrap we wrote. */
const MAX_SCRYPT_N = 2 ** 22
const MAX_SCRYPT_R = 32
const MAX_SCRYPT_P = 16

export function isPlausibleScryptParams(params: ScryptParams): boolean {
  const { n, r, p } = params
  return (
    Number.isInteger(n) &&
    n >= 2 &&
    n <= MAX_SCRYPT_N &&
    (n & (n - 1)) === 0 &&
    Number.isInteger(r) &&
    r >= 1 &&
    r <= MAX_SCRYPT_R &&
    Number.isInteger(p) &&
    p >= 1 &&
    p <= MAX_SCRYPT_P
  )
}

/** A fresh random data key in its own (unpooled) allocation, so zeroing it clears the only copy. */
export function newDataKey(): Buffer {
  return randomFillSync(Buffer.alloc(DATA_KEY_BYTES))
}

/**
 * Key bytes copied into a fresh, unpooled Buffer of their own. A Buffer from a decipher, a
 * keyring or `Buffer.from` may be a view on a shared pool: zeroing the copy then clears the
 * only copy there is.
 */
export function copyKeyBytes(source: Buffer): Buffer {
  const key = Buffer.alloc(source.length)
  source.copy(key)
  return key
}

/** Like copyKeyBytes, and zeroes the source: the key then lives in the returned Buffer only. */
export function takeKeyBytes(source: Buffer): Buffer {
  const key = copyKeyBytes(source)
  source.fill(0)
  return key
}

export function seal(key: Buffer, plaintext: Buffer, aad: Buffer): SealedBox {
  const nonce = randomBytes(NONCE_BYTES)
  const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES })
  cipher.setAAD(aad)
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()])
  return { nonce, ciphertext, tag: cipher.getAuthTag() }
}

/** Opens a sealed box or throws VAULT_TAMPERED; the plaintext is returned only once verified. */
export function open(key: Buffer, box: SealedBox, aad: Buffer, field?: string): Buffer {
  // Without the explicit lengths GCM would accept a truncated tag, making forgery cheaper.
  if (box.nonce.length !== NONCE_BYTES || box.tag.length !== TAG_BYTES) {
    throw new DeskError('VAULT_TAMPERED', { field })
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, box.nonce, { authTagLength: TAG_BYTES })
    decipher.setAAD(aad)
    decipher.setAuthTag(box.tag)
    const head = decipher.update(box.ciphertext)
    const tail = decipher.final()
    if (tail.length === 0) return head
    const whole = Buffer.concat([head, tail])
    head.fill(0)
    return whole
  } catch {
    throw new DeskError('VAULT_TAMPERED', { field })
  }
}

/**
 * The first format's additional authenticated data (customer, field, key version). Read only
 * by the one-time upgrade at the first unlock after migration 007: a value sealed this way is
 * not bound to its row, so a history value could be copied over the current one.
 */
export function legacyCredentialAad(customerId: number, field: string, keyVersion: number): Buffer {
  return Buffer.from(
    JSON.stringify(['delivery-desk.credential.v1', customerId, field, keyVersion]),
    'utf8'
  )
}

/** Which stored row a sealed value belongs to: all of it goes into the AAD. */
export interface RowIdentity {
  id: number
  customerId: number
  field: string
  /** from the manifest's sequence, never reused under one data key */
  version: number
}

/**
 * Additional authenticated data for one secret: its row id, customer, field, version and data
 * key version. A value copied to another row, another customer or field, or kept from before a
 * key rotation fails authentication. JSON of an array keeps the parts unambiguous.
 */
export function credentialAad(row: RowIdentity, keyVersion: number): Buffer {
  return Buffer.from(
    JSON.stringify([
      'delivery-desk.credential.v2',
      row.id,
      row.customerId,
      row.field,
      row.version,
      keyVersion
    ]),
    'utf8'
  )
}

/** The key that authenticates the manifest: derived, so the data key itself signs nothing. */
export function manifestKey(dataKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), 'delivery-desk.manifest.v1', 32))
}

export function manifestMac(dataKey: Buffer, manifest: Buffer): Buffer {
  const key = manifestKey(dataKey)
  try {
    return createHmac('sha256', key).update(manifest).digest()
  } finally {
    key.fill(0)
  }
}

/** Binds the passphrase wrap to its own parameters, so they cannot be swapped unnoticed. */
export function passphraseWrapAad(params: ScryptParams): Buffer {
  return Buffer.from(
    JSON.stringify(['delivery-desk.vault-key.scrypt.v1', params.n, params.r, params.p]),
    'utf8'
  )
}

/**
 * A value that identifies the data key without revealing anything about it. `bound` (the
 * current format) and `legacy` (before migration 007) differ, so a vault whose values are
 * bound cannot be made to look like one still waiting for the upgrade.
 */
export function keyCheck(dataKey: Buffer, format: 'bound' | 'legacy' = 'bound'): Buffer {
  const label = format === 'bound' ? 'delivery-desk.key-check.v2' : 'delivery-desk.key-check.v1'
  return createHmac('sha256', dataKey).update(label).digest()
}

/** Which format's key check this key matches, or null when it is not the vault's key. */
export function keyCheckFormat(dataKey: Buffer, check: Buffer): 'bound' | 'legacy' | null {
  for (const format of ['bound', 'legacy'] as const) {
    const expected = keyCheck(dataKey, format)
    if (expected.length === check.length && timingSafeEqual(expected, check)) return format
  }
  return null
}

export function matchesKeyCheck(dataKey: Buffer, check: Buffer): boolean {
  return keyCheckFormat(dataKey, check) !== null
}

/**
 * Passphrases are NFC-normalised before derivation: the same Chinese passphrase typed through
 * different input methods or systems can arrive in different Unicode forms.
 */
export function normalizePassphrase(passphrase: string): string {
  return passphrase.normalize('NFC')
}

/**
 * scrypt in libuv's thread pool (not blocking the main process for the few hundred ms it
 * takes). `maxmem` must exceed 128·N·r bytes or Node refuses the default parameters.
 */
export function deriveKey(passphrase: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const input = Buffer.from(normalizePassphrase(passphrase), 'utf8')
  return new Promise((resolve, reject) => {
    scrypt(
      input,
      salt,
      DATA_KEY_BYTES,
      { N: params.n, r: params.r, p: params.p, maxmem: 256 * params.n * params.r + 1024 * 1024 },
      (error, derived) => {
        input.fill(0)
        if (error) reject(error)
        else resolve(derived)
      }
    )
  })
}
