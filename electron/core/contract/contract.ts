/**
 * The one list of calls: name → zod request schema → response type. Main validates with it,
 * the preload exposes exactly it, the CLI and the browser-test bridge dispatch through it.
 * Adding a call: one entry here, its name in call-names.ts, one handler.
 */
import { z } from 'zod'
import { filePath } from './file-path'
import { startPageSnapshotSchema } from '../start-page/start-page'
import type { AuditEntry } from '../audit/audit-log'
import { CUSTOMER_FIELDS, type Customer } from '../customers/customer-fields'
import type { CustomerPasteResult, SavedCustomer } from '../customers/customer-types'
import { settingsPatchSchema, type Settings } from '../settings/settings-schema'
import type { CallName } from './call-names'
import {
  HANDOVER_CHANNELS,
  STAGES,
  STAGE_KEYS,
  STAGE_STATUSES,
  type StageDefinition,
  type ChoiceOption
} from '../stages/stage-definitions'
import { PLAYBOOK, PLAYBOOK_SYMPTOMS, type PlaybookEntry } from '../incidents/playbook'
import {
  DEFAULT_PRODUCTS,
  DELIVERY_STATUSES,
  type DashboardSummary,
  type DeliveryDetail,
  type DeliverySummary
} from '../deliveries/delivery-types'
import { INCIDENT_STATUSES, type Incident } from '../incidents/incident-types'
import { acceptanceFormSchema, SIGNATURE_MIMES } from '../acceptance/acceptance-form'
import {
  SIGNING_PARTIES,
  type AcceptanceExportResult,
  type AcceptanceOverview,
  type AcceptanceRecord,
  type AcceptanceScanResult,
  type AcceptanceScanCopyResult,
  type AcceptanceVerifyResult
} from '../acceptance/acceptance-types'
import { CREDENTIAL_FIELD_KEYS } from '../vault/credential-fields'
import type { ImportPreview, ImportReport } from '../import/customer-import'
import type { ImportStatus } from '../import/import-session'

export type ImportPreviewResult =
  { cancelled: true } | { cancelled: false; fileName: string; preview: ImportPreview }
export interface ImportRunResult {
  fileName: string
  report: ImportReport
}
import type { CredentialList, SetCredentialResult, VaultStatus } from '../vault/vault-types'
import type { BackupCreateResult, BackupList, BackupRestoreResult } from '../backup/backup-types'
import type {
  EvidenceAddResult,
  EvidenceItem,
  EvidenceOpenResult,
  EvidencePreview
} from '../evidence/evidence-types'
import type { CredentialPasteResult } from '../vault/credential-paste'
import { REPORT_KINDS, type ReportExportResult, type WeeklyReport } from '../reports/report-types'
import type { RecoveryDone, RecoveryStatus } from '../recovery/recovery-types'
import {
  bundleExportRequest,
  bundleImportRequest,
  bundlePreviewRequest,
  type BundleExportResult,
  type BundleImportResult,
  type BundlePreview
} from '../bundle/bundle-types'

export interface CallDef<Req extends z.ZodType, Res> {
  request: Req
  /** phantom: carries the response type, never set at run time */
  response?: Res
}

function call<Res>() {
  return <Req extends z.ZodType>(request: Req): CallDef<Req, Res> => ({ request })
}

const id = z.number().int().positive()
const empty = z.object({}).strict().default({})

const customerFieldShape = Object.fromEntries(
  CUSTOMER_FIELDS.map((f) => [
    f.key,
    z
      .string()
      .max(f.maxLength * 4 + 100)
      .optional()
  ])
) as Record<(typeof CUSTOMER_FIELDS)[number]['key'], z.ZodOptional<z.ZodString>>

const customerInput = z
  .object({ ...customerFieldShape, taxIdOverrideReason: z.string().max(500).optional() })
  .strict()

export interface Page<T> {
  items: T[]
  total: number
}

export interface AppInfo {
  name: string
  version: string
  schemaVersion: number
  dataDir: string
  dbPath: string
  settingsPath: string
  platform: string
  versions: { node: string; electron: string | null; sqlite: string; chrome: string | null }
}

export interface Definitions {
  stages: readonly StageDefinition[]
  playbook: readonly PlaybookEntry[]
  handoverChannels: ChoiceOption[]
  products: string[]
}

/** Stage definitions and the playbook, also sent to the renderer as data. */
export const DEFINITIONS: Definitions = {
  stages: STAGES,
  playbook: PLAYBOOK,
  handoverChannels: HANDOVER_CHANNELS,
  products: DEFAULT_PRODUCTS
}

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')
const deliveryFields = {
  orderNumber: z.string().max(100).optional(),
  products: z.array(z.string().max(50)).max(20).optional(),
  plannedGoLive: date.nullable().optional(),
  actualGoLive: date.nullable().optional(),
  implementer: z.string().max(50).optional(),
  notes: z.string().max(2000).optional()
}
const answerValue = z.union([z.boolean(), z.string().max(500), z.null()])
const incidentFields = {
  symptom: z.enum(PLAYBOOK_SYMPTOMS as [string, ...string[]]),
  description: z.string().max(2000).optional(),
  cause: z.string().max(2000).optional(),
  action: z.string().max(2000).optional(),
  status: z.enum(INCIDENT_STATUSES).optional()
}
const passphrase = z.string().max(1024)
const importMapping = z.record(
  z.string().max(200),
  z.enum(['taxIdOverrideReason', ...CUSTOMER_FIELDS.map((f): string => f.key)]).nullable()
)
/** a pasted chat message: a few lines of invoicing details or keys, never a document */
const pastedText = z.string().max(20_000)
const credentialField = z.enum(CREDENTIAL_FIELD_KEYS)

/** The one paging schema: a list call's filters plus limit (1–500, default 50) and offset. */
function pageQuery<Filters extends Record<string, z.ZodOptional<z.ZodType>>>(filters: Filters) {
  const query = z
    .object({
      ...filters,
      limit: z.number().int().min(1).max(500).default(50),
      offset: z.number().int().min(0).default(0)
    })
    .strict()
  // Every filter is optional and paging has defaults, so {} is a valid request; the compiler
  // cannot see that through the generic shape. A missing request means "first page".
  return query.prefault({} as z.input<typeof query>)
}

export const contract = {
  'app.info': call<AppInfo>()(empty),
  'settings.get': call<Settings>()(empty),
  'settings.update': call<Settings>()(settingsPatchSchema),
  'audit.list': call<Page<AuditEntry>>()(
    pageQuery({
      entityType: z.string().max(50).optional(),
      entityId: id.optional(),
      action: z.string().max(50).optional()
    })
  ),
  'customers.create': call<SavedCustomer>()(customerInput),
  'customers.update': call<SavedCustomer>()(customerInput.extend({ id })),
  'customers.get': call<Customer>()(z.object({ id }).strict()),
  'customers.search': call<Page<Customer> & { totalCapped: boolean }>()(
    pageQuery({
      query: z.string().max(200).optional(),
      includeArchived: z.boolean().optional(),
      archivedOnly: z.boolean().optional(),
      sort: z.enum(['relevance', 'name', 'updatedAt', 'createdAt']).optional(),
      order: z.enum(['asc', 'desc']).optional()
    })
  ),
  'customers.findByTaxId': call<Customer | null>()(
    z.object({ taxId: z.string().max(100) }).strict()
  ),
  'customers.archive': call<Customer>()(z.object({ id }).strict()),
  'customers.restore': call<Customer>()(z.object({ id }).strict()),
  'customers.parseText': call<CustomerPasteResult>()(z.object({ text: pastedText }).strict()),
  'stages.definitions': call<Definitions>()(empty),
  'stages.update': call<DeliveryDetail>()(
    z
      .object({
        deliveryId: id,
        stage: z.enum(STAGE_KEYS),
        status: z.enum(STAGE_STATUSES).optional(),
        answers: z.record(z.string().max(60), answerValue).optional(),
        notes: z.string().max(5000).optional(),
        reason: z.string().max(500).optional()
      })
      .strict()
  ),
  'deliveries.create': call<DeliveryDetail>()(
    z.object({ customerId: id, ...deliveryFields }).strict()
  ),
  'deliveries.get': call<DeliveryDetail>()(z.object({ id }).strict()),
  'deliveries.list': call<Page<DeliverySummary>>()(
    pageQuery({
      status: z.enum(DELIVERY_STATUSES).optional(),
      stage: z.enum(STAGE_KEYS).optional(),
      overdue: z.boolean().optional(),
      customerId: id.optional()
    })
  ),
  'deliveries.update': call<DeliveryDetail>()(
    z.object({ id, ...deliveryFields, status: z.enum(DELIVERY_STATUSES).optional() }).strict()
  ),
  'incidents.create': call<Incident>()(
    z.object({ customerId: id, deliveryId: id.nullable().optional(), ...incidentFields }).strict()
  ),
  'incidents.update': call<Incident>()(
    z.object({ id, ...incidentFields, symptom: incidentFields.symptom.optional() }).strict()
  ),
  'incidents.list': call<Page<Incident>>()(
    pageQuery({
      customerId: id.optional(),
      deliveryId: id.optional(),
      status: z.enum(INCIDENT_STATUSES).optional()
    })
  ),
  'dashboard.summary': call<DashboardSummary>()(empty),
  'acceptance.get': call<AcceptanceRecord>()(z.object({ deliveryId: id }).strict()),
  'acceptance.save': call<AcceptanceRecord>()(
    z.object({ formId: id, form: acceptanceFormSchema }).strict()
  ),
  'acceptance.sign': call<AcceptanceRecord>()(
    z
      .object({
        formId: id,
        party: z.enum(SIGNING_PARTIES),
        signerName: z.string().max(100),
        // bytes, size and dimensions are checked by the service, which names the problem
        image: z
          .object({ mime: z.enum(SIGNATURE_MIMES), base64: z.string().min(1).max(4_000_000) })
          .strict()
      })
      .strict()
  ),
  'acceptance.markSigned': call<AcceptanceRecord>()(z.object({ formId: id }).strict()),
  // Without a path the main process asks in a native dialog (the renderer never sends one).
  'acceptance.export': call<AcceptanceExportResult>()(
    z
      .object({
        formId: id,
        path: filePath.optional(),
        overwrite: z.boolean().optional()
      })
      .strict()
  ),
  'acceptance.verify': call<AcceptanceVerifyResult>()(
    z.object({ path: filePath.optional() }).strict()
  ),
  'acceptance.attachScan': call<AcceptanceScanResult>()(
    z.object({ formId: id, path: filePath.optional() }).strict()
  ),
  'acceptance.list': call<AcceptanceOverview>()(z.object({ deliveryId: id }).strict()),
  // Same as acceptance.export, for the PDF of the same version (made in-process).
  'acceptance.exportPdf': call<AcceptanceExportResult>()(
    z
      .object({
        formId: id,
        path: filePath.optional(),
        overwrite: z.boolean().optional()
      })
      .strict()
  ),
  // One version of the form as the exports print it.
  'links.open': call<{ opened: boolean }>()(z.object({ url: z.string().max(500) }).strict()),
  'app.saveStartPage': call<{ saved: true }>()(startPageSnapshotSchema),
  'vault.status': call<VaultStatus>()(empty),
  'vault.setup': call<VaultStatus>()(z.object({ passphrase }).strict()),
  'vault.unlock': call<VaultStatus>()(z.object({ passphrase }).strict()),
  'vault.unlockWithOs': call<VaultStatus>()(empty),
  'vault.lock': call<VaultStatus>()(empty),
  'vault.changePassphrase': call<VaultStatus>()(
    z.object({ oldPassphrase: passphrase, newPassphrase: passphrase }).strict()
  ),
  'vault.setOsUnlock': call<VaultStatus>()(z.object({ enabled: z.boolean() }).strict()),
  'vault.touch': call<{ locked: boolean }>()(empty),
  'credentials.set': call<SetCredentialResult>()(
    z
      .object({
        customerId: id,
        field: credentialField,
        value: z.string().max(8192),
        deliveryId: id.nullable().optional()
      })
      .strict()
  ),
  'credentials.list': call<CredentialList>()(z.object({ customerId: id }).strict()),
  'credentials.reveal': call<{ value: string; hideAfterSeconds: number }>()(
    z.object({ customerId: id, field: credentialField }).strict()
  ),
  'credentials.copy': call<{ copied: boolean; concealed: boolean; clearAfterSeconds: number }>()(
    z.object({ customerId: id, field: credentialField }).strict()
  ),
  'credentials.delete': call<{ removed: number }>()(
    z.object({ customerId: id, field: credentialField }).strict()
  ),
  'credentials.purgeHistory': call<{ removed: number }>()(z.object({ customerId: id }).strict()),
  'credentials.handoff': call<{
    message: string
    copied: boolean
    clearAfterSeconds: number | null
  }>()(
    z
      .object({
        customerId: id,
        deliveryId: id.nullable().optional(),
        channel: z.string().max(50).nullable().optional()
      })
      .strict()
  ),
  /** the key message was sent: who received it, how and when (after copying it) */
  'credentials.confirmHandoff': call<DeliveryDetail>()(
    z
      .object({
        customerId: id,
        deliveryId: id,
        recipient: z.string().max(200),
        channel: z.enum(HANDOVER_CHANNELS.map((c) => c.value) as [string, ...string[]]),
        sentOn: date.optional()
      })
      .strict()
  ),
  /**
   * Customers from CSV/.xlsx. In the app the file comes from the open dialog (the IPC refuses
   * a path); `again` previews the chosen file once more, e.g. with a column mapped by hand.
   */
  'import.preview': call<ImportPreviewResult>()(
    z
      .object({
        path: filePath.optional(),
        again: z.boolean().optional(),
        mapping: importMapping.optional(),
        sheet: z.union([z.string().max(100), z.number().int().min(0)]).optional()
      })
      .strict()
  ),
  /** imports the previewed file (or the CLI's path); progress through import.status */
  'import.run': call<ImportRunResult>()(
    z
      .object({
        path: filePath.optional(),
        mapping: importMapping.optional(),
        sheet: z.union([z.string().max(100), z.number().int().min(0)]).optional()
      })
      .strict()
  ),
  'import.status': call<ImportStatus>()(empty),
  /** the last import's report as a CSV file, where the save dialog says */
  'import.saveReport': call<{ cancelled: boolean; path?: string }>()(
    z.object({ path: filePath.optional() }).strict()
  ),
  // A sealed copy goes to the external folder from Settings; its passphrase is in the
  // payload (the CLI reads DESK_BACKUP_PASSPHRASE), never stored.
  'backup.create': call<BackupCreateResult>()(
    z.object({ sealed: z.boolean().optional(), passphrase: passphrase.optional() }).strict()
  ),
  'backup.list': call<BackupList>()(empty),
  'backup.restore': call<BackupRestoreResult>()(
    z.object({ backupId: z.string().min(1).max(300), passphrase: passphrase.optional() }).strict()
  ),
  // Without a path the main process asks for a folder in a native dialog.
  'backup.setFolder': call<{ cancelled: boolean; backupDir: string }>()(
    z.object({ path: filePath.optional(), clear: z.boolean().optional() }).strict()
  ),
  // Evidence files: without a path the main process asks in a native open/save dialog.
  'evidence.add': call<EvidenceAddResult>()(
    z.object({ deliveryId: id, stage: z.enum(STAGE_KEYS), path: filePath.optional() }).strict()
  ),
  'evidence.list': call<EvidenceItem[]>()(z.object({ deliveryId: id }).strict()),
  'evidence.preview': call<EvidencePreview>()(z.object({ id }).strict()),
  'evidence.open': call<EvidenceOpenResult>()(
    z.object({ id, path: filePath.optional(), overwrite: z.boolean().optional() }).strict()
  ),
  'evidence.remove': call<EvidenceItem>()(z.object({ id }).strict()),
  'acceptance.openScan': call<AcceptanceScanCopyResult>()(
    z.object({ scanId: id, path: filePath.optional(), overwrite: z.boolean().optional() }).strict()
  ),
  'credentials.parseText': call<CredentialPasteResult>()(z.object({ text: pastedText }).strict()),
  'credentials.setMany': call<{ results: SetCredentialResult[] }>()(
    z
      .object({
        customerId: id,
        values: z.partialRecord(credentialField, z.string().max(8192)),
        deliveryId: id.nullable().optional()
      })
      .strict()
  ),
  // Without a path the main process asks in a native dialog (the renderer never sends one).
  'reports.exportXlsx': call<ReportExportResult>()(
    z
      .object({
        kind: z.enum(REPORT_KINDS),
        path: filePath.optional(),
        overwrite: z.boolean().optional()
      })
      .strict()
  ),
  'reports.weekly': call<WeeklyReport>()(empty),
  // Served in recovery mode (the database could not be opened at start); `needed: false` otherwise.
  'recovery.status': call<RecoveryStatus>()(empty),
  'recovery.restoreLatest': call<RecoveryDone>()(empty),
  'recovery.startFresh': call<RecoveryDone>()(empty),
  // Handover bundles: without a path the main process asks in a native dialog.
  'bundle.export': call<BundleExportResult>()(bundleExportRequest),
  'bundle.preview': call<BundlePreview>()(bundlePreviewRequest),
  'bundle.import': call<BundleImportResult>()(bundleImportRequest)
} satisfies Record<CallName, CallDef<z.ZodType, unknown>>

export type Contract = typeof contract

// Compile-time check that call-names.ts lists exactly the contract's calls.
type MissingFromNames = Exclude<keyof Contract, CallName>
const namesComplete: MissingFromNames extends never ? true : never = true
void namesComplete

export type Request<K extends CallName> = z.input<Contract[K]['request']>
export type ParsedRequest<K extends CallName> = z.output<Contract[K]['request']>
export type Response<K extends CallName> =
  Contract[K] extends CallDef<z.ZodType, infer R> ? R : never

export type Handlers = {
  [K in CallName]: (request: ParsedRequest<K>) => Response<K> | Promise<Response<K>>
}
