import type { Core } from '../core'
import type { Handlers } from '../contract/contract'
import { DeskError } from '../errors/desk-error'

type BackupCalls = Extract<keyof Handlers, `backup.${string}`>

/**
 * `backup.restore` answers `reloaded: true`: the data under the app changed while the
 * database handle stayed the same (restore.ts), so the transports keep serving this core and
 * the renderer reloads its views; the vault is locked again.
 */
export function backupHandlers(core: Core): Pick<Handlers, BackupCalls> {
  const backups = core.backups
  return {
    'backup.create': ({ sealed, passphrase }) => backups.create({ sealed, passphrase }),
    'backup.list': () => backups.list(),
    'backup.restore': ({ backupId, passphrase }) => backups.restore({ backupId, passphrase }),
    'backup.setFolder': async ({ path, clear }) => {
      if (clear) return { cancelled: false, ...backups.setFolder(null) }
      if (path !== undefined) return { cancelled: false, ...backups.setFolder(path) }
      const choose = core.deps.dialogs?.chooseFolder
      if (!choose) throw new DeskError('REQUIRED', { field: 'path' })
      const chosen = await choose.call(core.deps.dialogs)
      if (chosen === null) {
        return { cancelled: true, backupDir: core.deps.settings.get().backupDir }
      }
      return { cancelled: false, ...backups.setFolder(chosen) }
    }
  }
}
