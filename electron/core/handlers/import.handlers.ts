import { extname } from 'node:path'
import type { Core } from '../core'
import type { Handlers } from '../contract/contract'
import { DeskError } from '../errors/desk-error'
import { writeExportFile } from '../shared/atomic-file'
import { importReportCsv } from '../import/import-report-file'
import { ImportSession } from '../import/import-session'
import type { ManualMapping } from '../import/import-mapping'

type ImportCalls = Extract<keyof Handlers, `import.${string}`>

const IMPORT_FILTER = [{ name: 'CSV / Excel', extensions: ['csv', 'xlsx'] }]
const REPORT_FILTER = [{ name: 'CSV', extensions: ['csv'] }]

/**
 * A path in the request (CLI, tests) is used as is; in the app the open dialog chooses the
 * file and the session remembers it, so the page only ever says "that file again".
 */
export function importHandlers(core: Core): Pick<Handlers, ImportCalls> {
  const session = new ImportSession(core.imports)
  const dialogs = () => {
    if (!core.deps.dialogs) throw new DeskError('REQUIRED', { field: 'path' })
    return core.deps.dialogs
  }
  // the contract checked every value against the field keys
  const mappingOf = (mapping: Record<string, string | null> | undefined) =>
    mapping as ManualMapping | undefined
  return {
    'import.preview': async ({ path, again, mapping, sheet }) => {
      let target: string | null = path ?? null
      if (target === null && !again) {
        target = await dialogs().chooseOpenPath(IMPORT_FILTER)
        if (target === null) return { cancelled: true }
      }
      const preview = await session.preview(target, { mapping: mappingOf(mapping), sheet })
      return { cancelled: false, fileName: session.fileName ?? '', preview }
    },
    'import.run': async ({ path, mapping, sheet }) => {
      const report = await session.run(path ?? null, { mapping: mappingOf(mapping), sheet })
      return { fileName: session.fileName ?? '', report }
    },
    'import.status': () => session.status(),
    'import.saveReport': async ({ path }) => {
      const report = session.lastReport()
      const stem = (session.fileName ?? 'import').replace(/\.[^.]+$/, '')
      const locale = core.deps.settings.get().locale
      const defaultName = `${stem}-${locale === 'en' ? 'import-report' : '导入报告'}.csv`
      let target = path ?? (await dialogs().chooseSavePath(defaultName, REPORT_FILTER))
      if (target === null) return { cancelled: true }
      if (extname(target) === '') target = `${target}.csv`
      const text = importReportCsv(report, session.fileName ?? '', locale)
      // the save dialog asked before replacing an existing file
      await writeExportFile(target, Buffer.from(text, 'utf8'), { overwrite: true })
      return { cancelled: false, path: target }
    }
  }
}
