/**
 * SQL for moving customers between laptops (the handover bundle) and nothing else: whole rows
 * out as they are stored, whole rows in under a new id. Which customers, and what a conflict
 * means, are the bundle's rules (bundle/bundle-import.ts).
 */
import { statementCache, type Db } from '../db/database'

/** A customers row as stored, without its id. */
export interface CustomerTransferRow {
  name: string
  tax_id: string
  address: string
  phone: string
  bank_name: string
  bank_account: string
  invoicer: string
  admin_mobile: string
  contact_name: string
  contact_phone: string
  email: string
  notes: string
  tax_id_override_reason: string | null
  created_at: string
  updated_at: string
  archived_at: string | null
}

export const CUSTOMER_TRANSFER_COLUMNS = [
  'name',
  'tax_id',
  'address',
  'phone',
  'bank_name',
  'bank_account',
  'invoicer',
  'admin_mobile',
  'contact_name',
  'contact_phone',
  'email',
  'notes',
  'tax_id_override_reason',
  'created_at',
  'updated_at',
  'archived_at'
] as const satisfies readonly (keyof CustomerTransferRow)[]

const COLUMNS = CUSTOMER_TRANSFER_COLUMNS.join(', ')
const VALUES = CUSTOMER_TRANSFER_COLUMNS.map((c) => `@${c}`).join(', ')
const ASSIGN = CUSTOMER_TRANSFER_COLUMNS.filter((c) => c !== 'created_at')
  .map((c) => `${c} = @${c}`)
  .join(', ')

export class CustomerTransferRepository {
  private readonly sql

  constructor(db: Db) {
    this.sql = statementCache(db)
  }

  row(id: number): CustomerTransferRow | null {
    const row = this.sql(`SELECT ${COLUMNS} FROM customers WHERE id = ?`).get(id) as
      CustomerTransferRow | undefined
    return row ?? null
  }

  /** The id and name of the customer holding this tax ID, or null. */
  byTaxId(taxId: string): { id: number; name: string } | null {
    const row = this.sql('SELECT id, name FROM customers WHERE tax_id = ?').get(taxId) as
      { id: number; name: string } | undefined
    return row ?? null
  }

  insert(row: CustomerTransferRow): number {
    return Number(
      this.sql(`INSERT INTO customers (${COLUMNS}) VALUES (${VALUES})`).run(row).lastInsertRowid
    )
  }

  /** Overwrites every column but the id and the creation date (a replace keeps the id). */
  replace(id: number, row: CustomerTransferRow): void {
    this.sql(`UPDATE customers SET ${ASSIGN} WHERE id = @id`).run({ ...row, id })
  }
}
