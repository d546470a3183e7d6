/**
 * Locks the vault after a stretch without user activity, and after a maximum unlocked lifetime
 * whatever the activity. The main process ticks it on a timer and feeds it the renderer's
 * activity pings; the clock is injected so the rules are testable.
 *
 * Activity inside the app is not the only kind: someone typing in another program for an hour
 * is still away from the vault, and someone who left the laptop is idle even if the app was
 * busy. The main process therefore injects the system's idle time (Electron's
 * `powerMonitor.getSystemIdleTime`, in seconds) through `setSystemIdleSource`; when the system
 * has been idle longer than the idle minutes, the vault locks even if the app saw activity.
 */
export interface IdleLockLimits {
  /** the maximum time the vault may stay unlocked, in hours; 0 or absent for none */
  maxUnlockedHours?: () => number
  /** when the vault was unlocked (ms, same clock), null while locked */
  unlockedAt?: () => number | null
}

export class IdleLock {
  private lastActivity: number
  private systemIdleSeconds: (() => number | null) | null = null

  constructor(
    private readonly clock: () => number,
    private readonly minutes: () => number,
    private readonly lock: () => void,
    private readonly isUnlocked: () => boolean,
    private readonly limits: IdleLockLimits = {}
  ) {
    this.lastActivity = clock()
  }

  /** The user did something: the idle time starts again. */
  touch(): void {
    this.lastActivity = this.clock()
  }

  /**
   * The system-wide idle time in seconds (null when unknown). Main wires Electron's
   * powerMonitor.getSystemIdleTime here; the CLI and tests may leave it unset.
   */
  setSystemIdleSource(source: (() => number | null) | null): void {
    this.systemIdleSeconds = source
  }

  /**
   * Locks when unlocked and idle (in the app, or system-wide) for longer than the configured
   * minutes, or unlocked for longer than the maximum lifetime; true when it did.
   */
  tick(): boolean {
    if (!this.isUnlocked()) {
      this.lastActivity = this.clock()
      return false
    }
    const limit = this.minutes() * 60_000
    const now = this.clock()
    const appIdle = now - this.lastActivity >= limit
    const systemIdle = this.systemIdleMs() >= limit
    const since = this.limits.unlockedAt?.() ?? null
    const maxHours = this.limits.maxUnlockedHours?.() ?? 0
    const expired = since !== null && maxHours > 0 && now - since >= maxHours * 3_600_000
    if (!appIdle && !systemIdle && !expired) return false
    this.lock()
    return true
  }

  private systemIdleMs(): number {
    try {
      const seconds = this.systemIdleSeconds?.() ?? null
      return seconds !== null && Number.isFinite(seconds) ? seconds * 1000 : 0
    } catch {
      return 0
    }
  }
}
