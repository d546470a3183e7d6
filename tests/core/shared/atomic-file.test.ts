import { afterEach, describe, expect, it } from 'vitest'
import { spawnSync } from 'node:child_process'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  utimesSync,
  writeFileSync
} from 'node:fs'
import { link, rename } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { DeskError } from '../../../electron/core/errors/desk-error'
import {
  cleanStaleTempFiles,
  isTempFileName,
  tempPathFor,
  writeBytesAtomic,
  writeBytesAtomicSync,
  writeExportFile,
  writeFileAtomic,
  type CommitSteps
} from '../../../electron/core/shared/atomic-file'
import { JsonSettingsStore } from '../../../electron/core/settings/json-settings-store'

const dirs: string[] = []
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'desk-atomic-'))
  dirs.push(d)
  return d
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

const BYTES = Buffer.alloc(256 * 1024, 0x5a)

/** the id of a process that has exited */
function deadPid(): number {
  const out = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8'
  }).stdout
  return Number(out)
}

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
function crashBeforeCommit(dir: string): {
  steps: CommitSteps
  seen: { names: string[]; size: number }[]
} {
  const seen: { names: string[]; size: number }[] = []
  const die = async (from: string): Promise<void> => {
    seen.push({ names: readdirSync(dir), size: readFileSync(from).length })
    throw Object.assign(new Error('killed'), { code: 'EIO' })
  }
  return { steps: { rename: die, link: die }, seen }
}

describe('atomic file writes', () => {
  it('writes the file under its final name and leaves no temp file', async () => {
    const dir = tempDir()
    await writeBytesAtomic(join(dir, '上线验收单.docx'), 'content')
    writeBytesAtomicSync(join(dir, 'settings.json'), '{}')
    expect(readdirSync(dir).sort()).toEqual(['settings.json', '上线验收单.docx'])
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

  it('names temp files short and recognisably, beside the target, whatever its name length', () => {
    const longName = `${'上线验收单'.repeat(16)}.docx` // 245 bytes in UTF-8
    const temp = tempPathFor(`/data/exports/${longName}`)
    expect(temp.startsWith('/data/exports/.desk-tmp-')).toBe(true)
    expect(Buffer.byteLength(basename(temp))).toBeLessThan(64)
    expect(isTempFileName(basename(temp))).toBe(true)
    expect(isTempFileName(`${basename(temp)}-journal`)).toBe(true)
    for (const other of ['.x.sqlite', 'notes.tmp', '.desk-tmp-notes.tmp', '~$验收单.docx'])
      expect(isTempFileName(other), other).toBe(false)
  })
})

describe('writing a file the user asked for', () => {
  it('leaves no final file when it fails between writing and renaming', async () => {
    const dir = tempDir()
    const path = join(dir, 'new.docx')
    const { steps, seen } = crashBeforeCommit(dir)
    const error = await refusal(writeExportFile(path, BYTES, { overwrite: false }, steps))
    expect(error).toMatchObject({ code: 'FILE_WRITE_FAILED', params: { path, reason: 'EIO' } })
    // at the moment of the crash: the whole file under a temp name only
    expect(seen).toHaveLength(1)
    expect(seen[0]?.size).toBe(BYTES.length)
    expect(seen[0]?.names).toHaveLength(1)
    expect(isTempFileName(seen[0]?.names[0] ?? '')).toBe(true)
    expect(existsSync(path)).toBe(false)
    expect(readdirSync(dir)).toEqual([])
  })

  it('keeps the old file intact when replacing it fails before the rename', async () => {
    const dir = tempDir()
    const path = join(dir, 'old.docx')
    writeFileSync(path, 'the export from last week')
    const { steps, seen } = crashBeforeCommit(dir)
    await refusal(writeExportFile(path, BYTES, { overwrite: true }, steps))
    expect(seen[0]?.names.filter(isTempFileName)).toHaveLength(1)
    expect(readFileSync(path, 'utf8')).toBe('the export from last week')
    expect(readdirSync(dir)).toEqual(['old.docx'])
  })

  it('replaces a file only with overwrite, and refuses it without', async () => {
    const dir = tempDir()
    const path = join(dir, 'existing.docx')
    writeFileSync(path, 'keep me')
    const error = await refusal(writeExportFile(path, BYTES, { overwrite: false }))
    expect(error).toMatchObject({ code: 'FILE_EXISTS', field: 'path', params: { path } })
    expect(readFileSync(path, 'utf8')).toBe('keep me')
    await writeExportFile(path, BYTES, { overwrite: true })
    expect(Buffer.compare(readFileSync(path), BYTES)).toBe(0)
    expect(readdirSync(dir)).toEqual(['existing.docx'])
  })

  it('does not replace a file that appears between the check and the commit', async () => {
    const dir = tempDir()
    const path = join(dir, 'race.docx')
    const steps: CommitSteps = {
      rename,
      link: async (from, to) => {
        writeFileSync(to, 'written by someone else meanwhile')
        await link(from, to)
      }
    }
    const error = await refusal(writeExportFile(path, BYTES, { overwrite: false }, steps))
    expect(error.code).toBe('FILE_EXISTS')
    expect(readFileSync(path, 'utf8')).toBe('written by someone else meanwhile')
    expect(readdirSync(dir)).toEqual(['race.docx'])
  })

  it('falls back to check-then-rename where the disk has no hard links', async () => {
    const dir = tempDir()
    const path = join(dir, 'fat32.docx')
    const noLinks: CommitSteps = {
      rename,
      link: async () => {
        throw Object.assign(new Error('operation not permitted'), { code: 'EPERM' })
      }
    }
    await writeExportFile(path, BYTES, { overwrite: false }, noLinks)
    expect(Buffer.compare(readFileSync(path), BYTES)).toBe(0)
    expect(readdirSync(dir)).toEqual(['fat32.docx'])
  })

  it('reports a folder that does not exist as a failed write', async () => {
    const dir = tempDir()
    const path = join(dir, 'missing', 'x.docx')
    const error = await refusal(writeExportFile(path, BYTES, { overwrite: true }))
    expect(error).toMatchObject({ code: 'FILE_WRITE_FAILED', params: { reason: 'ENOENT' } })
  })
})

describe('cleaning leftovers at start', () => {
  it('removes the leftovers of every writer, and leaves final files and other files alone', () => {
    const root = tempDir()
    const data = join(root, 'data')
    const backups = join(data, 'backups')
    const exports = join(root, 'exports')
    for (const d of [backups, exports]) mkdirSync(d, { recursive: true })
    const dead = deadPid()
    const finals = {
      [join(data, 'delivery-desk.sqlite')]: 'db',
      [join(data, 'delivery-desk.sqlite-wal')]: 'wal',
      [join(data, 'settings.json')]: '{}',
      [join(backups, 'delivery-desk-20260301T080000.sqlite')]: 'backup',
      [join(exports, '上线验收单.docx')]: 'docx',
      [join(exports, 'notes.tmp')]: 'a user file named .tmp',
      [join(exports, '.hidden')]: 'a user dotfile',
      [join(exports, 'report.2024.tmp')]: 'not ours either'
    }
    for (const [path, content] of Object.entries(finals)) writeFileSync(path, content)
    // what a crash leaves: a settings write, a restore, a snapshot (with SQLite's journal of
    // the copy being checked), an export, electron-store's own settings write (a minute old)
    const snapshot = tempPathFor(join(backups, 'delivery-desk-20260302T080000.sqlite'), dead)
    const leftovers = [
      tempPathFor(join(data, 'settings.json'), dead),
      tempPathFor(join(data, 'delivery-desk.sqlite'), dead),
      snapshot,
      `${snapshot}-journal`,
      tempPathFor(join(exports, '上线验收单.docx'), dead),
      join(data, 'settings.json.tmp-1772352000a1b2c3')
    ]
    for (const path of leftovers) writeFileSync(path, 'partial')
    const old = new Date(Date.now() - 5 * 60_000)
    utimesSync(join(data, 'settings.json.tmp-1772352000a1b2c3'), old, old)

    const removed = [data, backups, exports].flatMap((d) => cleanStaleTempFiles(d))
    expect(removed.sort()).toEqual(leftovers.map((p) => basename(p)).sort())
    for (const path of leftovers) expect(existsSync(path), path).toBe(false)
    for (const [path, content] of Object.entries(finals))
      expect(readFileSync(path, 'utf8'), path).toBe(content)
  })

  it('keeps a live writer’s temp file and a fresh electron-store write until they are old', async () => {
    const dir = tempDir()
    let release: () => void = () => undefined
    const writing = writeFileAtomic(join(dir, 'big.xlsx'), async (file) => {
      await file.write('half')
      await new Promise<void>((resolve) => (release = resolve))
    })
    await new Promise((r) => setTimeout(r, 50))
    writeFileSync(join(dir, 'settings.json.tmp-1772352000a1b2c3'), '{')
    expect(cleanStaleTempFiles(dir)).toEqual([])
    expect(readdirSync(dir).filter(isTempFileName)).toHaveLength(1)
    // a process id can be reused: a day-old temp file goes whoever holds the id
    expect(cleanStaleTempFiles(dir, -1)).toHaveLength(2)
    release()
    await writing.catch(() => undefined)
    expect(cleanStaleTempFiles(join(dir, 'missing'))).toEqual([])
  })

  it('the settings file store writes through the same writer and leaves nothing beside it', () => {
    const dir = tempDir()
    const store = new JsonSettingsStore(join(dir, 'settings.json'))
    store.update({ implementerName: '王实施' })
    store.update({ autoLockMinutes: 7 })
    expect(readdirSync(dir)).toEqual(['settings.json'])
    expect(new JsonSettingsStore(join(dir, 'settings.json')).get()).toMatchObject({
      implementerName: '王实施',
      autoLockMinutes: 7
    })
  })
})
