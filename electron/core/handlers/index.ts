import type { Core } from '../core'
import type { Handlers } from '../contract/contract'
import { appHandlers } from './app.handlers'
import { customerHandlers } from './customers.handlers'
import { deliveryHandlers } from './deliveries.handlers'
import { incidentHandlers } from './incidents.handlers'
import { acceptanceHandlers } from './acceptance.handlers'
import { vaultHandlers } from './vault.handlers'
import { handoffHandlers } from './handoff.handlers'
import { importHandlers } from './import.handlers'
import { backupHandlers } from './backup.handlers'
import { evidenceHandlers } from './evidence.handlers'
import { reportHandlers } from './reports.handlers'
import { recoveryIdleHandlers } from './recovery.handlers'
import { bundleHandlers } from './bundle.handlers'

/** Every call's handler, one module per domain, merged into the one map all transports serve. */
export function createHandlers(core: Core): Handlers {
  return {
    ...appHandlers(core),
    ...customerHandlers(core),
    ...deliveryHandlers(core),
    ...incidentHandlers(core),
    ...acceptanceHandlers(core),
    ...vaultHandlers(core),
    ...handoffHandlers(core),
    ...importHandlers(core),
    ...backupHandlers(core),
    ...evidenceHandlers(core),
    ...reportHandlers(core),
    ...recoveryIdleHandlers(),
    ...bundleHandlers(core)
  }
}
