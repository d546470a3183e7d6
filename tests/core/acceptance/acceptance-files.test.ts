import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DeskError } from '../../../electron/core/errors/desk-error'
import {
  hashFile,
  readScanFile,
  sha256Hex
} from '../../../electron/core/acceptance/acceptance-files'
import { drawSignaturePng } from './support/images'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'desk-files-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const BYTES = Buffer.alloc(256 * 1024, 0x5a)

async function refusal(promise: Promise<unknown>): Promise<DeskError> {
  try {
    await promise
  } catch (e) {
    if (e instanceof DeskError) return e
    throw e
  }
  throw new Error('expected a refusal')
}

describe('hashing and reading scans', () => {
  it('hashes a file the same as its bytes, and refuses a folder or missing path', async () => {
    const path = join(dir, 'a.bin')
    writeFileSync(path, BYTES)
    expect(await hashFile(path)).toBe(sha256Hex(BYTES))
    expect(sha256Hex(Buffer.from('abc'))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
    )
    expect((await refusal(hashFile(dir))).code).toBe('FILE_NOT_READABLE')
    expect((await refusal(hashFile(join(dir, 'nope')))).code).toBe('FILE_NOT_READABLE')
  })

  it('reads a scan with the type its bytes have, whatever its name', async () => {
    const path = join(dir, 'scan.pdf')
    writeFileSync(path, drawSignaturePng(50, 50))
    const scan = await readScanFile(path)
    expect(scan).toMatchObject({ mime: 'image/png', fileName: 'scan.pdf' })
    writeFileSync(path, 'only text')
    expect(await refusal(readScanFile(path))).toMatchObject({
      code: 'SCAN_FILE',
      field: 'path',
      params: { problem: 'NOT_SUPPORTED' }
    })
  })
})
