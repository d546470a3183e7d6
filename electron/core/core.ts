/**
 * The domain wired to its dependencies. Main, CLI and the test bridge each build one of
 * these from a database handle, a settings store and a clock, then serve its handlers.
 */
import { StartPageService } from './start-page/start-page-service'
import type { Db } from './db/database'
import { AuditLog } from './audit/audit-log'
import { CustomerService } from './customers/customer-service'
import { DeliveryService } from './deliveries/delivery-service'
import { DashboardService } from './deliveries/dashboard'
import { localDate, type ServiceContext } from './shared/service-context'
import { IncidentService } from './incidents/incident-service'
import { AcceptanceService } from './acceptance/acceptance-service'
import { EvidenceService } from './evidence/evidence-service'
import { VaultKeys } from './vault/vault-key-service'
import { CredentialService } from './vault/credential-service'
import { CustomerImportService } from './import/customer-import'
import { IdleLock } from './vault/idle-lock'
import { HandoffConfirmations } from './vault/handoff-confirmation'
import { ReportService } from './reports/report-service'
import { actorName, type SettingsStore } from './settings/settings-schema'
import type { AppInfo } from './contract/contract'
import type { OsKeyProvider } from './vault/key-provider'
import type { ScryptParams } from './vault/vault-crypto'
import type { CredentialField } from './vault/credential-fields'
import { BackupService } from './backup/backup-service'
import { BundleService } from './bundle/bundle-service'
import { bundleDomains } from './bundle/bundle-domains'
import { CredentialTransfer } from './vault/credential-transfer'

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
   * The font file the acceptance PDF embeds: the packaged app's resources/fonts/; by default the
   * checkout's (CLI, tests, development)
   */
  pdfFontPath?: string
  /** scrypt cost for the vault; tests lower it, the app keeps the default */
  scryptParams?: ScryptParams
  /** the better-sqlite3 build `db` was opened with; backups open files with the same one */
  nativeBinding?: string
}

export interface FileDialogs {
  /** a path chosen in a save dialog (the OS asks before overwriting), or null when cancelled */
  chooseSavePath(
    defaultName: string,
    filters: { name: string; extensions: string[] }[]
  ): Promise<string | null>
  /** a path chosen in an open dialog, or null when cancelled */
  chooseOpenPath(filters: { name: string; extensions: string[] }[]): Promise<string | null>
  /** a folder chosen in a folder dialog (the external backup folder), or null when cancelled */
  chooseFolder?(): Promise<string | null>
}

export interface SecretSurface {
  /** writes the text to the clipboard, clearing it after the delay if it still holds it */
  copy(text: string, clearAfterSeconds: number): Promise<{ concealed: boolean }>
  /** protects the window from screen capture for this long (a secret is on screen) */
  guardScreen(milliseconds: number): void
  /** clears a secret still on the clipboard now (the app is quitting before the delay ran out) */
  flush(): void | Promise<void>
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
  /** attachments per delivery and stage (screenshots, the first invoice) */
  evidence: EvidenceService
  /** the vault's key lifecycle: set-up, unlock, lock, passphrase, OS unlock */
  vault: VaultKeys
  /** the vault's items: the five secrets per customer, their history and the hand-off */
  credentials: CredentialService
  /** the start page's shell, and the picture of the list put into index.html (issue 13) */
  startPage: StartPageService
  /** records that the key message was sent: recipient, channel, date */
  handoffs: HandoffConfirmations
  /** customer imports from CSV and .xlsx files (previewImport / runImport) */
  imports: CustomerImportService
  /** the tables as .xlsx and the weekly status, read through the other services */
  reports: ReportService
  /** locks the vault after the idle time from settings; the main process ticks it */
  idleLock: IdleLock
  /** backups and restore; `atStart()` once after the core is built */
  backups: BackupService
  /** handover bundles (交接包): export chosen customers, preview and import on another laptop */
  bundles: BundleService
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
  // Customers an import left for the search index (quit or crash before it caught up).
  if (customers.hasSearchBacklog()) void customers.catchUpSearchIndex()
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
  const evidence = new EvidenceService(ctx, deliveries)
  const idleLock = new IdleLock(
    () => clock().getTime(),
    () => deps.settings.get().autoLockMinutes,
    () => vault.lock(),
    () => vault.isUnlocked(),
    {
      maxUnlockedHours: () => deps.settings.get().maxUnlockedHours,
      unlockedAt: () => vault.unlockedAt()
    }
  )
  const backups = new BackupService(ctx, {
    dbPath: deps.appInfo.dbPath,
    settings: deps.settings,
    appVersion: deps.appInfo.version,
    clock,
    nativeBinding: deps.nativeBinding,
    scrypt: deps.scryptParams,
    // a restore replaced the data under the same handle; the unlocked key was the old vault's
    onRestored: () => vault.lock()
  })
  const bundles = new BundleService(
    ctx,
    bundleDomains(deps.db, new CredentialTransfer(ctx, vault)),
    {
      dbPath: deps.appInfo.dbPath,
      appVersion: deps.appInfo.version,
      backupBeforeImport: () => backups.backupBeforeImport(),
      scrypt: deps.scryptParams
    }
  )
  return {
    deps,
    ctx,
    backups,
    bundles,
    customers,
    deliveries,
    incidents,
    dashboard: new DashboardService(ctx, customers, incidents),
    acceptance: new AcceptanceService(ctx, deliveries, {
      evidence,
      deemedAcceptanceDays: () => deps.settings.get().deemedAcceptanceDays,
      pdfFontPath: deps.pdfFontPath
    }),
    evidence,
    vault,
    credentials,
    handoffs: new HandoffConfirmations(ctx, deliveries),
    imports: new CustomerImportService(ctx, customers),
    reports: new ReportService(ctx, customers, deliveries, incidents),
    startPage: new StartPageService(deps.appInfo.dataDir, deps.settings, customers),
    idleLock,
    audit,
    now,
    today,
    actor: ctx.actor
  }
}
