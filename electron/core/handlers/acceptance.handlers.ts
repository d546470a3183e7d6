import { extname } from 'node:path'
import type { Core } from '../core'
import type { Handlers } from '../contract/contract'
import { DeskError } from '../errors/desk-error'
import type { AcceptanceExport, AcceptanceExportResult } from '../acceptance/acceptance-types'

type AcceptanceCalls = Extract<keyof Handlers, `acceptance.${string}`>

const WORD_FILTER = [{ name: 'Word', extensions: ['docx'] }]
const PDF_FILTER = [{ name: 'PDF', extensions: ['pdf'] }]
const EXPORTED_FILTER = [{ name: 'Word / PDF', extensions: ['docx', 'pdf'] }]
const SCAN_FILTER = [{ name: 'PDF / PNG / JPEG', extensions: ['pdf', 'png', 'jpg', 'jpeg'] }]

/**
 * A path given in the request (CLI, tests) is used as is; without one the main process asks
 * in a native dialog, and a cancelled dialog is an answer, not an error.
 */
export function acceptanceHandlers(core: Core): Pick<Handlers, AcceptanceCalls> {
  const { acceptance } = core
  const dialogs = () => {
    if (!core.deps.dialogs) throw new DeskError('REQUIRED', { field: 'path' })
    return core.deps.dialogs
  }
  async function exportTo(
    format: 'docx' | 'pdf',
    formId: number,
    path: string | undefined,
    overwrite: boolean | undefined,
    write: (target: string, options: { overwrite?: boolean }) => Promise<AcceptanceExport>
  ): Promise<AcceptanceExportResult> {
    if (path !== undefined) return { cancelled: false, ...(await write(path, { overwrite })) }
    // refuse an incomplete form before the user has picked a place for it
    acceptance.assertExportable(formId)
    const name = acceptance.defaultFileName(formId).replace(/\.docx$/, `.${format}`)
    const chosen = await dialogs().chooseSavePath(name, format === 'pdf' ? PDF_FILTER : WORD_FILTER)
    if (chosen === null) return { cancelled: true }
    // The save dialog asked before replacing the chosen file. A name typed without an
    // extension (GTK adds none) gets one, and that other file was not confirmed.
    const hasExtension = extname(chosen) !== ''
    const target = hasExtension ? chosen : `${chosen}.${format}`
    return { cancelled: false, ...(await write(target, { overwrite: hasExtension })) }
  }
  return {
    'acceptance.get': ({ deliveryId }) => acceptance.get(deliveryId),
    'acceptance.list': ({ deliveryId }) => acceptance.overview(deliveryId),
    'acceptance.save': ({ formId, form }) => acceptance.save(formId, form),
    'acceptance.sign': ({ formId, party, signerName, image }) =>
      acceptance.sign(formId, party, signerName, image),
    'acceptance.markSigned': ({ formId }) => acceptance.markSigned(formId),
    'acceptance.export': ({ formId, path, overwrite }) =>
      exportTo('docx', formId, path, overwrite, (target, options) =>
        acceptance.export(formId, target, options)
      ),
    'acceptance.exportPdf': ({ formId, path, overwrite }) =>
      exportTo('pdf', formId, path, overwrite, (target, options) =>
        acceptance.exportPdf(formId, target, options)
      ),
    'acceptance.verify': async ({ path }) => {
      const target = path ?? (await dialogs().chooseOpenPath(EXPORTED_FILTER))
      if (target === null) return { cancelled: true }
      return { cancelled: false, ...(await acceptance.verify(target)) }
    },
    'acceptance.attachScan': async ({ formId, path }) => {
      const target = path ?? (await dialogs().chooseOpenPath(SCAN_FILTER))
      if (target === null) return { cancelled: true }
      return { cancelled: false, scan: await acceptance.attachScan(formId, target) }
    },
    'acceptance.openScan': async ({ scanId, path, overwrite }) => {
      if (path !== undefined) {
        return {
          cancelled: false,
          ...(await acceptance.scanCopies.save(scanId, path, { overwrite }))
        }
      }
      const name = acceptance.scanCopies.fileName(scanId)
      const chosen = await dialogs().chooseSavePath(name, SCAN_FILTER)
      if (chosen === null) return { cancelled: true }
      // as for the export: a name typed without an extension keeps the scan's own
      const hasExtension = extname(chosen) !== ''
      const target = hasExtension ? chosen : `${chosen}${extname(name)}`
      return {
        cancelled: false,
        ...(await acceptance.scanCopies.save(scanId, target, { overwrite: hasExtension }))
      }
    }
  }
}
