/**
 * The registry's rules: validation, duplicate tax IDs, archive/restore and the audit trail.
 * Takes its dependencies as arguments so the app, the CLI and the tests share it.
 */
import { recordAudit, type ServiceContext } from '../shared/service-context'
import { DeskError } from '../errors/desk-error'
import { validateCustomer } from '../validation/customer-validation'
import { normalizeTaxId } from '../validation/uscc'
import { CUSTOMER_FIELDS, type Customer, type CustomerFields } from './customer-fields'
import {
  CustomerRepository,
  type DeferredSearchIndex,
  type SearchPage,
  type SearchParams
} from './customer-repository'
import type { CustomerInput, CustomerPasteResult, SavedCustomer } from './customer-types'
import { parseCustomerText } from './customer-paste'

export type { CustomerInput, SavedCustomer } from './customer-types'

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
      )
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

  /**
   * Adds an already validated customer for an import that holds the transaction: no savepoint,
   * no re-read and no audit entry per row (the import records one entry with the id range).
   * Returns the new id, or the customer that already has the tax ID.
   */
  addImported(
    values: CustomerFields,
    overrideReason: string | null
  ): { id: number } | { existing: Customer } {
    const id = this.repo.insertNew(values, overrideReason, this.ctx.now())
    if (id === null) return { existing: this.repo.findByTaxId(values.taxId) as Customer }
    return { id }
  }

  /** See CustomerRepository.deferSearchIndex: for an import inside its transaction. */
  deferSearchIndex(): DeferredSearchIndex {
    return this.repo.deferSearchIndex()
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
