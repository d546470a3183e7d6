/**
 * Two laptops for the bundle tests: each a real database file in its own folder with its own
 * vault (different passphrases, so different data keys), scrypt at a low cost. Laptop A gets
 * a customer with everything a bundle carries: a delivery with stage records, evidence, a
 * signed acceptance form in two versions with an exported .docx and a scan, an incident, and
 * the five secrets.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openNodeCore } from '../../../electron/core/node-core'
import type { Core } from '../../../electron/core/core'
import { DeskError } from '../../../electron/core/errors/desk-error'
import type { AcceptanceForm } from '../../../electron/core/acceptance/acceptance-form'
import { drawSignaturePng } from '../acceptance/support/images'
import { PDF_BYTES, PNG_BYTES } from '../../support/evidence-files'
import { SECRETS } from '../vault/vault-fixture'
import { LANZHOU, SHENZHEN } from '../../support/temp-core'

export const FAST = { n: 2 ** 10, r: 8, p: 1 }
export const BUNDLE_PASS = '春风不度玉门关 交接 2026'
export const VAULT_A = '黄河远上白云间 2026!'
export const VAULT_B = '一片孤城万仞山 laptop-b'

export interface Laptop {
  dir: string
  dbPath: string
  core: Core
  close(): void
}

const dirs: string[] = []
const cores: Core[] = []

export function laptop(name: string): Laptop {
  const dir = mkdtempSync(join(tmpdir(), `desk-bundle-${name}-`))
  dirs.push(dir)
  const dbPath = join(dir, 'desk.sqlite')
  let now = Date.parse('2026-03-01T08:00:00.000Z')
  const core = openNodeCore(dbPath, {
    clock: () => new Date((now += 1000)),
    scryptParams: FAST
  })
  core.deps.settings.update({ implementerName: `实施-${name}` })
  cores.push(core)
  return { dir, dbPath, core, close: () => core.deps.db.close() }
}

export function cleanupLaptops(): void {
  for (const c of cores.splice(0)) if (c.deps.db.open) c.deps.db.close()
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
}

function completed(form: AcceptanceForm): AcceptanceForm {
  const f = structuredClone(form)
  f.project.goLiveDate = '2026-03-18'
  f.checklist = f.checklist.map((row) =>
    row.result === null ? { ...row, result: 'na', decidedBy: 'implementer' } : row
  )
  f.conclusion = 'pass'
  f.signatures.customer.signerName = '张伟'
  return f
}

/** A customer with every kind of record; returns its id and the exported file's path. */
export async function fullCustomer(
  l: Laptop,
  who: { name: string; taxId: string } = LANZHOU,
  options: { secrets?: boolean } = {}
): Promise<{ customerId: number; deliveryId: number; exportPath: string }> {
  const core = l.core
  const customerId = core.customers.create({ ...LANZHOU, ...who }).customer.id
  const deliveryId = core.deliveries.create(customerId, {
    orderNumber: `SO-${who.taxId.slice(-4)}`,
    products: ['数电开票'],
    plannedGoLive: '2026-03-20'
  }).delivery.id
  core.deliveries.updateStage({
    deliveryId,
    stage: 'kickoff',
    answers: { order_confirmed: true },
    notes: '已开项目启动会',
    status: 'in_progress'
  })
  const png = join(l.dir, 'activation.png')
  writeFileSync(png, PNG_BYTES())
  await core.evidence.add(deliveryId, 'activation', png)
  core.incidents.create(customerId, deliveryId, {
    symptom: 'login_expired',
    description: '首张发票推送失败',
    cause: '邮箱填错'
  })
  const draft = core.acceptance.get(deliveryId)
  core.acceptance.save(draft.id, completed(draft.form))
  core.acceptance.sign(draft.id, 'customer', '张伟', {
    mime: 'image/png',
    base64: drawSignaturePng(300, 100).toString('base64')
  })
  const signed = core.acceptance.markSigned(draft.id)
  const exportPath = join(l.dir, `验收单-${who.taxId}.docx`)
  await core.acceptance.export(signed.id, exportPath)
  const scan = join(l.dir, 'scan.pdf')
  writeFileSync(scan, PDF_BYTES())
  await core.acceptance.attachScan(signed.id, scan)
  // a second version supersedes the signed one
  const v2 = core.acceptance.save(signed.id, {
    ...signed.form,
    remarks: '补充说明'
  } as AcceptanceForm)
  void v2
  if (options.secrets !== false) core.credentials.setMany(customerId, { ...SECRETS })
  return { customerId, deliveryId, exportPath }
}

export async function refusalOf(promise: Promise<unknown>): Promise<DeskError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof DeskError) return error
    throw error
  }
  throw new Error('expected a refusal')
}

/** Every row of every table but the audit log and the vault header: what an import may change. */
export function contentOf(core: Core): string {
  const db = core.deps.db
  const tables = [
    'customers',
    'deliveries',
    'stage_progress',
    'incidents',
    'evidence',
    'acceptance_forms',
    'acceptance_exports',
    'acceptance_scans',
    'credentials'
  ]
  return JSON.stringify(
    tables.map((t) => db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).raw().all()),
    (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('base64') : v)
  )
}

export { LANZHOU, SHENZHEN, SECRETS }
