/**
 * The registry's rules: validation, duplicate tax IDs, archive/restore and the audit trail.
 * Takes its dependencies as arguments so the app, the CLI and the tests share it.
 */
import { recordAudit, type ServiceContext } from '../shared/service-context'
import { DeskError } from '../errors/desk-error'
import { deskErrorFromDb } from '../db/db-errors'
import { validateCustomer } from '../validation/customer-validation'
import { normalizeTaxId } from '../validation/uscc'
import { CUSTOMER_FIELDS, type Customer, type CustomerFields } from './customer-fields'
import { CustomerRepository, type SearchPage, type SearchParams } from './customer-repository'
import type { CustomerInput, CustomerPasteResult, SavedCustomer } from './customer-types'
import { parseCustomerText } from './customer-paste'
import { CustomerStaging } from './customer-staging'

export type { CustomerInput, SavedCustomer } from './customer-types'

/**
 * Customers indexed per catch-up transaction: about 0.1 s of work, so the main process's other
 * calls wait no longer than that.
 */
export const SEARCH_BACKLOG_SLICE = 1000

export class CustomerService {
  private readonly repo: CustomerRepository
  // Built once: better-sqlite3 compiles a transaction's BEGIN/COMMIT statements per wrapper.
  private readonly tx

  constructor(private readonly ctx: ServiceContext) {
    this.repo = new CustomerRepository(ctx.db)
    this.tx = {
      create: ctx.db.transaction((input: CustomerInput) => this.createNow(input)),
      update: ctx.db.transaction((id: number, input: CustomerInput) => this.updateNow(id, input)),
      setArchived: ctx.db.transaction((id: number, archived: boolean) =>
        this.setArchivedNow(id, archived)
      ),
      indexBacklog: ctx.db.transaction((limit: number) => this.repo.indexSearchBacklog(limit))
    }
  }

  create(input: CustomerInput): SavedCustomer {
    return this.tx.create.immediate(input)
  }

  update(id: number, input: CustomerInput): SavedCustomer {
    return this.tx.update.immediate(id, input)
  }

  archive(id: number): Customer {
    return this.tx.setArchived.immediate(id, true)
  }

  restore(id: number): Customer {
    return this.tx.setArchived.immediate(id, false)
  }

  /** A temporary table for an import's validated rows (see customer-staging.ts). */
  stageImport(): CustomerStaging {
    return new CustomerStaging(this.ctx.db)
  }

  /**
   * Runs an import's writes (CustomerStaging.insertAll and its audit entry) in one write transaction,
   * committed or rolled back as asked. The search index's insert trigger is off inside it and
   * the added customers go to the index's backlog (migration 008), for catchUpSearchIndex.
   */
  importInOneTransaction<T>(work: () => T, commit: boolean): T {
    const db = this.ctx.db
    db.exec('BEGIN IMMEDIATE')
    try {
      const before = this.repo.maxId()
      const restoreTrigger = this.repo.suspendInsertIndexing()
      const result = work()
      restoreTrigger()
      this.repo.addToSearchBacklog(before)
      db.exec(commit ? 'COMMIT' : 'ROLLBACK')
      return result
    } catch (error) {
      if (db.inTransaction) db.exec('ROLLBACK')
      throw error
    }
  }

  /** Whether some customers wait for the search index (they are found by a scan meanwhile). */
  hasSearchBacklog(): boolean {
    return this.repo.hasSearchBacklog()
  }

  /**
   * Indexes the backlog in short write transactions of SEARCH_BACKLOG_SLICE customers, between
   * other work on the connection; resolves when it is empty, the connection closed, or a slice
   * failed (then the next open tries again). One run at a time.
   */
  catchUpSearchIndex(): Promise<void> {
    this.catchingUp ??= this.catchUp().finally(() => {
      this.catchingUp = null
    })
    return this.catchingUp
  }

  private catchingUp: Promise<void> | null = null

  private async catchUp(): Promise<void> {
    const db = this.ctx.db
    for (;;) {
      // Another caller's transaction (an import reading its file) holds the connection: wait.
      await new Promise<void>((resolve) =>
        db.open && db.inTransaction ? setTimeout(resolve, 50) : setImmediate(resolve)
      )
      if (!db.open) return
      if (db.inTransaction) continue
      try {
        if (!this.tx.indexBacklog.immediate(SEARCH_BACKLOG_SLICE)) return
      } catch (error) {
        // another process writes (busy_timeout ran out): try again in a while
        if (deskErrorFromDb(error)?.code !== 'DB_BUSY') return
        await new Promise((resolve) => setTimeout(resolve, 1000))
      }
    }
  }

  get(id: number): Customer {
    return this.mustGet(id)
  }

  /** The customer, or null when there is none with this id. */
  find(id: number): Customer | null {
    return this.repo.get(id)
  }

  /** The customer with this tax ID however it was typed (spaces, lower case), or null. */
  findByTaxId(taxId: string): Customer | null {
    return this.repo.findByTaxId(normalizeTaxId(taxId))
  }

  search(params: SearchParams): SearchPage {
    return this.repo.search(params)
  }

  /** 粘贴识别: the fields a pasted message names, checked as the form checks them; saves nothing. */
  parseText(text: string): CustomerPasteResult {
    return parseCustomerText(text)
  }

  private refuseDuplicate(taxId: string, exceptId?: number): void {
    const existing = this.repo.findByTaxId(taxId)
    if (existing && existing.id !== exceptId) {
      throw new DeskError('DUPLICATE_TAX_ID', {
        field: 'taxId',
        params: {
          existingId: existing.id,
          existingName: existing.name,
          existingArchived: existing.archivedAt ? 1 : 0
        }
      })
    }
  }

  private createNow(input: CustomerInput): SavedCustomer {
    const check = validateCustomer(input, {
      mode: 'create',
      taxIdOverrideReason: input.taxIdOverrideReason
    })
    if (check.errors.length) throw DeskError.fromIssues(check.errors)
    const values = check.values as CustomerFields
    this.refuseDuplicate(values.taxId)
    const now = this.ctx.now()
    const customer = this.repo.insert(values, check.taxIdOverrideReason, now)
    recordAudit(this.ctx, 'customer.create', 'customer', customer.id, {
      name: customer.name,
      taxId: customer.taxId,
      ...(check.taxIdOverrideReason ? { taxIdOverrideReason: check.taxIdOverrideReason } : {})
    })
    return { customer, warnings: check.warnings }
  }

  private updateNow(id: number, input: CustomerInput): SavedCustomer {
    const before = this.mustGet(id)
    // An unchanged tax ID is not re-checked: a legacy code saved with an override stays valid.
    const effective = { ...input }
    if (effective.taxId !== undefined && normalizeTaxId(effective.taxId) === before.taxId) {
      delete effective.taxId
    }
    const check = validateCustomer(effective, {
      mode: 'update',
      taxIdOverrideReason: input.taxIdOverrideReason
    })
    if (check.errors.length) throw DeskError.fromIssues(check.errors)
    const changes: Partial<CustomerFields> = {}
    const diff: Record<string, { from: string; to: string }> = {}
    for (const f of CUSTOMER_FIELDS) {
      const next = check.values[f.key]
      if (next !== undefined && next !== before[f.key]) {
        changes[f.key] = next
        diff[f.key] = { from: before[f.key], to: next }
      }
    }
    // A tax ID change re-decides the override: kept only if it still overrides a failure.
    const overrideReason =
      changes.taxId !== undefined || check.taxIdOverrideReason
        ? check.taxIdOverrideReason
        : undefined
    if (changes.taxId !== undefined) this.refuseDuplicate(changes.taxId, id)
    if (Object.keys(changes).length === 0 && overrideReason === undefined) {
      return { customer: before, warnings: check.warnings }
    }
    const now = this.ctx.now()
    this.repo.update(id, changes, overrideReason, now)
    recordAudit(this.ctx, 'customer.update', 'customer', id, {
      changes: diff,
      ...(check.taxIdOverrideReason ? { taxIdOverrideReason: check.taxIdOverrideReason } : {})
    })
    return { customer: this.mustGet(id), warnings: check.warnings }
  }

  private setArchivedNow(id: number, archived: boolean): Customer {
    const before = this.mustGet(id)
    if (archived && before.archivedAt) throw new DeskError('ALREADY_ARCHIVED', { field: 'id' })
    if (!archived && !before.archivedAt) throw new DeskError('NOT_ARCHIVED', { field: 'id' })
    const now = this.ctx.now()
    this.repo.setArchived(id, archived ? now : null, now)
    recordAudit(this.ctx, archived ? 'customer.archive' : 'customer.restore', 'customer', id, {
      name: before.name
    })
    return this.mustGet(id)
  }

  private mustGet(id: number): Customer {
    const customer = this.repo.get(id)
    if (!customer) throw new DeskError('NOT_FOUND', { field: 'id', params: { id } })
    return customer
  }
}
