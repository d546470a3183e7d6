import type { Core } from '../core'
import type { Handlers } from '../contract/contract'

/** The hand-off's confirmation: apart from the vault's calls, it records a fact, not a secret. */
export function handoffHandlers(core: Core): Pick<Handlers, 'credentials.confirmHandoff'> {
  return {
    'credentials.confirmHandoff': (input) => core.handoffs.confirm(input)
  }
}
