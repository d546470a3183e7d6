import { afterEach, describe, expect, it } from 'vitest'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  readSealedHeader,
  SEALED_CHUNK_SIZE,
  sealToFile,
  unsealToFile
} from '../../../electron/core/backup/sealed-file'
import { DeskError } from '../../../electron/core/errors/desk-error'

const FAST = { n: 2 ** 10, r: 8, p: 1 }
const PASS = 'correct horse battery staple'
const dirs: string[] = []
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'desk-seal-'))
  dirs.push(d)
  return d
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

async function* chunksOf(data: Buffer, size = 300_000): AsyncGenerator<Buffer> {
  for (let i = 0; i < data.length; i += size) yield data.subarray(i, i + size)
}

async function seal(dir: string, data: Buffer): Promise<string> {
  const target = join(dir, 'b.ddbackup')
  await sealToFile(target, chunksOf(data), {
    passphrase: PASS,
    kind: 'backup',
    createdAt: '2026-03-01T08:00:00.000Z',
    appVersion: '0.1.0',
    meta: { counts: { customers: 3 } },
    scrypt: FAST
  })
  return target
}

async function refusal(promise: Promise<unknown>): Promise<DeskError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof DeskError) return error
    throw error
  }
  throw new Error('expected a refusal')
}

describe('sealed file', () => {
  it('round-trips content larger than one chunk and leaves no temp file', async () => {
    const dir = tempDir()
    const data = randomBytes(SEALED_CHUNK_SIZE * 2 + 12345)
    const sealed = await seal(dir, data)
    expect(readFileSync(sealed).includes(data.subarray(0, 64))).toBe(false)
    await unsealToFile(sealed, PASS, join(dir, 'out'))
    expect(readFileSync(join(dir, 'out')).equals(data)).toBe(true)
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([])
  })

  it('round-trips empty content and content of exactly one chunk', async () => {
    for (const data of [Buffer.alloc(0), randomBytes(SEALED_CHUNK_SIZE)]) {
      const dir = tempDir()
      await unsealToFile(await seal(dir, data), PASS, join(dir, 'out'))
      expect(readFileSync(join(dir, 'out')).equals(data)).toBe(true)
    }
  })

  it('shows its header (counts, app version, scrypt parameters) without the passphrase', async () => {
    const { header } = await readSealedHeader(await seal(tempDir(), randomBytes(10)))
    expect(header).toMatchObject({
      kind: 'backup',
      appVersion: '0.1.0',
      createdAt: '2026-03-01T08:00:00.000Z',
      kdf: { name: 'scrypt', n: 1024, r: 8, p: 1 },
      meta: { counts: { customers: 3 } }
    })
  })

  it('refuses a wrong passphrase and writes nothing', async () => {
    const dir = tempDir()
    const sealed = await seal(dir, randomBytes(1000))
    const error = await refusal(unsealToFile(sealed, 'wrong passphrase', join(dir, 'out')))
    expect(error.code).toBe('BACKUP_BAD_PASSPHRASE')
    expect(existsSync(join(dir, 'out'))).toBe(false)
  })

  it('refuses a changed byte in the header, a ciphertext, a tag or a length', async () => {
    const dir = tempDir()
    const sealed = await seal(dir, randomBytes(SEALED_CHUNK_SIZE + 5000))
    const original = readFileSync(sealed)
    const headerLength = original.readUInt32BE(9)
    const firstChunk = 13 + headerLength
    const positions = [
      13 + headerLength - 3, // inside the header JSON (its meta)
      firstChunk + 4 + 10, // first chunk's ciphertext
      firstChunk + 4 + SEALED_CHUNK_SIZE + 3, // first chunk's tag
      original.length - 1, // last chunk's tag
      firstChunk + 1 // a chunk length
    ]
    for (const at of positions) {
      const changed = Buffer.from(original)
      changed[at] = (changed[at] as number) ^ 0x01
      writeFileSync(sealed, changed)
      const error = await refusal(unsealToFile(sealed, PASS, join(dir, 'out')))
      expect(error.code).toBe('BACKUP_DAMAGED')
      expect(existsSync(join(dir, 'out'))).toBe(false)
    }
  })

  it('refuses a file cut at a chunk boundary, cut anywhere, or with bytes appended', async () => {
    const dir = tempDir()
    const sealed = await seal(dir, randomBytes(SEALED_CHUNK_SIZE + 5000))
    const original = readFileSync(sealed)
    const firstChunkEnd = 13 + original.readUInt32BE(9) + 4 + SEALED_CHUNK_SIZE + 16
    for (const variant of [
      original.subarray(0, firstChunkEnd),
      original.subarray(0, original.length - 7),
      Buffer.concat([original, Buffer.from([0, 0, 0, 0])])
    ]) {
      writeFileSync(sealed, variant)
      const error = await refusal(unsealToFile(sealed, PASS, join(dir, 'out')))
      expect(error.code).toBe('BACKUP_DAMAGED')
      expect(existsSync(join(dir, 'out'))).toBe(false)
    }
  })

  it('refuses zeroed, random and empty files, and a header asking for a huge scrypt cost', async () => {
    const dir = tempDir()
    const path = join(dir, 'bad.ddbackup')
    const sealed = readFileSync(await seal(dir, randomBytes(100)))
    const greedy = Buffer.from(
      sealed.toString('latin1').replace('"n":1024', `"n":${2 ** 30}`),
      'latin1'
    )
    greedy.writeUInt32BE(greedy.readUInt32BE(9) + 6, 9)
    for (const bytes of [Buffer.alloc(4096), randomBytes(4096), Buffer.alloc(0), greedy]) {
      writeFileSync(path, bytes)
      expect((await refusal(unsealToFile(path, PASS, join(dir, 'out')))).code).toBe(
        'BACKUP_DAMAGED'
      )
    }
  })
})
