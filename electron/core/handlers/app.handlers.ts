import type { Core } from '../core'
import type { Handlers } from '../contract/contract'
import { DeskError } from '../errors/desk-error'
import { PLAYBOOK_LINKS } from '../incidents/playbook'
import { STAGES } from '../stages/stage-definitions'

type AppCalls =
  | 'app.info'
  | 'settings.get'
  | 'settings.update'
  | 'audit.list'
  | 'links.open'
  | 'app.saveStartPage'

/** Links the guidance shows; nothing else may be handed to the system browser. */
const ALLOWED_LINKS = new Set([
  ...STAGES.flatMap((s) => s.links.map((l) => l.url)),
  ...PLAYBOOK_LINKS.map((l) => l.url)
])

export function appHandlers(core: Core): Pick<Handlers, AppCalls> {
  return {
    'app.info': () => ({
      ...core.deps.appInfo,
      schemaVersion: core.deps.db.pragma('user_version', { simple: true }) as number
    }),
    'settings.get': () => core.deps.settings.get(),
    'settings.update': (patch) => core.deps.settings.update(patch),
    'audit.list': (query) => core.audit.list(query),
    'links.open': async ({ url }) => {
      if (!ALLOWED_LINKS.has(url)) throw new DeskError('LINK_NOT_ALLOWED', { field: 'url' })
      if (!core.deps.openExternal) return { opened: false }
      await core.deps.openExternal(url)
      return { opened: true }
    },
    'app.saveStartPage': (snapshot) => core.startPage.save(snapshot)
  }
}
