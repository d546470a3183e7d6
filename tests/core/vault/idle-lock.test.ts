import { describe, expect, it } from 'vitest'
import { IdleLock } from '../../../electron/core/vault/idle-lock'

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
