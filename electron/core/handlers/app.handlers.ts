import type { Core } from '../core'
import type { Handlers } from '../contract/contract'

export function appHandlers(
  core: Core
): Pick<Handlers, 'app.info' | 'settings.get' | 'settings.update' | 'audit.list'> {
  return {
    'app.info': () => ({
      ...core.deps.appInfo,
      schemaVersion: core.deps.db.pragma('user_version', { simple: true }) as number
    }),
    'settings.get': () => core.deps.settings.get(),
    'settings.update': (patch) => core.deps.settings.update(patch),
    'audit.list': (query) => core.audit.list(query)
  }
}
