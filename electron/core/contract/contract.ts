/**
 * The one list of calls: name → zod request schema → response type. Main validates with it,
 * the preload exposes exactly it, the CLI and the browser-test bridge dispatch through it.
 * Adding a call: one entry here, its name in call-names.ts, one handler.
 */
import { z } from 'zod'
import type { AuditEntry } from '../audit/audit-log'
import type { FieldIssue, WarningCode } from '../errors/desk-error'
import { CUSTOMER_FIELDS, type Customer } from '../customers/customer-fields'
import { settingsPatchSchema, type Settings } from '../settings/settings-schema'
import type { CallName } from './call-names'

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

export interface SavedCustomer {
  customer: Customer
  warnings: FieldIssue<WarningCode>[]
}

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

export const contract = {
  'app.info': call<AppInfo>()(empty),
  'settings.get': call<Settings>()(empty),
  'settings.update': call<Settings>()(settingsPatchSchema),
  'audit.list': call<Page<AuditEntry>>()(
    z
      .object({
        entityType: z.string().max(50).optional(),
        entityId: id.optional(),
        action: z.string().max(50).optional(),
        limit: z.number().int().min(1).max(500).default(50),
        offset: z.number().int().min(0).default(0)
      })
      .strict()
      .default({ limit: 50, offset: 0 })
  ),
  'customers.create': call<SavedCustomer>()(customerInput),
  'customers.update': call<SavedCustomer>()(customerInput.extend({ id })),
  'customers.get': call<Customer>()(z.object({ id }).strict()),
  'customers.search': call<Page<Customer>>()(
    z
      .object({
        query: z.string().max(200).optional(),
        includeArchived: z.boolean().optional(),
        archivedOnly: z.boolean().optional(),
        sort: z.enum(['relevance', 'name', 'updatedAt', 'createdAt']).optional(),
        order: z.enum(['asc', 'desc']).optional(),
        limit: z.number().int().min(1).max(500).default(50),
        offset: z.number().int().min(0).default(0)
      })
      .strict()
      .default({ limit: 50, offset: 0 })
  ),
  'customers.findByTaxId': call<Customer | null>()(
    z.object({ taxId: z.string().max(100) }).strict()
  ),
  'customers.archive': call<Customer>()(z.object({ id }).strict()),
  'customers.restore': call<Customer>()(z.object({ id }).strict())
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
