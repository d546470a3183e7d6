/** Settings in electron-store (userData/settings.json), validated by the shared zod schema. */
import Store from 'electron-store'
import { z } from 'zod'
import {
  DEFAULT_SETTINGS,
  settingsSchema,
  type Settings,
  type SettingsStore
} from '../core/settings/settings-schema'
import { PRIVATE_FILE_MODE, SETTINGS_FILE_NAME } from '../core/paths'

/** The JSON schema electron-store (conf/ajv) checks on every write, derived from the zod one. */
export function settingsJsonSchema(): Record<string, object> {
  const json = z.toJSONSchema(settingsSchema, { target: 'draft-7', io: 'input' }) as {
    properties: Record<string, object>
  }
  return json.properties
}

export class ElectronSettingsStore implements SettingsStore {
  private readonly store: Store<Settings>

  constructor(cwd?: string) {
    this.store = new Store<Settings>({
      name: SETTINGS_FILE_NAME.replace(/\.json$/, ''),
      ...(cwd ? { cwd } : {}),
      defaults: DEFAULT_SETTINGS,
      schema: settingsJsonSchema() as never,
      clearInvalidConfig: true,
      configFileMode: PRIVATE_FILE_MODE
    })
  }

  get path(): string {
    return this.store.path
  }

  get(): Settings {
    const parsed = settingsSchema.safeParse(this.store.store)
    return parsed.success ? parsed.data : { ...DEFAULT_SETTINGS }
  }

  update(patch: Partial<Settings>): Settings {
    const next = settingsSchema.parse({ ...this.get(), ...patch })
    this.store.store = next
    return next
  }
}
