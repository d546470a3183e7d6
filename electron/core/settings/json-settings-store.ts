import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../paths'
import { writeBytesAtomicSync } from '../shared/atomic-file'
import {
  DEFAULT_SETTINGS,
  settingsSchema,
  type Settings,
  type SettingsStore
} from './settings-schema'

/** Settings in a JSON file, written through the app's one atomic writer (shared/atomic-file). */
export class JsonSettingsStore implements SettingsStore {
  /** read once per process; this store is the only writer while the process runs */
  private cached: Settings | null = null

  constructor(readonly path: string) {}

  get(): Settings {
    this.cached ??= this.read()
    return { ...this.cached }
  }

  private read(): Settings {
    if (!existsSync(this.path)) return { ...DEFAULT_SETTINGS }
    try {
      const parsed = settingsSchema.safeParse(JSON.parse(readFileSync(this.path, 'utf8')))
      return parsed.success ? parsed.data : { ...DEFAULT_SETTINGS }
    } catch {
      return { ...DEFAULT_SETTINGS }
    }
  }

  update(patch: Partial<Settings>): Settings {
    const next = settingsSchema.parse({ ...this.get(), ...patch })
    mkdirSync(dirname(this.path), { recursive: true, mode: PRIVATE_DIR_MODE })
    writeBytesAtomicSync(this.path, JSON.stringify(next, null, 2), { mode: PRIVATE_FILE_MODE })
    this.cached = next
    return { ...next }
  }
}
