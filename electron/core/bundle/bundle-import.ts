/**
 * Applying a bundle: the plan (what each customer becomes here, given the choices for tax IDs
 * already present) and the writes, through each domain's transfer module, inside the one
 * transaction the service opens. A conflict choice means:
 *   skip       nothing of that customer is written;
 *   replace    the customer here keeps its id and takes the bundle's details; its deliveries
 *              (with stage records, forms, evidence) and incidents are replaced by the
 *              bundle's; the bundle's secrets become current (older values stay as history);
 *   keep_both  the customer here keeps its details and records; the bundle's deliveries and
 *              incidents are added to it (a delivery whose form number it already holds is
 *              already here and is left out); a secret is added only for an empty field.
 */
import { DeskError } from '../errors/desk-error'
import type { UnlockedKey } from '../vault/vault-key-service'
import type { IncomingSecret } from '../vault/credential-transfer'
import type { BundleDomains } from './bundle-domains'
import type { BundleCustomer, BundleDelivery } from './bundle-document'
import type { BundleSecretKey } from './bundle-secrets'
import type { BundleChoice, BundleCounts, BundleImportOutcome } from './bundle-types'
import { emptyCounts } from './bundle-export'

export type PlannedAction = 'add' | BundleChoice

export interface PlannedCustomer {
  entry: BundleCustomer
  conflict: { customerId: number; name: string } | null
  action: PlannedAction
  /** form numbers held here by another customer's forms */
  formNumbersTaken: string[]
  /** old ids of deliveries already here (keep_both: the customer holds their form number) */
  alreadyHere: Set<number>
}

/**
 * What each bundle customer becomes. With `choices` (an import) every conflict needs one
 * (BUNDLE_CHOICE_MISSING), and a form number taken by another customer refuses the import
 * unless that customer is skipped (BUNDLE_FORM_NUMBER_TAKEN). Without (a preview) conflicts
 * are listed with `skip` as the placeholder action.
 */
export function planImport(
  domains: BundleDomains,
  customers: readonly BundleCustomer[],
  choices: ReadonlyMap<string, BundleChoice> | null
): PlannedCustomer[] {
  const seen = new Set<string>()
  return customers.map((entry) => {
    const taxId = entry.customer.tax_id
    if (seen.has(taxId)) {
      throw new DeskError('BUNDLE_DAMAGED', { field: 'path', params: { detail: 'duplicate' } })
    }
    seen.add(taxId)
    const conflict = domains.customers.byTaxId(taxId)
    const chosen = choices?.get(taxId)
    if (conflict && choices && !chosen) {
      throw new DeskError('BUNDLE_CHOICE_MISSING', { field: 'choices', params: { taxId } })
    }
    // `skip` applies to any bundle customer; replace and keep_both only mean something on a conflict
    const action: PlannedAction = chosen === 'skip' ? 'skip' : conflict ? (chosen ?? 'skip') : 'add'
    const formNumbersTaken: string[] = []
    const alreadyHere = new Set<number>()
    for (const delivery of entry.deliveries) {
      for (const number of new Set(delivery.forms.map((f) => f.form_number))) {
        const owner = domains.acceptance.formNumberOwner(number)
        if (owner === null) continue
        if (conflict && domains.deliveries.customerOf(owner) === conflict.id) {
          alreadyHere.add(delivery.id)
        } else formNumbersTaken.push(number)
      }
    }
    const taken = formNumbersTaken[0]
    if (choices && action !== 'skip' && taken !== undefined) {
      throw new DeskError('BUNDLE_FORM_NUMBER_TAKEN', {
        field: 'choices',
        params: { taxId, formNumber: taken }
      })
    }
    return {
      entry,
      conflict: conflict && { customerId: conflict.id, name: conflict.name },
      action,
      formNumbersTaken,
      alreadyHere
    }
  })
}

/** Deliveries of a planned customer that will be written (replace removes the old ones first). */
export function deliveriesToWrite(plan: PlannedCustomer): BundleDelivery[] {
  if (plan.action === 'skip') return []
  if (plan.action === 'keep_both') {
    return plan.entry.deliveries.filter((d) => !plan.alreadyHere.has(d.id))
  }
  return plan.entry.deliveries
}

export interface ApplyInputs {
  domains: BundleDomains
  parts: readonly Buffer[]
  secretKey: BundleSecretKey | null
  unlocked: UnlockedKey | null
  /** where an exported file (by part) was staged, or null to keep the recorded path */
  filePath: (part: number) => string | null
}

function part(parts: readonly Buffer[], index: number): Buffer {
  const bytes = parts[index]
  if (!bytes) throw new DeskError('BUNDLE_DAMAGED', { field: 'path', params: { detail: 'part' } })
  return bytes
}

function writeDelivery(
  inputs: ApplyInputs,
  customerId: number,
  d: BundleDelivery,
  counts: BundleCounts
): number {
  const { domains, parts } = inputs
  const deliveryId = domains.deliveries.insert(customerId, d.delivery)
  for (const stage of d.stages) domains.deliveries.insertStage(deliveryId, stage)
  for (const { part: index, ...row } of d.evidence) {
    domains.evidence.insert(deliveryId, row, part(parts, index))
  }
  const forms = new Map<number, number>()
  const formId = (old: number): number => {
    const id = forms.get(old)
    if (id === undefined) {
      throw new DeskError('BUNDLE_DAMAGED', { field: 'path', params: { detail: 'form' } })
    }
    return id
  }
  for (const form of d.forms) {
    const supersedes = form.supersedes_id === null ? null : formId(form.supersedes_id)
    forms.set(form.id, domains.acceptance.insertForm(deliveryId, supersedes, form))
  }
  for (const { part: index, ...row } of d.exports) {
    const staged = index === null ? null : inputs.filePath(index)
    if (staged) counts.files++
    domains.acceptance.insertExport(formId(row.form_id), { ...row, path: staged ?? row.path })
  }
  for (const { part: index, ...row } of d.scans) {
    domains.acceptance.insertScan(formId(row.form_id), row, part(parts, index))
  }
  counts.deliveries++
  counts.forms += d.forms.length
  counts.evidence += d.evidence.length
  return deliveryId
}

function openSecrets(inputs: ApplyInputs, entry: BundleCustomer): IncomingSecret[] {
  const key = inputs.secretKey
  if (!key) throw new DeskError('BUNDLE_DAMAGED', { field: 'path', params: { detail: 'kdf' } })
  const opened: IncomingSecret[] = []
  try {
    for (const s of entry.secrets) {
      opened.push({ field: s.field, plaintext: key.open(entry.customer.tax_id, s) })
    }
    return opened
  } catch (error) {
    for (const o of opened) o.plaintext.fill(0)
    throw error
  }
}

/** Writes the plan; call inside one transaction. Returns what happened per customer. */
export function applyImport(
  inputs: ApplyInputs,
  plan: readonly PlannedCustomer[]
): { outcomes: BundleImportOutcome[]; counts: BundleCounts } {
  const { domains } = inputs
  const counts = emptyCounts()
  const outcomes: BundleImportOutcome[] = []
  for (const p of plan) {
    const { customer } = p.entry
    const base = { taxId: customer.tax_id, name: customer.name }
    if (p.action === 'skip') {
      outcomes.push({ ...base, customerId: p.conflict?.customerId ?? null, result: 'skipped' })
      continue
    }
    let customerId: number
    if (p.action === 'add') customerId = domains.customers.insert(customer)
    else {
      customerId = (p.conflict as { customerId: number }).customerId
      if (p.action === 'replace') {
        domains.incidents.removeForCustomer(customerId)
        domains.deliveries.removeForCustomer(customerId)
        domains.customers.replace(customerId, customer)
      }
    }
    const deliveries = new Map<number, number>()
    for (const d of deliveriesToWrite(p)) {
      deliveries.set(d.id, writeDelivery(inputs, customerId, d, counts))
    }
    for (const incident of p.entry.incidents) {
      const old = incident.delivery_id
      domains.incidents.insert(
        customerId,
        old === null ? null : (deliveries.get(old) ?? null),
        incident
      )
      counts.incidents++
    }
    if (p.entry.secrets.length > 0) {
      if (!inputs.unlocked)
        throw new DeskError('BUNDLE_SECRETS_LOCKED', { field: 'bundlePassphrase' })
      counts.secrets += domains.credentials.importValues(
        customerId,
        openSecrets(inputs, p.entry),
        p.action === 'keep_both' ? 'fill' : 'replace',
        inputs.unlocked
      )
    }
    counts.customers++
    const result = p.action === 'add' ? 'added' : p.action === 'replace' ? 'replaced' : 'kept_both'
    outcomes.push({ ...base, customerId, result })
  }
  return { outcomes, counts }
}
