import type { Core } from '../core'
import { DEFINITIONS, type Handlers } from '../contract/contract'

type DeliveryCalls = Extract<
  keyof Handlers,
  `deliveries.${string}` | `stages.${string}` | 'dashboard.summary'
>

export function deliveryHandlers(core: Core): Pick<Handlers, DeliveryCalls> {
  const { deliveries, dashboard } = core
  return {
    'stages.definitions': () => DEFINITIONS,
    'stages.update': (update) => deliveries.updateStage(update),
    'deliveries.create': ({ customerId, ...input }) => deliveries.create(customerId, input),
    'deliveries.get': ({ id }) => deliveries.get(id),
    'deliveries.list': (query) => deliveries.list(query),
    'deliveries.update': ({ id, ...input }) => deliveries.update(id, input),
    'dashboard.summary': () => dashboard.summary()
  }
}
