import { describe, expect, it } from 'vitest'
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { CALL_CHANNEL } from '../../electron/core/contract/call-names'
import { MIGRATIONS } from '../../electron/core/db/migrations'

const RUNNER = resolve(__dirname, 'support/run-main-bundle.cjs')

describe('the built main process, started with a stand-in electron module', () => {
  it('starts, serves the contract over its IPC handler with the hardening in place, and quits cleanly', () => {
    const root = mkdtempSync(join(tmpdir(), 'desk-main-'))
    try {
      const r = spawnSync(process.execPath, [RUNNER], {
        encoding: 'utf8',
        env: { ...process.env, DESK_STUB_ROOT: root, DESK_DATA_DIR: join(root, 'data') },
        timeout: 60_000
      })
      expect(r.status, r.stderr).toBe(0)
      const out = JSON.parse(r.stdout)
      expect(out.errors).toEqual([])
      expect(out.channels).toEqual([CALL_CHANNEL])
      expect(out.window.webPreferences).toMatchObject({
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false
      })
      expect(out.window.loaded).toMatch(/out[\\/]renderer[\\/]index\.html$/)
      expect(out.info).toMatchObject({
        ok: true,
        result: { dataDir: join(root, 'data'), schemaVersion: MIGRATIONS.at(-1)?.version }
      })
      expect(existsSync(join(root, 'data', 'delivery-desk.sqlite'))).toBe(true)
      expect(existsSync(join(root, 'data', 'settings.json'))).toBe(true)
      expect(out.created).toMatchObject({ ok: true, result: { customer: { id: 1 } } })
      expect(out.fromOtherPage).toMatchObject({ ok: false })
      expect(out.withPath).toMatchObject({ ok: false, error: { code: 'PATH_NOT_ALLOWED' } })
      expect(out.vault).toMatchObject({
        ok: true,
        result: { state: 'unlocked', osUnlockAvailable: false }
      })
      // Linux basic_text keyring: "remember on this laptop" is refused
      expect(out.osUnlock).toMatchObject({ ok: false, error: { code: 'VAULT_OS_UNAVAILABLE' } })
      expect(out.setKey).toMatchObject({ ok: true })
      expect(out.copy).toMatchObject({ ok: true, result: { copied: true } })
      expect(out.clipboardAfterCopy).toBe('0a1b2c3d7')
      expect(out.reveal).toMatchObject({ ok: true, result: { value: '0a1b2c3d7' } })
      expect(out.protectedWhileRevealed).toBe(true)
      expect(out.afterScreenLock).toMatchObject({ ok: true, result: { state: 'locked' } })
      expect(out.quitError).toBeNull()
      expect(out.clipboardAfterQuit).toBe('')
    } finally {
      rmSync(root, { recursive: true, force: true })
    }
  })
})
