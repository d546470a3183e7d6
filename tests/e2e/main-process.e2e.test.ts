import { describe, expect, it } from 'vitest'
import { spawnSync } from 'node:child_process'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { CALL_CHANNEL } from '../../electron/core/contract/call-names'
import { MIGRATIONS } from '../../electron/core/db/migrations'
import {
  CLIPBOARD_MARKER_FILE,
  writeClipboardMarker
} from '../../electron/core/vault/clipboard-marker'

const RUNNER = resolve(__dirname, 'support/run-main-bundle.cjs')

describe('the built main process, started with a stand-in electron module', () => {
  it('starts, serves the contract over its IPC handler with the hardening in place, and quits cleanly', () => {
    const root = mkdtempSync(join(tmpdir(), 'desk-main-'))
    try {
      // a crashed run left a secret on the clipboard, and its note in the data folder
      const leftover = 'LeftoverSecret-0a1b2c3d'
      mkdirSync(join(root, 'data'), { recursive: true })
      const marker = join(root, 'data', CLIPBOARD_MARKER_FILE)
      writeClipboardMarker(marker, leftover, '2026-03-01T08:00:00.000Z')
      const r = spawnSync(process.execPath, [RUNNER], {
        encoding: 'utf8',
        env: {
          ...process.env,
          DESK_STUB_ROOT: root,
          DESK_DATA_DIR: join(root, 'data'),
          DESK_STUB_CLIPBOARD: leftover
        },
        timeout: 60_000
      })
      expect(r.status, r.stderr).toBe(0)
      const out = JSON.parse(r.stdout)
      expect(out.errors).toEqual([])
      expect(out.clipboardAtStart).toBe('')
      expect(existsSync(marker)).toBe(false)
      expect(out.channels).toEqual([CALL_CHANNEL])
      expect(out.window.webPreferences).toMatchObject({
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false
      })
      expect(out.window.loaded).toBe('app://desk/index.html')
      expect(out.window.webPreferences.devTools).toBe(false)
      expect(out.schemes).toEqual([
        { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }
      ])
      // the renderer is served by the app:// handler with the CSP as a header
      expect(out.served.index).toMatchObject({ status: 200, hasAppRoot: true })
      expect(out.served.index.type).toMatch(/^text\/html/)
      expect(out.served.index.csp).toContain("default-src 'none'")
      expect(out.served.index.csp).toContain("frame-ancestors 'none'")
      expect(out.served.root).toMatchObject({ status: 200, hasAppRoot: true })
      for (const refused of ['traversal', 'dotdot', 'otherHost', 'missing'])
        expect(out.served[refused].status, refused).toBe(404)
      expect(out.served.post.status).toBe(405)
      // navigation: a file:// URL naming the app's path on another host is not the app
      expect(out.navigation).toEqual({
        fileHost: true,
        fileUrl: true,
        otherScheme: true,
        ownRoute: false
      })
      expect(out.windowOpen).toEqual({ action: 'deny' })
      // a packaged build's menu has no developer items
      expect(out.menuLabels).not.toMatch(/toggleDevTools|reload|forceReload|Developer/)
      expect(out.info).toMatchObject({
        ok: true,
        result: { dataDir: join(root, 'data'), schemaVersion: MIGRATIONS.at(-1)?.version }
      })
      expect(existsSync(join(root, 'data', 'delivery-desk.sqlite'))).toBe(true)
      expect(existsSync(join(root, 'data', 'settings.json'))).toBe(true)
      expect(out.created).toMatchObject({ ok: true, result: { customer: { id: 1 } } })
      expect(out.fromOtherPage).toMatchObject({ ok: false })
      expect(out.fromFileHost).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } })
      expect(out.fromFileUrl).toMatchObject({ ok: false })
      expect(out.fromSubframe).toMatchObject({ ok: false })
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
      // Linux: the copy carries KDE's password-manager hint in the same write
      if (process.platform === 'linux') expect(out.clipboardHint).toBe('secret')
      expect(out.reveal).toMatchObject({ ok: true, result: { value: '0a1b2c3d7' } })
      expect(out.protectedWhileRevealed).toBe(true)
      expect(out.afterScreenLock).toMatchObject({ ok: true, result: { state: 'locked' } })
      expect(out.quitError).toBeNull()
      expect(out.quitCompleted).toBe(true)
      expect(out.clipboardAfterQuit).toBe('')
      if (process.platform !== 'win32') {
        // what the app wrote is for this user only: folder 0700, files 0600
        const data = join(root, 'data')
        const mode = (p: string) => (statSync(p).mode & 0o777).toString(8)
        expect(mode(data)).toBe('700')
        expect(mode(join(data, 'logs'))).toBe('700')
        const files = [
          ...readdirSync(data).filter((f) => f !== 'logs'),
          ...readdirSync(join(data, 'logs')).map((f) => join('logs', f))
        ]
        expect(files).toEqual(expect.arrayContaining(['delivery-desk.sqlite', 'settings.json']))
        for (const f of files) expect(`${f} ${mode(join(data, f))}`).toBe(`${f} 600`)
      }
    } finally {
      rmSync(root, { recursive: true, force: true })
    }
  })

  it('starts in recovery mode on a database that is not SQLite, keeps it aside on a new file, and removes stale temp files', () => {
    const root = mkdtempSync(join(tmpdir(), 'desk-main-'))
    try {
      const data = join(root, 'data')
      mkdirSync(data, { recursive: true })
      const noise = Buffer.from('not a database, '.repeat(512))
      writeFileSync(join(data, 'delivery-desk.sqlite'), noise)
      // a temp file left by a killed process (pid 2^22 + 1 is above Linux's pid_max default)
      const stale = join(data, '.desk-tmp-4194305-0123456789abcdef.tmp')
      writeFileSync(stale, '{')
      const r = spawnSync(process.execPath, [RUNNER], {
        encoding: 'utf8',
        env: {
          ...process.env,
          DESK_STUB_ROOT: root,
          DESK_DATA_DIR: data,
          DESK_STUB_SCENARIO: 'recovery'
        },
        timeout: 60_000
      })
      expect(r.status, r.stderr).toBe(0)
      const out = JSON.parse(r.stdout)
      expect(out.errors).toEqual([])
      expect(out.loaded).toBe('app://desk/index.html#/recovery')
      expect(out.info).toMatchObject({ ok: false, error: { code: 'RECOVERY_REQUIRED' } })
      expect(out.status).toMatchObject({
        ok: true,
        result: { needed: true, problem: 'not_sqlite', latestBackup: null }
      })
      expect(out.settings).toMatchObject({ ok: true, result: { locale: 'zh-CN' } })
      expect(out.fresh.ok).toBe(true)
      expect(out.statusAfter).toMatchObject({ ok: true, result: { needed: false } })
      expect(out.infoAfter).toMatchObject({
        ok: true,
        result: { schemaVersion: MIGRATIONS.at(-1)?.version }
      })
      expect(out.created).toMatchObject({ ok: true, result: { customer: { id: 1 } } })
      expect(out.quitCompleted).toBe(true)
      const aside = readdirSync(data).find((f) => f.startsWith('delivery-desk.sqlite.damaged-'))
      expect(aside).toBeDefined()
      expect(readFileSync(join(data, aside!)).equals(noise)).toBe(true)
      expect(existsSync(stale)).toBe(false)
    } finally {
      rmSync(root, { recursive: true, force: true })
    }
  })
})
