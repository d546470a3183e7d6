import { describe, expect, it } from 'vitest'
import {
  copyKeyBytes,
  takeKeyBytes,
  credentialAad,
  deriveKey,
  keyCheck,
  matchesKeyCheck,
  newDataKey,
  NONCE_BYTES,
  open,
  seal,
  TAG_BYTES
} from '../../../electron/core/vault/vault-crypto'
import { PassphraseKeyProvider } from '../../../electron/core/vault/key-provider'
import { FAST_SCRYPT, refusal, asyncRefusal } from './vault-fixture'

const row = { id: 7, customerId: 1, field: 'clientSecret', version: 3 }
const aad = credentialAad(row, 1)

describe('AES-256-GCM sealing', () => {
  it('opens what it sealed, with a fresh 96-bit nonce and a 128-bit tag each time', () => {
    const key = newDataKey()
    const plain = Buffer.from('cs_密钥-value', 'utf8')
    const a = seal(key, plain, aad)
    const b = seal(key, plain, aad)
    expect(a.nonce).toHaveLength(NONCE_BYTES)
    expect(a.tag).toHaveLength(TAG_BYTES)
    expect(a.nonce.equals(b.nonce)).toBe(false)
    expect(a.ciphertext.equals(b.ciphertext)).toBe(false)
    expect(open(key, a, aad).toString('utf8')).toBe('cs_密钥-value')
  })

  it('refuses another row id, customer, field, version or key version in the AAD', () => {
    const key = newDataKey()
    const box = seal(key, Buffer.from('secret'), aad)
    for (const other of [
      credentialAad({ ...row, id: 8 }, 1),
      credentialAad({ ...row, customerId: 2 }, 1),
      credentialAad({ ...row, field: 'fkey' }, 1),
      credentialAad({ ...row, version: 2 }, 1),
      credentialAad(row, 2)
    ]) {
      expect(refusal(() => open(key, box, other)).code).toBe('VAULT_TAMPERED')
    }
  })

  it('refuses a truncated tag instead of accepting a shorter, forgeable one', () => {
    const key = newDataKey()
    const box = seal(key, Buffer.from('secret'), aad)
    const short = { ...box, tag: box.tag.subarray(0, 4) }
    expect(refusal(() => open(key, short, aad)).code).toBe('VAULT_TAMPERED')
    expect(refusal(() => open(newDataKey(), box, aad)).code).toBe('VAULT_TAMPERED')
  })

  it('keeps the AAD parts unambiguous', () => {
    const a = credentialAad({ id: 1, customerId: 1, field: '1', version: 1 }, 1)
    const b = credentialAad({ id: 1, customerId: 11, field: '', version: 1 }, 1)
    expect(a.equals(b)).toBe(false)
  })
})

describe('key check and scrypt wrap', () => {
  it('recognises the data key and nothing else', () => {
    const key = newDataKey()
    expect(matchesKeyCheck(key, keyCheck(key))).toBe(true)
    expect(matchesKeyCheck(newDataKey(), keyCheck(key))).toBe(false)
  })

  it('derives the same key from the same passphrase in either Unicode form', async () => {
    const salt = Buffer.alloc(16, 7)
    const composed = await deriveKey('café口令', salt, FAST_SCRYPT)
    const decomposed = await deriveKey('cafe\u0301口令', salt, FAST_SCRYPT)
    expect(composed.equals(decomposed)).toBe(true)
  })

  it('wraps the data key with a random salt and opens it only with the same passphrase', async () => {
    const key = newDataKey()
    const wrap = await new PassphraseKeyProvider('right passphrase', FAST_SCRYPT).wrap(key)
    const again = await new PassphraseKeyProvider('right passphrase', FAST_SCRYPT).wrap(key)
    expect(wrap.salt.equals(again.salt)).toBe(false)
    expect(wrap.params).toEqual(FAST_SCRYPT)
    expect((await new PassphraseKeyProvider('right passphrase').unwrap(wrap)).equals(key)).toBe(
      true
    )
    const wrong = await asyncRefusal(new PassphraseKeyProvider('wrong passphrase').unwrap(wrap))
    expect(wrong.code).toBe('VAULT_BAD_PASSPHRASE')
  })

  it('refuses stored scrypt parameters it would never write', async () => {
    const key = newDataKey()
    const wrap = await new PassphraseKeyProvider('right passphrase', FAST_SCRYPT).wrap(key)
    const absurd = { ...wrap, params: { n: 2 ** 30, r: 8, p: 1 } }
    const error = await asyncRefusal(new PassphraseKeyProvider('right passphrase').unwrap(absurd))
    expect(error.code).toBe('VAULT_TAMPERED')
  })
})

describe('key bytes', () => {
  it('moves key bytes into a buffer of their own and zeroes the source', () => {
    // a pooled allocation: the key shares its ArrayBuffer with whatever else the pool holds
    const source = Buffer.from([...Array(32).keys()].map((i) => i + 1))
    const pooled = source.buffer.byteLength > 32
    const key = takeKeyBytes(source)
    expect([...key]).toEqual([...Array(32).keys()].map((i) => i + 1))
    expect(source.every((b) => b === 0)).toBe(true)
    expect(key.buffer).not.toBe(source.buffer)
    expect(key.buffer.byteLength).toBe(32)
    expect(pooled).toBe(true)
  })

  it('copies without touching the source when the source stays in use', () => {
    const live = newDataKey()
    const copy = copyKeyBytes(live)
    expect(copy.equals(live)).toBe(true)
    copy.fill(0)
    expect(live.some((b) => b !== 0)).toBe(true)
    expect(live.buffer.byteLength).toBe(32)
  })
})
