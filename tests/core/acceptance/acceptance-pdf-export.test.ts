/**
 * core.acceptance.exportPdf through the contract's `acceptance.exportPdf` call: the PDF is
 * made in-process, written, recorded with its SHA-256 and accepted by `acceptance.verify`.
 */
import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { dispatch } from '../../../electron/core/contract/dispatch'
import { createHandlers } from '../../../electron/core/handlers'
import { openNodeCore } from '../../../electron/core/node-core'
import type { Core } from '../../../electron/core/core'
import { walkWholeDelivery } from '../../e2e/support/walk-delivery'
import { LANZHOU, tempCore, type TempCore } from '../../support/temp-core'
import { signedForm } from './support/sample-form'

let t: TempCore

/** A delivery walked to the end and its form filled in and signed by both sides. */
function signedFormId(core: Core): number {
  const customer = core.customers.create({ ...LANZHOU, email: 'finance@example.cn' }).customer
  const deliveryId = core.deliveries.create(customer.id, {
    orderNumber: 'SO-2026-0042',
    products: ['数电开票'],
    plannedGoLive: '2026-03-16'
  }).delivery.id
  walkWholeDelivery(core, deliveryId)
  const record = core.acceptance.get(deliveryId)
  const sample = signedForm()
  const form = structuredClone(record.form)
  form.project.goLiveDate = '2026-03-16'
  form.checklist = form.checklist.map((row) =>
    row.result === null ? { ...row, result: 'na', decidedBy: 'implementer' } : row
  )
  form.conclusion = 'pass'
  form.signatures = sample.signatures
  return core.acceptance.save(record.id, form).id
}

const call = (core: Core, name: string, payload: unknown) =>
  dispatch(createHandlers(core), name, payload)

beforeEach(() => {
  t = tempCore({ implementer: '李晓明' })
})
afterEach(() => t.cleanup())

describe('acceptance.exportPdf', () => {
  it('writes the PDF in-process, records its SHA-256 and verify accepts it', async () => {
    const formId = signedFormId(t.core)
    const path = join(t.dir, '上线验收单.pdf')
    const result = await call(t.core, 'acceptance.exportPdf', { formId, path })
    const bytes = readFileSync(path)
    const sha256 = createHash('sha256').update(bytes).digest('hex')
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    expect(result).toMatchObject({ ok: true, result: { cancelled: false, format: 'pdf', sha256 } })
    const entry = t.core.audit.list({ action: 'acceptance.export' }).items[0]
    expect(entry?.details).toMatchObject({ format: 'pdf', sha256, size: bytes.length })
    expect(await t.core.acceptance.verify(path)).toMatchObject({ matches: true, sha256 })
  })

  it('refuses an incomplete form and writes nothing', async () => {
    const formId = t.core.acceptance.get(
      t.core.deliveries.create(t.core.customers.create(LANZHOU).customer.id, {
        orderNumber: 'SO-2026-0043',
        products: ['数电开票'],
        plannedGoLive: '2026-03-16'
      }).delivery.id
    ).id
    const path = join(t.dir, 'incomplete.pdf')
    const result = await call(t.core, 'acceptance.exportPdf', { formId, path })
    expect(result).toMatchObject({ ok: false, error: { code: 'FORM_INCOMPLETE' } })
    expect(existsSync(path)).toBe(false)
  })

  it('refuses with PDF_UNAVAILABLE when the font file is missing, and writes nothing', async () => {
    const core = openNodeCore(join(t.dir, 'other.sqlite'), {
      pdfFontPath: join(t.dir, 'no-such-font.ttc')
    })
    try {
      core.deps.settings.update({ implementerName: '李晓明' })
      const formId = signedFormId(core)
      const path = join(t.dir, 'nofont.pdf')
      const result = await call(core, 'acceptance.exportPdf', { formId, path })
      expect(result).toMatchObject({ ok: false, error: { code: 'PDF_UNAVAILABLE' } })
      expect(existsSync(path)).toBe(false)
    } finally {
      core.deps.db.close()
    }
  })
})
