/**
 * Locks the vault after a stretch without user activity. The main process ticks it on a timer
 * and feeds it the renderer's activity pings; the clock is injected so the rule is testable.
 */
export class IdleLock {
  private lastActivity: number

  constructor(
    private readonly clock: () => number,
    private readonly minutes: () => number,
    private readonly lock: () => void,
    private readonly isUnlocked: () => boolean
  ) {
    this.lastActivity = clock()
  }

  /** The user did something: the idle time starts again. */
  touch(): void {
    this.lastActivity = this.clock()
  }

  /** Locks when unlocked and idle for longer than the configured minutes; true when it did. */
  tick(): boolean {
    if (!this.isUnlocked()) {
      this.lastActivity = this.clock()
      return false
    }
    if (this.clock() - this.lastActivity < this.minutes() * 60_000) return false
    this.lock()
    return true
  }
}
