/**
 * Everything that locks the vault from the main process, in one place so it can be tested
 * with a stand-in powerMonitor: suspend; the screen locking (Electron's `lock-screen` where it
 * exists, macOS and Windows, and on Linux the D-Bus watch of lock-triggers.main.ts, since
 * Electron emits nothing there); and a 15-second tick of the core's IdleLock, fed the whole
 * machine's idle time (`powerMonitor.getSystemIdleTime`), which locks after the idle minutes
 * (in-app or system-wide) and after `maxUnlockedHours` unlocked whatever the activity.
 */
import type { PowerMonitor } from 'electron'
import type { IdleLock } from '../core/vault/idle-lock'
import type { Logger } from '../core/log/logger'
import { watchLinuxScreenLock, type ScreenLockWatch } from './lock-triggers.main'

export const LOCK_TICK_MS = 15_000

export interface VaultLocking {
  /** removes the listeners, the timer and the Linux watch (at quit) */
  stop(): void
}

export function startVaultLocking(options: {
  powerMonitor: Pick<PowerMonitor, 'on' | 'removeListener' | 'getSystemIdleTime'>
  idleLock: Pick<IdleLock, 'tick' | 'setSystemIdleSource'>
  lock: () => void
  platform: NodeJS.Platform
  log: Pick<Logger, 'info' | 'warn'>
  /** the Linux screen-lock watch; tests pass a stand-in */
  watchLinux?: typeof watchLinuxScreenLock
}): VaultLocking {
  const { powerMonitor, idleLock, lock, log } = options
  const onSuspend = (): void => {
    log.info('suspending: vault locked')
    lock()
  }
  const onScreenLock = (): void => {
    log.info('screen locked: vault locked')
    lock()
  }
  powerMonitor.on('suspend', onSuspend)
  powerMonitor.on('lock-screen', onScreenLock)
  let watch: ScreenLockWatch | null = null
  if (options.platform === 'linux') {
    watch = (options.watchLinux ?? watchLinuxScreenLock)({
      onLock: onScreenLock,
      onUnavailable: (reason) => log.warn('screen-lock watch unavailable', { reason })
    })
  }
  idleLock.setSystemIdleSource(() => powerMonitor.getSystemIdleTime())
  const timer = setInterval(() => {
    if (idleLock.tick()) log.info('idle or unlocked too long: vault locked')
  }, LOCK_TICK_MS)
  return {
    stop() {
      clearInterval(timer)
      powerMonitor.removeListener('suspend', onSuspend)
      powerMonitor.removeListener('lock-screen', onScreenLock)
      idleLock.setSystemIdleSource(null)
      watch?.stop()
    }
  }
}
