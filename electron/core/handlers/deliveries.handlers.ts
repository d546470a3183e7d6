import type { Core } from '../core'
import { DEFINITIONS, type Handlers } from '../contract/contract'
import { dashboardSummary } from '../deliveries/dashboard'
import { DeskError } from '../errors/desk-error'
import { PLAYBOOK_LINKS } from '../incidents/playbook'
import { STAGES } from '../stages/stage-definitions'

type DeliveryCalls = Extract<
  keyof Handlers,
  | `deliveries.${string}`
  | `stages.${string}`
  | `incidents.${string}`
  | 'dashboard.summary'
  | 'links.open'
>

/** Links the guidance shows; nothing else may be handed to the system browser. */
const ALLOWED_LINKS = new Set([
  ...STAGES.flatMap((s) => s.links.map((l) => l.url)),
  ...PLAYBOOK_LINKS.map((l) => l.url)
])

export function deliveryHandlers(core: Core): Pick<Handlers, DeliveryCalls> {
  const { deliveries, incidents } = core
  return {
    'stages.definitions': () => DEFINITIONS,
    'stages.update': (update) => deliveries.updateStage(update),
    'deliveries.create': ({ customerId, ...input }) => deliveries.create(customerId, input),
    'deliveries.get': ({ id }) => deliveries.get(id),
    'deliveries.list': (query) => deliveries.list(query),
    'deliveries.update': ({ id, ...input }) => deliveries.update(id, input),
    'incidents.create': ({ customerId, deliveryId, ...input }) =>
      incidents.create(customerId, deliveryId ?? null, input),
    'incidents.update': ({ id, ...input }) => incidents.update(id, input),
    'incidents.list': (query) => incidents.list(query),
    'dashboard.summary': () => dashboardSummary(core.deps.db, core.today()),
    'links.open': async ({ url }) => {
      if (!ALLOWED_LINKS.has(url)) throw new DeskError('LINK_NOT_ALLOWED', { field: 'url' })
      if (!core.deps.openExternal) return { opened: false }
      await core.deps.openExternal(url)
      return { opened: true }
    }
  }
}
