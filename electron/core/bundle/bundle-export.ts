/**
 * Gathers what a bundle carries for the chosen customers, asking each domain for its rows:
 * the customer, its deliveries with their stage records, evidence (bytes), acceptance forms
 * (every version, signatures inside the form data), the records of their exports (with the
 * file itself when it is still on disk unchanged) and scans, its incidents, and optionally
 * its current secrets re-sealed under the bundle key. No SQL here.
 */
import { readFileSync, statSync } from 'node:fs'
import { createHash } from 'node:crypto'
import { DeskError } from '../errors/desk-error'
import type { BundleDomains } from './bundle-domains'
import { BundleParts, type BundleCustomer, type BundleDelivery } from './bundle-document'
import type { BundleSecretKey } from './bundle-secrets'
import type { BundleCounts } from './bundle-types'

/** An exported .docx or PDF is a few MB; a much larger file at that path is not ours. */
const MAX_EXPORT_FILE = 64 * 1024 * 1024

export function emptyCounts(): BundleCounts {
  return { customers: 0, deliveries: 0, incidents: 0, forms: 0, evidence: 0, secrets: 0, files: 0 }
}

/** The exported file at `path` when it is still there with the recorded hash, else null. */
function exportedFile(path: string, sha256: string): Buffer | null {
  try {
    const info = statSync(path)
    if (!info.isFile() || info.size > MAX_EXPORT_FILE) return null
    const bytes = readFileSync(path)
    return createHash('sha256').update(bytes).digest('hex') === sha256 ? bytes : null
  } catch {
    return null
  }
}

function collectDelivery(
  domains: BundleDomains,
  id: number,
  delivery: BundleDelivery['delivery'],
  parts: BundleParts,
  counts: BundleCounts
): BundleDelivery {
  const evidence = domains.evidence.forDelivery(id).map(({ data, ...row }) => ({
    ...row,
    part: parts.add(data)
  }))
  const forms = domains.acceptance.forms(id)
  const exports = domains.acceptance.exports(id).map((row) => {
    const file = exportedFile(row.path, row.sha256)
    if (file) counts.files++
    return { ...row, part: file ? parts.add(file) : null }
  })
  const scans = domains.acceptance.scans(id).map(({ data, ...row }) => ({
    ...row,
    part: parts.add(data)
  }))
  counts.deliveries++
  counts.evidence += evidence.length
  counts.forms += forms.length
  return { id, delivery, stages: domains.deliveries.stages(id), evidence, forms, exports, scans }
}

/**
 * The bundle's customers, in the order asked (duplicates once). NOT_FOUND on customerIds for
 * an id that is not here. With a secret key, each current secret is re-sealed under it.
 */
export function collectCustomers(
  domains: BundleDomains,
  customerIds: readonly number[],
  secretKey: BundleSecretKey | null,
  parts: BundleParts
): { customers: BundleCustomer[]; counts: BundleCounts } {
  const counts = emptyCounts()
  const customers: BundleCustomer[] = []
  for (const customerId of [...new Set(customerIds)]) {
    const customer = domains.customers.row(customerId)
    if (!customer) {
      throw new DeskError('NOT_FOUND', { field: 'customerIds', params: { id: customerId } })
    }
    const deliveries = domains.deliveries
      .forCustomer(customerId)
      .map(({ id, ...row }) => collectDelivery(domains, id, row, parts, counts))
    const incidents = domains.incidents.forCustomer(customerId)
    const secrets = secretKey
      ? domains.credentials.exportCurrent(customerId, (field, plaintext) =>
          secretKey.seal(customer.tax_id, field, plaintext)
        )
      : []
    counts.customers++
    counts.incidents += incidents.length
    counts.secrets += secrets.length
    customers.push({ customer, deliveries, incidents, secrets })
  }
  return { customers, counts }
}

/** The counts a bundle's content adds up to (for the preview and the header). */
export function countCustomers(customers: readonly BundleCustomer[]): BundleCounts {
  const counts = emptyCounts()
  for (const c of customers) {
    counts.customers++
    counts.incidents += c.incidents.length
    counts.secrets += c.secrets.length
    for (const d of c.deliveries) {
      counts.deliveries++
      counts.forms += d.forms.length
      counts.evidence += d.evidence.length
      counts.files += d.exports.filter((e) => e.part !== null).length
    }
  }
  return counts
}
