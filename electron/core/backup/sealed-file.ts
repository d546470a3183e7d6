/**
 * The sealed file: how a backup (and later a handover bundle) leaves the laptop. A
 * passphrase-derived key (scrypt) encrypts the content in chunks with AES-256-GCM; the
 * header travels in clear so a list can show what a file holds without the passphrase, and
 * is authenticated with every chunk, so a changed byte anywhere is refused.
 *
 *   "DDSEALED"  8 bytes magic
 *   u8          format version (1)
 *   u32 BE      header length, then the header as UTF-8 JSON (SealedHeader)
 *   chunks      u32 BE ciphertext length | ciphertext | 16-byte GCM tag
 *
 * Chunk nonces follow the STREAM construction: a random 7-byte prefix from the header, a
 * 32-bit chunk counter and a last-chunk flag, so reordered, dropped or truncated chunks fail
 * to open. Each chunk's additional data is the SHA-256 of the header bytes. Memory stays at
 * about one chunk whatever the content's size.
 */
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  randomBytes,
  scrypt as scryptCallback,
  timingSafeEqual
} from 'node:crypto'
import { open, type FileHandle } from 'node:fs/promises'
import { z } from 'zod'
import { DeskError } from '../errors/desk-error'
import { writeFileAtomic, type AtomicWriteOptions } from '../shared/atomic-file'

export const SEALED_MAGIC = Buffer.from('DDSEALED', 'ascii')
export const SEALED_FORMAT_VERSION = 1
export const SEALED_CHUNK_SIZE = 1024 * 1024
const TAG_BYTES = 16
const PREFIX_BYTES = 13
const MAX_HEADER_BYTES = 64 * 1024

export interface SealScryptParams {
  n: number
  r: number
  p: number
}

/** Like the vault's passphrase wrap: 128 MiB and about half a second on a laptop. */
export const DEFAULT_SEAL_SCRYPT: SealScryptParams = { n: 2 ** 17, r: 8, p: 1 }

const headerSchema = z
  .object({
    kind: z.enum(['backup', 'bundle']),
    createdAt: z.string().max(40),
    appVersion: z.string().max(40),
    // bounded, so a crafted file cannot make the reader spend gigabytes on scrypt
    kdf: z
      .object({
        name: z.literal('scrypt'),
        n: z
          .number()
          .int()
          .min(2 ** 10)
          .max(2 ** 20)
          .refine((n) => (n & (n - 1)) === 0),
        r: z.number().int().min(1).max(16),
        p: z.number().int().min(1).max(4),
        salt: z.base64().max(128)
      })
      .strict(),
    noncePrefix: z.base64().length(12),
    chunkSize: z.number().int().min(1024).max(SEALED_CHUNK_SIZE),
    keyCheck: z.base64().max(64),
    meta: z.record(z.string(), z.unknown())
  })
  .strict()

export type SealedHeader = z.infer<typeof headerSchema>

export interface SealOptions {
  passphrase: string
  kind: SealedHeader['kind']
  createdAt: string
  appVersion: string
  /** what a list shows without the passphrase (counts, schema version…) */
  meta: Record<string, unknown>
  scrypt?: SealScryptParams
  write?: AtomicWriteOptions
}

function scrypt(passphrase: string, salt: Buffer, params: SealScryptParams): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCallback(
      passphrase.normalize('NFC'),
      salt,
      64,
      { N: params.n, r: params.r, p: params.p, maxmem: 256 * params.n * params.r + 1024 * 1024 },
      (error, key) => (error ? reject(error) : resolve(key))
    )
  )
}

/** The encryption key and a check value that says "wrong passphrase" apart from "damaged". */
async function deriveKeys(
  passphrase: string,
  salt: Buffer,
  params: SealScryptParams
): Promise<{ key: Buffer; check: Buffer }> {
  const derived = await scrypt(passphrase, salt, params)
  const key = derived.subarray(0, 32)
  const check = createHmac('sha256', derived.subarray(32))
    .update('delivery-desk sealed-file key check')
    .digest()
    .subarray(0, 16)
  return { key, check }
}

function nonce(prefix: Buffer, counter: number, last: boolean): Buffer {
  const n = Buffer.alloc(12)
  prefix.copy(n, 0, 0, 7)
  n.writeUInt32BE(counter, 7)
  n[11] = last ? 1 : 0
  return n
}

function encodeHeader(header: SealedHeader): Buffer {
  const json = Buffer.from(JSON.stringify(header), 'utf8')
  const prefix = Buffer.alloc(PREFIX_BYTES)
  SEALED_MAGIC.copy(prefix, 0)
  prefix[8] = SEALED_FORMAT_VERSION
  prefix.writeUInt32BE(json.length, 9)
  return Buffer.concat([prefix, json])
}

/** Reads exactly `length` bytes unless the file ends first. */
async function readExactly(file: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length)
  let read = 0
  while (read < length) {
    const { bytesRead } = await file.read(buffer, read, length - read, position + read)
    if (bytesRead === 0) break
    read += bytesRead
  }
  return buffer.subarray(0, read)
}

/** A short write is legal for write(2); loop until every byte is out. */
async function writeAll(file: FileHandle, bytes: Buffer): Promise<void> {
  let written = 0
  while (written < bytes.length) {
    const { bytesWritten } = await file.write(bytes, written, bytes.length - written)
    written += bytesWritten
  }
}

function damaged(detail: string): DeskError {
  return new DeskError('BACKUP_DAMAGED', { params: { detail } })
}

/**
 * Seals the content (any async source of bytes) into `target`, through a temp file in the
 * same folder: a crash leaves no partial sealed file under the final name.
 */
export async function sealToFile(
  target: string,
  source: AsyncIterable<Uint8Array>,
  options: SealOptions
): Promise<SealedHeader> {
  const params = options.scrypt ?? DEFAULT_SEAL_SCRYPT
  const salt = randomBytes(16)
  const noncePrefix = randomBytes(7)
  const { key, check } = await deriveKeys(options.passphrase, salt, params)
  const header: SealedHeader = {
    kind: options.kind,
    createdAt: options.createdAt,
    appVersion: options.appVersion,
    kdf: { name: 'scrypt', ...params, salt: salt.toString('base64') },
    noncePrefix: noncePrefix.toString('base64'),
    chunkSize: SEALED_CHUNK_SIZE,
    keyCheck: check.toString('base64'),
    meta: options.meta
  }
  const headerBytes = encodeHeader(header)
  const aad = createHash('sha256').update(headerBytes).digest()
  await writeFileAtomic(
    target,
    async (file) => {
      await writeAll(file, headerBytes)
      let counter = 0
      let pending: Buffer | null = null
      const writeChunk = async (plain: Buffer, last: boolean): Promise<void> => {
        const cipher = createCipheriv('aes-256-gcm', key, nonce(noncePrefix, counter++, last))
        cipher.setAAD(aad)
        const body = Buffer.concat([cipher.update(plain), cipher.final()])
        const length = Buffer.alloc(4)
        length.writeUInt32BE(body.length)
        await writeAll(file, Buffer.concat([length, body, cipher.getAuthTag()]))
      }
      // Regroup the source into fixed chunks; the last one is written with the flag set.
      let buffered: Buffer[] = []
      let size = 0
      for await (const piece of source) {
        buffered.push(Buffer.from(piece))
        size += piece.length
        while (size >= SEALED_CHUNK_SIZE) {
          const all = Buffer.concat(buffered)
          if (pending) await writeChunk(pending, false)
          pending = all.subarray(0, SEALED_CHUNK_SIZE)
          buffered = [all.subarray(SEALED_CHUNK_SIZE)]
          size = all.length - SEALED_CHUNK_SIZE
        }
      }
      const rest = Buffer.concat(buffered)
      if (pending && rest.length > 0) {
        await writeChunk(pending, false)
        pending = rest
      } else if (!pending) pending = rest
      await writeChunk(pending, true)
    },
    options.write
  )
  return header
}

/** The clear header of a sealed file, checked for shape (not yet authenticated). */
export async function readSealedHeader(
  path: string
): Promise<{ header: SealedHeader; headerBytes: Buffer }> {
  const file = await open(path, 'r')
  try {
    const prefix = await readExactly(file, 0, PREFIX_BYTES)
    if (prefix.length < PREFIX_BYTES || !prefix.subarray(0, 8).equals(SEALED_MAGIC)) {
      throw damaged('magic')
    }
    if (prefix[8] !== SEALED_FORMAT_VERSION) throw damaged('format_version')
    const length = prefix.readUInt32BE(9)
    if (length > MAX_HEADER_BYTES) throw damaged('header_length')
    const json = await readExactly(file, PREFIX_BYTES, length)
    if (json.length < length) throw damaged('truncated')
    let parsed: unknown
    try {
      parsed = JSON.parse(json.toString('utf8'))
    } catch {
      throw damaged('header')
    }
    const header = headerSchema.safeParse(parsed)
    if (!header.success) throw damaged('header')
    return { header: header.data, headerBytes: Buffer.concat([prefix, json]) }
  } finally {
    await file.close()
  }
}

/** True when the file starts with the sealed-file magic. */
export async function isSealedFile(path: string): Promise<boolean> {
  const file = await open(path, 'r')
  try {
    return (await readExactly(file, 0, 8)).equals(SEALED_MAGIC)
  } finally {
    await file.close()
  }
}

/**
 * Opens a sealed file chunk by chunk. The passphrase is checked before any chunk is read
 * (`BACKUP_BAD_PASSPHRASE`); a changed, missing or extra byte anywhere ends the iteration
 * with `BACKUP_DAMAGED`. Callers must not trust what they received until the iteration has
 * ended without an error.
 */
export async function* openSealed(path: string, passphrase: string): AsyncGenerator<Buffer> {
  const { header, headerBytes } = await readSealedHeader(path)
  const salt = Buffer.from(header.kdf.salt, 'base64')
  const { key, check } = await deriveKeys(passphrase, salt, header.kdf)
  const expected = Buffer.from(header.keyCheck, 'base64')
  if (expected.length !== check.length || !timingSafeEqual(expected, check)) {
    throw new DeskError('BACKUP_BAD_PASSPHRASE', { field: 'passphrase' })
  }
  const aad = createHash('sha256').update(headerBytes).digest()
  const prefix = Buffer.from(header.noncePrefix, 'base64')
  const file = await open(path, 'r')
  try {
    let position = headerBytes.length
    for (let counter = 0; ; counter++) {
      const lengthBytes = await readExactly(file, position, 4)
      if (lengthBytes.length < 4) throw damaged('truncated')
      const length = lengthBytes.readUInt32BE(0)
      if (length > header.chunkSize) throw damaged('chunk_length')
      const body = await readExactly(file, position + 4, length + TAG_BYTES)
      if (body.length < length + TAG_BYTES) throw damaged('truncated')
      position += 4 + length + TAG_BYTES
      const atEnd = (await readExactly(file, position, 1)).length === 0
      // The writer flagged its last chunk; the flag is part of the nonce, so a file cut at a
      // chunk boundary fails to authenticate instead of passing as shorter content.
      const decipher = createDecipheriv('aes-256-gcm', key, nonce(prefix, counter, atEnd))
      decipher.setAAD(aad)
      decipher.setAuthTag(body.subarray(length))
      let plain: Buffer
      try {
        plain = Buffer.concat([decipher.update(body.subarray(0, length)), decipher.final()])
      } catch {
        throw damaged(atEnd ? 'truncated_or_changed' : 'changed')
      }
      yield plain
      if (atEnd) return
    }
  } finally {
    await file.close()
  }
}

/**
 * Unseals into `target` through a temp file: the plaintext lands under its final name only
 * once every chunk has authenticated.
 */
export async function unsealToFile(
  path: string,
  passphrase: string,
  target: string,
  write: AtomicWriteOptions = {}
): Promise<SealedHeader> {
  const { header } = await readSealedHeader(path)
  await writeFileAtomic(
    target,
    async (file) => {
      for await (const chunk of openSealed(path, passphrase)) await writeAll(file, chunk)
    },
    write
  )
  return header
}
