/**
 * What the child (`desk batch`) is asked to do in a round of the crash test, one call at a
 * time, and what each answer (a committed write) means for the expected content:
 *   writes   customers, deliveries, stage updates, secrets, and a backup every few calls;
 *   restore  a backup, a few customers after it, then that backup restored (which takes the
 *            content back to the backup's), over and over;
 *   bundle   a customer, then a handover bundle of three customers imported (replacing
 *            them once they are here), over and over.
 */
import { usccCheckCharacter } from '../../electron/core/validation/uscc'

export interface Step {
  call: string
  payload: object
  tag: string
}

/** What the database must hold: every write the child reported committed. */
export interface Committed {
  customers: Map<string, string> // taxId → name
  secrets: Map<string, string> // `${customerId}:${field}` → value
  stages: Map<number, string> // deliveryId → last status of 'kickoff'
  /** the bundle's customers are here (an import committed) */
  bundleImported: boolean
  backups: number
  restores: number
  imports: number
  refused: string[]
}

export function emptyCommitted(): Committed {
  return {
    customers: new Map(),
    secrets: new Map(),
    stages: new Map(),
    bundleImported: false,
    backups: 0,
    restores: 0,
    imports: 0,
    refused: []
  }
}

export function cloneCommitted(c: Committed): Committed {
  return {
    ...c,
    customers: new Map(c.customers),
    secrets: new Map(c.secrets),
    stages: new Map(c.stages),
    refused: [...c.refused]
  }
}

export function taxId(n: number): string {
  const first17 = `9162010${String(n).padStart(9, '0')}X`.slice(0, 17)
  return first17 + usccCheckCharacter(first17)
}

export type Kind = 'writes' | 'restore' | 'bundle'

export interface BundleInfo {
  path: string
  passphrase: string
  taxIds: string[]
}

/**
 * A round's script: `next` gives the call after an answer (null before the first), and
 * `record` applies a committed answer to `committed`. `onRestore` carries what a restore
 * will bring back (the content when its backup was taken).
 */
export class RoundScript {
  private step = 0
  private lastCustomer = 0
  private lastDelivery = 0
  private n: number
  /** the content as of the backup the restore script will restore */
  atBackup: Committed | null = null
  private backupId = ''

  constructor(
    private readonly kind: Kind,
    round: number,
    private readonly bundle: BundleInfo
  ) {
    this.n = round * 100_000
  }

  private customer(): Step {
    const n = this.n++
    return {
      call: 'customers.create',
      payload: { name: `兰州黄河云票科技有限公司${n}`, taxId: taxId(n) },
      tag: `c:${n}`
    }
  }

  next(): Step {
    this.step++
    const s = this.step
    if (this.kind === 'restore') {
      if (s % 4 === 1) return { call: 'backup.create', payload: {}, tag: 'b' }
      if (s % 4 === 0 && this.backupId) {
        return { call: 'backup.restore', payload: { backupId: this.backupId }, tag: 'r' }
      }
      return this.customer()
    }
    if (this.kind === 'bundle') {
      if (s % 2 === 0) {
        return {
          call: 'bundle.import',
          payload: {
            path: this.bundle.path,
            bundlePassphrase: this.bundle.passphrase,
            choices: this.bundle.taxIds.map((t) => ({ taxId: t, action: 'replace' }))
          },
          tag: 'i'
        }
      }
      return this.customer()
    }
    // writes: after each customer a delivery, a stage update and a secret for it
    if (this.lastCustomer && s % 4 === 1) {
      return { call: 'deliveries.create', payload: { customerId: this.lastCustomer }, tag: 'd' }
    }
    if (this.lastDelivery && s % 4 === 2) {
      // statuses without completion rules, so every update commits
      const status = s % 8 === 2 ? 'in_progress' : 'pending'
      return {
        call: 'stages.update',
        payload: { deliveryId: this.lastDelivery, stage: 'kickoff', status },
        tag: `s:${status}`
      }
    }
    if (this.lastCustomer && s % 4 === 3) {
      return {
        call: 'credentials.set',
        payload: { customerId: this.lastCustomer, field: 'fkey', value: `fk${this.n}x${s}` },
        tag: 'k'
      }
    }
    if (s % 7 === 3) return { call: 'backup.create', payload: {}, tag: 'b' }
    return this.customer()
  }

  /** Applies a committed answer; returns the content that now counts. */
  record(done: Step, result: Record<string, unknown>, committed: Committed): Committed {
    if (done.call === 'customers.create') {
      const customer = result.customer as { id: number; name: string; taxId: string }
      committed.customers.set(customer.taxId, customer.name)
      this.lastCustomer = customer.id
    } else if (done.call === 'deliveries.create') {
      this.lastDelivery = (result as { delivery: { id: number } }).delivery.id
    } else if (done.call === 'stages.update') {
      committed.stages.set(this.lastDelivery, done.tag.slice(2))
    } else if (done.call === 'credentials.set') {
      const p = done.payload as { customerId: number; field: string; value: string }
      committed.secrets.set(`${p.customerId}:${p.field}`, p.value)
    } else if (done.call === 'backup.create') {
      committed.backups++
      this.backupId = (result as { local: { id: string } }).local.id
      this.atBackup = cloneCommitted(committed)
    } else if (done.call === 'backup.restore') {
      const restored = cloneCommitted(this.atBackup!)
      restored.backups = committed.backups
      restored.restores = committed.restores + 1
      restored.imports = committed.imports
      restored.refused = committed.refused
      return restored
    } else if (done.call === 'bundle.import') {
      committed.bundleImported = true
      committed.imports++
    }
    return committed
  }
}
