import { afterEach, describe, expect, it } from 'vitest'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  cleanStaleTempFiles,
  isTempFileName,
  tempPathFor,
  writeBytesAtomic,
  writeFileAtomic
} from '../../../electron/core/shared/atomic-file'

const dirs: string[] = []
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'desk-atomic-'))
  dirs.push(d)
  return d
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

describe('atomic file writes', () => {
  it('writes the file under its final name and leaves no temp file', async () => {
    const dir = tempDir()
    await writeBytesAtomic(join(dir, '上线验收单.docx'), 'content')
    expect(readdirSync(dir)).toEqual(['上线验收单.docx'])
    expect(readFileSync(join(dir, '上线验收单.docx'), 'utf8')).toBe('content')
  })

  it('keeps the old file whole when the writer fails half-way, and removes its temp file', async () => {
    const dir = tempDir()
    const target = join(dir, 'a.docx')
    writeFileSync(target, 'old')
    await expect(
      writeFileAtomic(target, async (file) => {
        await file.write('partial')
        throw new Error('disk full')
      })
    ).rejects.toThrow('disk full')
    expect(readFileSync(target, 'utf8')).toBe('old')
    expect(readdirSync(dir)).toEqual(['a.docx'])
  })

  it('refuses to replace an existing file when asked not to overwrite', async () => {
    const dir = tempDir()
    const target = join(dir, 'a.docx')
    writeFileSync(target, 'old')
    await expect(writeBytesAtomic(target, 'new', { overwrite: false })).rejects.toMatchObject({
      code: 'EEXIST'
    })
    expect(readFileSync(target, 'utf8')).toBe('old')
    expect(readdirSync(dir)).toEqual(['a.docx'])
  })

  it('names temp files recognisably, beside the target', () => {
    const temp = tempPathFor('/data/backups/x.sqlite')
    expect(temp.startsWith('/data/backups/.x.sqlite.')).toBe(true)
    expect(isTempFileName(temp.split('/').pop() as string)).toBe(true)
    expect(isTempFileName('.x.sqlite')).toBe(false)
  })

  it('cleans temp files of dead processes and old ones, keeps a live writer’s and other files', () => {
    const dir = tempDir()
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
      encoding: 'utf8'
    }).stdout
    const deadTemp = `.a.docx.${dead}.0123456789ab.tmp`
    const liveTemp = `.b.docx.${process.pid}.0123456789ab.tmp`
    for (const name of [deadTemp, liveTemp, 'keep.tmp', '.hidden', 'a.docx'])
      writeFileSync(join(dir, name), 'x')
    expect(cleanStaleTempFiles(dir)).toEqual([deadTemp])
    expect(readdirSync(dir).sort()).toEqual(
      ['.b.docx.' + process.pid + '.0123456789ab.tmp', '.hidden', 'a.docx', 'keep.tmp'].sort()
    )
    expect(cleanStaleTempFiles(dir, -1)).toEqual([liveTemp])
    expect(cleanStaleTempFiles(join(dir, 'missing'))).toEqual([])
  })
})
