import type { Handlers } from '../contract/contract'
import { CALL_NAMES, type CallName } from '../contract/call-names'
import { DeskError } from '../errors/desk-error'
import type { RecoveryService } from '../recovery/recovery-service'
import type { SettingsStore } from '../settings/settings-schema'

type RecoveryCalls = Extract<CallName, `recovery.${string}`>

/** In a normally started app: nothing to recover. */
export function recoveryIdleHandlers(): Pick<Handlers, RecoveryCalls> {
  return {
    'recovery.status': () => ({ needed: false, latestBackup: null }),
    'recovery.restoreLatest': () => {
      throw new DeskError('RECOVERY_NOT_NEEDED')
    },
    'recovery.startFresh': () => {
      throw new DeskError('RECOVERY_NOT_NEEDED')
    }
  }
}

type OwnCalls = RecoveryCalls | 'settings.get' | 'settings.update'

/**
 * Recovery mode: the recovery calls and the settings (a file apart from the database, so the
 * screen speaks the user's language); everything else is refused with RECOVERY_REQUIRED until
 * an action succeeds; then every call goes to the handlers of the Core that `started()`
 * returns (the app runs as after a normal start, over the same transport).
 */
export function recoveryModeHandlers(
  recovery: RecoveryService,
  settings: SettingsStore,
  started: () => Handlers | null
): Handlers {
  const own: Pick<Handlers, OwnCalls> = {
    'settings.get': () => settings.get(),
    'settings.update': (patch) => settings.update(patch),
    'recovery.status': () => recovery.status(),
    'recovery.restoreLatest': () => recovery.restoreLatest(),
    'recovery.startFresh': () => recovery.startFresh()
  }
  const all: Record<string, unknown> = {}
  for (const name of CALL_NAMES) {
    if (name in own) {
      all[name] = own[name as OwnCalls]
      continue
    }
    all[name] = (request: unknown) => {
      const handlers = started()
      if (!handlers) throw new DeskError('RECOVERY_REQUIRED')
      return (handlers[name] as (r: unknown) => unknown)(request)
    }
  }
  return all as Handlers
}
