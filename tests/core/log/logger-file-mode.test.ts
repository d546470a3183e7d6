import { afterEach, describe, expect, it } from 'vitest'
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createFileLogger } from '../../../electron/core/log/logger'
import { JsonSettingsStore } from '../../../electron/core/settings/json-settings-store'
import { ensurePrivateDir, restrictToOwner } from '../../../electron/core/paths'

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})
const mode = (p: string) => (statSync(p).mode & 0o777).toString(8)
const posix = process.platform !== 'win32'

describe.runIf(posix)('files other users cannot read', () => {
  it('writes the log owner-only, and tightens a log an older version left readable', () => {
    const root = mkdtempSync(join(tmpdir(), 'desk-log-'))
    dirs.push(root)
    const fresh = join(root, 'logs', 'main.log')
    createFileLogger(fresh).info('started')
    expect(mode(join(root, 'logs'))).toBe('700')
    expect(mode(fresh)).toBe('600')
    const old = join(root, 'old', 'main.log')
    mkdirSync(join(root, 'old'))
    writeFileSync(old, '{}\n', { mode: 0o644 })
    chmodSync(old, 0o644)
    createFileLogger(old).warn('again')
    expect(mode(old)).toBe('600')
    expect(readFileSync(old, 'utf8')).toContain('again')
  })

  it('writes the CLI settings file owner-only in an owner-only folder', () => {
    const root = mkdtempSync(join(tmpdir(), 'desk-set-'))
    dirs.push(root)
    const file = join(root, 'new', 'settings.json')
    new JsonSettingsStore(file).update({ autoLockMinutes: 9 })
    expect(mode(join(root, 'new'))).toBe('700')
    expect(mode(file)).toBe('600')
  })

  it('takes group and other access off an existing data folder and file, and leaves missing ones alone', () => {
    const root = mkdtempSync(join(tmpdir(), 'desk-own-'))
    dirs.push(root)
    chmodSync(root, 0o755)
    ensurePrivateDir(root)
    expect(mode(root)).toBe('700')
    const f = join(root, 'backup.sqlite')
    writeFileSync(f, 'x', { mode: 0o664 })
    chmodSync(f, 0o664)
    restrictToOwner(f)
    expect(mode(f)).toBe('600')
    expect(() => restrictToOwner(join(root, 'missing'))).not.toThrow()
  })
})
