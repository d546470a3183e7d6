import { describe, expect, it } from 'vitest'
import { IdleLock } from '../../../electron/core/vault/idle-lock'
import { tempCore } from '../../support/temp-core'
import { PASSPHRASE } from './vault-fixture'

describe('idle lock', () => {
  it('locks an unlocked vault after the idle minutes, and activity postpones it', () => {
    let now = 0
    let unlocked = true
    let locks = 0
    const idle = new IdleLock(
      () => now,
      () => 5,
      () => ((locks += 1), (unlocked = false)),
      () => unlocked
    )
    now = 4 * 60_000
    expect(idle.tick()).toBe(false)
    idle.touch()
    now = 8 * 60_000
    expect(idle.tick()).toBe(false)
    now = 9 * 60_000 + 1
    expect(idle.tick()).toBe(true)
    expect(locks).toBe(1)
    now = 30 * 60_000
    expect(idle.tick()).toBe(false)
    // after a new unlock the idle time counts from the unlock, not from long ago
    unlocked = true
    idle.touch()
    now += 60_000
    expect(idle.tick()).toBe(false)
  })
})

describe('idle lock beyond in-app activity (issue 12)', () => {
  it('locks when the system has been idle, even though the app saw activity', () => {
    let now = 0
    let unlocked = true
    let systemIdle: number | null = 0
    const idle = new IdleLock(
      () => now,
      () => 5,
      () => (unlocked = false),
      () => unlocked
    )
    idle.setSystemIdleSource(() => systemIdle)
    now = 60_000
    idle.touch()
    systemIdle = 4 * 60
    expect(idle.tick()).toBe(false)
    systemIdle = 5 * 60 + 1
    expect(idle.tick()).toBe(true)
    expect(unlocked).toBe(false)
  })

  it('a source that fails or does not know counts as not idle', () => {
    let unlocked = true
    const idle = new IdleLock(
      () => 0,
      () => 5,
      () => (unlocked = false),
      () => unlocked
    )
    idle.setSystemIdleSource(() => {
      throw new Error('no idle time on this desktop')
    })
    expect(idle.tick()).toBe(false)
    idle.setSystemIdleSource(() => null)
    expect(idle.tick()).toBe(false)
    expect(unlocked).toBe(true)
  })

  it('locks after the maximum unlocked lifetime however busy the user is', async () => {
    const t = tempCore()
    try {
      t.core.deps.settings.update({ maxUnlockedHours: 2 })
      const keys = t.core.vault
      await keys.setup(PASSPHRASE)
      for (let minute = 0; minute < 119; minute++) {
        t.tick(60_000)
        t.core.idleLock.touch()
        expect(t.core.idleLock.tick()).toBe(false)
      }
      t.tick(60_000)
      t.core.idleLock.touch()
      expect(t.core.idleLock.tick()).toBe(true)
      expect(keys.status().state).toBe('locked')
    } finally {
      t.cleanup()
    }
  })

  it('refuses a maximum lifetime outside 1–24 hours', () => {
    const t = tempCore()
    try {
      expect(t.core.deps.settings.get().maxUnlockedHours).toBe(8)
      expect(() => t.core.deps.settings.update({ maxUnlockedHours: 0 })).toThrow()
      expect(() => t.core.deps.settings.update({ maxUnlockedHours: 25 })).toThrow()
    } finally {
      t.cleanup()
    }
  })
})
