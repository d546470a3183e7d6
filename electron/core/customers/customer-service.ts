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
import { SlicePacer } from '../search/slice-pacer'
import { performance } from 'node:perf_hooks'

export type { CustomerInput, SavedCustomer } from './customer-types'

/**
 * What one catch-up or merge transaction may take, in ms: the main process's other calls wait
 * no longer than about that (slices are sized by time, see search/slice-pacer.ts).
 */
export const SEARCH_SLICE_MS = 20

/**
 * A catch-up that indexed at least this many customers merges the index into one segment
 * afterwards (issue 13): the catch-up's many small transactions leave a dozen segments on five
 * levels, and every n-gram looked up is then looked up in each, which made long digit queries
 * and no-hit tax IDs 3–4× slower at 100k customers. A merge of 100k customers' index is about
 * 1.5 s of work, done in slices too; not worth it after a small import.
 */
export const SEARCH_MERGE_AFTER = 5000

/** What a catch-up did: customers indexed, slices run and the longest slice's time. */
export interface CatchUpStats {
  indexed: number
  merged: boolean
  slices: number
  longestMs: number
  p95Ms: number
}

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
      indexBacklog: ctx.db.transaction((limit: number) => this.repo.indexSearchBacklog(limit)),
      mergeIndex: ctx.db.transaction(
        (table: 'customer_search' | 'customer_search_name', pages: number) =>
          this.repo.mergeSearchIndex(table, pages)
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
   * Indexes the backlog in short write transactions of about SEARCH_SLICE_MS each, between
   * other work on the connection, then merges the index when it indexed many customers;
   * resolves when done, the connection closed, or a slice failed (then the next open tries
   * again). One run at a time. Stays on the main connection rather than a worker's: a second
   * connection writing the same index would only queue behind (or block) the app's own writes
   * on SQLite's one write lock, and the rows it indexes can change under it meanwhile.
   */
  catchUpSearchIndex(): Promise<CatchUpStats> {
    this.catchingUp ??= this.catchUp().finally(() => {
      this.catchingUp = null
    })
    return this.catchingUp
  }

  private catchingUp: Promise<CatchUpStats> | null = null

  private async catchUp(): Promise<CatchUpStats> {
    const pacer = new SlicePacer({ first: 100, targetMs: SEARCH_SLICE_MS, min: 10, max: 1000 })
    const merging = new SlicePacer({ first: 50, targetMs: SEARCH_SLICE_MS, min: 8, max: 400 })
    let indexed = 0
    let merged = false
    const stats = (): CatchUpStats => ({ indexed, merged, ...pacer.stats(merging) })
    // One slice in its own turn: 'more' when it did a whole slice's work and more is left.
    const step = async (
      slice: (size: number) => boolean,
      sizer: SlicePacer
    ): Promise<'more' | 'done' | 'stop'> => {
      for (;;) {
        const turn = await this.nextTurn()
        if (turn === 'closed') return 'stop'
        if (turn === 'busy') continue
        try {
          const size = sizer.size
          const t0 = performance.now()
          const more = slice(size)
          const ms = performance.now() - t0
          if (more) sizer.record(size, ms)
          else sizer.note(ms)
          return more ? 'more' : 'done'
        } catch (error) {
          // another process writes (busy_timeout ran out): try again in a while
          if (deskErrorFromDb(error)?.code !== 'DB_BUSY') return 'stop'
          await new Promise((resolve) => setTimeout(resolve, 1000))
        }
      }
    }
    const tables = ['customer_search', 'customer_search_name'] as const
    // Merges until nothing is left to merge; false when it had to stop.
    const mergeAll = async (table: (typeof tables)[number], gather: boolean): Promise<boolean> => {
      let first = gather
      for (;;) {
        const result = await step((pages) => {
          const did = this.tx.mergeIndex.immediate(table, first ? -pages : pages)
          first = false
          return did
        }, merging)
        if (result !== 'more') return result === 'done'
      }
    }
    for (;;) {
      const result = await step((size) => {
        const slice = this.tx.indexBacklog.immediate(size)
        indexed += slice.indexed
        return slice.more
      }, pacer)
      if (result === 'stop') return stats()
      // the levels' merges automerge would do (see indexSearchBacklog), in slices of their own
      for (const table of tables) if (!(await mergeAll(table, false))) return stats()
      if (result === 'done') break
    }
    if (indexed >= SEARCH_MERGE_AFTER) {
      // Only the first call gathers the segments (a negative size): later ones finish that
      // merge even when a customer saved meanwhile adds a segment (FTS5 documentation).
      for (const table of tables) if (!(await mergeAll(table, true))) return stats()
      merged = true
    }
    return stats()
  }

  /** Waits for the connection's next free turn: another caller's transaction (an import reading its file) may hold it. */
  private async nextTurn(): Promise<'ready' | 'busy' | 'closed'> {
    const db = this.ctx.db
    await new Promise<void>((resolve) =>
      db.open && db.inTransaction ? setTimeout(resolve, 50) : setImmediate(resolve)
    )
    if (!db.open) return 'closed'
    return db.inTransaction ? 'busy' : 'ready'
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
