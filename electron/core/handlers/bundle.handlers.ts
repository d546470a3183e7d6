import { extname } from 'node:path'
import type { Core } from '../core'
import type { Handlers } from '../contract/contract'
import { DeskError } from '../errors/desk-error'
import { BUNDLE_EXTENSION } from '../bundle/bundle-types'

type BundleCalls = Extract<keyof Handlers, `bundle.${string}`>

const BUNDLE_FILTER = [{ name: '交接包 / Handover bundle', extensions: [BUNDLE_EXTENSION] }]

/**
 * A path in the request (CLI, tests) is used as is; in the app the main process asks in a
 * native dialog (IPC refuses a path from the page), a cancelled dialog is an answer, and an
 * import without a path reads the file its preview chose.
 */
export function bundleHandlers(core: Core): Pick<Handlers, BundleCalls> {
  const { bundles } = core
  return {
    'bundle.export': async ({ path, overwrite, ...request }) => {
      if (path !== undefined) {
        return { cancelled: false, ...(await bundles.export(request, path, overwrite ?? false)) }
      }
      if (!core.deps.dialogs) throw new DeskError('REQUIRED', { field: 'path' })
      const chosen = await core.deps.dialogs.chooseSavePath(
        bundles.defaultFileName(),
        BUNDLE_FILTER
      )
      if (chosen === null) return { cancelled: true }
      // the dialog asked before replacing the chosen file; a name typed bare gets the extension
      const bare = extname(chosen) === ''
      const target = bare ? `${chosen}.${BUNDLE_EXTENSION}` : chosen
      return { cancelled: false, ...(await bundles.export(request, target, !bare)) }
    },
    'bundle.preview': async ({ path, bundlePassphrase }) => {
      let file = path
      if (file === undefined) {
        if (!core.deps.dialogs) throw new DeskError('REQUIRED', { field: 'path' })
        const chosen = await core.deps.dialogs.chooseOpenPath(BUNDLE_FILTER)
        if (chosen === null) return { cancelled: true }
        file = chosen
      }
      return { cancelled: false, ...(await bundles.preview(file, bundlePassphrase)) }
    },
    'bundle.import': async ({ path, bundlePassphrase, choices }) => {
      const file = path ?? bundles.previewedPath()
      return { cancelled: false, ...(await bundles.import(file, bundlePassphrase, choices)) }
    }
  }
}
