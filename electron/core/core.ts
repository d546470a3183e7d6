/**
 * The domain wired to its dependencies. Main, CLI and the test bridge each build one of
 * these from a database handle, a settings store and a clock, then serve its handlers.
 */
import type { Db } from './db/database'
import { AuditLog } from './audit/audit-log'
import { CustomerService } from './customers/customer-service'
import { actorName, type SettingsStore } from './settings/settings-schema'
import type { AppInfo } from './contract/contract'

export interface CoreDeps {
  db: Db
  settings: SettingsStore
  clock?: () => Date
  /** facts about the running process for `app.info` (schema version is read from the db) */
  appInfo: Omit<AppInfo, 'schemaVersion'>
}

export interface Core {
  deps: CoreDeps
  customers: CustomerService
  audit: AuditLog
  now: () => string
  actor: () => string
}

export function createCore(deps: CoreDeps): Core {
  const clock = deps.clock ?? (() => new Date())
  const now = (): string => clock().toISOString()
  const ctx = { db: deps.db, now, actor: () => actorName(deps.settings.get()) }
  return {
    deps,
    customers: new CustomerService(ctx),
    audit: new AuditLog(deps.db),
    now,
    actor: ctx.actor
  }
}
