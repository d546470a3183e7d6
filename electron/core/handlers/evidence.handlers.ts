import { extname } from 'node:path'
import type { Core } from '../core'
import type { Handlers } from '../contract/contract'
import { DeskError } from '../errors/desk-error'
import { EVIDENCE_EXTENSIONS } from '../evidence/evidence-files'

type EvidenceCalls = Extract<keyof Handlers, `evidence.${string}`>

const EVIDENCE_FILTER = [
  { name: 'PNG / JPEG / PDF / OFD', extensions: ['png', 'jpg', 'jpeg', 'pdf', 'ofd'] }
]

/**
 * A path given in the request (CLI, tests) is used as is; without one the main process asks
 * in a native dialog (the IPC refuses paths from the page), and a cancelled dialog is an
 * answer, not an error.
 */
export function evidenceHandlers(core: Core): Pick<Handlers, EvidenceCalls> {
  const { evidence } = core
  const dialogs = () => {
    if (!core.deps.dialogs) throw new DeskError('REQUIRED', { field: 'path' })
    return core.deps.dialogs
  }
  return {
    'evidence.add': async ({ deliveryId, stage, path }) => {
      if (path === undefined) {
        // an unknown delivery is refused before anyone picks a file for it
        evidence.assertDelivery(deliveryId)
        path = (await dialogs().chooseOpenPath(EVIDENCE_FILTER)) ?? undefined
        if (path === undefined) return { cancelled: true }
      }
      return { cancelled: false, item: await evidence.add(deliveryId, stage, path) }
    },
    'evidence.list': ({ deliveryId }) => evidence.list(deliveryId),
    'evidence.preview': ({ id }) => evidence.preview(id),
    'evidence.open': async ({ id, path, overwrite }) => {
      if (path !== undefined) {
        return { cancelled: false, ...(await evidence.saveCopy(id, path, { overwrite })) }
      }
      const item = evidence.get(id)
      const ext = EVIDENCE_EXTENSIONS[item.mime]
      const chosen = await dialogs().chooseSavePath(item.name, [
        { name: ext.toUpperCase(), extensions: [ext] }
      ])
      if (chosen === null) return { cancelled: true }
      // The save dialog asked before replacing the chosen file. A name typed without an
      // extension (GTK adds none) gets the type's, and that other file was not confirmed.
      const hasExtension = extname(chosen) !== ''
      const target = hasExtension ? chosen : `${chosen}.${ext}`
      return {
        cancelled: false,
        ...(await evidence.saveCopy(id, target, { overwrite: hasExtension }))
      }
    },
    'evidence.remove': ({ id }) => evidence.remove(id)
  }
}
