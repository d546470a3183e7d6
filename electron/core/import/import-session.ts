/**
 * The app's import as a short session: the file chosen in the open dialog (the page never
 * names a path), its preview, one run at a time with its progress readable while it runs,
 * and the last report for saving. Progress reaches the renderer by polling `import.status`:
 * the run is one long call, and the other calls stay answerable while it awaits the file.
 */
import { basename } from 'node:path'
import { DeskError } from '../errors/desk-error'
import type {
  CustomerImportService,
  ImportPreview,
  ImportProgress,
  ImportReport
} from './customer-import'
import type { ManualMapping } from './import-mapping'

export interface ImportStatus {
  running: boolean
  fileName: string | null
  progress: ImportProgress | null
  /** the finished run's counts, while no new file has been chosen */
  done: ImportReport['counts'] | null
}

export interface ImportRequest {
  mapping?: ManualMapping
  sheet?: string | number
}

export class ImportSession {
  private path: string | null = null
  private running = false
  private progress: ImportProgress | null = null
  private report: ImportReport | null = null

  constructor(private readonly imports: CustomerImportService) {}

  get fileName(): string | null {
    return this.path === null ? null : basename(this.path)
  }

  /** Previews a file: a new one (from the dialog or the CLI) or, without one, the chosen one. */
  async preview(path: string | null, request: ImportRequest): Promise<ImportPreview> {
    this.refuseWhileRunning()
    const target = path ?? this.requirePath()
    const preview = await this.imports.previewImport(target, request)
    if (path !== null && path !== this.path) {
      this.path = path
      this.report = null
      this.progress = null
    }
    return preview
  }

  async run(path: string | null, request: ImportRequest): Promise<ImportReport> {
    this.refuseWhileRunning()
    const target = path ?? this.requirePath()
    this.path = target
    this.running = true
    this.report = null
    this.progress = { rows: 0, bytesRead: 0, totalBytes: 0 }
    try {
      this.report = await this.imports.runImport(target, {
        ...request,
        onProgress: (progress) => {
          this.progress = progress
        }
      })
      return this.report
    } finally {
      this.running = false
    }
  }

  status(): ImportStatus {
    return {
      running: this.running,
      fileName: this.fileName,
      progress: this.progress,
      done: this.report?.counts ?? null
    }
  }

  /** The last finished run's report, for saving as a file. */
  lastReport(): ImportReport {
    if (!this.report) throw new DeskError('IMPORT_NO_FILE', { field: 'report' })
    return this.report
  }

  private requirePath(): string {
    if (this.path === null) throw new DeskError('IMPORT_NO_FILE', { field: 'path' })
    return this.path
  }

  private refuseWhileRunning(): void {
    // An import holds the database's one connection in its transaction: never two at once.
    if (this.running) throw new DeskError('IMPORT_RUNNING')
  }
}
