import { extname } from 'node:path'
import type { Core } from '../core'
import type { Handlers } from '../contract/contract'
import { DeskError } from '../errors/desk-error'

type ReportCalls = Extract<keyof Handlers, `reports.${string}`>

const XLSX_FILTER = [{ name: 'Excel', extensions: ['xlsx'] }]

/**
 * A path in the request (CLI, tests) is used as is; in the app the main process asks in a
 * native save dialog (IPC refuses a path from the page) and a cancelled dialog is an answer.
 */
export function reportHandlers(core: Core): Pick<Handlers, ReportCalls> {
  const { reports } = core
  return {
    'reports.exportXlsx': async ({ kind, path, overwrite }) => {
      if (path !== undefined) {
        return { cancelled: false, ...(await reports.exportXlsx(kind, path, { overwrite })) }
      }
      if (!core.deps.dialogs) throw new DeskError('REQUIRED', { field: 'path' })
      const chosen = await core.deps.dialogs.chooseSavePath(
        reports.defaultFileName(kind),
        XLSX_FILTER
      )
      if (chosen === null) return { cancelled: true }
      // The dialog asked before replacing the chosen file; a name typed without an extension
      // gets .xlsx, and that other file was not confirmed.
      const hasExtension = extname(chosen) !== ''
      const target = hasExtension ? chosen : `${chosen}.xlsx`
      return {
        cancelled: false,
        ...(await reports.exportXlsx(kind, target, { overwrite: hasExtension }))
      }
    },
    'reports.weekly': () => reports.weekly()
  }
}
