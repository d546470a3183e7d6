/**
 * The main process's lock triggers against a real core (real database, real vault) and a
 * stand-in powerMonitor: system idle time, the maximum unlocked lifetime, suspend, the screen
 * locking (Electron's event, and the Linux D-Bus watch), and stopping at quit.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { EventEmitter } from 'node:events'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { PowerMonitor } from 'electron'
import { openNodeCore } from '../../electron/core/node-core'
import type { Core } from '../../electron/core/core'
import {
  LOCK_TICK_MS,
  startVaultLocking,
  type VaultLocking
} from '../../electron/main/vault-locking.main'
import type { watchLinuxScreenLock } from '../../electron/main/lock-triggers.main'
import { FAST_SCRYPT } from '../core/vault/vault-fixture'

class FakePowerMonitor extends EventEmitter {
  idleSeconds = 0
  getSystemIdleTime(): number {
    return this.idleSeconds
  }
}

let dir: string
let core: Core
let now: number
let power: FakePowerMonitor
let locking: VaultLocking | null
const logged: string[] = []

function start(platform: NodeJS.Platform, watchLinux?: typeof watchLinuxScreenLock): void {
  locking = startVaultLocking({
    powerMonitor: power as unknown as PowerMonitor,
    idleLock: core.idleLock,
    lock: () => core.vault.lock(),
    platform,
    log: { info: (m) => logged.push(m), warn: (m) => logged.push(`warn ${m}`) },
    watchLinux
  })
}

/** time passes: the clock the core reads, and the main process's timers */
function pass(ms: number): void {
  now += ms
  vi.advanceTimersByTime(ms)
}

const state = () => core.vault.status().state

beforeEach(async () => {
  vi.useFakeTimers()
  dir = mkdtempSync(join(tmpdir(), 'desk-locking-'))
  now = Date.parse('2026-03-02T08:00:00.000Z')
  core = openNodeCore(join(dir, 'desk.sqlite'), {
    clock: () => new Date(now),
    scryptParams: FAST_SCRYPT
  })
  core.deps.settings.update({ autoLockMinutes: 5 })
  await core.vault.setup('黄河远上白云间一片孤城')
  power = new FakePowerMonitor()
  locking = null
  logged.length = 0
})

afterEach(() => {
  locking?.stop()
  vi.useRealTimers()
  core.deps.db.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('locking the vault from the main process', () => {
  it('locks when the whole machine has been idle for the auto-lock minutes, though the app saw input', () => {
    start('win32')
    for (let i = 0; i < 5; i++) {
      core.idleLock.touch() // the renderer reports activity (vault.touch)
      power.idleSeconds = 60 * i
      pass(LOCK_TICK_MS)
    }
    expect(state()).toBe('unlocked')
    core.idleLock.touch()
    power.idleSeconds = 300
    pass(LOCK_TICK_MS)
    expect(state()).toBe('locked')
    expect(logged).toContain('idle or unlocked too long: vault locked')
  })

  it('locks after maxUnlockedHours (default 8) whatever the activity', async () => {
    expect(core.deps.settings.get().maxUnlockedHours).toBe(8)
    start('darwin')
    for (let minute = 0; minute < 8 * 60 - 1; minute++) {
      core.idleLock.touch()
      pass(60_000)
    }
    expect(state()).toBe('unlocked')
    core.idleLock.touch()
    pass(60_000)
    expect(state()).toBe('locked')
    // a shorter setting applies to the next unlock as well
    core.deps.settings.update({ maxUnlockedHours: 1 })
    await core.vault.unlock('黄河远上白云间一片孤城')
    for (let i = 0; i < 60; i++) {
      core.idleLock.touch()
      pass(60_000)
    }
    expect(state()).toBe('locked')
  })

  it('locks on suspend and on Electron’s lock-screen event', async () => {
    start('win32')
    power.emit('suspend')
    expect(state()).toBe('locked')
    await core.vault.unlock('黄河远上白云间一片孤城')
    power.emit('lock-screen')
    expect(state()).toBe('locked')
  })

  it('on Linux also watches the session over D-Bus, and says when it cannot', () => {
    let onLock: (() => void) | null = null
    const stopped: string[] = []
    const watch: typeof watchLinuxScreenLock = (options) => {
      onLock = options.onLock
      options.onUnavailable?.('dbus-monitor: spawn ENOENT')
      return { stop: () => stopped.push('watch') }
    }
    start('linux', watch)
    expect(onLock).not.toBeNull()
    onLock!()
    expect(state()).toBe('locked')
    expect(logged).toContain('warn screen-lock watch unavailable')
    locking?.stop()
    expect(stopped).toEqual(['watch'])
  })

  it('starts no D-Bus watch elsewhere, and stops every trigger at quit', async () => {
    let watched = false
    start('darwin', () => {
      watched = true
      return { stop: () => undefined }
    })
    expect(watched).toBe(false)
    locking?.stop()
    locking = null
    power.emit('suspend')
    power.emit('lock-screen')
    power.idleSeconds = 10_000
    pass(10 * LOCK_TICK_MS)
    expect(state()).toBe('unlocked')
    expect(power.listenerCount('suspend') + power.listenerCount('lock-screen')).toBe(0)
  })
})
