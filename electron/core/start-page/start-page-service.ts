/**
 * Keeps the start page's shell (what the renderer last painted, no customer data) in the data
 * folder, and builds the picture the app:// handler puts into index.html (start-page.ts).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { writeBytesAtomic } from '../shared/atomic-file'
import type { SettingsStore } from '../settings/settings-schema'
import { needsFirstRun } from '../settings/first-run'
import type { CustomerService } from '../customers/customer-service'
import {
  prepaintHtml,
  START_LIST_REQUEST,
  startPageSnapshotSchema,
  type StartPageSnapshot,
  type StartPicture
} from './start-page'

export const START_PAGE_FILE = 'start-page.json'

export class StartPageService {
  /** the last snapshot read or written (undefined: not read yet; null: none or unusable) */
  private snapshot: StartPageSnapshot | null | undefined
  private readonly file: string

  constructor(
    dataDir: string,
    private readonly settings: SettingsStore,
    private readonly customers: CustomerService
  ) {
    this.file = join(dataDir, START_PAGE_FILE)
  }

  /** Stores the shell the renderer painted (validated by the contract's schema already). */
  async save(snapshot: StartPageSnapshot): Promise<{ saved: true }> {
    const checked = startPageSnapshotSchema.parse(snapshot)
    const text = JSON.stringify(checked)
    // the same page as last time (most starts): no write
    const stored = this.stored()
    if (stored && JSON.stringify(stored) === text) return { saved: true }
    await writeBytesAtomic(this.file, text, { mode: 0o600 })
    this.snapshot = checked
    return { saved: true }
  }

  private stored(): StartPageSnapshot | null {
    if (this.snapshot !== undefined) return this.snapshot
    try {
      const parsed = startPageSnapshotSchema.safeParse(JSON.parse(readFileSync(this.file, 'utf8')))
      this.snapshot = parsed.success ? parsed.data : null
    } catch {
      this.snapshot = null
    }
    return this.snapshot
  }

  /**
   * The picture for an index.html, or null when the app will not start on the list as it was
   * saved: no shell saved yet, a shell from another build of the renderer (its markup and
   * styles may differ) or another language, the first-run step still due, or no customers
   * (the list shows its empty state instead).
   */
  prepaint(indexHtml: string): StartPicture | null {
    const snapshot = this.stored()
    if (!snapshot) return null
    const settings = this.settings.get()
    if (snapshot.locale !== settings.locale || needsFirstRun(settings)) return null
    if (!indexHtml.includes(`src=".${snapshot.build}"`)) return null
    const page = this.customers.search({ ...START_LIST_REQUEST })
    if (page.items.length === 0) return null
    return { html: prepaintHtml(snapshot, page.items), lang: snapshot.locale }
  }
}
