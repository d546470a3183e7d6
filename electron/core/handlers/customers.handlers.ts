import type { Core } from '../core'
import type { Handlers } from '../contract/contract'

type CustomerCalls = Extract<keyof Handlers, `customers.${string}`>

export function customerHandlers(core: Core): Pick<Handlers, CustomerCalls> {
  const customers = core.customers
  return {
    'customers.create': (input) => customers.create(input),
    'customers.update': ({ id, ...changes }) => customers.update(id, changes),
    'customers.get': ({ id }) => customers.get(id),
    'customers.search': (params) => customers.search(params),
    'customers.findByTaxId': ({ taxId }) => customers.findByTaxId(taxId),
    'customers.archive': ({ id }) => customers.archive(id),
    'customers.restore': ({ id }) => customers.restore(id),
    'customers.parseText': ({ text }) => customers.parseText(text)
  }
}
