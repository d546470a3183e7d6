/** The Electron transport of the contract: one channel, every call validated and dispatched. */
import type { IpcMain, IpcMainInvokeEvent } from 'electron'
import { dispatch, toErrorPayload } from '../core/contract/dispatch'
import type { Handlers } from '../core/contract/contract'
import { CALL_CHANNEL } from '../core/contract/call-names'
import type { Envelope } from '../core/contract/envelope'
import { DeskError } from '../core/errors/desk-error'
import type { Logger } from '../core/log/logger'
import type { Locale } from '../core/errors/messages'
import { isTrustedSender, type RendererLocation } from './security.main'

export function registerContract(
  ipcMain: IpcMain,
  handlers: Handlers,
  options: { app: RendererLocation; log: Logger; locale: () => Locale }
): void {
  ipcMain.handle(
    CALL_CHANNEL,
    async (
      event: IpcMainInvokeEvent,
      name: unknown,
      payload: unknown
    ): Promise<Envelope<unknown>> => {
      if (!isTrustedSender(event.senderFrame, options.app)) {
        options.log.warn('refused IPC from an untrusted frame', { call: String(name) })
        return {
          ok: false,
          error: toErrorPayload(new DeskError('UNKNOWN_CALL', { params: { name: String(name) } }))
        }
      }
      // Paths come only from the main process's own dialogs, never from the page.
      if (payload !== null && typeof payload === 'object' && 'path' in payload) {
        return {
          ok: false,
          error: toErrorPayload(new DeskError('PATH_NOT_ALLOWED', { field: 'path' }))
        }
      }
      return dispatch(handlers, name, payload, {
        locale: options.locale(),
        onInternalError: (call, error) => options.log.error(`call ${call} failed`, error)
      })
    }
  )
}

/** Serves other handlers from now on (the recovery screen's, after a failed check). */
export function replaceContract(
  ipcMain: IpcMain,
  handlers: Handlers,
  options: Parameters<typeof registerContract>[2]
): void {
  ipcMain.removeHandler(CALL_CHANNEL)
  registerContract(ipcMain, handlers, options)
}
