import { afterEach, describe, expect, it, vi } from 'vitest'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import type { IpcMain, IpcMainInvokeEvent } from 'electron'
import { electronStub } from './electron-stub'
import { realDatabase } from '../support/real-database'
import type { DatabaseCheck } from '../../electron/core/db/database-check'

vi.mock('electron', () => electronStub(() => '/tmp'))

const electron = (await import('electron')) as unknown as { ipcMain: IpcMain }
const { checkBeforeOpen, watchFullCheck } = await import('../../electron/main/database-start.main')
const { registerContract, replaceContract } = await import('../../electron/main/ipc.main')
const { checkDatabase } = await import('../../electron/core/db/database-check')
const { openNodeCore } = await import('../../electron/core/node-core')
const { createHandlers } = await import('../../electron/core/handlers')
const { recoveryModeHandlers } = await import('../../electron/core/handlers/recovery.handlers')
const { RecoveryService } = await import('../../electron/core/recovery/recovery-service')
const { CALL_CHANNEL } = await import('../../electron/core/contract/call-names')
const { JsonSettingsStore } = await import('../../electron/core/settings/json-settings-store')

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
  vi.mocked(electron.ipcMain.handle).mockClear()
  vi.mocked(electron.ipcMain.removeHandler).mockClear()
})

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'desk-start-'))
  dirs.push(d)
  return d
}

/** A real database whose first customers page is overwritten: header and schema intact. */
function damagedDatabase(dir: string): string {
  const path = realDatabase(dir)
  const probe = new Database(path, { readonly: true })
  const { pageno, size } = probe
    .prepare(
      "SELECT pageno, pgsize AS size FROM dbstat WHERE name = 'customers' AND pagetype = 'leaf' ORDER BY pageno LIMIT 1"
    )
    .get() as { pageno: number; size: number }
  probe.close()
  const bytes = readFileSync(path)
  randomBytes(size).copy(bytes, (pageno - 1) * size)
  writeFileSync(path, bytes)
  return path
}

type Handler = (event: IpcMainInvokeEvent, name: unknown, payload: unknown) => Promise<unknown>
const APP_URL = 'app://desk/index.html'
const fromApp = { senderFrame: { url: APP_URL, parent: null } } as unknown as IpcMainInvokeEvent
const transport = {
  app: { url: APP_URL },
  log: { info: vi.fn(), warn: vi.fn(), error: vi.fn() },
  locale: () => 'zh-CN' as const
}

/** The app as main starts it on a file that passed the start check: the whole contract served. */
function startApp(path: string) {
  const core = openNodeCore(path)
  registerContract(electron.ipcMain, createHandlers(core), transport)
  const window = { loadURL: vi.fn(async (_url: string) => undefined) }
  const closeCore = vi.fn(async (): Promise<void> => {
    core.deps.db.close()
  })
  const settings = new JsonSettingsStore(join(path, '..', 'settings.json'))
  const serveRecovery = vi.fn((problem: DatabaseCheck) =>
    replaceContract(
      electron.ipcMain,
      recoveryModeHandlers(
        new RecoveryService({ dbPath: path, check: problem, onRecovered: () => {} }),
        settings,
        () => null
      ),
      transport
    )
  )
  const watch = (): ReturnType<typeof watchFullCheck> =>
    watchFullCheck({
      dbPath: path,
      log: transport.log,
      closeCore,
      serveRecovery,
      window: () => window,
      url: APP_URL
    })
  return { core, window, closeCore, serveRecovery, watch }
}

/** The handler main serves now (the last one registered on the call channel). */
function served(): Handler {
  const calls = vi.mocked(electron.ipcMain.handle).mock.calls
  const last = calls.at(-1) as unknown as [string, Handler]
  expect(last[0]).toBe(CALL_CHANNEL)
  return last[1]
}

describe('the database checks around start (main process)', () => {
  it('opens on the cheap start check: a damaged customers page passes it, the whole check finds it', () => {
    const path = damagedDatabase(tempDir())
    expect(checkBeforeOpen(path, undefined)).toMatchObject({ ok: true })
    expect(checkDatabase(path, { depth: 'quick' })).toMatchObject({
      ok: false,
      problem: 'corrupt'
    })
  })

  it('shows the recovery screen when the quick_check after start finds damage', async () => {
    const path = damagedDatabase(tempDir())
    const app = startApp(path)
    expect(await served()(fromApp, 'app.info', {})).toMatchObject({ ok: true })

    const result = await app.watch()

    expect(result).toMatchObject({ ok: false, problem: 'corrupt' })
    expect(app.closeCore).toHaveBeenCalledOnce()
    expect(app.core.deps.db.open).toBe(false)
    expect(electron.ipcMain.removeHandler).toHaveBeenCalledWith(CALL_CHANNEL)
    expect(app.serveRecovery).toHaveBeenCalledWith(expect.objectContaining({ problem: 'corrupt' }))
    expect(app.window.loadURL).toHaveBeenCalledWith(`${APP_URL}#/recovery`)
    // the recovery screen's calls are served; the rest wait for a recovery
    expect(await served()(fromApp, 'recovery.status', {})).toMatchObject({
      ok: true,
      result: { problem: 'corrupt' }
    })
    expect(await served()(fromApp, 'customers.search', { limit: 10, offset: 0 })).toMatchObject({
      ok: false,
      error: { code: 'RECOVERY_REQUIRED' }
    })
  })

  it('leaves the running app alone when the quick_check after start passes', async () => {
    const app = startApp(realDatabase(tempDir()))
    expect(await app.watch()).toEqual({ ok: true })
    expect(app.closeCore).not.toHaveBeenCalled()
    expect(app.serveRecovery).not.toHaveBeenCalled()
    expect(app.window.loadURL).not.toHaveBeenCalled()
    expect(electron.ipcMain.removeHandler).not.toHaveBeenCalled()
    expect(app.core.deps.db.open).toBe(true)
    app.core.deps.db.close()
  })
})
