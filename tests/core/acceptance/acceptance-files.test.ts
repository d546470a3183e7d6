import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { link, rename } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DeskError } from '../../../electron/core/errors/desk-error'
import {
  hashFile,
  isExportTempName,
  readScanFile,
  sha256Hex,
  writeFileAtomically,
  type CommitSteps
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

/**
 * Commit steps that die where a killed process would: after the temp file is written and
 * before it gets its final name. Records what the folder held at that moment.
 */
function crashBeforeCommit(): { steps: CommitSteps; seen: { names: string[]; size: number }[] } {
  const seen: { names: string[]; size: number }[] = []
  const die = async (from: string): Promise<void> => {
    seen.push({ names: readdirSync(dir), size: readFileSync(from).length })
    throw Object.assign(new Error('killed'), { code: 'EIO' })
  }
  return { steps: { rename: die, link: die }, seen }
}

describe('writing an export file', () => {
  it('writes the bytes whole under the final name and leaves no temp file', async () => {
    const path = join(dir, '验收单.docx')
    await writeFileAtomically(path, BYTES, { overwrite: false })
    expect(Buffer.compare(readFileSync(path), BYTES)).toBe(0)
    expect(readdirSync(dir)).toEqual(['验收单.docx'])
  })

  it('leaves no final file when it fails between writing and renaming', async () => {
    const path = join(dir, 'new.docx')
    const { steps, seen } = crashBeforeCommit()
    const error = await refusal(writeFileAtomically(path, BYTES, { overwrite: false }, steps))
    expect(error).toMatchObject({ code: 'FILE_WRITE_FAILED', params: { path, reason: 'EIO' } })
    // at the moment of the crash: the whole file under a temp name only
    expect(seen).toHaveLength(1)
    expect(seen[0]?.size).toBe(BYTES.length)
    expect(seen[0]?.names).toHaveLength(1)
    expect(isExportTempName(seen[0]?.names[0] ?? '')).toBe(true)
    expect(existsSync(path)).toBe(false)
    expect(readdirSync(dir)).toEqual([])
  })

  it('keeps the old file intact when replacing it fails before the rename', async () => {
    const path = join(dir, 'old.docx')
    writeFileSync(path, 'the export from last week')
    const { steps, seen } = crashBeforeCommit()
    await refusal(writeFileAtomically(path, BYTES, { overwrite: true }, steps))
    expect(seen[0]?.names.filter(isExportTempName)).toHaveLength(1)
    expect(readFileSync(path, 'utf8')).toBe('the export from last week')
    expect(readdirSync(dir)).toEqual(['old.docx'])
  })

  it('replaces a file only with overwrite, and refuses it without', async () => {
    const path = join(dir, 'existing.docx')
    writeFileSync(path, 'keep me')
    const error = await refusal(writeFileAtomically(path, BYTES, { overwrite: false }))
    expect(error).toMatchObject({ code: 'FILE_EXISTS', field: 'path', params: { path } })
    expect(readFileSync(path, 'utf8')).toBe('keep me')
    await writeFileAtomically(path, BYTES, { overwrite: true })
    expect(Buffer.compare(readFileSync(path), BYTES)).toBe(0)
    expect(readdirSync(dir)).toEqual(['existing.docx'])
  })

  it('does not replace a file that appears between the check and the commit', async () => {
    const path = join(dir, 'race.docx')
    const steps: CommitSteps = {
      rename,
      link: async (from, to) => {
        writeFileSync(to, 'written by someone else meanwhile')
        await link(from, to)
      }
    }
    const error = await refusal(writeFileAtomically(path, BYTES, { overwrite: false }, steps))
    expect(error.code).toBe('FILE_EXISTS')
    expect(readFileSync(path, 'utf8')).toBe('written by someone else meanwhile')
    expect(readdirSync(dir)).toEqual(['race.docx'])
  })

  it('falls back to check-then-rename where the disk has no hard links', async () => {
    const path = join(dir, 'fat32.docx')
    const noLinks: CommitSteps = {
      rename,
      link: async () => {
        throw Object.assign(new Error('operation not permitted'), { code: 'EPERM' })
      }
    }
    await writeFileAtomically(path, BYTES, { overwrite: false }, noLinks)
    expect(Buffer.compare(readFileSync(path), BYTES)).toBe(0)
    expect(readdirSync(dir)).toEqual(['fat32.docx'])
  })

  it('reports a folder that does not exist as a failed write', async () => {
    const path = join(dir, 'missing', 'x.docx')
    const error = await refusal(writeFileAtomically(path, BYTES, { overwrite: true }))
    expect(error).toMatchObject({ code: 'FILE_WRITE_FAILED', params: { reason: 'ENOENT' } })
  })

  it('recognises its own temp names and nothing else', () => {
    expect(isExportTempName('.desk-export-4242-0123456789abcdef.tmp')).toBe(true)
    expect(isExportTempName('验收单.docx')).toBe(false)
    expect(isExportTempName('.desk-export-notes.tmp')).toBe(false)
    expect(isExportTempName('~$验收单.docx')).toBe(false)
  })
})

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
