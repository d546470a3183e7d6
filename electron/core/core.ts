/**
 * The domain wired to its dependencies. Main, CLI and the test bridge each build one of
 * these from a database handle, a settings store and a clock, then serve its handlers.
 */
import type { Db } from './db/database'
import { AuditLog } from './audit/audit-log'
import { CustomerService } from './customers/customer-service'
import { DeliveryService } from './deliveries/delivery-service'
import { DashboardService } from './deliveries/dashboard'
import { localDate, type ServiceContext } from './shared/service-context'
import { IncidentService } from './incidents/incident-service'
import { AcceptanceService } from './acceptance/acceptance-service'
import { VaultKeys } from './vault/vault-key-service'
import { CredentialService } from './vault/credential-service'
import { IdleLock } from './vault/idle-lock'
import { actorName, type SettingsStore } from './settings/settings-schema'
import type { AppInfo } from './contract/contract'
import type { OsKeyProvider } from './vault/key-provider'
import type { ScryptParams } from './vault/vault-crypto'
import type { CredentialField } from './vault/credential-fields'

export interface CoreDeps {
  db: Db
  settings: SettingsStore
  clock?: () => Date
  /** facts about the running process for `app.info` (schema version is read from the db) */
  appInfo: Omit<AppInfo, 'schemaVersion'>
  /** opens a checked URL in the system browser (Electron's shell); absent in the CLI */
  openExternal?: (url: string) => Promise<void>
  /** native file dialogs (main process); the renderer never supplies a path itself */
  dialogs?: FileDialogs
  /** puts a secret on the clipboard and clears it later; guards the window while shown */
  secrets?: SecretSurface
  /** the OS keyring wrap of the vault's data key (Electron safeStorage) */
  osKeyProvider?: OsKeyProvider
  /**
   * The PDF of an acceptance form's print view (the renderer's print route): Electron prints it
   * in a hidden window, the e2e bridge with Chromium; absent in the CLI (PDF export refused)
   */
  printPdf?: (formId: number) => Promise<Buffer>
  /** scrypt cost for the vault; tests lower it, the app keeps the default */
  scryptParams?: ScryptParams
}

export interface FileDialogs {
  /** a path chosen in a save dialog (the OS asks before overwriting), or null when cancelled */
  chooseSavePath(
    defaultName: string,
    filters: { name: string; extensions: string[] }[]
  ): Promise<string | null>
  /** a path chosen in an open dialog, or null when cancelled */
  chooseOpenPath(filters: { name: string; extensions: string[] }[]): Promise<string | null>
}

export interface SecretSurface {
  /** writes the text to the clipboard, clearing it after the delay if it still holds it */
  copy(text: string, clearAfterSeconds: number): Promise<{ concealed: boolean }>
  /** protects the window from screen capture for this long (a secret is on screen) */
  guardScreen(milliseconds: number): void
  /** clears a secret still on the clipboard now (the app is quitting before the delay ran out) */
  flush(): void
}

export interface Core {
  deps: CoreDeps
  /** the one context every service was built with */
  ctx: ServiceContext
  customers: CustomerService
  deliveries: DeliveryService
  incidents: IncidentService
  dashboard: DashboardService
  acceptance: AcceptanceService
  /** the vault's key lifecycle: set-up, unlock, lock, passphrase, OS unlock */
  vault: VaultKeys
  /** the vault's items: the five secrets per customer, their history and the hand-off */
  credentials: CredentialService
  /** locks the vault after the idle time from settings; the main process ticks it */
  idleLock: IdleLock
  audit: AuditLog
  now: () => string
  /** today's local date, YYYY-MM-DD */
  today: () => string
  actor: () => string
}

export function createCore(deps: CoreDeps): Core {
  const clock = deps.clock ?? (() => new Date())
  const now = (): string => clock().toISOString()
  const today = (): string => localDate(clock())
  const audit = new AuditLog(deps.db)
  const ctx: ServiceContext = {
    db: deps.db,
    now,
    today,
    actor: () => actorName(deps.settings.get()),
    audit
  }
  const customers = new CustomerService(ctx)
  const vault = new VaultKeys(ctx, {
    osKeyProvider: deps.osKeyProvider,
    scryptParams: deps.scryptParams
  })
  // Stage rules ask the credentials which secrets a customer has; never their values.
  // Called only after construction: the credentials service needs the deliveries service for the hand-off.
  const deliveries: DeliveryService = new DeliveryService(
    ctx,
    customers,
    (customerId): CredentialField[] => credentials.storedFields(customerId)
  )
  const credentials: CredentialService = new CredentialService(ctx, vault, customers, deliveries)
  const incidents = new IncidentService(ctx, customers, deliveries)
  const idleLock = new IdleLock(
    () => clock().getTime(),
    () => deps.settings.get().autoLockMinutes,
    () => vault.lock(),
    () => vault.isUnlocked()
  )
  return {
    deps,
    ctx,
    customers,
    deliveries,
    incidents,
    dashboard: new DashboardService(ctx, customers, incidents),
    acceptance: new AcceptanceService(ctx, deliveries, {
      // until the evidence domain lands, a delivery has no evidence files
      evidence: { list: () => [] },
      deemedAcceptanceDays: () => deps.settings.get().deemedAcceptanceDays,
      printPdf: deps.printPdf
    }),
    vault,
    credentials,
    idleLock,
    audit,
    now,
    today,
    actor: ctx.actor
  }
}
