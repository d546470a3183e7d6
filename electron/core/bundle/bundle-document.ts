/**
 * What a handover bundle holds once unsealed, and its bytes: a JSON document (rows as the
 * domains store them, their old ids kept so links can be rebuilt) followed by the binary
 * parts it points at (evidence, scans, exported files), each with its size and SHA-256.
 *
 *   u32 BE  document length | document (UTF-8 JSON) | part 0 | part 1 | …
 *
 * The sealed file (backup/sealed-file.ts) authenticates every byte; the checks here keep a
 * well-sealed but ill-formed document (another version, a bug) from reaching the database.
 */
import { createHash } from 'node:crypto'
import { z } from 'zod'
import { DeskError } from '../errors/desk-error'

export const BUNDLE_FORMAT = 'delivery-desk.bundle.v1'

const text = z.string().max(1_000_000)
const opt = text.nullable()
const count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER)
const part = count // index into the parts

const customerRow = z.object({
  name: text,
  tax_id: text,
  address: text,
  phone: text,
  bank_name: text,
  bank_account: text,
  invoicer: text,
  admin_mobile: text,
  contact_name: text,
  contact_phone: text,
  email: text,
  notes: text,
  tax_id_override_reason: opt,
  created_at: text,
  updated_at: text,
  archived_at: opt
})

const deliveryRow = z.object({
  order_number: text,
  products: text,
  planned_go_live: opt,
  actual_go_live: opt,
  implementer: text,
  status: text,
  notes: text,
  created_at: text,
  updated_at: text
})

const stageRow = z.object({
  stage: text,
  position: count,
  status: text,
  answers: text,
  notes: text,
  reason: opt,
  started_at: opt,
  completed_at: opt,
  updated_at: text,
  updated_by: text
})

const incidentRow = z.object({
  delivery_id: count.nullable(),
  symptom: text,
  description: text,
  cause: text,
  action: text,
  status: text,
  created_at: text,
  updated_at: text,
  resolved_at: opt
})

const evidenceRow = z.object({
  stage: text,
  name: text,
  mime: text,
  size: count,
  sha256: text,
  added_at: text,
  added_by: text,
  part
})

const formRow = z.object({
  id: count,
  version: count,
  form_number: text,
  status: text,
  data: text,
  created_at: text,
  updated_at: text,
  signed_at: opt,
  supersedes_id: count.nullable()
})

const exportRow = z.object({
  form_id: count,
  version: count,
  path: text,
  sha256: text,
  size: count,
  exported_at: text,
  /** the exported file itself when it was still on disk unchanged at export time */
  part: part.nullable()
})

const scanRow = z.object({
  form_id: count,
  file_name: text,
  mime: text,
  sha256: text,
  size: count,
  attached_at: text,
  part
})

const sealedSecret = z.object({
  field: z.string().max(64),
  nonce: z.base64().max(64),
  ciphertext: z.base64().max(100_000),
  tag: z.base64().max(64)
})

const deliverySchema = z.object({
  id: count,
  delivery: deliveryRow,
  stages: z.array(stageRow).max(100),
  evidence: z.array(evidenceRow).max(10_000),
  forms: z.array(formRow).max(10_000),
  exports: z.array(exportRow).max(100_000),
  scans: z.array(scanRow).max(10_000)
})

const customerSchema = z.object({
  customer: customerRow,
  deliveries: z.array(deliverySchema).max(10_000),
  incidents: z.array(incidentRow).max(100_000),
  secrets: z.array(sealedSecret).max(100)
})

export const bundleDocumentSchema = z.object({
  format: z.literal(BUNDLE_FORMAT),
  schemaVersion: count,
  createdAt: text,
  appVersion: text,
  /** scrypt parameters and salt of the key the secrets are sealed with; null without secrets */
  secretsKdf: z.object({ n: count, r: count, p: count, salt: z.base64().max(128) }).nullable(),
  customers: z.array(customerSchema).max(100_000),
  parts: z.array(z.object({ size: count, sha256: z.string().length(64) })).max(1_000_000)
})

export type BundleDocument = z.infer<typeof bundleDocumentSchema>
export type BundleCustomer = BundleDocument['customers'][number]
export type BundleDelivery = BundleCustomer['deliveries'][number]
export type SealedSecret = z.infer<typeof sealedSecret>

/** Collects the binary parts while the document is built; `add` answers the part's index. */
export class BundleParts {
  readonly list: Buffer[] = []
  readonly index: BundleDocument['parts'] = []

  add(bytes: Buffer): number {
    this.list.push(bytes)
    this.index.push({
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex')
    })
    return this.list.length - 1
  }
}

/** The document and its parts as the pieces the sealed file encrypts, in order. */
export function* encodeBundle(doc: BundleDocument, parts: readonly Buffer[]): Generator<Buffer> {
  const json = Buffer.from(JSON.stringify(doc), 'utf8')
  const length = Buffer.alloc(4)
  length.writeUInt32BE(json.length)
  yield length
  yield json
  for (const p of parts) yield p
}

function damaged(detail: string): DeskError {
  return new DeskError('BUNDLE_DAMAGED', { field: 'path', params: { detail } })
}

/** The document and its parts from the unsealed bytes, checked for shape, sizes and hashes. */
export function decodeBundle(bytes: Buffer): { doc: BundleDocument; parts: Buffer[] } {
  if (bytes.length < 4) throw damaged('document')
  const length = bytes.readUInt32BE(0)
  if (4 + length > bytes.length) throw damaged('document')
  let raw: unknown
  try {
    raw = JSON.parse(bytes.subarray(4, 4 + length).toString('utf8'))
  } catch {
    throw damaged('document')
  }
  if (raw !== null && typeof raw === 'object' && 'format' in raw && raw.format !== BUNDLE_FORMAT) {
    throw new DeskError('BUNDLE_NEWER_FORMAT', { field: 'path' })
  }
  const parsed = bundleDocumentSchema.safeParse(raw)
  if (!parsed.success) throw damaged('document')
  const doc = parsed.data
  const parts: Buffer[] = []
  let at = 4 + length
  for (const p of doc.parts) {
    const slice = bytes.subarray(at, at + p.size)
    if (slice.length !== p.size) throw damaged('part')
    if (createHash('sha256').update(slice).digest('hex') !== p.sha256) throw damaged('part')
    parts.push(slice)
    at += p.size
  }
  if (at !== bytes.length) throw damaged('part')
  return { doc, parts }
}
