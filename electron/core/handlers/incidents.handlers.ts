import type { Core } from '../core'
import type { Handlers } from '../contract/contract'

type IncidentCalls = Extract<keyof Handlers, `incidents.${string}`>

export function incidentHandlers(core: Core): Pick<Handlers, IncidentCalls> {
  const incidents = core.incidents
  return {
    'incidents.create': ({ customerId, deliveryId, ...input }) =>
      incidents.create(customerId, deliveryId ?? null, input),
    'incidents.update': ({ id, ...input }) => incidents.update(id, input),
    'incidents.list': (query) => incidents.list(query)
  }
}
